using EqualFooting.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Kernel;

/// <summary>
/// A process's version is the place of its latest record entry (<see cref="Processes.Process.Version"/>), taken in
/// commit order under the process row's lock. Every change to a process is recorded, so read models cached under
/// (process, version) are never stale, on any node, without invalidation messages: a reader that sees version N sees
/// every change up to N committed. Memoised for the request; a write through <see cref="Writes"/> forgets the memo.
/// </summary>
public sealed class ProcessVersions(EqualFootingDb db)
{
    private readonly Dictionary<int, long> _seen = [];

    public async Task<long> OfAsync(int processId, CancellationToken ct = default)
    {
        if (!_seen.TryGetValue(processId, out var version))
        {
            version = await db.Processes.Where(p => p.Id == processId).Select(p => (long?)p.Version).FirstOrDefaultAsync(ct) ?? 0;
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
