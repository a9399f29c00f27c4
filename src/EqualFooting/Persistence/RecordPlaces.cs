using EqualFooting.Record;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Persistence;

/// <summary>
/// Gives record entries their places in their process's record. Moving <see cref="Processes.Process.Version"/> on
/// takes the process row's write lock until the transaction ends, so of two transactions the one that takes its
/// places first also commits first: places follow commit order, with no gaps, on both providers. A reader that sees
/// version N therefore sees every entry up to N committed, which is what read caches and a verifiable log need.
/// </summary>
public static class RecordPlaces
{
    /// <summary>Places the entries, in the order given, at the end of their processes' records; call last before the commit.</summary>
    public static async Task PlaceAsync(EqualFootingDb db, IReadOnlyList<RecordEntry> entries, CancellationToken ct)
    {
        foreach (var process in entries.Where(e => e.ProcessId is not null).GroupBy(e => e.ProcessId!.Value).OrderBy(g => g.Key))
        {
            var count = process.Count();
            await db.Processes.Where(p => p.Id == process.Key)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Version, p => p.Version + count), ct);
            var last = await db.Processes.Where(p => p.Id == process.Key).Select(p => p.Version).FirstAsync(ct);
            var next = last - count + 1;
            foreach (var entry in process)
            {
                entry.Place(next++);
            }
        }
    }
}
