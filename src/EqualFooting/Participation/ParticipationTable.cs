using EqualFooting.Processes;

namespace EqualFooting.Participation;

/// <summary>
/// Counts of participants by stakeholder group × region, with totals: the product's signature table.
/// Rows and columns follow the process's own order; retired categories appear only while someone still holds them,
/// so a retirement never makes people vanish from the count.
/// </summary>
public sealed class ParticipationTable
{
    private readonly Dictionary<(int Group, int Region), int> _cells;

    private ParticipationTable(
        IReadOnlyList<CategoryHeading> groups,
        IReadOnlyList<CategoryHeading> regions,
        Dictionary<(int, int), int> cells)
    {
        Groups = groups;
        Regions = regions;
        _cells = cells;
        GroupTotals = groups.ToDictionary(g => g.Id, g => regions.Sum(r => Cell(g.Id, r.Id)));
        RegionTotals = regions.ToDictionary(r => r.Id, r => groups.Sum(g => Cell(g.Id, r.Id)));
        Total = cells.Values.Sum();
    }

    public IReadOnlyList<CategoryHeading> Groups { get; }

    public IReadOnlyList<CategoryHeading> Regions { get; }

    public IReadOnlyDictionary<int, int> GroupTotals { get; }

    public IReadOnlyDictionary<int, int> RegionTotals { get; }

    public int Total { get; }

    public int Cell(int groupId, int regionId) => _cells.GetValueOrDefault((groupId, regionId));

    /// <summary>Current declarations of one group, one region, both or neither (null matches any): a filtered list's total.</summary>
    public int Count(int? groupId, int? regionId) =>
        _cells.Where(c => (groupId is null || c.Key.Group == groupId) && (regionId is null || c.Key.Region == regionId)).Sum(c => c.Value);

    public static ParticipationTable Build(
        IEnumerable<StakeholderGroup> groups,
        IEnumerable<Region> regions,
        IEnumerable<GroupRegionCount> counts)
    {
        var cells = new Dictionary<(int, int), int>();
        foreach (var c in counts)
        {
            cells[(c.StakeholderGroupId, c.RegionId)] = cells.GetValueOrDefault((c.StakeholderGroupId, c.RegionId)) + c.Count;
        }

        var groupsInUse = cells.Keys.Select(k => k.Item1).ToHashSet();
        var regionsInUse = cells.Keys.Select(k => k.Item2).ToHashSet();
        return new ParticipationTable(
            Headings(groups, groupsInUse),
            Headings(regions, regionsInUse),
            cells);
    }

    private static List<CategoryHeading> Headings(IEnumerable<Category> categories, HashSet<int> inUse) =>
        categories
            .Where(c => !c.IsRetired || inUse.Contains(c.Id))
            .OrderBy(c => c.Position)
            .Select(c => new CategoryHeading(c.Id, c.Name, c.IsRetired))
            .ToList();
}

public sealed record CategoryHeading(int Id, string Name, bool Retired);

public sealed record GroupRegionCount(int StakeholderGroupId, int RegionId, int Count);
