namespace EqualFooting.Web.Assessments;

/// <summary>Assessment grids: use cases, read models, endpoints and the process page's section.</summary>
public static class GridFeature
{
    public static IServiceCollection AddAssessments(this IServiceCollection services)
    {
        services.AddScoped<GridCommands>();
        services.AddScoped<GridQueries>();
        services.AddSingleton<GridGate>();
        services.AddRecordActions(GridRecord.All);
        services.AddProcessSection<GridsSection>();
        return services;
    }

    public static IEndpointRouteBuilder MapAssessments(this IEndpointRouteBuilder app)
    {
        app.MapGridEndpoints();
        return app;
    }
}

public sealed record GridsSectionModel(int ProcessId, IReadOnlyList<GridDto> Grids, bool CanRun);

/// <summary>The process page's list of assessment grids, with the link to open one for those who run them.</summary>
public sealed class GridsSection(GridQueries grids) : ProcessSection
{
    public override int Order => 155;

    public override string Partial => "/Assessments/_ProcessSection.cshtml";

    public override async Task<object> ModelAsync(ProcessContext context, CancellationToken ct) =>
        new GridsSectionModel(context.Process.Id, await grids.ListAsync(context.Process.Id, ct), EqualFooting.Assessments.GridPolicy.Run(context.Actor, context.Process) is null);
}
