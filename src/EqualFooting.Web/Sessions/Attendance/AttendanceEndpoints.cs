using EqualFooting.Sessions;
using EqualFooting.Web.Hosting;

namespace EqualFooting.Web.Sessions.Attendance;

/// <param name="Mode">InRoom, Remote or Hub.</param>
/// <param name="HubId">The session's remote hub, with Hub.</param>
public sealed record CheckInRequest(AttendanceMode? Mode, int? HubId);

/// <param name="HubId">The session's remote hub the person attends through; omitted for in the room.</param>
public sealed record CheckInPersonRequest(string? Name, int? StakeholderGroupId, int? RegionId, int? HubId);

/// <summary>A check-in as the API answers it: no name, even for someone without a device.</summary>
public sealed record CheckInDto(int Id, int SessionId, int? ParticipantId, int StakeholderGroupId, int RegionId, AttendanceMode Mode, int? HubId, DateTimeOffset CheckedInAt)
{
    public static CheckInDto Of(CheckIn c) => new(c.Id, c.SessionId, c.ParticipantId, c.StakeholderGroupId, c.RegionId, c.Mode, c.HubId, c.CheckedInAt);
}

public static class AttendanceEndpoints
{
    public static void MapAttendanceEndpoints(this IEndpointRouteBuilder app)
    {
        var session = app.MapGroup("/api/sessions/{sessionId:int}/attendance").WithTags("Sessions");

        session.MapGet("", async (int sessionId, SessionCommands sessions, AttendanceQueries queries, CancellationToken ct) =>
        {
            var found = await sessions.FindAsync(sessionId, ct);
            return found.Error is { } error ? Problems.ToResult(error) : Results.Ok(await queries.SummaryAsync(found.Value, ct));
        }).WithName("SessionAttendance")
            .WithSummary("Who attended a session, by stakeholder group, region and mode (nobody is named)")
            .Produces<AttendanceDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        session.MapPost("", async (int sessionId, CheckInRequest? request, AttendanceCommands commands, CancellationToken ct) =>
            Answer(await commands.CheckInAsync(sessionId, request?.Mode, request?.HubId, ct)))
            .WithName("CheckIn")
            .WithSummary("Check yourself in to a session: in the room, remote, or through one of its remote hubs (once; a repeat answers the first check-in)")
            .Produces<CheckInDto>(StatusCodes.Status201Created)
            .Produces<CheckInDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        session.MapPost("/without-device", async (int sessionId, CheckInPersonRequest request, AttendanceCommands commands, CancellationToken ct) =>
            Answer(await commands.CheckInPersonAsync(sessionId, request.Name, request.StakeholderGroupId, request.RegionId, request.HubId, ct)))
            .WithName("CheckInPersonWithoutDevice")
            .WithSummary("Check in someone without a device under a name, stakeholder group and region (moderators and conveners)")
            .Produces<CheckInDto>(StatusCodes.Status201Created)
            .Produces<CheckInDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static IResult Answer(Common.Result<CheckInResult> result) =>
        Problems.ToResult(result, r => r.Created
            ? Results.Created($"/api/sessions/{r.CheckIn.SessionId}/attendance", CheckInDto.Of(r.CheckIn))
            : Results.Ok(CheckInDto.Of(r.CheckIn)));
}
