using EqualFooting.Common;
using EqualFooting.Web.Hosting;
using Microsoft.AspNetCore.SignalR;

namespace EqualFooting.Web.Sessions;

/// <summary>What the server sends to a session's screens.</summary>
public interface ISessionClient
{
    /// <summary>The session's state after a committed change, carrying its sequence number.</summary>
    Task StateChanged(SessionStateDto state);

    /// <summary>A breakout round of the session changed (a split, a move, a report, a reminder), with the round's own sequence number.</summary>
    Task BreakoutChanged(Breakouts.BreakoutSignalDto breakout);

    /// <summary>Someone checked in to the session: the new total, which a screen compares with the one it shows.</summary>
    Task AttendanceChanged(Attendance.AttendanceSignalDto attendance);
}

/// <summary>The one place SignalR group names are built, so the hub and the broadcaster can never disagree.</summary>
public static class SessionGroups
{
    public static string Of(int sessionId) => $"session:{sessionId}";
}

/// <summary>
/// Live updates of sessions at /hubs/sessions. A screen calls <see cref="Join"/>, which answers with the current state
/// (so a reconnecting screen catches up in the same call), and then receives <see cref="ISessionClient.StateChanged"/>
/// after every change. Raising and lowering one's hand go through the same use cases and policy as the API.
/// </summary>
public sealed class SessionHub(SessionCommands commands, SessionQueries queries, Actors actors, HubWrites writes) : Hub<ISessionClient>
{
    public const string Path = "/hubs/sessions";

    public async Task<SessionStateDto> Join(int sessionId)
    {
        actors.ActAs(Context.User);
        var found = Unwrap(await commands.FindAsync(sessionId, Context.ConnectionAborted));
        await Groups.AddToGroupAsync(Context.ConnectionId, SessionGroups.Of(sessionId), Context.ConnectionAborted);
        return await queries.StateAsync(found, Context.ConnectionAborted);
    }

    public Task Leave(int sessionId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, SessionGroups.Of(sessionId));

    /// <returns>The entry id of the hand; the same id when the hand was already up.</returns>
    public async Task<long> RaiseHand(int sessionId, bool remote)
    {
        Limit();
        actors.ActAs(Context.User);
        return Unwrap(await commands.RaiseHandAsync(sessionId, remote, EqualFooting.Sessions.HandKind.Normal, Context.ConnectionAborted)).Id;
    }

    public async Task<bool> LowerHand(int sessionId)
    {
        Limit();
        actors.ActAs(Context.User);
        return Unwrap(await commands.LowerHandAsync(sessionId, Context.ConnectionAborted));
    }

    private void Limit()
    {
        if (!writes.TryAcquire(Context.UserIdentifier ?? Context.ConnectionId))
        {
            throw new HubException("429: Too many requests. Wait a moment and try again.");
        }
    }

    // HubException is the one exception whose message SignalR passes to the client; the status word lets a
    // client tell "sign in" from "not allowed" without parsing prose.
    private static T Unwrap<T>(Result<T> result) =>
        result.Error is { } error ? throw new HubException($"{Problems.StatusOf(error)}: {error.Message}") : result.Value;
}

/// <summary>Sends a session's new state to its screens, after the change has been committed.</summary>
public sealed class SessionBroadcaster(IHubContext<SessionHub, ISessionClient> hub, SessionQueries queries, ILogger<SessionBroadcaster> log)
{
    public async Task PublishAsync(SessionContext context)
    {
        try
        {
            var state = await queries.StateAsync(context);
            await hub.Clients.Group(SessionGroups.Of(context.Session.Id)).StateChanged(state);
        }
        catch (Exception e)
        {
            // The change is committed; a screen that missed this message sees a sequence gap next time, or fetches on reconnect.
            log.LogWarning(e, "Could not send the new state of session {SessionId}", context.Session.Id);
        }
    }
}
