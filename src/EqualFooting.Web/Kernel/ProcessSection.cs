namespace EqualFooting.Web.Kernel;

/// <summary>
/// A feature's part of the process page: a partial view and the model it renders, read for the process and the
/// acting user. The page knows no feature; it shows every registered section in <see cref="Order"/>.
/// </summary>
public abstract class ProcessSection
{
    /// <summary>Where the section stands on the page, lowest first.</summary>
    public abstract int Order { get; }

    /// <summary>The partial view, by its full path (<c>/Sessions/_ProcessSection.cshtml</c>).</summary>
    public abstract string Partial { get; }

    /// <summary>The model for <see cref="Partial"/>; the shared, untracked process from the version-keyed cache.</summary>
    public abstract Task<object> ModelAsync(ProcessContext context, CancellationToken ct);
}

/// <summary>A section ready to render.</summary>
public sealed record RenderedSection(string Partial, object Model);

public static class ProcessSections
{
    public static IServiceCollection AddProcessSection<TSection>(this IServiceCollection services)
        where TSection : ProcessSection =>
        services.AddScoped<ProcessSection, TSection>();

    public static async Task<IReadOnlyList<RenderedSection>> RenderAsync(IEnumerable<ProcessSection> sections, ProcessContext context, CancellationToken ct)
    {
        var rendered = new List<RenderedSection>();
        foreach (var section in sections.OrderBy(s => s.Order))
        {
            rendered.Add(new RenderedSection(section.Partial, await section.ModelAsync(context, ct)));
        }

        return rendered;
    }
}
