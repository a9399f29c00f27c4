using EqualFooting.Persistence;
using EqualFooting.Record;

namespace EqualFooting.Web.Hosting;

/// <summary>Saves a use case's changes together with the record entry that describes them, naming the current actor.</summary>
public sealed class Recorder(EqualFootingDb db, Actors actors, TimeProvider clock, Record.ProcessVersions versions)
{
    /// <param name="data">Runs after the change is saved, so it can name ids the database assigned.</param>
    /// <param name="first">Runs first inside the transaction; see <see cref="EqualFootingDb.SaveWithRecordAsync"/>.</param>
    public async Task<RecordEntry> SaveAsync(
        int? processId,
        string action,
        Func<IReadOnlyDictionary<string, object?>> data,
        CancellationToken ct = default,
        Func<CancellationToken, Task>? first = null)
    {
        var entry = await db.SaveWithRecordAsync(
            async token => RecordEntry.Create(action, processId, await actors.ForRecordAsync(processId, token), clock.GetUtcNow(), data()),
            ct,
            first);
        versions.Forget(processId);
        return entry;
    }
}
