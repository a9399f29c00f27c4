using EqualFooting.Participation;
using EqualFooting.Processes;

namespace EqualFooting.Consultations;

/// <summary>One comment as the uptake report sees it: whom it came from and what became of it (null: not yet disposed).</summary>
public readonly record struct UptakeInput(int StakeholderGroupId, int RegionId, Disposition? Disposition)
{
    /// <summary>The comments that count as inputs: on the draft (not replies) and not withdrawn.</summary>
    public static IEnumerable<UptakeInput> From(IEnumerable<Comment> comments)
    {
        foreach (var c in comments)
        {
            if (!c.IsReply && !c.IsWithdrawn)
            {
                yield return new UptakeInput(c.StakeholderGroupId, c.RegionId, c.CurrentDisposition?.Disposition);
            }
        }
    }
}

/// <summary>
/// Counts for one stakeholder group, one region or the total. Rates are null when there is nothing to divide by,
/// so a page shows "–" rather than a misleading 0 %.
/// </summary>
public sealed record UptakeLine(
    CategoryHeading? Heading,
    int Submitted,
    int Accepted,
    int PartlyAccepted,
    int Noted,
    int NotAccepted,
    int OutOfScope)
{
    public int Disposed => Accepted + PartlyAccepted + Noted + NotAccepted + OutOfScope;

    public int AcceptedOrPartly => Accepted + PartlyAccepted;

    /// <summary>Share of submitted comments the committee has answered so far.</summary>
    public double? DisposedRate => Submitted == 0 ? null : (double)Disposed / Submitted;

    /// <summary>Share of answered comments accepted in whole or in part: undisposed comments are not counted as rejected.</summary>
    public double? AcceptanceRate => Disposed == 0 ? null : (double)AcceptedOrPartly / Disposed;
}

/// <summary>
/// "Were inputs actually taken into account?", per stakeholder group and per region: how many comments each sent,
/// how many the committee answered, how many it accepted in whole or in part. Every active group and region has a
/// line even with no comments, because a group that sent nothing is itself a finding.
/// </summary>
public sealed class UptakeReport
{
    private UptakeReport(IReadOnlyList<UptakeLine> byGroup, IReadOnlyList<UptakeLine> byRegion, UptakeLine total)
    {
        ByStakeholderGroup = byGroup;
        ByRegion = byRegion;
        Total = total;
    }

    public IReadOnlyList<UptakeLine> ByStakeholderGroup { get; }

    public IReadOnlyList<UptakeLine> ByRegion { get; }

    public UptakeLine Total { get; }

    public static UptakeReport Build(IEnumerable<StakeholderGroup> groups, IEnumerable<Region> regions, IEnumerable<UptakeInput> comments) =>
        Build(Headings(groups), Headings(regions), comments);

    /// <summary>Headings in display order, as a read model projects them.</summary>
    public static UptakeReport Build(IEnumerable<CategoryHeading> groups, IEnumerable<CategoryHeading> regions, IEnumerable<UptakeInput> comments)
    {
        var byGroup = new Dictionary<int, Tally>();
        var byRegion = new Dictionary<int, Tally>();
        var total = new Tally();
        foreach (var c in comments)
        {
            TallyFor(byGroup, c.StakeholderGroupId).Add(c.Disposition);
            TallyFor(byRegion, c.RegionId).Add(c.Disposition);
            total.Add(c.Disposition);
        }

        return new UptakeReport(Lines(groups, byGroup), Lines(regions, byRegion), total.Line(null));
    }

    private static Tally TallyFor(Dictionary<int, Tally> tallies, int id)
    {
        if (!tallies.TryGetValue(id, out var tally))
        {
            tallies[id] = tally = new Tally();
        }

        return tally;
    }

    private static IEnumerable<CategoryHeading> Headings(IEnumerable<Category> categories) =>
        categories.OrderBy(c => c.Position).Select(c => new CategoryHeading(c.Id, c.Name, c.IsRetired));

    /// <summary>Retired categories only while comments still name them; ids the headings do not know come last, so totals always add up.</summary>
    private static List<UptakeLine> Lines(IEnumerable<CategoryHeading> headings, Dictionary<int, Tally> tallies)
    {
        var lines = new List<UptakeLine>();
        var known = new HashSet<int>();
        foreach (var h in headings)
        {
            known.Add(h.Id);
            var used = tallies.TryGetValue(h.Id, out var tally);
            if (h.Retired && !used)
            {
                continue;
            }

            lines.Add((tally ?? new Tally()).Line(h));
        }

        foreach (var (id, tally) in tallies.OrderBy(t => t.Key))
        {
            if (!known.Contains(id))
            {
                lines.Add(tally.Line(new CategoryHeading(id, $"#{id}", false)));
            }
        }

        return lines;
    }

    private sealed class Tally
    {
        private readonly int[] _byDisposition = new int[Enum.GetValues<Disposition>().Length];
        private int _submitted;

        public void Add(Disposition? disposition)
        {
            _submitted++;
            if (disposition is { } d)
            {
                _byDisposition[(int)d]++;
            }
        }

        public UptakeLine Line(CategoryHeading? heading) => new(
            heading,
            _submitted,
            _byDisposition[(int)Disposition.Accepted],
            _byDisposition[(int)Disposition.PartlyAccepted],
            _byDisposition[(int)Disposition.Noted],
            _byDisposition[(int)Disposition.NotAccepted],
            _byDisposition[(int)Disposition.OutOfScope]);
    }
}
