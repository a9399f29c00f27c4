using EqualFooting.Record;

namespace EqualFooting.Web.Kernel;

/// <summary>The kernel's services: the acting user, process access, versions and the write path. Depends on no feature.</summary>
public static class KernelServices
{
    public static IServiceCollection AddKernel(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<Actors>();
        services.AddScoped<ProcessVersions>();
        services.AddScoped<ProcessAccess>();
        services.AddScoped<Writes>();
        services.AddSingleton<RecordActions>();
        return services;
    }

    /// <summary>Declares a feature's record actions, so the record can phrase their entries.</summary>
    public static IServiceCollection AddRecordActions(this IServiceCollection services, IEnumerable<RecordAction> actions)
    {
        foreach (var action in actions)
        {
            services.AddSingleton(action);
        }

        return services;
    }
}

/// <summary>Every record action the features declared, by name; two features may not declare the same name.</summary>
public sealed class RecordActions
{
    private readonly Dictionary<string, RecordAction> _byName;

    public RecordActions(IEnumerable<RecordAction> declared)
    {
        _byName = new Dictionary<string, RecordAction>(StringComparer.Ordinal);
        foreach (var action in declared)
        {
            if (!_byName.TryAdd(action.Name, action) && !ReferenceEquals(_byName[action.Name], action))
            {
                throw new InvalidOperationException($"Two features declare the record action \"{action.Name}\".");
            }
        }
    }

    public IReadOnlyCollection<RecordAction> All => _byName.Values;

    /// <summary>The phrase readers see; an action no feature declares any more shows its name.</summary>
    public string PhraseOf(string name) => _byName.TryGetValue(name, out var a) ? a.Phrase : name;
}
