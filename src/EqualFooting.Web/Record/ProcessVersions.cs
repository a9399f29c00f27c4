using EqualFooting.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Record;

/// <summary>
/// A process's version is the sequence number of its latest record entry. Every change to a process is recorded, so
/// read models cached under (process, version) are never stale, on any node, without invalidation messages.
/// Memoised for the request; a write through <see cref="Hosting.Recorder"/> forgets the memo.
/// </summary>
public sealed class ProcessVersions(EqualFootingDb db)
{
    private readonly Dictionary<int, long> _seen = [];

    public async Task<long> OfAsync(int processId, CancellationToken ct = default)
    {
        if (!_seen.TryGetValue(processId, out var version))
        {
            version = await db.Record.Where(r => r.ProcessId == processId).MaxAsync(r => (long?)r.Id, ct) ?? 0;
            _seen[processId] = version;
        }

        return version;
    }

    public void Forget(int? processId)
    {
        if (processId is { } id)
        {
            _seen.Remove(id);
        }
    }
}
