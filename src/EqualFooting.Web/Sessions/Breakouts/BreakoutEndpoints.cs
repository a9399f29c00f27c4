using EqualFooting.Common;
using EqualFooting.Sessions;
using EqualFooting.Web.Hosting;

namespace EqualFooting.Web.Sessions.Breakouts;

public sealed record TableRequest(int? Table);

/// <param name="Group">The group's number; null takes the person out of every group of the round.</param>
public sealed record MoveRequest(int? Group);

public sealed record RapporteurRequest(int? ParticipantId);

/// <param name="Version">The report version the text was based on (0 for a new report); a newer one on the server is a 409 carrying its text.</param>
/// <param name="Reported">Send the report to the rapporteur (it stays sent through later edits).</param>
public sealed record ReportRequest(string? Text, int? Version, bool? Reported);

public static class BreakoutEndpoints
{
    public static void MapBreakoutEndpoints(this IEndpointRouteBuilder app)
    {
        var session = app.MapGroup("/api/sessions/{sessionId:int}").WithTags("Breakouts");

        session.MapGet("/breakouts", async (int sessionId, SessionCommands sessions, BreakoutQueries queries, CancellationToken ct) =>
        {
            var found = await sessions.FindAsync(sessionId, ct);
            return found.Error is { } error ? Problems.ToResult(error) : Results.Ok(await queries.ListAsync(sessionId, ct));
        }).WithName("ListBreakouts")
            .WithSummary("List a session's breakouts");

        session.MapPost("/breakouts", async (int sessionId, SplitRequest request, BreakoutCommands commands, BreakoutQueries queries, CancellationToken ct) =>
        {
            var created = await commands.SplitAsync(sessionId, request, ct);
            return created.Error is { } error ? Problems.ToResult(error) : await ViewAsync(created.Value.Id, commands, queries, ct, created: true);
        }).WithName("SplitIntoBreakouts")
            .WithSummary("Split a session into breakout groups");

        session.MapPut("/table", async (int sessionId, TableRequest request, BreakoutCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.DeclareTableAsync(sessionId, request.Table, ct), table => Results.Ok(new { table })))
            .WithName("DeclareTable")
            .WithSummary("Declare the tables of a room for breakouts");

        var breakout = app.MapGroup("/api/breakouts/{breakoutId:int}").WithTags("Breakouts");

        breakout.MapGet("", (int breakoutId, BreakoutCommands commands, BreakoutQueries queries, CancellationToken ct) =>
            ViewAsync(breakoutId, commands, queries, ct)).WithName("BreakoutRound")
            .WithSummary("Read a breakout with its groups");

        breakout.MapGet("/report.md", async (int breakoutId, HttpContext http, BreakoutCommands commands, BreakoutQueries queries, CancellationToken ct) =>
        {
            var found = await commands.FindAsync(breakoutId, ct);
            if (found.Error is { } error)
            {
                return Problems.ToResult(error);
            }

            http.Response.Headers.ContentDisposition = $"attachment; filename=\"breakout-{breakoutId}-report.md\"";
            return Results.Text(BreakoutQueries.Markdown(await queries.ViewAsync(found.Value, ct)), "text/markdown; charset=utf-8");
        }).WithName("BreakoutReportMarkdown")
            .WithSummary("A breakout's report as Markdown");

        breakout.MapPut("/members/{participantId:int}", async (int breakoutId, int participantId, MoveRequest request, BreakoutCommands commands, BreakoutQueries queries, CancellationToken ct) =>
            await ThenViewAsync(await commands.MoveAsync(breakoutId, participantId, request.Group, ct), breakoutId, commands, queries, ct))
            .WithName("MoveBreakoutMember")
            .WithSummary("Move a participant to another breakout group");

        breakout.MapPut("/groups/{group:int}/rapporteur", async (int breakoutId, int group, RapporteurRequest request, BreakoutCommands commands, BreakoutQueries queries, CancellationToken ct) =>
            await ThenViewAsync(await commands.ChooseRapporteurAsync(breakoutId, group, request.ParticipantId, ct), breakoutId, commands, queries, ct))
            .WithName("ChooseGroupRapporteur")
            .WithSummary("Name a breakout group's rapporteur");

        breakout.MapPut("/groups/{group:int}/report", async (int breakoutId, int group, ReportRequest request, BreakoutCommands commands, BreakoutQueries queries, CancellationToken ct) =>
        {
            var saved = await commands.SaveReportAsync(breakoutId, group, request.Text, request.Version, request.Reported ?? false, ct);
            if (saved.Error is { Kind: ErrorKind.Conflict, Field: "version" } stale)
            {
                return await StaleReportAsync(stale, breakoutId, group, commands, queries, ct);
            }

            return saved.Error is { } error ? Problems.ToResult(error) : Results.Ok(await ReportOfAsync(breakoutId, group, commands, queries, ct));
        }).WithName("SaveGroupReport")
            .WithSummary("Write a breakout group's report");

        breakout.MapPost("/groups/{group:int}/reminders", async (int breakoutId, int group, BreakoutCommands commands, BreakoutQueries queries, CancellationToken ct) =>
        {
            var reminded = await commands.RemindAsync(breakoutId, group, ct);
            return reminded.Error is { } error ? Problems.ToResult(error) : Results.Ok(await ReportOfAsync(breakoutId, group, commands, queries, ct));
        }).WithName("RemindGroup")
            .WithSummary("Remind a breakout group's rapporteur");
    }

    private static async Task<IResult> ViewAsync(int breakoutId, BreakoutCommands commands, BreakoutQueries queries, CancellationToken ct, bool created = false)
    {
        var found = await commands.FindAsync(breakoutId, ct);
        if (found.Error is { } error)
        {
            return Problems.ToResult(error);
        }

        var view = await queries.ViewAsync(found.Value, ct);
        return created ? Results.Created($"/api/breakouts/{breakoutId}", view) : Results.Ok(view);
    }

    private static async Task<IResult> ThenViewAsync<T>(Result<T> result, int breakoutId, BreakoutCommands commands, BreakoutQueries queries, CancellationToken ct) =>
        result.Error is { } error ? Problems.ToResult(error) : await ViewAsync(breakoutId, commands, queries, ct);

    private static async Task<BreakoutGroupDto?> ReportOfAsync(int breakoutId, int group, BreakoutCommands commands, BreakoutQueries queries, CancellationToken ct)
    {
        var found = await commands.FindAsync(breakoutId, ct);
        return found.IsSuccess ? (await queries.ViewAsync(found.Value, ct)).Groups.FirstOrDefault(g => g.Number == group) : null;
    }

    /// <summary>A 409 that carries the text saved meanwhile, so the writer can merge it with theirs instead of losing either.</summary>
    private static async Task<IResult> StaleReportAsync(Error stale, int breakoutId, int group, BreakoutCommands commands, BreakoutQueries queries, CancellationToken ct)
    {
        var current = await ReportOfAsync(breakoutId, group, commands, queries, ct);
        return Results.Problem(
            detail: stale.Message,
            statusCode: StatusCodes.Status409Conflict,
            title: "The report changed while you were editing it.",
            extensions: new Dictionary<string, object?>
            {
                ["field"] = stale.Field,
                ["currentVersion"] = current?.Report.Version,
                ["currentText"] = current?.Report.Text,
                ["editedBy"] = current?.Report.EditedBy,
                ["editedAt"] = current?.Report.EditedAt,
            });
    }
}
