using System.Numerics;

namespace EqualFooting.Polls;

/// <summary>Ballots that share a stakeholder group, a region and an answer, counted <paramref name="Weight"/> times (a SQL GROUP BY's row, or one ballot).</summary>
public readonly record struct BallotRow(int GroupId, int RegionId, int Mask, int Weight = 1);

/// <summary>A moderator's show-of-hands count for one stakeholder group and, where counted, one region.</summary>
public sealed record HandRow(int GroupId, int? RegionId, IReadOnlyList<int> Counts);

/// <summary>
/// One cell of a result: how many answered (<see cref="N"/>) and how many answers each category got. A cell of an
/// anonymous poll with fewer answers than the minimum is <see cref="Hidden"/>: its counts are withheld, so nobody's
/// answer can be read off a group of one or two. A Likert cell also has the mean and median of its ratings
/// ("don't know" left out).
/// </summary>
public sealed record TallyCell(int N, IReadOnlyList<int>? Counts, bool Hidden, double? Mean, double? Median);

/// <summary>A result overall, by stakeholder group, by region, and by stakeholder group and region together.</summary>
public sealed record TallyTable(
    TallyCell Overall,
    IReadOnlyDictionary<int, TallyCell> ByGroup,
    IReadOnlyDictionary<int, TallyCell> ByRegion,
    IReadOnlyDictionary<(int GroupId, int RegionId), TallyCell> ByGroupAndRegion);

/// <summary>How a poll's categories read as numbers: a Likert scale's points from <see cref="Min"/>, the rest not numbers.</summary>
public sealed record TallyShape(int Categories, int? ScaleMin = null, int ScalePoints = 0, bool CountsPeople = true)
{
    public static TallyShape Of(Poll poll) => new(
        poll.Categories.Count,
        poll.Kind == PollKind.Likert ? poll.ScaleMin : null,
        poll.Kind == PollKind.Likert ? poll.Options.Count : 0,
        poll.Kind != PollKind.MultipleChoice);
}

/// <summary>
/// The tally of a poll: pure, no I/O. Individual ballots and hand counts are tallied separately and never added
/// together, so every result shows which answers came from a device and which from a show of hands.
/// </summary>
public static class PollTally
{
    /// <summary>Counts ballots by stakeholder group and region; groups, regions and the overall cell are sums of those cells.</summary>
    /// <param name="minimumCell">In an anonymous poll, cells with fewer ballots are hidden; 0 hides nothing.</param>
    public static TallyTable Ballots(TallyShape shape, IEnumerable<BallotRow> rows, int minimumCell = 0)
    {
        var cells = new Dictionary<long, Accumulator>();
        foreach (var row in rows)
        {
            var key = ((long)row.GroupId << 32) | (uint)row.RegionId;
            if (!cells.TryGetValue(key, out var cell))
            {
                cells[key] = cell = new Accumulator(shape.Categories);
            }

            cell.Add(row.Mask, row.Weight);
        }

        var byCell = cells.ToDictionary(c => ((int)(c.Key >> 32), (int)(c.Key & 0xFFFFFFFF)), c => c.Value);
        return Table(shape, byCell, minimumCell);
    }

    /// <summary>Sums hand counts the same way; a count made without regions appears in its group and overall, not by region.</summary>
    public static TallyTable Hands(TallyShape shape, IEnumerable<HandRow> rows)
    {
        var byCell = new Dictionary<(int, int), Accumulator>();
        var unregioned = new Dictionary<int, Accumulator>();
        foreach (var row in rows)
        {
            var target = row.RegionId is { } region
                ? byCell.TryGetValue((row.GroupId, region), out var c) ? c : byCell[(row.GroupId, region)] = new Accumulator(shape.Categories)
                : unregioned.TryGetValue(row.GroupId, out var u) ? u : unregioned[row.GroupId] = new Accumulator(shape.Categories);
            target.AddCounts(row.Counts, shape.CountsPeople);
        }

        var table = Table(shape, byCell, 0);
        if (unregioned.Count == 0)
        {
            return table;
        }

        var byGroup = table.ByGroup.ToDictionary(g => g.Key, g => g.Value);
        var overall = new Accumulator(shape.Categories);
        foreach (var cell in byCell.Values)
        {
            overall.Merge(cell);
        }

        foreach (var (group, extra) in unregioned)
        {
            var sum = new Accumulator(shape.Categories);
            foreach (var cell in byCell.Where(c => c.Key.Item1 == group).Select(c => c.Value))
            {
                sum.Merge(cell);
            }

            sum.Merge(extra);
            overall.Merge(extra);
            byGroup[group] = sum.ToCell(shape, 0);
        }

        return table with { Overall = overall.ToCell(shape, 0), ByGroup = byGroup };
    }

