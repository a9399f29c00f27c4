using EqualFooting.Participation;
using EqualFooting.Processes;
using EqualFooting.Record;

namespace EqualFooting.Web.Processes;

/// <summary>The record entries the process feature writes: a process's details, its groups and regions, its roles.</summary>
public static class ProcessRecord
{
    public static readonly RecordAction<ProcessDetailsEntry> Created = new("process.created", "created the process");
    public static readonly RecordAction<ProcessDetailsEntry> Updated = new("process.updated", "updated the process");
    public static readonly RecordAction<RoleEntry> RoleAssigned = new("role.assigned", "assigned a role");
    public static readonly RecordAction<RoleEntry> RoleRemoved = new("role.removed", "removed a role");
    public static readonly RecordAction<CategoryEntry> GroupAdded = new("stakeholder-group.added", "added a stakeholder group");
    public static readonly RecordAction<CategoryEntry> GroupRenamed = new("stakeholder-group.renamed", "renamed a stakeholder group");
    public static readonly RecordAction<CategoryEntry> GroupRetired = new("stakeholder-group.retired", "retired a stakeholder group");
    public static readonly RecordAction<CategoryEntry> GroupRestored = new("stakeholder-group.restored", "restored a stakeholder group");
    public static readonly RecordAction<CategoryEntry> RegionAdded = new("region.added", "added a region");
    public static readonly RecordAction<CategoryEntry> RegionRenamed = new("region.renamed", "renamed a region");
    public static readonly RecordAction<CategoryEntry> RegionRetired = new("region.retired", "retired a region");
    public static readonly RecordAction<CategoryEntry> RegionRestored = new("region.restored", "restored a region");

    public static IEnumerable<RecordAction> All =>
    [
        Created, Updated, RoleAssigned, RoleRemoved,
        GroupAdded, GroupRenamed, GroupRetired, GroupRestored,
        RegionAdded, RegionRenamed, RegionRetired, RegionRestored,
    ];

    public static ProcessDetailsEntry Describe(Process p) => new(p.Name, p.Status, p.StartsOn, p.EndsOn, p.Languages);

    public static CategoryEntry Describe(Category c) => new(c.Id, c.Name, c.IsRetired);
}

public sealed record ProcessDetailsEntry(string Name, ProcessStatus Status, DateOnly? StartsOn, DateOnly? EndsOn, IReadOnlyList<string> Languages);

/// <summary>A category (stakeholder group or region) by id and name: public by nature.</summary>
public sealed record CategoryEntry(int Id, string Name, bool Retired);

/// <summary>A role given or taken away; the account is named by id only.</summary>
public sealed record RoleEntry(string Account, ProcessRole Role);
