using EqualFooting.Common;
using EqualFooting.Sessions;
using EqualFooting.Web.Hosting;

namespace EqualFooting.Web.Sessions;

public sealed record SessionRequest(
    string? Title,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    string? Room,
    bool? RemoteParticipation,
    QueuePolicyKind? Policy,
    QueuePolicySettings? PolicySettings,
    string? ConferenceUrl = null);

public sealed record AgendaItemRequest(string? Title, int? PlannedMinutes, int? AllottedSeconds);

/// <param name="Kind">Normal, PointOfOrder, InterposedQuestion or FollowUp; <paramref name="PointOfOrder"/> is the older way to say PointOfOrder.</param>
public sealed record HandRequest(bool? Remote, bool? PointOfOrder, HandKind? Kind = null)
{
    public HandKind HandKind => Kind ?? (PointOfOrder == true ? HandKind.PointOfOrder : HandKind.Normal);
}

/// <param name="PointOfOrder">The person raised a point of order from the floor: it goes before every other hand.</param>
/// <param name="Kind">Normal, PointOfOrder, InterposedQuestion or FollowUp, as raised from the floor.</param>
public sealed record InRoomSpeakerRequest(string? Name, int? StakeholderGroupId, int? RegionId, string? Gender, bool? PointOfOrder = null, HandKind? Kind = null)
{
    public HandKind HandKind => Kind ?? (PointOfOrder == true ? HandKind.PointOfOrder : HandKind.Normal);
}

/// <param name="ConferenceUrl">An https address; empty or null removes the link.</param>
public sealed record ConferenceLinkRequest(string? ConferenceUrl);

/// <param name="ExpectedSequence">The sequence number the moderator's screen showed; if the session has moved on, the action is a 409.</param>
public sealed record ModeratorRequest(long? ExpectedSequence);

/// <param name="EntryId">The hand to give the floor to; omitted for the suggested next speaker.</param>
/// <param name="Reason">Required when the hand is not the suggested one.</param>
public sealed record FloorRequest(long? EntryId, string? Reason, long? ExpectedSequence);

public sealed record AllotmentRequest(int? AllottedSeconds, long? ExpectedSequence);

public sealed record EntryDto(long EntryId, long Sequence);

public static class SessionEndpoints
{
    public static void MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var process = app.MapGroup("/api/processes/{id:int}/sessions").WithTags("Sessions");

        process.MapGet("", async (int id, ProcessAccess processes, SessionQueries queries, CancellationToken ct) =>
        {
            var found = await processes.FindAsync(id, ct);
            return found.Error is { } error ? Problems.ToResult(error) : Results.Ok(await queries.ListAsync(id, ct));
        }).WithName("ListSessions")
            .WithSummary("List the sessions of a process");

        process.MapPost("", async (int id, SessionRequest request, SessionCommands commands, CancellationToken ct) =>
        {
            var details = new SessionDetails(request.Title, request.StartsAt, request.EndsAt, request.Room, request.RemoteParticipation ?? true, request.ConferenceUrl);
            return Problems.ToResult(await commands.CreateSessionAsync(id, details, request.Policy, request.PolicySettings, ct), s =>
                Results.Created($"/api/sessions/{s.Id}", new SessionSummaryDto(s.Id, s.ProcessId, s.Title, s.StartsAt, s.EndsAt, s.Room, s.RemoteParticipation, s.Status)));
        }).WithName("CreateSession")
            .WithSummary("Schedule a session");

        var session = app.MapGroup("/api/sessions/{sessionId:int}").WithTags("Sessions");

        session.MapGet("", async (int sessionId, SessionCommands commands, SessionQueries queries, CancellationToken ct) =>
            await StateAsync(sessionId, commands, queries, ct)).WithName("SessionState")
            .WithSummary("Read a session with its queue and floor");

        session.MapGet("/statistics", async (int sessionId, SessionCommands commands, SessionQueries queries, CancellationToken ct) =>
        {
            var found = await commands.FindAsync(sessionId, ct);
            return found.Error is { } error ? Problems.ToResult(error) : Results.Ok(await queries.StatisticsAsync(found.Value, ct));
        }).WithName("SessionStatistics")
            .WithSummary("Speaking statistics of a session, by stakeholder group and region");

