using EqualFooting.Participation;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using EqualFooting.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Processes;

public sealed record ProcessRequest(
    string? Name,
    string? Description,
    ProcessStatus? Status,
    DateOnly? StartsOn,
    DateOnly? EndsOn,
    IReadOnlyList<string>? Languages)
{
    public ProcessDetails ToDetails() => new(Name, Description, Status ?? ProcessStatus.Draft, StartsOn, EndsOn, Languages);
}

public sealed record CategoryRequest(string? Name);

public sealed record RoleRequest(string? Email, ProcessRole? Role);

public sealed record CategoryDto(int Id, string Name, bool Retired)
{
    public static CategoryDto From(Category c) => new(c.Id, c.Name, c.IsRetired);
}

/// <summary>A process in a list, with its participants counted by stakeholder group and by region (non-zero only).</summary>
public sealed record ProcessSummaryDto(
    int Id,
    string Name,
    ProcessStatus Status,
    DateOnly? StartsOn,
    DateOnly? EndsOn,
    int Participants,
    IReadOnlyList<CategoryCount> ByStakeholderGroup,
    IReadOnlyList<CategoryCount> ByRegion);

public sealed record CategoryCount(int Id, string Name, int Count);

public sealed record ProcessDto(
    int Id,
    string Name,
    string Description,
    ProcessStatus Status,
    DateOnly? StartsOn,
    DateOnly? EndsOn,
    IReadOnlyList<string> Languages,
    DateTimeOffset CreatedAt,
    IReadOnlyList<CategoryDto> StakeholderGroups,
    IReadOnlyList<CategoryDto> Regions)
{
    public static ProcessDto From(Process p) => new(
        p.Id, p.Name, p.Description, p.Status, p.StartsOn, p.EndsOn, p.Languages, p.CreatedAt,
        p.StakeholderGroups.OrderBy(g => g.Position).Select(CategoryDto.From).ToList(),
        p.Regions.OrderBy(r => r.Position).Select(CategoryDto.From).ToList());
}

public sealed record RoleAssignmentDto(int Id, string AccountId, string DisplayName, ProcessRole Role, DateTimeOffset AssignedAt);

public static class ProcessEndpoints
{
    public static void MapProcessEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/processes").WithTags("Processes");

        api.MapGet("/", ListAsync).WithName("ListProcesses")
            .WithSummary("List the processes a reader may see");
        api.MapGet("/{id:int}", async (int id, ProcessAccess access, CancellationToken ct) =>
            Problems.ToResult(await access.ViewAsync(id, ct), found => Results.Ok(ProcessDto.From(found.Process))))
            .WithName("GetProcess")
            .WithSummary("Read a process with its stakeholder groups and regions");

        api.MapPost("/", async (ProcessRequest request, ProcessCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.CreateProcessAsync(request.ToDetails(), ct), p => Results.Created($"/api/processes/{p.Id}", ProcessDto.From(p))))
            .WithName("CreateProcess")
            .WithSummary("Create a process (site administrators)");

        api.MapPut("/{id:int}", async (int id, ProcessRequest request, ProcessCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.UpdateProcessAsync(id, request.ToDetails(), ct), p => Results.Ok(ProcessDto.From(p))))
            .WithName("UpdateProcess")
            .WithSummary("Edit a process's name, description, status and settings");

        MapCategories(api, "stakeholder-groups", CategoryKind.StakeholderGroup);
        MapCategories(api, "regions", CategoryKind.Region);

        api.MapGet("/{id:int}/roles", ListRolesAsync).WithName("ListRoles")
            .WithSummary("List the role assignments of a process");
        api.MapPost("/{id:int}/roles", async (int id, RoleRequest request, ProcessCommands commands, CancellationToken ct) =>
            request.Role is not { } role
                ? Problems.ToResult(EqualFooting.Common.Error.Invalid("role", "Role is required."))
                : Problems.ToResult(await commands.AssignRoleAsync(id, request.Email, role, ct), r => Results.Ok(new { r.Id, r.AccountId, r.Role })))
            .WithName("AssignRole")
            .WithSummary("Assign a role in a process to an account");
        api.MapDelete("/{id:int}/roles/{assignmentId:int}", async (int id, int assignmentId, ProcessCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.RemoveRoleAsync(id, assignmentId, ct), _ => Results.NoContent()))
            .WithName("RemoveRole")
            .WithSummary("Remove a role assignment from a process");
    }

    private static void MapCategories(RouteGroupBuilder api, string segment, CategoryKind kind)
    {
        api.MapPost($"/{{id:int}}/{segment}", async (int id, CategoryRequest request, ProcessCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.AddCategoryAsync(id, kind, request.Name, ct), c => Results.Created($"/api/processes/{id}/{segment}/{c.Id}", CategoryDto.From(c))))
            .WithName($"Add{kind}")
            .WithSummary("Add a stakeholder group or region to a process");
        api.MapPut($"/{{id:int}}/{segment}/{{categoryId:int}}", async (int id, int categoryId, CategoryRequest request, ProcessCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.RenameCategoryAsync(id, kind, categoryId, request.Name, ct), c => Results.Ok(CategoryDto.From(c))))
            .WithName($"Rename{kind}")
            .WithSummary("Rename a stakeholder group or region");
        api.MapPost($"/{{id:int}}/{segment}/{{categoryId:int}}/retire", async (int id, int categoryId, ProcessCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.RetireCategoryAsync(id, kind, categoryId, ct), c => Results.Ok(CategoryDto.From(c))))
            .WithName($"Retire{kind}")
            .WithSummary("Retire a stakeholder group or region (kept in history, closed to new affiliations)");
        api.MapPost($"/{{id:int}}/{segment}/{{categoryId:int}}/restore", async (int id, int categoryId, ProcessCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.RestoreCategoryAsync(id, kind, categoryId, ct), c => Results.Ok(CategoryDto.From(c))))
            .WithName($"Restore{kind}")
            .WithSummary("Restore a retired stakeholder group or region");
    }

    private static async Task<IResult> ListAsync(EqualFootingDb db, Actors actors, CancellationToken ct) =>
        Results.Ok(await ProcessListing.VisibleAsync(db, await actors.CurrentAsync(ct), ct));

    private static async Task<IResult> ListRolesAsync(int id, ProcessAccess access, EqualFootingDb db, CancellationToken ct)
    {
        var found = await access.ViewAsync(id, ct);
        if (found.Error is { } error)
        {
            return Problems.ToResult(error);
        }

        return Results.Ok(await ProcessListing.RolesAsync(db, id, ct));
    }
}

