namespace EqualFooting.Conversations;

/// <summary>Hubert and Arabie's adjusted Rand index between two labellings of the same items: 1 identical up to names, about 0 by chance.</summary>
public static class AdjustedRandIndex
{
    public static double Compute(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count)
        {
            throw new ArgumentException("Both labellings must cover the same items.", nameof(b));
        }

        var table = new Dictionary<(int, int), long>();
        var rows = new Dictionary<int, long>();
        var columns = new Dictionary<int, long>();
        for (var i = 0; i < a.Count; i++)
        {
            table[(a[i], b[i])] = table.GetValueOrDefault((a[i], b[i])) + 1;
            rows[a[i]] = rows.GetValueOrDefault(a[i]) + 1;
            columns[b[i]] = columns.GetValueOrDefault(b[i]) + 1;
        }

        static double Pairs(long n) => n * (n - 1) / 2.0;
        var index = table.Values.Sum(Pairs);
        var sumRows = rows.Values.Sum(Pairs);
        var sumColumns = columns.Values.Sum(Pairs);
        var total = Pairs(a.Count);
        if (total == 0)
        {
            return 1;
        }

        var expected = sumRows * sumColumns / total;
        var max = (sumRows + sumColumns) / 2;
        // Both labellings put everything in one group, or each item alone: they agree, and the formula would divide by zero.
        return max == expected ? 1 : (index - expected) / (max - expected);
    }
}
