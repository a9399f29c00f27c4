using EqualFooting.Persistence;
using EqualFooting.Polls;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Polls;

/// <summary>
/// Closes polls whose time has run out (a sense of the room after its minute) when no moderator closed them, so that
/// the result goes on the session's record anyway. Ballots are already refused from <see cref="Poll.ClosesAt"/> on;
/// this only records the close, at most <see cref="Interval"/> late. Every node sweeps: each close goes through
/// <see cref="PollCommands.CloseWhenDueAsync"/>, whose claim on the poll's version lets one node record it and makes
/// the others' a <c>Change.None</c>.
/// </summary>
public sealed class PollDeadlines(IServiceScopeFactory scopes, TimeProvider clock, ILogger<PollDeadlines> log) : EqualFooting.Web.Hosting.PeriodicSweep(clock, log)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override TimeSpan Period => Interval;

    protected override string Name => "Closing polls past their time";

    protected override Task RunOnceAsync(CancellationToken ct) => SweepAsync(ct);

    /// <summary>Closes every open poll whose time has come; returns how many this call recorded as closed.</summary>
    public async Task<int> SweepAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EqualFootingDb>();
        var now = Clock.GetUtcNow();
        var due = await db.Polls.AsNoTracking()
            .Where(p => p.Status == PollStatus.Open && p.ClosesAt != null && p.ClosesAt <= now)
            .Select(p => p.Id)
            .ToListAsync(ct);
        var closed = 0;
        foreach (var id in due)
        {
            // A scope per poll: one poll's tracked state never rides along with the next one's save.
            await using var each = scopes.CreateAsyncScope();
            var result = await each.ServiceProvider.GetRequiredService<PollCommands>().CloseWhenDueAsync(id, ct);
            if (result.Error is { } error)
            {
                Log.LogWarning("Poll {Poll} is past its time but could not be closed: {Error}", id, error.Message);
            }
            else if (result.Value)
            {
                closed++;
            }
        }

        return closed;
    }
}
