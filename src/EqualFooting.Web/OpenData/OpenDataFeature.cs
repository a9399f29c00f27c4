using EqualFooting.Web.Hosting;

namespace EqualFooting.Web.OpenData;

public sealed record OpenDataSectionModel(int ProcessId);

/// <summary>The process page's links to its open data: the ZIP export, the Atom feed and the balance dashboard.</summary>
public sealed class OpenDataSection : ProcessSection
{
    public override int Order => 950;

    public override string Partial => "/OpenData/_ProcessSection.cshtml";

    public override Task<object> ModelAsync(ProcessContext context, CancellationToken ct) =>
        Task.FromResult<object>(new OpenDataSectionModel(context.Process.Id));
}

/// <summary>Open data: a whole process as a ZIP of JSON and CSV with a README, and participation balance across processes.</summary>
public static class OpenDataFeature
{
    public static IServiceCollection AddOpenData(this IServiceCollection services)
    {
        services.AddScoped<ProcessExport>();
        services.AddProcessSection<OpenDataSection>();
        return services;
    }

    public static IEndpointRouteBuilder MapOpenData(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/processes/{id:int}/export.zip", async (int id, ProcessAccess processes, ProcessExport export, TimeProvider clock, CancellationToken ct) =>
        {
            var found = await processes.ViewAsync(id, ct);
            if (found.Error is { } error)
            {
                return Problems.ToResult(error);
            }

            var process = found.Value.Process;
            var now = clock.GetUtcNow();
            var zip = ProcessExport.Zip(process, await export.TablesAsync(process, ct), now);
            return Results.File(zip, "application/zip", $"process-{id}-{now:yyyyMMdd}.zip");
        }).WithTags("Open data")
            .WithName("ProcessExport")
            .WithSummary("The whole process as open data: a ZIP of JSON and CSV files (participants as the privacy settings allow, comments and dispositions, sessions, interventions and attendance, polls and results, decisions and tallies, outcomes) with a README describing every file and field")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
