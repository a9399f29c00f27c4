namespace EqualFooting.Consultations;

/// <summary>
/// Which stored campaign each newly detected group continues, so that re-running detection as comments arrive keeps
/// campaign ids (and the links and dispositions that name them) instead of renumbering everything.
/// <para>
/// A group continues a stored campaign when it holds more than half of that campaign's current members. More than
/// half can be true of one group only, so a stored campaign lives on in at most one group. When a group holds the
/// majority of several stored campaigns (two campaigns found to be one), it continues the one it shares most members
/// with, the older (lower id) on a tie; the others are retired. A campaign whose members scattered, or that no group
/// holds a majority of, is retired and its groups get new ids.
/// </para>
/// </summary>
public static class CampaignIdentity
{
    /// <param name="Continues">Per detected group, in the order given: the stored campaign it continues, or null for a new one.</param>
    /// <param name="Retired">Stored campaigns no group continues, in id order.</param>
    public sealed record Mapping(IReadOnlyList<long?> Continues, IReadOnlyList<long> Retired);

    /// <param name="stored">Every stored campaign of the consultation, even those with no members left.</param>
    /// <param name="membership">The stored campaign of each comment that has one.</param>
    /// <param name="groups">The member ids of each newly detected group; a comment is in at most one group.</param>
    public static Mapping Match(IEnumerable<long> stored, IReadOnlyDictionary<long, long> membership, IReadOnlyList<IReadOnlyList<long>> groups)
    {
        var sizes = stored.Distinct().ToDictionary(id => id, _ => 0);
        foreach (var campaign in membership.Values)
        {
            // A comment naming a campaign that is not stored cannot happen with the foreign key; count it anyway.
            sizes[campaign] = sizes.GetValueOrDefault(campaign) + 1;
        }

        var candidates = new List<(int Group, long Campaign, int Overlap)>();
        var overlaps = new Dictionary<long, int>();
        for (var g = 0; g < groups.Count; g++)
        {
            overlaps.Clear();
            foreach (var comment in groups[g])
            {
                if (membership.TryGetValue(comment, out var campaign))
                {
                    overlaps[campaign] = overlaps.GetValueOrDefault(campaign) + 1;
                }
            }

            foreach (var (campaign, overlap) in overlaps)
            {
                if (2 * overlap > sizes[campaign])
                {
                    candidates.Add((g, campaign, overlap));
                }
            }
        }

        candidates.Sort((a, b) => a.Overlap != b.Overlap ? b.Overlap.CompareTo(a.Overlap) : a.Campaign.CompareTo(b.Campaign));
        var continues = new long?[groups.Count];
        var taken = new HashSet<long>();
        foreach (var (group, campaign, _) in candidates)
        {
            if (continues[group] is null && taken.Add(campaign))
            {
                continues[group] = campaign;
            }
        }

        var retired = sizes.Keys.Where(id => !taken.Contains(id)).Order().ToList();
        return new Mapping(continues, retired);
    }
}
