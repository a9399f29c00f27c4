namespace EqualFooting.Balance;

/// <summary>One group's part of a measure (registrations, speaking time, comments...): its count and share of the total.</summary>
public sealed record GroupShare(string Group, long Count, double Share);

/// <summary>A group's ratio of voice against presence; null when the group is not present or nobody spoke.</summary>
public sealed record GroupRatio(string Group, double? Ratio);

/// <summary>A warning on a measure: a group under the threshold share, or absent altogether.</summary>
public sealed record BalanceWarning(string Measure, string Group, double Share, bool Absent);

/// <summary>
/// A measure split by group, with its indices: evenness, the ratio of the largest group to the smallest present one,
/// and the groups that are missing. Built from every group the process defines, so a group with nothing counts as 0.
/// </summary>
public sealed record BalanceMeasure(string Name, long Total, IReadOnlyList<GroupShare> Groups, double? Evenness, double? LargestToSmallest, IReadOnlyList<string> Missing)
{
    public static BalanceMeasure Of(string name, IEnumerable<string> groups, IReadOnlyDictionary<string, long> counts)
    {
        var all = groups.Select(g => (Group: g, Count: counts.TryGetValue(g, out var c) ? c : 0)).ToList();
        var total = all.Sum(x => x.Count);
        var shares = all.Select(x => new GroupShare(x.Group, x.Count, total == 0 ? 0 : (double)x.Count / total)).ToList();
        var values = all.Select(x => x.Count).ToList();
        return new BalanceMeasure(
            name,
            total,
            shares,
            BalanceIndices.Evenness(values),
            BalanceIndices.LargestToSmallest(values),
            total == 0 ? [] : [.. shares.Where(s => s.Count == 0).Select(s => s.Group)]);
    }
}

/// <summary>
/// The indices of participation balance, as pure functions over counts per group. Each is explained in one sentence
/// on the dashboard; none reads the clock or the database.
/// </summary>
public static class BalanceIndices
{
    /// <summary>The share under which a group is flagged, when the settings say nothing.</summary>
    public const double DefaultThreshold = 0.10;

    /// <summary>
    /// Normalised Shannon entropy: 1 when every group has the same count, 0 when one group has everything. Groups with
    /// nothing count among the categories, so a missing group lowers evenness. Null with fewer than two groups or no counts.
    /// </summary>
    public static double? Evenness(IReadOnlyCollection<long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var total = counts.Sum();
        if (counts.Count < 2 || total <= 0)
        {
            return null;
        }

        var entropy = 0.0;
        foreach (var c in counts.Where(c => c > 0))
        {
            var p = (double)c / total;
            entropy -= p * Math.Log(p);
        }

        return Math.Clamp(entropy / Math.Log(counts.Count), 0, 1);
    }

    /// <summary>The largest group's count over the smallest present group's count; null when fewer than one group is present.</summary>
    public static double? LargestToSmallest(IReadOnlyCollection<long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var present = counts.Where(c => c > 0).ToList();
        return present.Count == 0 ? null : (double)present.Max() / present.Min();
    }

    /// <summary>
    /// Voice against presence: a group's share of the floor (or of accepted inputs) over its share of those present.
    /// 1 means it is heard in proportion to its presence; above 1, more; below, less. Null when the group is not present.
    /// </summary>
    public static double? VoiceAgainstPresence(double voiceShare, double presenceShare) =>
        presenceShare <= 0 ? null : voiceShare / presenceShare;

    /// <summary>Voice against presence for every group of the presence measure, matched by group name.</summary>
    public static IReadOnlyList<GroupRatio> VoiceAgainstPresence(BalanceMeasure voice, BalanceMeasure presence)
    {
        ArgumentNullException.ThrowIfNull(voice);
        ArgumentNullException.ThrowIfNull(presence);
        var voiced = voice.Groups.ToDictionary(g => g.Group, g => g.Share);
        return [.. presence.Groups.Select(p => new GroupRatio(p.Group, voice.Total == 0 ? null : VoiceAgainstPresence(voiced.GetValueOrDefault(p.Group), p.Share)))];
    }

    /// <summary>Groups of a measure under the threshold share, or absent; nothing when the measure counts nothing.</summary>
    public static IReadOnlyList<BalanceWarning> Warnings(BalanceMeasure measure, double threshold)
    {
        ArgumentNullException.ThrowIfNull(measure);
        if (measure.Total == 0)
        {
            return [];
        }

        return [.. measure.Groups.Where(g => g.Share < threshold).Select(g => new BalanceWarning(measure.Name, g.Group, g.Share, g.Count == 0))];
    }

    /// <summary>
    /// The share of all acts (interventions, positions) held by the most active tenth of the people who acted, at
    /// least one person. Near 0.1 the load is spread; near 1 a few people hold the floor. Null when nobody acted.
    /// </summary>
    public static double? TopTenthShare(IEnumerable<long> actsPerPerson)
    {
        ArgumentNullException.ThrowIfNull(actsPerPerson);
        var sorted = actsPerPerson.Where(a => a > 0).OrderByDescending(a => a).ToList();
        var total = sorted.Sum();
        if (total == 0)
        {
            return null;
        }

        var top = Math.Max(1, (int)Math.Ceiling(sorted.Count / 10.0));
        return (double)sorted.Take(top).Sum() / total;
    }
}
