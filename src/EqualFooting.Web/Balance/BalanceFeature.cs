using System.Globalization;
using System.Text;
using EqualFooting.Common;
using EqualFooting.Web.Hosting;

namespace EqualFooting.Web.Balance;

/// <summary>The participation-balance dashboard: who takes part and who is heard, per process, as a page, JSON and CSV.</summary>
public static class BalanceFeature
{
    public static IServiceCollection AddBalance(this IServiceCollection services)
    {
        services.AddScoped<BalanceQueries>();
        services.AddScoped<BalanceOverTime>();
        return services;
    }

    public static IEndpointRouteBuilder MapBalance(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/balance", async (string? measure, BalanceOverTime overTime, CancellationToken ct) =>
            Problems.ToResult(await overTime.ReadAsync(measure, ct), dto => Results.Ok(dto)))
            .WithTags("Balance")
            .WithName("ParticipationBalanceOverTime")
            .WithSummary("Participation balance across every public process, by start date: one measure's shares and indices by stakeholder group and region")
            .Produces<BalanceOverTimeDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapGet("/api/balance.csv", async (string? measure, BalanceOverTime overTime, CancellationToken ct) =>
            Problems.ToResult(await overTime.ReadAsync(measure, ct), dto =>
                Results.File(Encoding.UTF8.GetBytes(BalanceOverTime.Csv(dto)), "text/csv; charset=utf-8", $"balance-over-time-{dto.Measure}.csv")))
            .WithTags("Balance")
            .WithName("ParticipationBalanceOverTimeCsv")
            .WithSummary("Participation balance across processes as CSV: one row per process, split and group or region")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        var api = app.MapGroup("/api/processes/{id:int}").WithTags("Balance");
        api.MapGet("/balance", async (int id, double? threshold, ProcessAccess processes, BalanceQueries queries, TimeProvider clock, CancellationToken ct) =>
        {
            var found = await LoadAsync(id, threshold, processes, queries, clock, ct);
            return found.Error is { } error ? Problems.ToResult(error) : Results.Ok(found.Value);
        }).WithName("ParticipationBalance")
            .WithSummary("The participation-balance dashboard of a process: shares by stakeholder group and region, indices, warnings and working-group health")
            .Produces<BalanceDashboard>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/balance.csv", async (int id, double? threshold, ProcessAccess processes, BalanceQueries queries, TimeProvider clock, CancellationToken ct) =>
        {
            var found = await LoadAsync(id, threshold, processes, queries, clock, ct);
            return found.Error is { } error
                ? Problems.ToResult(error)
                : Results.File(Encoding.UTF8.GetBytes(Csv(found.Value)), "text/csv; charset=utf-8", $"balance-{id}.csv");
        }).WithName("ParticipationBalanceCsv")
            .WithSummary("The participation-balance dashboard as CSV: one row per measure, split and group or region")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>The dashboard of a process the caller may see; a threshold, when given, replaces the setting for this view.</summary>
    public static async Task<Result<BalanceDashboard>> LoadAsync(int id, double? threshold, ProcessAccess processes, BalanceQueries queries, TimeProvider clock, CancellationToken ct)
    {
        if (threshold is { } t && (double.IsNaN(t) || t <= 0 || t >= 1))
        {
            return Error.Invalid("threshold", "The threshold is a share between 0 and 1, such as 0.1.");
        }

        var found = await processes.ViewAsync(id, ct);
        if (found.Error is { } error)
        {
            return error;
        }

        return await queries.DashboardAsync(found.Value.Process, clock.GetUtcNow(), threshold, ct);
    }

    /// <summary>measure, split (group or region), name, count, share, with the indices of each measure as rows of their own.</summary>
    public static string Csv(BalanceDashboard dashboard)
    {
        var csv = new StringBuilder("measure,split,name,count,share\n");
        static string Field(string s) => s.Contains('"', StringComparison.Ordinal) || s.Contains(',', StringComparison.Ordinal) || s.Contains('\n', StringComparison.Ordinal)
            ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : s;
        static string Number(double? d) => d is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : string.Empty;
        foreach (var row in dashboard.Measures)
        {
            foreach (var (split, measure) in new[] { ("stakeholder-group", row.ByGroup), ("region", row.ByRegion) })
            {
                foreach (var g in measure.Groups)
                {
                    csv.Append(CultureInfo.InvariantCulture, $"{row.Key},{split},{Field(g.Group)},{g.Count},{Number(g.Share)}\n");
                }

                csv.Append(CultureInfo.InvariantCulture, $"{row.Key},{split},(evenness),,{Number(measure.Evenness)}\n");
                csv.Append(CultureInfo.InvariantCulture, $"{row.Key},{split},(largest-to-smallest),,{Number(measure.LargestToSmallest)}\n");
            }
        }

        foreach (var cell in dashboard.RegistrationsByGender)
        {
            // A hidden cell shows neither its count nor a share that would give the count away.
            csv.Append(CultureInfo.InvariantCulture, $"registrations,gender,{Field(cell.Key.Length == 0 ? "(not stated)" : cell.Key)},{(cell.Hidden ? $"<{dashboard.MinimumCellSize}" : cell.People.ToString(CultureInfo.InvariantCulture))},\n");
        }

        foreach (var r in dashboard.FloorAgainstPresence)
        {
            csv.Append(CultureInfo.InvariantCulture, $"speaking-time-against-{dashboard.FloorPresence},stakeholder-group,{Field(r.Group)},,{Number(r.Ratio)}\n");
        }

        foreach (var r in dashboard.AcceptedAgainstPresence)
        {
            csv.Append(CultureInfo.InvariantCulture, $"accepted-comments-against-registrations,stakeholder-group,{Field(r.Group)},,{Number(r.Ratio)}\n");
        }

        return csv.ToString();
    }
}
