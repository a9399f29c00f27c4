using EqualFooting.Sessions;

namespace EqualFooting.Tests.Sessions;

public class BreakoutAssignmentTests
{
    private static readonly IReadOnlyList<(int Id, string Name)> Regions =
        [(1, "Africa"), (2, "Asia-Pacific"), (3, "Europe"), (4, "Latin America and Caribbean"), (5, "North America")];

    private static BreakoutCandidate P(int id, int group, int region, int? table = null) => new(id, group, region, table);

    [Fact]
    public void By_region_makes_one_group_per_region_present_in_the_process_order()
    {
        var room = new[] { P(1, 1, 3), P(2, 2, 1), P(3, 3, 3), P(4, 1, 5) };

        var split = BreakoutAssignment.ByRegion(room, Regions);

        Assert.Equal(["Africa", "Europe", "North America"], split.Groups.Select(g => g.Name));
        Assert.Equal(new[] { new[] { 2 }, [1, 3], [4] }, split.Groups.Select(g => g.Members.Select(m => m.ParticipantId).ToArray()));
        Assert.Equal([1, 3, 5], split.Groups.Select(g => g.RegionId!.Value));
        Assert.Empty(split.Unassigned);
    }

    [Fact]
    public void By_declared_table_makes_one_group_per_table_and_leaves_the_undeclared_to_the_moderator()
    {
        var room = new[] { P(1, 1, 1, 7), P(2, 1, 1, 2), P(3, 1, 1), P(4, 1, 1, 7) };

        var split = BreakoutAssignment.ByTable(room, null).Value;

        Assert.Equal(["Table 2", "Table 7"], split.Groups.Select(g => g.Name));
        Assert.Equal(new[] { new[] { 2 }, [1, 4] }, split.Groups.Select(g => g.Members.Select(m => m.ParticipantId).ToArray()));
        Assert.Equal([3], split.Unassigned.Select(c => c.ParticipantId));
    }

    [Fact]
    public void With_a_count_of_tables_declared_seats_are_kept_and_the_rest_fill_the_emptiest_table()
    {
        var room = new[] { P(1, 1, 1, 1), P(2, 1, 1, 1), P(3, 1, 1), P(4, 1, 1, 9), P(5, 1, 1) };

        var split = BreakoutAssignment.ByTable(room, 3).Value;

        Assert.Equal(new[] { new[] { 1, 2 }, [3, 5], [4] }, split.Groups.Select(g => g.Members.Select(m => m.ParticipantId).ToArray()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(101)]
    public void Bad_group_counts_name_the_field(int? count)
    {
        var room = new[] { P(1, 1, 1) };

        Assert.Equal("groupCount", BreakoutAssignment.RandomBalanced(room, count, 1).Error!.Field);
        Assert.Equal("groupCount", BreakoutAssignment.ByHand(room, count).Error!.Field);
        Assert.Equal("tableCount", BreakoutAssignment.ByTable(room, count ?? 0).Error!.Field);
    }

    [Fact]
    public void Splitting_by_declared_tables_when_nobody_declared_one_asks_for_a_count() =>
        Assert.Equal("tableCount", BreakoutAssignment.ByTable([P(1, 1, 1)], null).Error!.Field);

    [Fact]
    public void By_hand_makes_empty_groups_and_leaves_everyone_to_place()
    {
        var split = BreakoutAssignment.ByHand([P(2, 1, 1), P(1, 2, 2)], 2).Value;

        Assert.Equal(["Group 1", "Group 2"], split.Groups.Select(g => g.Name));
        Assert.All(split.Groups, g => Assert.Empty(g.Members));
        Assert.Equal([1, 2], split.Unassigned.Select(c => c.ParticipantId));
    }

    [Fact]
    public void The_seed_decides_the_random_split()
    {
        var room = Room(new Random(7), 30, 5);

        var first = Ids(BreakoutAssignment.RandomBalanced(room, 4, 2014).Value);
        var again = Ids(BreakoutAssignment.RandomBalanced(Enumerable.Reverse(room), 4, 2014).Value);
        var others = Enumerable.Range(1, 5).Select(seed => Ids(BreakoutAssignment.RandomBalanced(room, 4, seed).Value)).ToList();

        Assert.Equal(first, again);
        Assert.Contains(others, o => !o.SequenceEqual(first, new ArrayComparer()));
    }

    public static TheoryData<int> Seeds => [20140623, 2005, 42];

    /// <summary>
    /// The invariants of a random balanced split on many random rooms (seeded, so a failure is reproduced by running
    /// again): everyone is placed once, group sizes differ by at most one, and each stakeholder group is spread so
    /// that no breakout group has two more of it than another.
    /// </summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_random_split_places_everyone_once_with_even_sizes_and_an_even_mix(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 300; i++)
        {
            var room = Room(random, random.Next(0, 80), random.Next(1, 7));
            var n = random.Next(1, 12);

            var split = BreakoutAssignment.RandomBalanced(room, n, random.Next()).Value;

            var where = $"seed {seed}, case {i}: {room.Length} people in {n} groups";
            Assert.Equal(n, split.Groups.Count);
            Assert.True(room.Select(c => c.ParticipantId).Order().SequenceEqual(split.Groups.SelectMany(g => g.Members).Select(m => m.ParticipantId).Order()), where);
            var sizes = split.Groups.Select(g => g.Members.Count).ToList();
            Assert.True(sizes.Max() - sizes.Min() <= 1, where);
            foreach (var stakeholders in room.GroupBy(c => c.StakeholderGroupId))
            {
                var spread = split.Groups.Select(g => g.Members.Count(m => m.StakeholderGroupId == stakeholders.Key)).ToList();
                Assert.True(spread.Max() - spread.Min() <= 1, $"{where}, stakeholder group {stakeholders.Key}: {string.Join(",", spread)}");
            }
        }
    }

    private static BreakoutCandidate[] Room(Random random, int people, int stakeholderGroups) =>
        [.. Enumerable.Range(1, people).Select(id => P(id * 3, random.Next(1, stakeholderGroups + 1), random.Next(1, 6)))];

    private static int[][] Ids(BreakoutSplit split) => [.. split.Groups.Select(g => g.Members.Select(m => m.ParticipantId).ToArray())];

    private sealed class ArrayComparer : IEqualityComparer<int[]>
    {
        public bool Equals(int[]? x, int[]? y) => x!.SequenceEqual(y!);

        public int GetHashCode(int[] obj) => obj.Length;
    }
}
