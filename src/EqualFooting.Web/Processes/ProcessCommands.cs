using EqualFooting.Common;
using EqualFooting.Participation;
using EqualFooting.Notifications;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using EqualFooting.Record;
using Microsoft.EntityFrameworkCore;
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

/// <summary>
/// The use cases that change a process, each through the write path with <see cref="ProcessPolicy"/>. Those that
/// check a rule spanning the process's groups, regions or roles claim the process's structure, so two conveners acting
/// at once cannot together break what each alone could not (no convener left, no active group left, a name twice).
/// </summary>
public sealed class ProcessCommands(
    EqualFootingDb db,
    Actors actors,
    ProcessAccess processes,
    Writes writes,
    IOptions<ProcessSettings> settings)
{
    public Task<Result<Process>> CreateProcessAsync(ProcessDetails details, CancellationToken ct = default) =>
        writes.RunAsync<Actor, Process>(
            async token => await actors.CurrentAsync(token),
            actor => ProcessPolicy.Create(actor, settings.Value.OpenCreation),
            (actor, now) =>
            {
                var created = Process.Create(details, now);
                if (created.Error is { } invalid)
                {
                    return invalid;
                }

                var process = created.Value;
                db.Processes.Add(process);

                // Whoever creates a process convenes it, so there is always someone who can manage it.
                return Change.Recorded(process, null, ProcessRecord.Created, () => ProcessRecord.Describe(process))
                    .Doing(async token =>
                    {
                        await db.SaveChangesAsync(token);
                        db.RoleAssignments.Add(new RoleAssignment(process.Id, actor.AccountId!, ProcessRole.Convener, now));
                    })
                    .InProcess(() => process.Id);
            },
            ct);

    public Task<Result<Process>> UpdateProcessAsync(int id, ProcessDetails details, CancellationToken ct = default) =>
        writes.RunAsync<ProcessContext, Process>(
            token => processes.LoadAsync(id, token),
            c => ProcessPolicy.Edit(c.Actor, c.Process),
            (c, _) => c.Process.Update(details) is { } error
                ? error
                : Change.Recorded(c.Process, c.Process.Id, ProcessRecord.Updated, () => ProcessRecord.Describe(c.Process))
                    .Claiming(Claim.Structure(c.Process)),
            ct);

    public Task<Result<Category>> AddCategoryAsync(int processId, CategoryKind kind, string? name, CancellationToken ct = default) =>
        writes.RunAsync<ProcessContext, Category>(
            token => processes.LoadAsync(processId, token),
            c => ProcessPolicy.ManageCategories(c.Actor, c.Process),
            (c, _) =>
            {
                Result<Category> added = kind == CategoryKind.StakeholderGroup
                    ? Lift(c.Process.AddStakeholderGroup(name))
                    : Lift(c.Process.AddRegion(name));
                if (added.Error is { } invalid)
                {
                    return invalid;
                }

                var category = added.Value;
                return Change.Recorded(category, c.Process.Id, kind == CategoryKind.StakeholderGroup ? ProcessRecord.GroupAdded : ProcessRecord.RegionAdded, () => ProcessRecord.Describe(category))
                    .Claiming(Claim.Structure(c.Process));
            },
            ct);

    public Task<Result<Category>> RenameCategoryAsync(int processId, CategoryKind kind, int categoryId, string? name, CancellationToken ct = default) =>
        ChangeCategoryAsync(processId, kind, categoryId, kind == CategoryKind.StakeholderGroup ? ProcessRecord.GroupRenamed : ProcessRecord.RegionRenamed, (p, c, _) => p.Rename(c, name), ct);

    public Task<Result<Category>> RetireCategoryAsync(int processId, CategoryKind kind, int categoryId, CancellationToken ct = default) =>
        ChangeCategoryAsync(processId, kind, categoryId, kind == CategoryKind.StakeholderGroup ? ProcessRecord.GroupRetired : ProcessRecord.RegionRetired, (p, c, now) => p.Retire(c, now), ct);

    public Task<Result<Category>> RestoreCategoryAsync(int processId, CategoryKind kind, int categoryId, CancellationToken ct = default) =>
        ChangeCategoryAsync(processId, kind, categoryId, kind == CategoryKind.StakeholderGroup ? ProcessRecord.GroupRestored : ProcessRecord.RegionRestored, (p, c, _) =>
        {
            p.Restore(c);
            return null;
        }, ct);

    public Task<Result<RoleAssignment>> AssignRoleAsync(int processId, string? email, ProcessRole role, CancellationToken ct = default) =>
        writes.RunAsync<ProcessContext, RoleAssignment>(
            token => processes.LoadAsync(processId, token),
            c => ProcessPolicy.AssignRoles(c.Actor, c.Process),
            async (c, now) =>
            {
                if (!Enum.IsDefined(role))
                {
                    return Error.Invalid("role", "Choose a role.");
                }

                var normalised = email?.Trim().ToUpperInvariant();
                if (string.IsNullOrEmpty(normalised))
                {
                    return Error.Invalid("email", "Email is required.");
                }

                var account = await db.Users.Where(u => u.NormalizedEmail == normalised).Select(u => u.Id).FirstOrDefaultAsync(ct);
                if (account is null)
                {
                    return Error.Invalid("email", "No account has this email address. Ask the person to register first.");
                }

                if (await FindRoleAsync(processId, account, role, ct) is { } existing)
                {
                    return Change.None(existing);
                }

                var assignment = new RoleAssignment(processId, account, role, now);
                db.RoleAssignments.Add(assignment);
                if (account != c.Actor.AccountId)
                {
                    db.Notifications.Add(Notification.AboutProcess(account, NoticeKind.RoleGiven, processId, null, c.Process.Name, role.ToString(), now));
                }

                return Change.Recorded(assignment, processId, ProcessRecord.RoleAssigned, () => new RoleEntry(account, role))
                    .Claiming(Claim.Structure(c.Process))
                    .OnDuplicate(async token => await FindRoleAsync(processId, account, role, token) is { } winner ? (Result<RoleAssignment>?)winner : null);
            },
            ct);

    public Task<Result<bool>> RemoveRoleAsync(int processId, int assignmentId, CancellationToken ct = default) =>
        writes.RunAsync<ProcessContext, bool>(
            token => processes.LoadAsync(processId, token),
            c => ProcessPolicy.AssignRoles(c.Actor, c.Process),
            async (c, _) =>
            {
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
                return Change.Recorded(true, processId, ProcessRecord.RoleRemoved, () => new RoleEntry(assignment.AccountId, assignment.Role))
                    .Claiming(Claim.Structure(c.Process));
            },
            ct);

    private Task<RoleAssignment?> FindRoleAsync(int processId, string accountId, ProcessRole role, CancellationToken ct) =>
        db.RoleAssignments.AsNoTracking().FirstOrDefaultAsync(r => r.ProcessId == processId && r.AccountId == accountId && r.Role == role, ct);

    private Task<Result<Category>> ChangeCategoryAsync(
        int processId,
        CategoryKind kind,
        int categoryId,
        RecordAction<CategoryEntry> action,
        Func<Process, Category, DateTimeOffset, Error?> change,
        CancellationToken ct) =>
        writes.RunAsync<ProcessContext, Category>(
            token => processes.LoadAsync(processId, token),
            c => ProcessPolicy.ManageCategories(c.Actor, c.Process),
            (c, now) =>
            {
                Category? category = kind == CategoryKind.StakeholderGroup
                    ? c.Process.StakeholderGroups.FirstOrDefault(g => g.Id == categoryId)
                    : c.Process.Regions.FirstOrDefault(r => r.Id == categoryId);
                if (category is null)
                {
                    return Error.NotFound(kind == CategoryKind.StakeholderGroup ? "No such stakeholder group in this process." : "No such region in this process.");
                }

                if (change(c.Process, category, now) is { } refused)
                {
                    return refused;
                }

                return Change.Recorded(category, c.Process.Id, action, () => ProcessRecord.Describe(category))
                    .Claiming(Claim.Structure(c.Process));
            },
            ct);

    private static Result<Category> Lift<T>(Result<T> result)
        where T : Category =>
        result.Error is { } e ? e : result.Value;
}
