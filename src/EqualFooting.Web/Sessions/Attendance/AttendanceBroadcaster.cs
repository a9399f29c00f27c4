using Microsoft.AspNetCore.SignalR;

namespace EqualFooting.Web.Sessions.Attendance;

/// <summary>Tells a session's screens the new attendance total, after the check-in has been committed.</summary>
public sealed class AttendanceBroadcaster(IHubContext<SessionHub, ISessionClient> hub, AttendanceQueries queries, ILogger<AttendanceBroadcaster> log)
{
    public async Task PublishAsync(int sessionId, CancellationToken ct = default)
    {
        try
        {
            var total = await queries.TotalAsync(sessionId, ct);
            await hub.Clients.Group(SessionGroups.Of(sessionId)).AttendanceChanged(new AttendanceSignalDto(sessionId, total));
        }
        catch (Exception e)
        {
            // The check-in is committed; a screen that missed this sees the new figures on its next refresh.
            log.LogWarning(e, "Could not send the attendance of session {SessionId}", sessionId);
        }
    }
}
