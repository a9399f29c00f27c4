using EqualFooting.Common;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace EqualFooting.Web.Kernel;

/// <summary>A process with the acting user's standing in it: what every feature loads before it reads or writes.</summary>
public sealed record ProcessContext(Process Process, Actor Actor);

/// <summary>Loads a process for the acting user and applies <see cref="ProcessPolicy.View"/>: drafts stay invisible to outsiders.</summary>
public sealed class ProcessAccess(EqualFootingDb db, Actors actors, ProcessVersions versions, IMemoryCache cache)
{
    /// <summary>Loads a process the actor may see, with its groups and regions, tracked so that a use case can change it.</summary>
    public async Task<Result<(Process Process, Actor Actor)>> FindAsync(int id, CancellationToken ct = default) =>
        await AuthoriseAsync(id, await Query(tracked: true).FirstOrDefaultAsync(p => p.Id == id, ct), ct);

    /// <summary>The same, as the context the write path loads.</summary>
    public async Task<Result<ProcessContext>> LoadAsync(int id, CancellationToken ct = default)
    {
        var found = await FindAsync(id, ct);
        return found.Error is { } error ? error : new ProcessContext(found.Value.Process, found.Value.Actor);
    }

    /// <summary>Loads a process tracked once <paramref name="policy"/> allows the actor to act on it.</summary>
    public async Task<Result<(Process Process, Actor Actor)>> FindForAsync(int id, Func<Actor, Process, Error?> policy, CancellationToken ct = default)
    {
        var found = await FindAsync(id, ct);
        return found.Error is null && policy(found.Value.Actor, found.Value.Process) is { } denied ? denied : found;
    }

    /// <summary>
    /// Loads a process the actor may see, with its groups and regions, for pages and queries that only read it. The
    /// untracked instance is shared between requests from a cache keyed by the process's version, so it must never
    /// be changed; use cases use <see cref="FindAsync"/>.
    /// </summary>
    public async Task<Result<(Process Process, Actor Actor)>> ViewAsync(int id, CancellationToken ct = default)
    {
        var version = await versions.OfAsync(id, ct);
        var process = await cache.GetOrCreateAsync(("process", id, version), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5);
            return Query(tracked: false).FirstOrDefaultAsync(p => p.Id == id, ct);
        });
        return await AuthoriseAsync(id, process, ct);
    }

    private IQueryable<Process> Query(bool tracked)
    {
        var query = db.Processes
            .Include(p => p.StakeholderGroups)
            .Include(p => p.Regions)
            .AsSplitQuery();
        return tracked ? query : query.AsNoTracking();
    }

    private async Task<Result<(Process Process, Actor Actor)>> AuthoriseAsync(int id, Process? process, CancellationToken ct)
    {
        if (process is null)
        {
            return Error.NotFound("No such process.");
        }

        var actor = await actors.InProcessAsync(id, ct);
        if (ProcessPolicy.View(actor, process) is { } error)
        {
            return error;
        }

        return (process, actor);
    }
}