    private static TallyTable Table(TallyShape shape, Dictionary<(int, int), Accumulator> cells, int minimumCell)
    {
        var overall = new Accumulator(shape.Categories);
        var groups = new Dictionary<int, Accumulator>();
        var regions = new Dictionary<int, Accumulator>();
        foreach (var ((group, region), cell) in cells)
        {
            overall.Merge(cell);
            (groups.TryGetValue(group, out var g) ? g : groups[group] = new Accumulator(shape.Categories)).Merge(cell);
            (regions.TryGetValue(region, out var r) ? r : regions[region] = new Accumulator(shape.Categories)).Merge(cell);
        }

        return new TallyTable(
            overall.ToCell(shape, minimumCell),
            groups.ToDictionary(g => g.Key, g => g.Value.ToCell(shape, minimumCell)),
            regions.ToDictionary(r => r.Key, r => r.Value.ToCell(shape, minimumCell)),
            cells.ToDictionary(c => c.Key, c => c.Value.ToCell(shape, minimumCell)));
    }

    /// <summary>The mean and median of a Likert histogram (counts per point from <paramref name="scaleMin"/>), or nulls when nobody rated.</summary>
    public static (double? Mean, double? Median) Centre(IReadOnlyList<int> counts, int scaleMin, int points)
    {
        long n = 0;
        long sum = 0;
        for (var i = 0; i < points; i++)
        {
            n += counts[i];
            sum += (long)counts[i] * (scaleMin + i);
        }

        if (n == 0)
        {
            return (null, null);
        }

        return ((double)sum / n, (ValueAt(counts, scaleMin, (n - 1) / 2) + ValueAt(counts, scaleMin, n / 2)) / 2.0);
    }

    // The value at a 0-based rank of the sorted ratings.
    private static int ValueAt(IReadOnlyList<int> counts, int scaleMin, long rank)
    {
        long seen = 0;
        for (var i = 0; ; i++)
        {
            seen += counts[i];
            if (rank < seen)
            {
                return scaleMin + i;
            }
        }
    }

    private sealed class Accumulator(int categories)
    {
        private readonly int[] _counts = new int[categories];

        public int N { get; private set; }

        public void Add(int mask, int weight)
        {
            N += weight;
            var bits = (uint)mask;
            while (bits != 0)
            {
                var category = BitOperations.TrailingZeroCount(bits);
                if (category < _counts.Length)
                {
                    _counts[category] += weight;
                }

                bits &= bits - 1;
            }
        }

        public void AddCounts(IReadOnlyList<int> counts, bool countsPeople)
        {
            var most = 0;
            var total = 0;
            for (var i = 0; i < _counts.Length && i < counts.Count; i++)
            {
                _counts[i] += counts[i];
                total += counts[i];
                most = Math.Max(most, counts[i]);
            }

            // A show of hands for several options at once says how many hands, not how many people: the largest
            // count is the fewest people it can be.
            N += countsPeople ? total : most;
        }

        public void Merge(Accumulator other)
        {
            N += other.N;
            for (var i = 0; i < _counts.Length; i++)
            {
                _counts[i] += other._counts[i];
            }
        }

        public TallyCell ToCell(TallyShape shape, int minimumCell)
        {
            if (N < minimumCell)
            {
                return new TallyCell(N, null, true, null, null);
            }

            var (mean, median) = shape.ScaleMin is { } min ? Centre(_counts, min, shape.ScalePoints) : (null, null);
            return new TallyCell(N, [.. _counts], false, mean, median);
        }
    }
}
