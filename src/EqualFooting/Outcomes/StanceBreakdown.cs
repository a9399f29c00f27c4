using EqualFooting.Deliberation;
using EqualFooting.Privacy;

namespace EqualFooting.Outcomes;

/// <summary>Positions of one stance taken under one stakeholder group and region (a row of a grouped count).</summary>
public sealed record StanceCount(int StakeholderGroupId, int RegionId, Stance Stance, int Count);

/// <summary>
/// A cell of a decision's tally: a stakeholder group, a region, or both, with n (positions, one per participant) and
/// the count of each stance; the counts are withheld (null) when the cell is hidden as too small.
/// </summary>
public sealed record StanceCell(int? StakeholderGroupId, int? RegionId, int N, bool Hidden, int? Agree, int? Disagree, int? Abstain, int? Block);

/// <summary>
/// A decision's positions split by stakeholder group, by region and by both, as every count is shown. Where the
/// positions are anonymous, a cell with fewer positions than the process's minimum cell size keeps its n but not its
/// stances, and within each table the next smallest cell is hidden with a lone hidden one (<see cref="SmallCells.Hide"/>),
/// so its stances cannot be worked out from the others.
/// </summary>
public sealed record StanceBreakdown(IReadOnlyList<StanceCell> ByStakeholderGroup, IReadOnlyList<StanceCell> ByRegion, IReadOnlyList<StanceCell> ByStakeholderGroupAndRegion)
{
    /// <param name="minimumCellSize">The process's minimum cell size when positions are anonymous; 0 shows every cell.</param>
    public static StanceBreakdown Of(IEnumerable<StanceCount> counts, int minimumCellSize)
    {
        var rows = counts.Where(c => c.Count > 0).ToList();
        return new(
            Cells(rows, r => ((int?)r.StakeholderGroupId, (int?)null), minimumCellSize),
            Cells(rows, r => ((int?)null, (int?)r.RegionId), minimumCellSize),
            Cells(rows, r => ((int?)r.StakeholderGroupId, (int?)r.RegionId), minimumCellSize));
    }

    private static List<StanceCell> Cells(List<StanceCount> rows, Func<StanceCount, (int? Group, int? Region)> key, int minimum)
    {
        var cells = rows.GroupBy(key).OrderBy(g => g.Key.Group).ThenBy(g => g.Key.Region).ToList();
        var shown = SmallCells.Hide(cells.Select(g => KeyValuePair.Create(g.Key, g.Sum(r => r.Count))), minimum).ToDictionary(c => c.Key, c => c.Hidden);
        return [.. cells.Select(g =>
        {
            int Of(Stance s) => g.Where(r => r.Stance == s).Sum(r => r.Count);
            var hidden = shown[g.Key];
            return new StanceCell(
                g.Key.Group,
                g.Key.Region,
                g.Sum(r => r.Count),
                hidden,
                hidden ? null : Of(Stance.Agree),
                hidden ? null : Of(Stance.Disagree),
                hidden ? null : Of(Stance.Abstain),
                hidden ? null : Of(Stance.Block));
        })];
    }
}
