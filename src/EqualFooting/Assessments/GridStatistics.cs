namespace EqualFooting.Assessments;

/// <summary>
/// One cell of an assessment grid's table: the ratings given for one question by one row (a region or a stakeholder
/// group). Quartiles interpolate between ranks (the "inclusive" method of spreadsheets), so a cell of one rating has
/// no spread, and the standard deviation is the sample's (n − 1).
/// </summary>
public sealed record GridCell(int N, double? Mean, double? Median, double? Q1, double? Q3, double? Iqr, double? StandardDeviation, bool Divided)
{
    public static readonly GridCell Empty = new(0, null, null, null, null, null, null, false);
}

/// <summary>A cell's change between two runs of a grid: the later mean less the earlier (null where either run has no ratings).</summary>
public sealed record GridChange(string Row, int Question, double? Before, double? After, double? Change);

/// <summary>Pure statistics of assessment grids: cells, tables by row and question, and the comparison of two runs.</summary>
public static class GridStatistics
{
    /// <param name="dividedAt">A cell whose interquartile range reaches this is flagged as divided (the room "wildly" varies).</param>
    public static GridCell Cell(IEnumerable<int> ratings, double dividedAt)
    {
        var sorted = ratings.Order().ToArray();
        var n = sorted.Length;
        if (n == 0)
        {
            return GridCell.Empty;
        }

        var mean = sorted.Average();
        var sd = n < 2 ? 0 : Math.Sqrt(sorted.Sum(r => (r - mean) * (r - mean)) / (n - 1));
        var q1 = Quantile(sorted, 0.25);
        var q3 = Quantile(sorted, 0.75);
        var iqr = q3 - q1;
        return new GridCell(n, mean, Quantile(sorted, 0.5), q1, q3, iqr, sd, n >= 2 && iqr >= dividedAt);
    }

    /// <summary>The p-quantile of sorted values by linear interpolation between closest ranks.</summary>
    public static double Quantile(IReadOnlyList<int> sorted, double p)
    {
        var position = (sorted.Count - 1) * p;
        var lower = (int)Math.Floor(position);
        var upper = (int)Math.Ceiling(position);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (position - lower));
    }

    /// <summary>Each row's cells, one per question, from (row, question, rating) answers; "don't know" is left out before this.</summary>
    public static IReadOnlyDictionary<string, GridCell[]> Table(IEnumerable<(string Row, int Question, int Rating)> answers, int questions, double dividedAt) =>
        answers
            .Where(a => a.Question >= 0 && a.Question < questions)
            .GroupBy(a => a.Row, StringComparer.Ordinal)
            .ToDictionary(
                row => row.Key,
                row => Enumerable.Range(0, questions).Select(q => Cell(row.Where(a => a.Question == q).Select(a => a.Rating), dividedAt)).ToArray(),
                StringComparer.Ordinal);

    /// <summary>Every cell present in either run, by row then question, with its change of mean.</summary>
    public static IReadOnlyList<GridChange> Compare(IReadOnlyDictionary<string, GridCell[]> before, IReadOnlyDictionary<string, GridCell[]> after, int questions) =>
        [.. before.Keys.Union(after.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .SelectMany(row => Enumerable.Range(0, questions).Select(q =>
            {
                var b = before.TryGetValue(row, out var bc) && q < bc.Length ? bc[q].Mean : null;
                var a = after.TryGetValue(row, out var ac) && q < ac.Length ? ac[q].Mean : null;
                return new GridChange(row, q, b, a, a - b);
            }))];
}
