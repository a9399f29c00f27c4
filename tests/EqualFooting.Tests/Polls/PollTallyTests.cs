using EqualFooting.Polls;

namespace EqualFooting.Tests.Polls;

public sealed class PollTallyTests
{
    private static readonly TallyShape YesNo = new(2);

    [Fact]
    public void Counts_by_group_region_and_both_with_n_per_cell()
    {
        BallotRow[] rows = [new(1, 10, 0b01, 3), new(1, 20, 0b10, 2), new(2, 10, 0b01, 4), new(2, 10, 0b10, 1)];

        var t = PollTally.Ballots(YesNo, rows);

        Assert.Equal(10, t.Overall.N);
        Assert.Equal([7, 3], t.Overall.Counts);
        Assert.Equal(5, t.ByGroup[1].N);
        Assert.Equal([3, 2], t.ByGroup[1].Counts);
        Assert.Equal([7, 1], t.ByRegion[10].Counts);
        Assert.Equal(8, t.ByRegion[10].N);
        Assert.Equal([4, 1], t.ByGroupAndRegion[(2, 10)].Counts);
        Assert.Equal(2, t.ByGroupAndRegion[(1, 20)].N);
    }

    [Fact]
    public void Small_cells_are_hidden_when_a_minimum_is_given()
    {
        BallotRow[] rows = [new(1, 10, 0b01, 3), new(1, 20, 0b10, 2), new(2, 10, 0b01, 1)];

        var t = PollTally.Ballots(YesNo, rows, minimumCell: 3);

        Assert.False(t.Overall.Hidden);
        Assert.True(t.ByGroupAndRegion[(1, 20)].Hidden);
        Assert.Null(t.ByGroupAndRegion[(1, 20)].Counts);
        Assert.Equal(2, t.ByGroupAndRegion[(1, 20)].N);
        Assert.True(t.ByGroup[2].Hidden);
        Assert.False(t.ByGroupAndRegion[(1, 10)].Hidden);
    }

    [Fact]
    public void A_multiple_choice_ballot_counts_once_in_n_and_once_in_each_chosen_option()
    {
        var t = PollTally.Ballots(new TallyShape(3, CountsPeople: false), [new(1, 1, 0b111), new(1, 1, 0b100)]);
        Assert.Equal(2, t.Overall.N);
        Assert.Equal([1, 1, 2], t.Overall.Counts);
    }

    [Theory]
    [InlineData(new[] { 0, 0, 1, 0, 0 }, 3.0, 3.0)]
    [InlineData(new[] { 1, 0, 0, 0, 1 }, 3.0, 3.0)]
    [InlineData(new[] { 2, 1, 0, 0, 0 }, 1.3333333333333333, 1.0)]
    [InlineData(new[] { 1, 1, 0, 0, 0 }, 1.5, 1.5)]
    [InlineData(new[] { 0, 0, 0, 0, 0 }, null, null)]
    public void Likert_cells_have_mean_and_median_of_the_ratings(int[] counts, double? mean, double? median)
    {
        var (m, med) = PollTally.Centre(counts, 1, 5);
        Assert.Equal(mean, m);
        Assert.Equal(median, med);
    }

    [Fact]
    public void Dont_know_is_left_out_of_the_mean()
    {
        // Scale 1-5 plus don't know: three rate 4, two don't know.
        var shape = new TallyShape(6, ScaleMin: 1, ScalePoints: 5);
        var t = PollTally.Ballots(shape, [new(1, 1, 1 << 3, 3), new(1, 1, 1 << 5, 2)]);
        Assert.Equal(5, t.Overall.N);
        Assert.Equal(4.0, t.Overall.Mean);
        Assert.Equal(2, t.Overall.Counts![5]);
    }

    [Fact]
    public void Hand_counts_sum_by_group_and_a_count_without_region_stays_out_of_the_regions()
    {
        HandRow[] hands = [new(1, 10, [5, 2]), new(1, null, [1, 1]), new(2, 20, [0, 3])];

        var t = PollTally.Hands(YesNo, hands);

        Assert.Equal(12, t.Overall.N);
        Assert.Equal([6, 6], t.Overall.Counts);
        Assert.Equal([6, 3], t.ByGroup[1].Counts);
        Assert.Equal(9, t.ByGroup[1].N);
        Assert.Equal([5, 2], t.ByRegion[10].Counts);
        Assert.False(t.ByRegion.ContainsKey(0));
    }

    [Fact]
    public void Grouped_rows_and_single_ballots_give_the_same_table()
    {
        var random = new Random(2014);
        var single = Enumerable.Range(0, 2_000).Select(_ => new BallotRow(random.Next(1, 5), random.Next(1, 6), 1 << random.Next(0, 4))).ToList();
        var grouped = single.GroupBy(r => (r.GroupId, r.RegionId, r.Mask)).Select(g => new BallotRow(g.Key.GroupId, g.Key.RegionId, g.Key.Mask, g.Count())).ToList();
        var shape = new TallyShape(4);

        var a = PollTally.Ballots(shape, single, 3);
        var b = PollTally.Ballots(shape, grouped, 3);

        Assert.Equal(a.Overall, b.Overall with { Counts = a.Overall.Counts });
        Assert.Equal(a.Overall.Counts, b.Overall.Counts);
        foreach (var (key, cell) in a.ByGroupAndRegion)
        {
            Assert.Equal(cell.N, b.ByGroupAndRegion[key].N);
            Assert.Equal(cell.Counts, b.ByGroupAndRegion[key].Counts);
        }

        Assert.Equal(2_000, a.ByGroup.Values.Sum(c => c.N));
        Assert.Equal(2_000, a.ByRegion.Values.Sum(c => c.N));
    }
}
