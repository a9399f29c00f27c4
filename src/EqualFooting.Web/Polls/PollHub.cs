using System.Collections.Concurrent;
using EqualFooting.Common;
using EqualFooting.Persistence;
using EqualFooting.Polls;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EqualFooting.Web.Polls;

/// <summary>What the server sends to screens following polls.</summary>
public interface IPollClient
{
    /// <summary>A poll's results after committed ballots or hand counts (several may be folded into one message).</summary>
    Task ResultsChanged(PollResultsDto results);

    /// <summary>A poll was opened or closed in a session the screen follows.</summary>
    Task PollsChanged(PollDto poll);
}

/// <summary>The one place the hub's group names are built.</summary>
public static class PollGroups
{
    public static string Of(int pollId) => $"poll:{pollId}";

    public static string OfSession(int sessionId) => $"poll-session:{sessionId}";
}

/// <summary>
/// Live poll results at /hubs/polls. <see cref="Join"/> answers with the results as the caller may see them and then
/// sends <see cref="IPollClient.ResultsChanged"/> after changes; <see cref="JoinSession"/> tells a session's screens
/// when a poll opens or closes there.
/// </summary>
public sealed class PollHub(PollCommands commands, PollQueries queries, Actors actors, TimeProvider clock) : Hub<IPollClient>
{
    public const string Path = "/hubs/polls";

    public async Task<PollResultsDto> Join(int pollId)
    {
        actors.ActAs(Context.User);
        var found = Unwrap(await commands.FindAsync(pollId, tracked: false, Context.ConnectionAborted));
        await Groups.AddToGroupAsync(Context.ConnectionId, PollGroups.Of(pollId), Context.ConnectionAborted);
        return await queries.ResultsAsync(found.Poll, found.Process, PollPolicy.SeesResults(found.Actor, found.Poll), clock.GetUtcNow(), Context.ConnectionAborted);
    }

    public Task Leave(int pollId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, PollGroups.Of(pollId));

    public Task JoinSession(int sessionId) => Groups.AddToGroupAsync(Context.ConnectionId, PollGroups.OfSession(sessionId), Context.ConnectionAborted);

    private static T Unwrap<T>(Result<T> result) =>
        result.Error is { } error ? throw new HubException($"{Problems.StatusOf(error)}: {error.Message}") : result.Value;
}

/// <summary>The <c>Polls</c> settings.</summary>
public sealed class PollSettings
{
    public const string Section = "Polls";

    /// <summary>
    /// The least time between the starts of two results messages to one poll's screens. Sending to thousands of
    /// screens costs every node (and every screen) CPU for each message; unpaced, a stream of ballots keeps the sender
    /// busy back to back and starves the ballots themselves. A second is what a poll's page shows anyway (it refreshes
    /// at most once a second); a change after a quiet second goes out at once. Zero sends as soon as the previous
    /// message is out.
    /// </summary>
    public TimeSpan ResultsInterval { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// Sends a poll's results to its screens after commits. Ballots arrive faster than results can be counted and sent
/// to thousands of screens, so changes to one poll are folded: while one message waits out
/// <see cref="PollSettings.ResultsInterval"/> since the previous one started, or is prepared and sent, further changes
/// only mark the poll for one more, which then carries all of them. Every committed ballot is thus reflected in a
/// message that starts after its commit, and no poll's screens get more than one message an interval.
/// </summary>
public sealed class PollBroadcaster(IServiceScopeFactory scopes, IHubContext<PollHub, IPollClient> hub, TimeProvider clock, IOptions<PollSettings> settings, ILogger<PollBroadcaster> log)
{
    // 0 idle, 1 sending (or waiting out the interval), 2 sending and another change waits.
    private readonly ConcurrentDictionary<int, int> _state = new();

    // When each poll's last message started (the clock's timestamp).
    private readonly ConcurrentDictionary<int, long> _started = new();

    public Task ResultsChangedAsync(int pollId)
    {
        while (true)
        {
            var now = _state.GetOrAdd(pollId, 0);
            if (now == 0 && _state.TryUpdate(pollId, 1, 0))
            {
                _ = Task.Run(() => SendLoopAsync(pollId));
                return Task.CompletedTask;
            }

            if (now == 2 || (now == 1 && _state.TryUpdate(pollId, 2, 1)))
            {
                return Task.CompletedTask;
            }
        }
    }

    public async Task PollsChangedAsync(Poll poll)
    {
        try
        {
            if (poll.SessionId is { } session)
            {
                await hub.Clients.Group(PollGroups.OfSession(session)).PollsChanged(PollQueries.Describe(poll, clock.GetUtcNow()));
            }
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Could not announce poll {PollId}", poll.Id);
        }

        await ResultsChangedAsync(poll.Id);
    }

    private async Task SendLoopAsync(int pollId)
    {
        while (true)
        {
            // At most one message per interval: wait out what is left of it since the last message started. Changes
            // that come meanwhile only mark the poll, so this message carries them too.
            if (_started.TryGetValue(pollId, out var last) && settings.Value.ResultsInterval - clock.GetElapsedTime(last) is var rest && rest > TimeSpan.Zero)
            {
                await Task.Delay(rest, clock);
            }

            // What was marked until now is counted by this message (it counts after this point): 2 -> 1.
            _state.TryUpdate(pollId, 1, 2);
            _started[pollId] = clock.GetTimestamp();
            try
            {
                await SendAsync(pollId);
            }
            catch (Exception e)
            {
                // The change is committed; a screen that missed this message catches up with the next, or on reconnect.
                log.LogWarning(e, "Could not send the results of poll {PollId}", pollId);
            }

            // 2 -> 1: another round for the changes that came meanwhile; 1 -> 0: done.
            if (_state.TryUpdate(pollId, 1, 2))
            {
                continue;
            }

            if (_state.TryUpdate(pollId, 0, 1))
            {
                return;
            }
        }
    }

    private async Task SendAsync(int pollId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EqualFootingDb>();
        var queries = scope.ServiceProvider.GetRequiredService<PollQueries>();
        var poll = await db.Polls.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pollId);
        if (poll is null)
        {
            return;
        }

        var process = await db.Processes.AsNoTracking().Include(p => p.StakeholderGroups).Include(p => p.Regions).AsSplitQuery().FirstAsync(p => p.Id == poll.ProcessId);

        // Screens are anyone's: they get the results as a reader who runs nothing sees them.
        var visible = poll.Status == PollStatus.Closed || poll.ResultsWhileOpen;
        var results = await queries.ResultsAsync(poll, process, visible, clock.GetUtcNow());
        await hub.Clients.Group(PollGroups.Of(pollId)).ResultsChanged(results);
    }
}
