using EqualFooting.Common;

namespace EqualFooting.Sessions;

/// <summary>How a breakout round splits the room.</summary>
public enum BreakoutStrategy
{
    /// <summary>One group per region present in the room.</summary>
    ByRegion,

    /// <summary>One group per table: the tables people declared, or a given number of tables.</summary>
    ByTable,

    /// <summary>The moderator puts people in groups.</summary>
    ByHand,

    /// <summary>At random, each group getting as even a mix of stakeholder groups as the room allows.</summary>
    RandomBalanced,
}

/// <summary>Someone in the room who can be put in a breakout group: the affiliation they hold now and the table they declared, if any.</summary>
public sealed record BreakoutCandidate(int ParticipantId, int StakeholderGroupId, int RegionId, int? Table = null);

/// <summary>A proposed split: the members of each group, in group order, and who was left for the moderator to place.</summary>
public sealed record BreakoutSplit(IReadOnlyList<BreakoutGroupDraft> Groups, IReadOnlyList<BreakoutCandidate> Unassigned);

/// <param name="Name">A label the moderator can change later; regions name their group.</param>
/// <param name="RegionId">The region the group stands for, when split by region, so its name can follow a renamed region.</param>
public sealed record BreakoutGroupDraft(string Name, IReadOnlyList<BreakoutCandidate> Members, int? RegionId = null);

/// <summary>
/// The four ways to split a room into breakout groups, as pure functions of who is in the room. Each is
/// deterministic: the same room (and, for the random split, the same seed) always gives the same groups, so a split
/// can be explained and reproduced after the fact.
/// </summary>
public static class BreakoutAssignment
{
    public const int MaxGroups = 100;

    /// <summary>One group per region present, in the process's region order (<paramref name="regionOrder"/>: region id to name).</summary>
    public static BreakoutSplit ByRegion(IEnumerable<BreakoutCandidate> room, IReadOnlyList<(int Id, string Name)> regionOrder)
    {
        var present = room.OrderBy(c => c.ParticipantId).GroupBy(c => c.RegionId).ToDictionary(g => g.Key, g => g.ToList());
        var groups = regionOrder
            .Where(r => present.ContainsKey(r.Id))
            .Select(r => new BreakoutGroupDraft(r.Name, present[r.Id], r.Id))
            .ToList();

        // A region missing from the order (it should not happen) still gets its group rather than losing its people.
        groups.AddRange(present.Keys.Where(id => regionOrder.All(r => r.Id != id)).Order()
            .Select(id => new BreakoutGroupDraft($"Region {id}", present[id], id)));
        return new BreakoutSplit(groups, []);
    }

    /// <summary>
    /// Without <paramref name="tableCount"/>: one group per declared table number, and whoever declared none is left
    /// for the moderator. With it: tables 1 to N; people who declared one of those tables sit there, everyone else
    /// fills the emptiest table (the lowest number on a tie), in participant order.
    /// </summary>
    public static Result<BreakoutSplit> ByTable(IEnumerable<BreakoutCandidate> room, int? tableCount)
    {
        var people = room.OrderBy(c => c.ParticipantId).ToList();
        if (tableCount is null)
        {
            var tables = people.Where(c => c.Table is not null).GroupBy(c => c.Table!.Value).OrderBy(g => g.Key).ToList();
            if (tables.Count == 0)
            {
                return Error.Invalid("tableCount", "Nobody has declared a table; give the number of tables instead.");
            }

            if (tables.Count > MaxGroups)
            {
                return Error.Invalid("tableCount", $"At most {MaxGroups} groups.");
            }

            return new BreakoutSplit(
                [.. tables.Select(t => new BreakoutGroupDraft($"Table {t.Key}", [.. t]))],
                [.. people.Where(c => c.Table is null)]);
        }

        if (CheckCount("tableCount", tableCount) is { } bad)
        {
            return bad;
        }

        var n = tableCount.Value;
        var seats = Enumerable.Range(0, n).Select(_ => new List<BreakoutCandidate>()).ToList();
        foreach (var c in people.Where(c => c.Table is >= 1 && c.Table <= n))
        {
            seats[c.Table!.Value - 1].Add(c);
        }

        foreach (var c in people.Where(c => c.Table is not { } t || t < 1 || t > n))
        {
            seats.MinBy(s => s.Count)!.Add(c);
        }

        return new BreakoutSplit([.. seats.Select((s, i) => new BreakoutGroupDraft($"Table {i + 1}", s))], []);
    }

    /// <summary>Empty groups, and everyone left for the moderator to place.</summary>
    public static Result<BreakoutSplit> ByHand(IEnumerable<BreakoutCandidate> room, int? groupCount) =>
        CheckCount("groupCount", groupCount) is { } bad
            ? bad
            : new BreakoutSplit(
                [.. Enumerable.Range(1, groupCount!.Value).Select(i => new BreakoutGroupDraft($"Group {i}", []))],
                [.. room.OrderBy(c => c.ParticipantId)]);

    /// <summary>
    /// A random split balanced across stakeholder groups. The room is lined up stakeholder group by stakeholder group
    /// (largest first), shuffled within each by the seed, and dealt like cards round the breakout groups without
    /// restarting between stakeholder groups. Dealing one continuous line keeps group sizes within one of each
    /// other; each stakeholder group being a consecutive run of that line means its members land in every breakout
    /// group floor(k/n) or ceil(k/n) times, which is as even a mix as there can be.
    /// </summary>
    public static Result<BreakoutSplit> RandomBalanced(IEnumerable<BreakoutCandidate> room, int? groupCount, int seed)
    {
        if (CheckCount("groupCount", groupCount) is { } bad)
        {
            return bad;
        }

        var n = groupCount!.Value;
        var random = new Random(seed);
        var line = new List<BreakoutCandidate>();
        var byGroup = room
            .GroupBy(c => c.StakeholderGroupId)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key);
        foreach (var stakeholders in byGroup)
        {
            var shuffled = stakeholders.OrderBy(c => c.ParticipantId).ToArray();
            random.Shuffle(shuffled);
            line.AddRange(shuffled);
        }

        // Which breakout group receives the first card is random too, so the extra members of an uneven split do
        // not always go to group 1.
        var offset = random.Next(n);
        var groups = Enumerable.Range(0, n).Select(_ => new List<BreakoutCandidate>()).ToList();
        for (var i = 0; i < line.Count; i++)
        {
            groups[(i + offset) % n].Add(line[i]);
        }

        return new BreakoutSplit([.. groups.Select((g, i) => new BreakoutGroupDraft($"Group {i + 1}", g))], []);
    }

    private static Error? CheckCount(string field, int? count) =>
        count is >= 1 and <= MaxGroups ? null : Error.Invalid(field, $"The number of groups must be between 1 and {MaxGroups}.");
}
