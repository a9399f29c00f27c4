using EqualFooting.Persistence;
using EqualFooting.Processes;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Kernel;

/// <summary>
/// What a write must hold before it changes anything: the first statements of its transaction. A claim either wins
/// (the row is moved on and locked until the commit) or loses because another writer changed the state this write
/// was decided on; the write path then starts again from fresh state or answers 409. Every writer takes its claims
/// before any other change, so none waits on a row another holds while holding one that writer needs.
/// </summary>
public abstract class Claim
{
    /// <summary>Takes the claim inside the open transaction; false when another writer moved on first.</summary>
    public abstract Task<bool> TakeAsync(EqualFootingDb db, CancellationToken ct);

    /// <summary>After a failed save (with the change tracker cleared): whether another writer moved on since loading.</summary>
    public abstract Task<bool> MovedOnAsync(EqualFootingDb db, CancellationToken ct);

    /// <summary>
    /// Moves a tracked entity's version column from the value it was loaded with to its new value (or the next one,
    /// if the domain did not move it), only if it still holds the loaded value. The entity must have an integer
    /// <c>Id</c> and a <see cref="long"/> version property.
    /// </summary>
    public static Claim Version<TEntity>(TEntity entity, string property = "Version")
        where TEntity : class => new VersionClaim<TEntity>(entity, property);

    /// <summary>The process's shape: its details, stakeholder groups, regions and roles (<see cref="Process.StructureVersion"/>).</summary>
    public static Claim Structure(Process process) => Version(process, nameof(Process.StructureVersion));

    /// <summary>A lock that always wins: it serialises writers on a row without refusing any of them.</summary>
    public static Claim Lock(Func<EqualFootingDb, CancellationToken, Task> take) => new LockClaim(take);

    private sealed class VersionClaim<TEntity>(TEntity entity, string property) : Claim
        where TEntity : class
    {
        private long _loaded;
        private int _id;
        private bool _taken;

        public override async Task<bool> TakeAsync(EqualFootingDb db, CancellationToken ct)
        {
            var entry = db.Entry(entity);
            var version = entry.Property<long>(property);
            _loaded = version.OriginalValue;
            _id = entry.Property<int>("Id").CurrentValue;
            _taken = true;
            var target = version.CurrentValue > _loaded ? version.CurrentValue : _loaded + 1;
            var id = _id;
            var loaded = _loaded;
            var name = property;
            var moved = await db.Set<TEntity>()
                .Where(e => EF.Property<int>(e, "Id") == id && EF.Property<long>(e, name) == loaded)
                .ExecuteUpdateAsync(s => s.SetProperty(e => EF.Property<long>(e, name), target), ct);
            if (moved == 0)
            {
                return false;
            }

            // The row already holds the new version; the tracked entity must expect it there, or its own update
            // (where the version is a concurrency token) would match no row.
            version.CurrentValue = target;
            version.OriginalValue = target;
            return true;
        }

        public override async Task<bool> MovedOnAsync(EqualFootingDb db, CancellationToken ct)
        {
            if (!_taken)
            {
                return false;
            }

            var (id, name) = (_id, property);
            var now = await db.Set<TEntity>().Where(e => EF.Property<int>(e, "Id") == id).Select(e => (long?)EF.Property<long>(e, name)).FirstOrDefaultAsync(ct);
            return now != _loaded;
        }
    }

    private sealed class LockClaim(Func<EqualFootingDb, CancellationToken, Task> take) : Claim
    {
        public override async Task<bool> TakeAsync(EqualFootingDb db, CancellationToken ct)
        {
            await take(db, ct);
            return true;
        }

        public override Task<bool> MovedOnAsync(EqualFootingDb db, CancellationToken ct) => Task.FromResult(false);
    }
}
