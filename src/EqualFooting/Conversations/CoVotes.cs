using System.Runtime.CompilerServices;

namespace EqualFooting.Conversations;

/// <summary>
/// For every pair of statements (a ≤ b), over the kept participants who voted on both: how many they are, Σ vₐ·v_b,
/// Σ vₐ and Σ v_b. All are integers (votes are −1, 0, 1), so they can be kept and changed exactly as votes arrive, and
/// the centred Gram matrix CᵀC for any column means μ follows from them:
/// Σ (vₐ − μₐ)(v_b − μ_b) = Σ vₐv_b − μ_b Σ vₐ − μₐ Σ v_b + μₐμ_b · both. The diagonal also gives each statement's
/// votes and sum over the kept participants, hence the means. An update after a few votes touches only the pairs a
/// changed vote is in (each changed vote with the rest of its voter's row), so it costs about a thousand-th of a
/// rebuild on a Pol.is-sized conversation.
/// </summary>
internal sealed class CoVotes
{
    /// <summary>Above this many statements the table (16 bytes a pair, square) is not kept: 64 MB at 2,000.</summary>
    internal const int MaxStatements = 2000;

    // [a * m + b] for a ≤ b; the lower triangle is unused, which keeps the index arithmetic of the hot loops trivial.
    private readonly PairSums[] _sums;

    // 1 once an update has taken this table over (see Update).
    private int _handedOver;

    // The last CᵀC written, handed over with the table: rebuilding it into a fresh 4.9 MB array each round (783
    // statements) meant a large-object allocation, and a full collection, per update.
    private double[]? _gram;

    private CoVotes(int statements, PairSums[] sums, double[]? gram = null)
    {
        Statements = statements;
        _sums = sums;
        _gram = gram;
    }

    internal int Statements { get; }

    /// <summary>For an updated table: the rows taken out and counted again, and the pair sums changed (for benchmarks).</summary>
    internal (int Rows, long Pairs) Work { get; private init; }

    /// <summary>The sums over these rows of the matrix, built in parallel over rows (one table per chunk, added at the end).</summary>
    internal static CoVotes Build(VoteMatrix matrix, int[] rows)
    {
        var m = matrix.Statements;
        matrix = matrix.Flat();
        var rowStart = matrix.RowStart;
        var rowEnd = matrix.RowEnd;
        var columns = matrix.Columns;
        var values = matrix.Values;
        // At most 256 MB of partial tables, whatever the number of cores.
        var chunks = Math.Max(1, Math.Min(Math.Max(1, rows.Length / 4096), Math.Min(Environment.ProcessorCount, (int)(256_000_000L / (16L * m * m + 1)))));
        var partial = new PairSums[chunks][];
        Parallel.For(0, chunks, chunk =>
        {
            var from = (int)((long)rows.Length * chunk / chunks);
            var to = (int)((long)rows.Length * (chunk + 1) / chunks);
            var sums = new PairSums[m * m];
            for (var i = from; i < to; i++)
            {
                var r = rows[i];
                AddRow(sums, m, columns.AsSpan(rowStart[r], rowEnd[r] - rowStart[r]), values.AsSpan(rowStart[r], rowEnd[r] - rowStart[r]), 1);
            }

            partial[chunk] = sums;
        });
        var total = partial[0];
        for (var chunk = 1; chunk < chunks; chunk++)
        {
            var p = partial[chunk];
            for (var i = 0; i < total.Length; i++)
            {
                total[i].Add(p[i], 1);
            }
        }

        return new CoVotes(m, total);
    }

