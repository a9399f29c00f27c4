using EqualFooting.Common;
using EqualFooting.Participation;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using EqualFooting.Record;
using EqualFooting.Web.Hosting;
using EqualFooting.Web.Record;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace EqualFooting.Web.Processes;

public sealed class ProcessSettings
{
    /// <summary>When true any signed-in account may convene a process; by default only administrators can.</summary>
    public bool OpenCreation { get; set; }
}

public enum CategoryKind
{
    StakeholderGroup,
    Region,
}

/// <summary>The use cases that change a process: each checks <see cref="ProcessPolicy"/>, changes, and records.</summary>
public sealed class ProcessCommands(
    EqualFootingDb db,
    Actors actors,
    Recorder recorder,
    ProcessVersions versions,
    IMemoryCache cache,
    TimeProvider clock,
    IOptions<ProcessSettings> settings)
{
    /// <summary>Loads a process the actor may see, with its groups and regions, tracked so that a use case can change it.</summary>
    public Task<Result<(Process Process, Actor Actor)>> FindAsync(int id, CancellationToken ct = default) => LoadAsync(id, tracked: true, ct);

    /// <summary>Loads a process tracked, for a use case, once <paramref name="policy"/> allows the actor to act on it.</summary>
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

    private async Task<Result<(Process Process, Actor Actor)>> LoadAsync(int id, bool tracked, CancellationToken ct) =>
        await AuthoriseAsync(id, await Query(tracked).FirstOrDefaultAsync(p => p.Id == id, ct), ct);

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

    public async Task<Result<Process>> CreateProcessAsync(ProcessDetails details, CancellationToken ct = default)
    {
        var actor = await actors.CurrentAsync(ct);
        if (ProcessPolicy.Create(actor, settings.Value.OpenCreation) is { } denied)
        {
            return denied;
        }

        var now = clock.GetUtcNow();
        var created = Process.Create(details, now);
        if (created.Error is { } invalid)
        {
            return invalid;
        }

        var process = created.Value;
        db.Processes.Add(process);

        // Whoever creates a process convenes it, so there is always someone who can manage it.
        await db.SaveWithRecordAsync(async token =>
        {
            db.RoleAssignments.Add(new RoleAssignment(process.Id, actor.AccountId!, ProcessRole.Convener, now));
            return RecordEntry.Create("process.created", process.Id, await actors.ForRecordAsync(null, token), now, Describe(process));
        }, ct);
        return process;
    }

    public async Task<Result<Process>> UpdateProcessAsync(int id, ProcessDetails details, CancellationToken ct = default)
    {
        var found = await FindForAsync(id, ProcessPolicy.Edit, ct);
        if (found.Error is { } denied)
        {
            return denied;
        }

        var process = found.Value.Process;
        if (process.Update(details) is { } error)
        {
            return error;
        }

        await recorder.SaveAsync(process.Id, "process.updated", () => Describe(process), ct);
        return process;
    }

    public async Task<Result<Category>> AddCategoryAsync(int processId, CategoryKind kind, string? name, CancellationToken ct = default)
    {
        var found = await FindForAsync(processId, ProcessPolicy.ManageCategories, ct);
        if (found.Error is { } error)
        {
            return error;
        }

        var process = found.Value.Process;

        Result<Category> added = kind == CategoryKind.StakeholderGroup
            ? Lift(process.AddStakeholderGroup(name))
            : Lift(process.AddRegion(name));
        if (added.Error is { } invalid)
        {
            return invalid;
        }

        var category = added.Value;
        await recorder.SaveAsync(process.Id, ActionName(kind, "added"), () => Describe(category), ct);
        return category;
    }

    public Task<Result<Category>> RenameCategoryAsync(int processId, CategoryKind kind, int categoryId, string? name, CancellationToken ct = default) =>
        ChangeCategoryAsync(processId, kind, categoryId, "renamed", (p, c) => p.Rename(c, name), ct);

    public Task<Result<Category>> RetireCategoryAsync(int processId, CategoryKind kind, int categoryId, CancellationToken ct = default) =>
        ChangeCategoryAsync(processId, kind, categoryId, "retired", (p, c) => p.Retire(c, clock.GetUtcNow()), ct);

    public Task<Result<Category>> RestoreCategoryAsync(int processId, CategoryKind kind, int categoryId, CancellationToken ct = default) =>
        ChangeCategoryAsync(processId, kind, categoryId, "restored", (p, c) =>
        {
            p.Restore(c);
            return null;
        }, ct);

    public async Task<Result<RoleAssignment>> AssignRoleAsync(int processId, string? email, ProcessRole role, CancellationToken ct = default)
    {
        var found = await FindForAsync(processId, ProcessPolicy.AssignRoles, ct);
        if (found.Error is { } error)
        {
            return error;
        }

        var process = found.Value.Process;

        if (!Enum.IsDefined(role))
        {
            return Error.Invalid("role", "Choose a role.");
        }

        var normalised = email?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(normalised))
        {
            return Error.Invalid("email", "Email is required.");
        }

        var account = await db.Users.Where(u => u.NormalizedEmail == normalised).Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync(ct);
        if (account is null)
        {
            return Error.Invalid("email", "No account has this email address. Ask the person to register first.");
        }

        var existing = await db.RoleAssignments.FirstOrDefaultAsync(r => r.ProcessId == processId && r.AccountId == account.Id && r.Role == role, ct);
        if (existing is not null)
        {
            return existing;
        }

        var assignment = new RoleAssignment(processId, account.Id, role, clock.GetUtcNow());
        db.RoleAssignments.Add(assignment);
        try
        {
            await recorder.SaveAsync(processId, "role.assigned", () => new Dictionary<string, object?>
            {
                ["account"] = account.Id,
                ["name"] = account.DisplayName,
                ["role"] = role,
            }, ct);
        }
        catch (DbUpdateException)
        {
            // Two conveners assigned the same role at once: the other one's row stands.
            db.ChangeTracker.Clear();
            return await db.RoleAssignments.AsNoTracking().FirstOrDefaultAsync(r => r.ProcessId == processId && r.AccountId == account.Id && r.Role == role, ct)
                ?? throw new InvalidOperationException("Assigning a role failed for a reason other than a concurrent duplicate.");
        }

        return assignment;
    }

    public async Task<Result<bool>> RemoveRoleAsync(int processId, int assignmentId, CancellationToken ct = default)
    {
        var found = await FindForAsync(processId, ProcessPolicy.AssignRoles, ct);
        if (found.Error is { } error)
        {
            return error;
        }

        var process = found.Value.Process;

        var assignment = await db.RoleAssignments.FirstOrDefaultAsync(r => r.Id == assignmentId && r.ProcessId == processId, ct);
        if (assignment is null)
        {
            return Error.NotFound("No such role assignment in this process.");
        }

        if (assignment.Role == ProcessRole.Convener
            && await db.RoleAssignments.CountAsync(r => r.ProcessId == processId && r.Role == ProcessRole.Convener, ct) == 1)
        {
            return Error.Conflict("A process keeps at least one convener. Assign another convener first.");
        }

        db.RoleAssignments.Remove(assignment);
        await recorder.SaveAsync(processId, "role.removed", () => new Dictionary<string, object?>
        {
            ["account"] = assignment.AccountId,
            ["role"] = assignment.Role,
        }, ct);
        return true;
    }

    private async Task<Result<Category>> ChangeCategoryAsync(
        int processId,
        CategoryKind kind,
        int categoryId,
        string verb,
        Func<Process, Category, Error?> change,
        CancellationToken ct)
    {
        var found = await FindForAsync(processId, ProcessPolicy.ManageCategories, ct);
        if (found.Error is { } error)
        {
            return error;
        }

        var process = found.Value.Process;
        Category? category = kind == CategoryKind.StakeholderGroup
            ? process.StakeholderGroups.FirstOrDefault(g => g.Id == categoryId)
            : process.Regions.FirstOrDefault(r => r.Id == categoryId);
        if (category is null)
        {
            return Error.NotFound(kind == CategoryKind.StakeholderGroup ? "No such stakeholder group in this process." : "No such region in this process.");
        }

        if (change(process, category) is { } refused)
        {
            return refused;
        }

        await recorder.SaveAsync(process.Id, ActionName(kind, verb), () => Describe(category), ct);
        return category;
    }

    private static Result<Category> Lift<T>(Result<T> result)
        where T : Category =>
        result.Error is { } e ? e : result.Value;

    private static string ActionName(CategoryKind kind, string verb) =>
        (kind == CategoryKind.StakeholderGroup ? "stakeholder-group." : "region.") + verb;

    private static Dictionary<string, object?> Describe(Process p) => new()
    {
        ["name"] = p.Name,
        ["status"] = p.Status,
        ["startsOn"] = p.StartsOn,
        ["endsOn"] = p.EndsOn,
        ["languages"] = p.Languages,
    };

    private static Dictionary<string, object?> Describe(Category c) => new()
    {
        ["id"] = c.Id,
        ["name"] = c.Name,
        ["retired"] = c.IsRetired,
    };
}
