using EqualFooting.Sessions;
using Microsoft.AspNetCore.SignalR;

namespace EqualFooting.Web.Sessions.Breakouts;

/// <summary>What the session's screens hear about a round: enough to tell whether what they show is out of date.</summary>
/// <param name="Sequence">The round's version; a screen showing an older one fetches the page again.</param>
public sealed record BreakoutSignalDto(int Id, int SessionId, long Sequence, int Reported, int Groups);

/// <summary>
/// Tells a session's screens, after the commit, that one of its breakout rounds changed. The round has its own
/// sequence number, separate from the session's, so writing a report never makes a moderator's console stale.
/// </summary>
public sealed class BreakoutBroadcaster(IHubContext<SessionHub, ISessionClient> hub, ILogger<BreakoutBroadcaster> log)
{
    public async Task PublishAsync(Breakout breakout)
    {
        try
        {
            await hub.Clients.Group(SessionGroups.Of(breakout.SessionId))
                .BreakoutChanged(new BreakoutSignalDto(breakout.Id, breakout.SessionId, breakout.Version, breakout.ReportedCount, breakout.Groups.Count));
        }
        catch (Exception e)
        {
            // The change is committed; screens catch up on their next load or reconnect.
            log.LogWarning(e, "Could not announce the change to breakout round {BreakoutId}", breakout.Id);
        }
    }
}