/// <summary>Read models shared by the process pages and the API.</summary>
public static class ProcessListing
{
    /// <summary>Public processes, plus the drafts the actor helps prepare; with their participant counts.</summary>
    public static async Task<List<ProcessSummaryDto>> VisibleAsync(EqualFootingDb db, Actor actor, CancellationToken ct)
    {
        var id = actor.AccountId;
        var processes = await db.Processes
            .Where(p => p.Status != ProcessStatus.Draft
                || actor.IsAdministrator
                || db.RoleAssignments.Any(r => r.ProcessId == p.Id && r.AccountId == id && (r.Role == ProcessRole.Convener || r.Role == ProcessRole.CommitteeMember)))
            .OrderBy(p => p.Status == ProcessStatus.Open ? 0 : p.Status == ProcessStatus.Draft ? 1 : 2)
            .ThenByDescending(p => p.Id)
            .Select(p => new { p.Id, p.Name, p.Status, p.StartsOn, p.EndsOn })
            .ToListAsync(ct);
        var ids = processes.Select(p => p.Id).ToList();

        // Two grouped counts and two name lookups for the whole list, however many processes it has.
        var current = db.Affiliations.Where(a => ids.Contains(a.ProcessId) && a.Until == null);
        var byGroup = await current.GroupBy(a => new { a.ProcessId, a.StakeholderGroupId })
            .Select(g => new { g.Key.ProcessId, Id = g.Key.StakeholderGroupId, Count = g.Count() })
            .ToListAsync(ct);
        var byRegion = await current.GroupBy(a => new { a.ProcessId, a.RegionId })
            .Select(g => new { g.Key.ProcessId, Id = g.Key.RegionId, Count = g.Count() })
            .ToListAsync(ct);
        var groups = await db.StakeholderGroups.Where(g => ids.Contains(g.ProcessId)).Select(g => new { g.Id, g.Name, g.Position }).ToDictionaryAsync(g => g.Id, ct);
        var regions = await db.Regions.Where(r => ids.Contains(r.ProcessId)).Select(r => new { r.Id, r.Name, r.Position }).ToDictionaryAsync(r => r.Id, ct);

        return processes.Select(p => new ProcessSummaryDto(
                p.Id,
                p.Name,
                p.Status,
                p.StartsOn,
                p.EndsOn,
                byGroup.Where(c => c.ProcessId == p.Id).Sum(c => c.Count),
                byGroup.Where(c => c.ProcessId == p.Id).OrderBy(c => groups[c.Id].Position).Select(c => new CategoryCount(c.Id, groups[c.Id].Name, c.Count)).ToList(),
                byRegion.Where(c => c.ProcessId == p.Id).OrderBy(c => regions[c.Id].Position).Select(c => new CategoryCount(c.Id, regions[c.Id].Name, c.Count)).ToList()))
            .ToList();
    }

    /// <summary>Conveners first, then committee, moderators, rapporteurs, observers (the enum's order), by name within each.</summary>
    public static async Task<List<RoleAssignmentDto>> RolesAsync(EqualFootingDb db, int processId, CancellationToken ct) =>
        (await db.RoleAssignments
            .Where(r => r.ProcessId == processId)
            .Join(db.Users, r => r.AccountId, u => u.Id, (r, u) => new RoleAssignmentDto(r.Id, r.AccountId, u.DisplayName, r.Role, r.AssignedAt))
            .ToListAsync(ct))
        .OrderBy(r => r.Role)
        .ThenBy(r => r.DisplayName, StringComparer.CurrentCultureIgnoreCase)
        .ToList();
}
