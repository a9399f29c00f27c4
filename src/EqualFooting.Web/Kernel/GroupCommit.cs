using System.Data.Common;
using System.Threading.Channels;
using EqualFooting.Persistence;
using EqualFooting.Record;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Kernel;

/// <summary>
/// The tail of the write path for a group writer: one transaction holding the changes of many requests, decided and
/// authorised by each request before it queued (the ballot intake). The writer's work takes its claims and saves its
/// rows and returns the entries that describe them; this then places the entries at the end of their processes'
/// records (under each process row's lock, last), stores them and commits once. Answering the requests and notifying
/// live screens is the caller's, after this returns: nothing is told before the commit.
/// </summary>
public static class GroupCommit
{
    /// <param name="work">
    /// Runs inside the open transaction, on a clean change tracker; may run again from the start when the provider's
    /// execution strategy retries, so it must build everything it saves from its inputs.
    /// </param>
    public static async Task<T> RunAsync<T>(EqualFootingDb db, Func<CancellationToken, Task<(T Value, IReadOnlyList<RecordEntry> Entries)>> work, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var (value, entries) = await work(token);
            await RecordPlaces.PlaceAsync(db, entries, token);
            db.Record.AddRange(entries);
            await db.SaveChangesAsync(token);
            await transaction.CommitAsync(token);
            return value;
        }, ct);
    }

    /// <summary>
    /// Writes a group together or, when that fails, each member alone: nothing of a failed group was stored, and alone
    /// each member succeeds or fails for its own reason. A member whose keys another node stored meanwhile is tried
    /// again (twice), since the next attempt finds them.
    /// </summary>
    /// <param name="write">Stores the members given and answers each of them (so that <paramref name="answered"/> holds).</param>
    /// <param name="what">The members' name in the log line, plural.</param>
    public static async Task WriteTogetherOrAloneAsync<T>(
        IReadOnlyList<T> group,
        Func<IReadOnlyList<T>, CancellationToken, Task> write,
        Func<T, bool> answered,
        Action<T, Exception> fail,
        ILogger log,
        string what,
        CancellationToken ct)
    {
        try
        {
            await write(group, ct);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            if (group.Count > 1)
            {
                log.LogInformation(e, "A group of {Count} {What} failed together; retrying each alone.", group.Count, what);
            }
        }

        foreach (var member in group.Where(m => !answered(m)))
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await write([member], ct);
                    break;
                }
                catch (Exception e) when (attempt < 2 && e is DbException or DbUpdateException)
                {
                    // Stored by another node meanwhile: the next attempt finds it.
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    fail(member, e);
                    break;
                }
            }
        }
    }

    /// <summary>
    /// At shutdown: the queue closes, and every member not yet answered, of the group under way or still queued, is
    /// answered as cancelled (it was never stored).
    /// </summary>
    public static void CancelWaiting<T>(Channel<T> queue, IEnumerable<T> group, Func<T, bool> answered, Action<T> cancel)
    {
        queue.Writer.TryComplete();
        foreach (var member in group.Where(m => !answered(m)))
        {
            cancel(member);
        }

        while (queue.Reader.TryRead(out var left))
        {
            cancel(left);
        }
    }
}
