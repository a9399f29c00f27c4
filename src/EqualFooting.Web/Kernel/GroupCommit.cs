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
}
