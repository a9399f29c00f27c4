using EqualFooting.Assessments;

namespace EqualFooting.Tests.Assessments;

public sealed class GridStatisticsTests
{
    [Theory]
    [InlineData(new[] { 3 }, 3.0, 3.0, 0.0, 0.0)]
    [InlineData(new[] { 1, 2, 3, 4 }, 2.5, 2.5, 1.5, 1.2909944487358056)]
    [InlineData(new[] { 5, 1, 5, 1 }, 3.0, 3.0, 4.0, 2.3094010767585029)]
    [InlineData(new[] { 2, 2, 2, 3, 3 }, 2.4, 2.0, 1.0, 0.5477225575051661)]
    [InlineData(new[] { 0, 0, 5 }, 1.6666666666666667, 0.0, 2.5, 2.8867513459481287)]
    public void A_cell_has_mean_median_iqr_and_sample_sd(int[] ratings, double mean, double median, double iqr, double sd)
    {
        var cell = GridStatistics.Cell(ratings, dividedAt: 1.25);
        Assert.Equal(ratings.Length, cell.N);
        Assert.Equal(mean, cell.Mean!.Value, 10);
        Assert.Equal(median, cell.Median!.Value, 10);
        Assert.Equal(iqr, cell.Iqr!.Value, 10);
        Assert.Equal(sd, cell.StandardDeviation!.Value, 10);
    }

    [Theory]
    [InlineData(new[] { 1, 5, 4, 1 }, 1.25, true)]   // "In some countries it's a 4 or a 5 and in some it's a 1."
    [InlineData(new[] { 3, 3, 4, 3 }, 1.25, false)]
    [InlineData(new[] { 0 }, 0.01, false)]           // one answer has no spread, whatever the threshold
    [InlineData(new[] { 2, 4 }, 1.4142135623730951, true)] // the threshold itself counts as divided
    [InlineData(new[] { 2, 4 }, 1.5, false)]
    public void A_cell_whose_standard_deviation_reaches_the_threshold_is_divided(int[] ratings, double dividedAt, bool divided) =>
        Assert.Equal(divided, GridStatistics.Cell(ratings, dividedAt).Divided);

    [Theory]
    [InlineData(0, 3, false)]
    [InlineData(2, 3, true)]
    [InlineData(3, 3, false)]
    [InlineData(1, 0, false)]
    public void A_cell_under_the_minimum_size_is_hidden_and_keeps_only_its_n(int answers, int minimum, bool hidden)
    {
        var cell = GridStatistics.Cell(Enumerable.Repeat(4, answers), 1.25, minimum);
        Assert.Equal(hidden, cell.Hidden);
        Assert.Equal(answers, cell.N);
        Assert.Equal(answers > 0 && !hidden, cell.Shown);
        Assert.Equal(answers > 0 && !hidden, cell.Mean is not null);
    }

    [Fact]
    public void The_table_has_one_row_per_region_and_one_cell_per_question()
    {
        var table = GridStatistics.Table<string>([new("Africa", 0, 2), new("Africa", 0, 4), new("Europe", 1, 5), new("Europe", 9, 1)], questions: 2, dividedAt: 1.25);
        Assert.Equal(["Africa", "Europe"], table.Keys.Order());
        Assert.Equal(3.0, table["Africa"][0].Mean);
        Assert.True(table["Africa"][0].Divided);
        Assert.Equal(0, table["Africa"][1].N);
        Assert.Equal(5.0, table["Europe"][1].Mean);

        var overall = GridStatistics.Overall<string>([new("Africa", 0, 2), new("Africa", 0, 4), new("Europe", 0, 3)], 2, 1.25, minimumCell: 3);
        Assert.Equal(3.0, overall[0].Mean);
        Assert.Equal(GridCell.Empty, overall[1]);
    }

    [Fact]
    public void Comparing_two_runs_lists_each_cells_change_of_mean_and_none_for_hidden_cells()
    {
        var before = GridStatistics.Table<string>([new("Africa", 0, 2), new("Europe", 0, 4), new("Europe", 0, 4), new("Asia", 0, 5)], 1, 1.25, minimumCell: 2);
        var after = GridStatistics.Table<string>([new("Africa", 0, 3), new("Africa", 0, 3), new("Asia", 0, 1), new("Asia", 0, 1)], 1, 1.25, minimumCell: 2);

        var changes = GridStatistics.Compare(before, after, 1, StringComparer.Ordinal);

        Assert.Equal(["Africa", "Asia", "Europe"], changes.Select(c => c.Row));
        Assert.Null(changes[0].Before); // hidden before (one answer)
        Assert.Null(changes[0].Change);
        Assert.Null(changes[1].Before);
        Assert.Equal(4.0, changes[2].Before);
        Assert.Null(changes[2].After);
    }

    [Theory]
    [InlineData(null, 0, 5, null)]
    [InlineData(0.0, 0, 5, 0.0)]
    [InlineData(5.0, 0, 5, 1.0)]
    [InlineData(3.0, 1, 5, 0.5)]
    [InlineData(-1.0, 0, 5, 0.0)]
    public void The_heatmap_shade_is_the_place_on_the_scale(double? value, int min, int max, double? shade) =>
        Assert.Equal(shade, GridStatistics.Shade(value, min, max));

    /// <summary>Properties on many random cells (seeded, as <c>QueuePolicyPropertyTests</c>: a failure names its seed).</summary>
    [Theory]
    [InlineData(20140623)]
    [InlineData(2014)]
    [InlineData(7)]
    public void Every_cell_keeps_its_statistics_within_the_scale_and_ignores_the_order_of_answers(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 500; i++)
        {
            var ratings = Enumerable.Range(0, random.Next(1, 40)).Select(_ => random.Next(0, 6)).ToArray();
            var threshold = 0.25 + (random.NextDouble() * 2);
            var cell = GridStatistics.Cell(ratings, threshold);
            var shuffled = GridStatistics.Cell(ratings.OrderBy(_ => random.Next()), threshold);

            Assert.Equal(cell, shuffled);
            Assert.InRange(cell.Mean!.Value, ratings.Min(), ratings.Max());
            Assert.InRange(cell.Median!.Value, cell.Q1!.Value, cell.Q3!.Value);
            Assert.InRange(cell.Q1.Value, ratings.Min(), ratings.Max());
            Assert.InRange(cell.Q3.Value, ratings.Min(), ratings.Max());
            Assert.True(cell.Iqr >= 0 && cell.StandardDeviation >= 0, $"seed {seed}, case {i}");
            Assert.Equal(cell.Divided, ratings.Length >= 2 && cell.StandardDeviation >= threshold);
            Assert.Equal(ratings.Distinct().Count() == 1, cell.StandardDeviation == 0);
        }
    }

    [Theory]
    [InlineData(42)]
    [InlineData(1999)]
    public void The_overall_line_counts_every_answer_of_every_row(int seed)
    {
        var random = new Random(seed);
        var rows = Enumerable.Range(0, 300).Select(_ => new RatingRow<int>(random.Next(0, 5), random.Next(0, 6), random.Next(0, 6))).ToList();
        var table = GridStatistics.Table(rows, 6, 1.25);
        var overall = GridStatistics.Overall(rows, 6, 1.25);
        for (var q = 0; q < 6; q++)
        {
            Assert.Equal(overall[q].N, table.Values.Sum(cells => cells[q].N));
            var weighted = table.Values.Where(c => c[q].N > 0).Sum(c => c[q].Mean!.Value * c[q].N) / overall[q].N;
            Assert.Equal(overall[q].Mean!.Value, weighted, 9);
        }
    }
}
