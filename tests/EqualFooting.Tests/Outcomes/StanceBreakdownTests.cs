using EqualFooting.Deliberation;
using EqualFooting.Outcomes;

namespace EqualFooting.Tests.Outcomes;

public sealed class StanceBreakdownTests
{
    // Groups 1 and 2, regions 10 and 20: 8 positions in all.
    private static readonly StanceCount[] Counts =
    [
        new(1, 10, Stance.Agree, 3),
        new(1, 10, Stance.Disagree, 1),
        new(1, 20, Stance.Agree, 1),
        new(2, 10, Stance.Abstain, 2),
        new(2, 20, Stance.Block, 1),
        new(2, 20, Stance.Agree, 0),
    ];

    [Fact]
    public void Every_count_is_split_by_group_by_region_and_by_both_with_n()
    {
        var b = StanceBreakdown.Of(Counts, 0);
        Assert.Equal([new StanceCell(1, null, 5, false, 4, 1, 0, 0), new StanceCell(2, null, 3, false, 0, 0, 2, 1)], b.ByStakeholderGroup);
        Assert.Equal([new StanceCell(null, 10, 6, false, 3, 1, 2, 0), new StanceCell(null, 20, 2, false, 1, 0, 0, 1)], b.ByRegion);
        Assert.Equal(
            [new StanceCell(1, 10, 4, false, 3, 1, 0, 0), new StanceCell(1, 20, 1, false, 1, 0, 0, 0), new StanceCell(2, 10, 2, false, 0, 0, 2, 0), new StanceCell(2, 20, 1, false, 0, 0, 0, 1)],
            b.ByStakeholderGroupAndRegion);
        Assert.Equal(8, b.ByStakeholderGroupAndRegion.Sum(c => c.N));
    }

    [Theory]
    [InlineData(0, new int[0])]
    [InlineData(2, new[] { 1, 3 })]        // the two single cells
    [InlineData(3, new[] { 1, 2, 3 })]     // the cell of two as well
    [InlineData(5, new[] { 0, 1, 2, 3 })]  // every cell
    public void Small_cells_keep_their_n_but_not_their_stances(int minimum, int[] hiddenCells)
    {
        var cells = StanceBreakdown.Of(Counts, minimum).ByStakeholderGroupAndRegion;
        Assert.Equal(hiddenCells, cells.Select((c, i) => (c, i)).Where(x => x.c.Hidden).Select(x => x.i));
        Assert.All(cells.Where(c => c.Hidden), c => Assert.True(c.N > 0 && c.Agree is null && c.Disagree is null && c.Abstain is null && c.Block is null));
        Assert.Equal([4, 1, 2, 1], cells.Select(c => c.N));
    }

    [Fact]
    public void A_lone_small_cell_takes_the_next_smallest_with_it()
    {
        // Regions: 6 and 2 positions; with a minimum of 3 the region of two is hidden and, alone, takes the next smallest along.
        var regions = StanceBreakdown.Of(Counts, 3).ByRegion;
        Assert.All(regions, c => Assert.True(c.Hidden));
        var groups = StanceBreakdown.Of(Counts, 4).ByStakeholderGroup;
        Assert.All(groups, c => Assert.True(c.Hidden));
    }
}