        session.MapGet("/ical", async (int sessionId, HttpContext http, SessionCommands commands, TimeProvider clock, CancellationToken ct) =>
        {
            var found = await commands.FindAsync(sessionId, ct);
            if (found.Error is { } error)
            {
                return Problems.ToResult(error);
            }

            var (s, process, _) = found.Value;
            var agenda = s.Agenda.OrderBy(a => a.Position).Select(a => $"{a.Position}. {a.Title} ({a.PlannedMinutes} min)");
            var origin = $"{http.Request.Scheme}://{http.Request.Host}";
            var calendar = ICalendar.Write(new CalendarEvent(
                $"session-{s.Id}@{http.Request.Host.Host}",
                clock.GetUtcNow(),
                s.StartsAt,
                s.EndsAt,
                s.Title,
                s.Room,
                string.Join("\n", new[] { process.Name }.Concat(agenda)),
                $"{origin}/sessions/{s.Id}"));
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"session-{s.Id}.ics\"";
            return Results.Text(calendar, "text/calendar; charset=utf-8");
        }).WithName("SessionCalendar")
            .WithSummary("A session as an iCalendar event");

        session.MapPost("/agenda", async (int sessionId, AgendaItemRequest request, SessionCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.AddAgendaItemAsync(sessionId, request.Title, request.PlannedMinutes, request.AllottedSeconds, ct), item =>
                Results.Created($"/api/sessions/{sessionId}", new AgendaItemDto(item.Id, item.Position, item.Title, item.PlannedMinutes, item.AllottedSeconds, item.StartedAt, item.EndedAt, null))))
            .WithName("AddAgendaItem")
            .WithSummary("Add an agenda item");

        session.MapPost("/agenda/{itemId:int}/start", async (int sessionId, int itemId, ModeratorRequest? request, SessionCommands commands, SessionQueries queries, CancellationToken ct) =>
            await ThenStateAsync(await commands.StartAgendaItemAsync(sessionId, itemId, request?.ExpectedSequence, ct), sessionId, commands, queries, ct))
            .WithName("StartAgendaItem")
            .WithSummary("Start an agenda item");

        session.MapPut("/allotment", async (int sessionId, AllotmentRequest request, SessionCommands commands, SessionQueries queries, CancellationToken ct) =>
            await ThenStateAsync(await commands.AdjustAllotmentAsync(sessionId, request.AllottedSeconds, request.ExpectedSequence, ct), sessionId, commands, queries, ct))
            .WithName("AdjustAllotment")
            .WithSummary("Set the speaking-time allotment");

        session.MapPost("/start", async (int sessionId, ModeratorRequest? request, SessionCommands commands, SessionQueries queries, CancellationToken ct) =>
            await ThenStateAsync(await commands.StartSessionAsync(sessionId, request?.ExpectedSequence, ct), sessionId, commands, queries, ct))
            .WithName("StartSession")
            .WithSummary("Start a session");

        session.MapPost("/end", async (int sessionId, ModeratorRequest? request, SessionCommands commands, SessionQueries queries, CancellationToken ct) =>
            await ThenStateAsync(await commands.EndSessionAsync(sessionId, request?.ExpectedSequence, ct), sessionId, commands, queries, ct))
            .WithName("EndSession")
            .WithSummary("End a session");

        session.MapPost("/hands", async (int sessionId, HandRequest? request, SessionCommands commands, CancellationToken ct) =>
            await EntryAsync(await commands.RaiseHandAsync(sessionId, request?.Remote ?? false, request?.HandKind ?? HandKind.Normal, ct), sessionId, commands, ct))
            .WithName("RaiseHand")
            .WithSummary("Raise your hand to speak");

        session.MapDelete("/hands/me", async (int sessionId, SessionCommands commands, SessionQueries queries, CancellationToken ct) =>
            await ThenStateAsync(await commands.LowerHandAsync(sessionId, ct), sessionId, commands, queries, ct))
            .WithName("LowerHand")
            .WithSummary("Lower your own hand");

        session.MapPost("/hands/in-room", async (int sessionId, InRoomSpeakerRequest request, SessionCommands commands, CancellationToken ct) =>
            await EntryAsync(await commands.AddInRoomSpeakerAsync(sessionId, request.Name, request.StakeholderGroupId, request.RegionId, request.Gender, request.HandKind, ct), sessionId, commands, ct))
            .WithName("AddInRoomSpeaker")
            .WithSummary("Add an in-room speaker to the queue");

