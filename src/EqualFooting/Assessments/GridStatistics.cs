namespace EqualFooting.Assessments;

/// <summary>
/// One cell of an assessment grid's table: the ratings given for one question by one row (a region or a stakeholder
/// group). Quartiles interpolate between ranks (the "inclusive" method of spreadsheets), so a cell of one rating has
/// no spread, and the standard deviation is the sample's (n − 1). A <see cref="Hidden"/> cell keeps only its n: it
/// has fewer answers than an anonymous grid may show.
/// </summary>
public sealed record GridCell(int N, double? Mean, double? Median, double? Q1, double? Q3, double? Iqr, double? StandardDeviation, bool Divided, bool Hidden = false)
{
    public static readonly GridCell Empty = new(0, null, null, null, null, null, null, false);

    /// <summary>Whether the cell shows figures (it has answers and is not hidden).</summary>
    public bool Shown => N > 0 && !Hidden;
}

/// <summary>A cell's change between two runs of a grid: the later mean less the earlier (null where either run shows no figure).</summary>
public sealed record GridChange<TRow>(TRow Row, int Question, double? Before, double? After, double? Change);

/// <summary>One rating as the table counts it: its row (a region or a stakeholder group), its question and its value.</summary>
public readonly record struct RatingRow<TRow>(TRow Row, int Question, int Rating);

/// <summary>Pure statistics of assessment grids: cells, tables by row and question, and the comparison of two runs.</summary>
public static class GridStatistics
{
    /// <param name="dividedAt">A cell whose standard deviation reaches this is flagged as divided (the room "wildly" varies).</param>
    /// <param name="minimumCell">A cell with answers, but fewer than this, is hidden; 0 hides nothing.</param>
    public static GridCell Cell(IEnumerable<int> ratings, double dividedAt, int minimumCell = 0)
    {
        var sorted = ratings.Order().ToArray();
        var n = sorted.Length;
        if (n == 0)
        {
            return GridCell.Empty;
        }

        if (n < minimumCell)
        {
            return GridCell.Empty with { N = n, Hidden = true };
        }

        var mean = sorted.Average();
        var sd = n < 2 ? 0 : Math.Sqrt(sorted.Sum(r => (r - mean) * (r - mean)) / (n - 1));
        var q1 = Quantile(sorted, 0.25);
        var q3 = Quantile(sorted, 0.75);
        return new GridCell(n, mean, Quantile(sorted, 0.5), q1, q3, q3 - q1, sd, n >= 2 && sd >= dividedAt);
    }

    /// <summary>The p-quantile of sorted values by linear interpolation between closest ranks.</summary>
    public static double Quantile(IReadOnlyList<int> sorted, double p)
    {
        var position = (sorted.Count - 1) * p;
        var lower = (int)Math.Floor(position);
        var upper = (int)Math.Ceiling(position);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (position - lower));
    }

    /// <summary>Each row's cells, one per question; answers to questions the grid does not have are ignored.</summary>
    public static IReadOnlyDictionary<TRow, GridCell[]> Table<TRow>(IEnumerable<RatingRow<TRow>> answers, int questions, double dividedAt, int minimumCell = 0)
        where TRow : notnull =>
        answers
            .Where(a => a.Question >= 0 && a.Question < questions)
            .GroupBy(a => a.Row)
            .ToDictionary(
                row => row.Key,
                row => Enumerable.Range(0, questions).Select(q => Cell(row.Where(a => a.Question == q).Select(a => a.Rating), dividedAt, minimumCell)).ToArray());

    /// <summary>Every row's answers together: the table's last line.</summary>
    public static GridCell[] Overall<TRow>(IEnumerable<RatingRow<TRow>> answers, int questions, double dividedAt, int minimumCell = 0)
    {
        var list = answers as IReadOnlyCollection<RatingRow<TRow>> ?? [.. answers];
        return [.. Enumerable.Range(0, questions).Select(q => Cell(list.Where(a => a.Question == q).Select(a => a.Rating), dividedAt, minimumCell))];
    }

    /// <summary>Every cell present in either run, rows in the given order, with its change of mean (none where either run hides it).</summary>
    public static IReadOnlyList<GridChange<TRow>> Compare<TRow>(IReadOnlyDictionary<TRow, GridCell[]> before, IReadOnlyDictionary<TRow, GridCell[]> after, int questions, IComparer<TRow>? order = null)
        where TRow : notnull =>
        [.. before.Keys.Union(after.Keys).Order(order ?? Comparer<TRow>.Default)
            .SelectMany(row => Enumerable.Range(0, questions).Select(q =>
            {
                var b = before.TryGetValue(row, out var bc) && q < bc.Length ? bc[q].Mean : null;
                var a = after.TryGetValue(row, out var ac) && q < ac.Length ? ac[q].Mean : null;
                return new GridChange<TRow>(row, q, b, a, a - b);
            }))];

    /// <summary>
    /// Where a value falls on the scale, from 0 (the lowest point) to 1 (the highest): what a heatmap colours by.
    /// Null stays null (an empty or hidden cell).
    /// </summary>
    public static double? Shade(double? value, int scaleMin, int scaleMax) =>
        value is not { } v || scaleMax <= scaleMin ? null : Math.Clamp((v - scaleMin) / (scaleMax - scaleMin), 0, 1);
}
