using System.Globalization;
using EqualFooting.Consultations;

namespace EqualFooting.Tests.Consultations;

public class DisjointSetsTests
{
    /// <summary>
    /// Size, the unions made in order ("a-b", space separated) and the components they leave ("|" between sets, members
    /// by ",", each set and the list in ascending order).
    /// </summary>
    public static TheoryData<int, string, string> Tables => new()
    {
        { 1, "", "0" },
        { 4, "", "0|1|2|3" },
        { 2, "0-1", "0,1" },
        { 5, "0-1 3-4", "0,1|2|3,4" },
        { 5, "0-1 1-0 0-0 1-1", "0,1|2|3|4" },
        { 6, "0-1 2-3 1-3", "0,1,2,3|4|5" },
        { 6, "5-4 4-3 3-2 2-1 1-0", "0,1,2,3,4,5" },
        { 7, "0-6 1-5 2-4 6-5 3-3", "0,1,5,6|2,4|3" },
        { 8, "0-1 2-3 4-5 6-7 0-2 4-6 0-4", "0,1,2,3,4,5,6,7" },
        { 8, "1-2 3-4 5-6 2-3 6-1", "0|1,2,3,4,5,6|7" },
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public void Unions_leave_the_expected_components(int n, string unions, string expected)
    {
        var sets = new DisjointSets(n);
        foreach (var (a, b) in Pairs(unions))
        {
            sets.Union(a, b);
        }

        Assert.Equal(expected, Describe(Components(sets, n)));
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public void Every_member_of_a_set_finds_the_same_root_and_the_root_knows_the_size(int n, string unions, string expected)
    {
        var sets = new DisjointSets(n);
        foreach (var (a, b) in Pairs(unions))
        {
            sets.Union(a, b);
        }

        foreach (var component in expected.Split('|').Select(c => c.Split(',').Select(int.Parse).ToArray()))
        {
            var root = sets.Find(component[0]);
            Assert.Contains(root, component);
            Assert.All(component, x => Assert.Equal(root, sets.Find(x)));
            Assert.Equal(component.Length, sets.SizeOf(root));
            Assert.Equal(root, sets.Find(root));
        }
    }

    [Fact]
    public void Every_index_starts_alone()
    {
        var sets = new DisjointSets(5);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(i, sets.Find(i));
            Assert.Equal(1, sets.SizeOf(i));
        }
    }

    [Fact]
    public void Joining_members_of_one_set_again_changes_nothing()
    {
        var sets = new DisjointSets(4);
        sets.Union(0, 1);
        sets.Union(1, 2);
        var root = sets.Find(0);

        sets.Union(2, 0);
        sets.Union(1, 1);

        Assert.Equal(root, sets.Find(2));
        Assert.Equal(3, sets.SizeOf(root));
        Assert.Equal("0,1,2|3", Describe(Components(sets, 4)));
    }

    [Theory]
    [InlineData(1, 10, 5)]
    [InlineData(2, 50, 40)]
    [InlineData(3, 200, 150)]
    [InlineData(4, 200, 400)]
    public void Random_unions_agree_with_relabelling_every_member(int seed, int n, int unions)
    {
        // The naive model: each index carries a label, and a union relabels the whole of one set.
        var random = new Random(seed);
        var labels = Enumerable.Range(0, n).ToArray();
        var sets = new DisjointSets(n);
        for (var u = 0; u < unions; u++)
        {
            var a = random.Next(n);
            var b = random.Next(n);
            sets.Union(a, b);
            var from = labels[b];
            var to = labels[a];
            for (var i = 0; i < n; i++)
            {
                if (labels[i] == from)
                {
                    labels[i] = to;
                }
            }
        }

        var expected = Enumerable.Range(0, n).GroupBy(i => labels[i]).Select(g => g.ToArray()).ToList();
        Assert.Equal(Describe(expected), Describe(Components(sets, n)));
        Assert.All(Enumerable.Range(0, n), i => Assert.Equal(labels.Count(l => l == labels[i]), sets.SizeOf(sets.Find(i))));
    }

    private static IEnumerable<(int A, int B)> Pairs(string unions) =>
        unions.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('-'))
            .Select(p => (int.Parse(p[0], CultureInfo.InvariantCulture), int.Parse(p[1], CultureInfo.InvariantCulture)));

    private static List<int[]> Components(DisjointSets sets, int n) =>
        Enumerable.Range(0, n).GroupBy(sets.Find).Select(g => g.ToArray()).ToList();

    private static string Describe(IEnumerable<int[]> components) =>
        string.Join('|', components.Select(c => c.Order().ToArray()).OrderBy(c => c[0]).Select(c => string.Join(',', c)));
}