        session.MapDelete("/hands/{entryId:long}", async (int sessionId, long entryId, SessionCommands commands, SessionQueries queries, CancellationToken ct) =>
            await ThenStateAsync(await commands.LowerHandOfAsync(sessionId, entryId, ct), sessionId, commands, queries, ct))
            .WithName("LowerHandOf")
            .WithSummary("Remove an entry from the speaking queue");

        session.MapPost("/floor", async (int sessionId, FloorRequest? request, SessionCommands commands, SessionQueries queries, CancellationToken ct) =>
            await ThenStateAsync(await commands.GiveFloorAsync(sessionId, request?.EntryId, request?.Reason, request?.ExpectedSequence, ct), sessionId, commands, queries, ct))
            .WithName("GiveFloor")
            .WithSummary("Give the floor to the next speaker");

        session.MapPost("/floor/end", async (int sessionId, ModeratorRequest? request, SessionCommands commands, SessionQueries queries, CancellationToken ct) =>
            await ThenStateAsync(await commands.EndInterventionAsync(sessionId, request?.ExpectedSequence, ct), sessionId, commands, queries, ct))
            .WithName("EndIntervention")
            .WithSummary("End the current intervention");

        session.MapPost("/floor/pause", async (int sessionId, ModeratorRequest? request, SessionCommands commands, SessionQueries queries, CancellationToken ct) =>
            await ThenStateAsync(await commands.PauseAsync(sessionId, pause: true, request?.ExpectedSequence, ct), sessionId, commands, queries, ct))
            .WithName("PauseIntervention")
            .WithSummary("Pause the current speaker's time")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        session.MapPost("/floor/resume", async (int sessionId, ModeratorRequest? request, SessionCommands commands, SessionQueries queries, CancellationToken ct) =>
            await ThenStateAsync(await commands.PauseAsync(sessionId, pause: false, request?.ExpectedSequence, ct), sessionId, commands, queries, ct))
            .WithName("ResumeIntervention")
            .WithSummary("Resume the current speaker's time where it stopped")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        session.MapPut("/conference-link", async (int sessionId, ConferenceLinkRequest request, SessionCommands commands, SessionQueries queries, CancellationToken ct) =>
            await ThenStateAsync(await commands.ChangeConferenceLinkAsync(sessionId, request.ConferenceUrl, ct), sessionId, commands, queries, ct))
            .WithName("ChangeConferenceLink")
            .WithSummary("Set, change or remove the session's conference or livestream link")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        session.MapPost("/queue/close", async (int sessionId, ModeratorRequest? request, SessionCommands commands, SessionQueries queries, CancellationToken ct) =>
            await ThenStateAsync(await commands.CloseQueueAsync(sessionId, request?.ExpectedSequence, ct), sessionId, commands, queries, ct))
            .WithName("CloseQueue")
            .WithSummary("Close the speaking queue");

        session.MapPost("/queue/reopen", async (int sessionId, ModeratorRequest? request, SessionCommands commands, SessionQueries queries, CancellationToken ct) =>
            await ThenStateAsync(await commands.ReopenQueueAsync(sessionId, request?.ExpectedSequence, ct), sessionId, commands, queries, ct))
            .WithName("ReopenQueue")
            .WithSummary("Reopen the speaking queue");

        app.MapSessionUiEndpoints();
    }

    private static async Task<IResult> StateAsync(int sessionId, SessionCommands commands, SessionQueries queries, CancellationToken ct)
    {
        var found = await commands.FindAsync(sessionId, ct);
        return found.Error is { } error ? Problems.ToResult(error) : Results.Ok(await queries.StateAsync(found.Value, ct));
    }

    /// <summary>Answers a successful change with the state after it, so the caller needs no second request.</summary>
    private static async Task<IResult> ThenStateAsync<T>(Result<T> result, int sessionId, SessionCommands commands, SessionQueries queries, CancellationToken ct) =>
        result.Error is { } error ? Problems.ToResult(error) : await StateAsync(sessionId, commands, queries, ct);

    private static async Task<IResult> EntryAsync(Result<QueueEntry> result, int sessionId, SessionCommands commands, CancellationToken ct)
    {
        if (result.Error is { } error)
        {
            return Problems.ToResult(error);
        }

        var found = await commands.FindAsync(sessionId, ct);
        return Results.Ok(new EntryDto(result.Value.Id, found.IsSuccess ? found.Value.Session.Version : 0));
    }
}
