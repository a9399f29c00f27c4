using EqualFooting.Assessments;

namespace EqualFooting.Tests.Assessments;

public sealed class GridStatisticsTests
{
    [Theory]
    [InlineData(new[] { 3 }, 3.0, 3.0, 0.0, 0.0)]
    [InlineData(new[] { 1, 2, 3, 4 }, 2.5, 2.5, 1.5, 1.2909944487358056)]
    [InlineData(new[] { 5, 1, 5, 1 }, 3.0, 3.0, 4.0, 2.3094010767585029)]
    [InlineData(new[] { 2, 2, 2, 3, 3 }, 2.4, 2.0, 1.0, 0.5477225575051661)]
    public void A_cell_has_mean_median_iqr_and_sample_sd(int[] ratings, double mean, double median, double iqr, double sd)
    {
        var cell = GridStatistics.Cell(ratings, dividedAt: 2);
        Assert.Equal(ratings.Length, cell.N);
        Assert.Equal(mean, cell.Mean!.Value, 10);
        Assert.Equal(median, cell.Median!.Value, 10);
        Assert.Equal(iqr, cell.Iqr!.Value, 10);
        Assert.Equal(sd, cell.StandardDeviation!.Value, 10);
    }

    [Fact]
    public void A_wild_variation_is_flagged_as_divided_and_agreement_is_not()
    {
        // "In some countries it's a 4 or a 5 and in some it's a 1."
        Assert.True(GridStatistics.Cell([1, 5, 4, 1], 2).Divided);
        Assert.False(GridStatistics.Cell([3, 3, 4, 3], 2).Divided);
        Assert.False(GridStatistics.Cell([0], 2).Divided);
        Assert.Equal(GridCell.Empty, GridStatistics.Cell([], 2));
    }

    [Fact]
    public void The_table_has_one_row_per_region_and_one_cell_per_question()
    {
        var table = GridStatistics.Table([("Africa", 0, 2), ("Africa", 0, 4), ("Europe", 1, 5), ("Europe", 9, 1)], questions: 2, dividedAt: 2);
        Assert.Equal(["Africa", "Europe"], table.Keys.Order());
        Assert.Equal(3.0, table["Africa"][0].Mean);
        Assert.Equal(0, table["Africa"][1].N);
        Assert.Equal(5.0, table["Europe"][1].Mean);
    }

    [Fact]
    public void Comparing_two_runs_lists_each_cells_change_of_mean()
    {
        var before = GridStatistics.Table([("Africa", 0, 2), ("Europe", 0, 4)], 1, 2);
        var after = GridStatistics.Table([("Africa", 0, 3), ("Asia", 0, 1)], 1, 2);

        var changes = GridStatistics.Compare(before, after, 1);

        Assert.Equal(["Africa", "Asia", "Europe"], changes.Select(c => c.Row));
        Assert.Equal(1.0, changes[0].Change);
        Assert.Null(changes[1].Change);
        Assert.Equal(4.0, changes[2].Before);
    }
}