    /// <summary>
    /// These sums moved from <paramref name="before"/> to <paramref name="after"/> (the same participants and
    /// statements at the same indices, possibly more of both), where <paramref name="keptBefore"/> and
    /// <paramref name="keptAfter"/> say which rows count (by the row alone: a row both matrices hold alike counts in
    /// both or neither, so only the rows <see cref="VoteMatrix.With"/> touched need looking at). The first update from a table takes its storage over and
    /// changes it in place; this table is then spent, and a second update from it (continuing an earlier map again)
    /// answers null, as it does when so many rows changed that rebuilding is cheaper: the caller counts afresh, so
    /// every path gives the same sums.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal CoVotes? Update(VoteMatrix before, Func<int, bool> keptBefore, VoteMatrix after, Func<int, bool> keptAfter)
    {
        var m = after.Statements;
        if (m < Statements || after.Participants < before.Participants || before.Statements != Statements)
        {
            return null;
        }

        // Which rows changed, and what re-counting them costs in pair updates; give up when that nears a rebuild. When
        // after was made from before by VoteMatrix.With, only the rows its batches touched can differ; else every row is compared.
        long work = 0, rebuild = 0;
        for (var p = 0; p < after.Participants; p++)
        {
            if (keptAfter(p))
            {
                long length = after.VotesOf(p);
                rebuild += length * length / 2;
            }
        }

        var candidates = after.ChangedSince(before);
        var changed = new List<int>();
        var count = candidates?.Count ?? after.Participants;
        for (var i = 0; i < count; i++)
        {
            var p = candidates is null ? i : candidates[i];
            var newColumns = Columns(after, p);
            var newValues = Values(after, p);
            var existed = p < before.Participants;
            var oldColumns = existed ? Columns(before, p) : [];
            var oldValues = existed ? Values(before, p) : [];
            var kept = keptAfter(p);
            var wasKept = existed && keptBefore(p);
            if ((!kept && !wasKept) || (kept && wasKept && newColumns.SequenceEqual(oldColumns) && newValues.SequenceEqual(oldValues)))
            {
                continue;
            }

            changed.Add(p);
            work += kept == wasKept
                ? (long)(newColumns.Length + oldColumns.Length) * Differences(oldColumns, oldValues, newColumns, newValues)
                : ((long)newColumns.Length * newColumns.Length) + ((long)oldColumns.Length * oldColumns.Length);
        }

        if (work * 4 > rebuild)
        {
            return null;
        }

        // The first update from this table takes it over and changes it in place (10 MB at 783 statements need not be
        // copied each time); a later update from it (an earlier map continued again) finds it taken and rebuilds.
        PairSums[] sums;
        if (m == Statements)
        {
            if (Interlocked.Exchange(ref _handedOver, 1) != 0)
            {
                return null;
            }

            sums = _sums;
        }
        else
        {
            if (Interlocked.Exchange(ref _handedOver, 1) != 0)
            {
                return null;
            }

            sums = new PairSums[m * m];
            for (var a = 0; a < Statements; a++)
            {
                Array.Copy(_sums, a * Statements, sums, a * m, Statements);
            }
        }

        var oldMark = new List<bool>();
        var newMark = new List<bool>();
        foreach (var p in changed)
        {
            var newColumns = Columns(after, p);
            var newValues = Values(after, p);
            var existed = p < before.Participants;
            var oldColumns = existed ? Columns(before, p) : [];
            var oldValues = existed ? Values(before, p) : [];
            var wasKept = existed && keptBefore(p);
            var isKept = keptAfter(p);
            if (wasKept != isKept)
            {
                // The row enters or leaves the kept set: all of its pairs count or stop counting.
                if (wasKept)
                {
                    AddRow(sums, m, oldColumns, oldValues, -1);
                }

                if (isKept)
                {
                    AddRow(sums, m, newColumns, newValues, 1);
                }

                continue;
            }

            // Both kept: only the pairs with a changed cell differ. Mark the cells of each row that the other lacks (or holds with another value).
            Mark(oldColumns, oldValues, newColumns, newValues, oldMark);
            Mark(newColumns, newValues, oldColumns, oldValues, newMark);
            AddChangedPairs(sums, m, oldColumns, oldValues, oldMark, -1);
            AddChangedPairs(sums, m, newColumns, newValues, newMark, 1);
        }

        return new CoVotes(m, sums, m == Statements ? _gram : null) { Work = (changed.Count, work) };
    }

    /// <summary>Each statement's mean vote over the kept participants (0 when none voted on it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal double[] Means()
    {
        var m = Statements;
        var means = new double[m];
        for (var j = 0; j < m; j++)
        {
            var s = _sums[(j * m) + j];
            means[j] = s.Both > 0 ? (double)s.SumA / s.Both : 0;
        }

        return means;
    }

    /// <summary>CᵀC of the centred, mean-imputed matrix, dense and symmetric (statements × statements, row-major).</summary>
    /// <summary>
    /// CᵀC for these column means. The array is this table's own, overwritten by the next call here or on the table an
    /// update makes from this one: use it before asking again.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal double[] Gram(double[] means)
    {
        var m = Statements;
        var gram = _gram ??= new double[m * m];
        for (var a = 0; a < m; a++)
        {
            var ma = means[a];
            for (var b = a; b < m; b++)
            {
                var s = _sums[(a * m) + b];
                var mb = means[b];
                var g = s.Product - (mb * s.SumA) - (ma * s.SumB) + (ma * mb * s.Both);
                gram[(a * m) + b] = g;
                gram[(b * m) + a] = g;
            }
        }

        return gram;
    }

    private static ReadOnlySpan<int> Columns(VoteMatrix matrix, int p) => matrix.Row(p).Columns;

    private static ReadOnlySpan<sbyte> Values(VoteMatrix matrix, int p) => matrix.Row(p).Values;

    /// <summary>Cells (columns ascending in both rows) present in one row only or with another value in the other.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Differences(ReadOnlySpan<int> oldColumns, ReadOnlySpan<sbyte> oldValues, ReadOnlySpan<int> newColumns, ReadOnlySpan<sbyte> newValues)
    {
        int i = 0, k = 0, differences = 0;
        while (i < oldColumns.Length || k < newColumns.Length)
        {
            if (k >= newColumns.Length || (i < oldColumns.Length && oldColumns[i] < newColumns[k]))
            {
                i++;
                differences++;
            }
            else if (i >= oldColumns.Length || newColumns[k] < oldColumns[i])
            {
                k++;
                differences++;
            }
            else
            {
                differences += oldValues[i] != newValues[k] ? 2 : 0;
                i++;
                k++;
            }
        }

        return differences;
    }

    /// <summary>marks[i]: cell i of this row (columns ascending) is absent from the other row or differs there.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Mark(ReadOnlySpan<int> columns, ReadOnlySpan<sbyte> values, ReadOnlySpan<int> otherColumns, ReadOnlySpan<sbyte> otherValues, List<bool> marks)
    {
        marks.Clear();
        var o = 0;
        for (var i = 0; i < columns.Length; i++)
        {
            while (o < otherColumns.Length && otherColumns[o] < columns[i])
            {
                o++;
            }

            marks.Add(o >= otherColumns.Length || otherColumns[o] != columns[i] || otherValues[o] != values[i]);
        }
    }

    /// <summary>Adds (sign 1) or removes (−1) every pair a ≤ b of one row (columns ascending).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddRow(PairSums[] sums, int m, ReadOnlySpan<int> columns, ReadOnlySpan<sbyte> values, int sign)
    {
        for (var i = 0; i < columns.Length; i++)
        {
            var at = columns[i] * m;
            var va = values[i];
            for (var k = i; k < columns.Length; k++)
            {
                sums[at + columns[k]].Add(va, values[k], sign);
            }
        }
    }

    /// <summary>Adds or removes the pairs of one row with at least one marked cell, each once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddChangedPairs(PairSums[] sums, int m, ReadOnlySpan<int> columns, ReadOnlySpan<sbyte> values, List<bool> marks, int sign)
    {
        for (var i = 0; i < columns.Length; i++)
        {
            if (!marks[i])
            {
                continue;
            }

            var ci = columns[i];
            var vi = values[i];
            for (var k = 0; k < columns.Length; k++)
            {
                // A pair of two marked cells is counted from its first cell only.
                if (marks[k] && k < i)
                {
                    continue;
                }

                var ck = columns[k];
                if (k < i)
                {
                    sums[(ck * m) + ci].Add(values[k], vi, sign);
                }
                else
                {
                    sums[(ci * m) + ck].Add(vi, values[k], sign);
                }
            }
        }
    }

    private struct PairSums
    {
        public int Both;
        public int Product;
        public int SumA;
        public int SumB;

        public void Add(int va, int vb, int sign)
        {
            Both += sign;
            Product += sign * va * vb;
            SumA += sign * va;
            SumB += sign * vb;
        }

        public void Add(PairSums other, int sign)
        {
            Both += sign * other.Both;
            Product += sign * other.Product;
            SumA += sign * other.SumA;
            SumB += sign * other.SumB;
        }
    }
}
