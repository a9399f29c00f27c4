namespace EqualFooting.Conversations;

/// <summary>A participant's answer to a statement. The numbers are the ones Pol.is exports and the analysis uses.</summary>
public enum VoteChoice : sbyte
{
    Disagree = -1,

    /// <summary>Seen and passed: counts as a vote (a zero in the matrix), unlike a statement never seen.</summary>
    Pass = 0,
    Agree = 1,
}

/// <summary>One vote by participant index on statement index (both dense, 0-based, chosen by the caller).</summary>
public readonly record struct CastVote(int Participant, int Statement, VoteChoice Choice);

/// <summary>
/// The votes of a conversation as a sparse matrix, one row a participant, stored row by row (CSR): the columns of a
/// row ascending, one value each. Nothing else is stored, so a conversation of a million participants and fifty
/// million votes takes about 250 MB. Immutable: <see cref="With"/> makes a new matrix with some votes changed.
/// </summary>
public sealed class VoteMatrix
{
    internal VoteMatrix(int participants, int statements, int[] rowStart, int[] columns, sbyte[] values)
    {
        Participants = participants;
        Statements = statements;
        RowStart = rowStart;
        Columns = columns;
        Values = values;
    }

    public int Participants { get; }

    public int Statements { get; }

    /// <summary>The number of votes (agree, disagree and pass).</summary>
    public int Count => RowStart[Participants];

    internal int[] RowStart { get; }

    internal int[] Columns { get; }

    internal sbyte[] Values { get; }

    public int VotesOf(int participant) => RowStart[participant + 1] - RowStart[participant];

    /// <summary>Every vote, participant by participant, statements in order within each.</summary>
    public IEnumerable<CastVote> Votes()
    {
        for (var p = 0; p < Participants; p++)
        {
            for (var i = RowStart[p]; i < RowStart[p + 1]; i++)
            {
                yield return new CastVote(p, Columns[i], (VoteChoice)Values[i]);
            }
        }
    }

    /// <summary>The participant's vote on the statement, or null when they have not voted on it.</summary>
    public VoteChoice? Get(int participant, int statement)
    {
        var start = RowStart[participant];
        var i = Array.BinarySearch(Columns, start, RowStart[participant + 1] - start, statement);
        return i >= 0 ? (VoteChoice)Values[i] : null;
    }

    /// <summary>The matrix of these votes; a later vote by the same participant on the same statement replaces an earlier one.</summary>
    public static VoteMatrix Build(int participants, int statements, IReadOnlyList<CastVote> votes)
    {
        ArgumentNullException.ThrowIfNull(votes);
        ArgumentOutOfRangeException.ThrowIfNegative(participants);
        ArgumentOutOfRangeException.ThrowIfNegative(statements);
        var counts = new int[participants + 1];
        foreach (var v in votes)
        {
            Check(v, participants, statements);
            counts[v.Participant + 1]++;
        }

        for (var p = 0; p < participants; p++)
        {
            counts[p + 1] += counts[p];
        }

        // Counting sort by participant keeps each row's votes in the order given, so "later replaces earlier" survives.
        var next = (int[])counts.Clone();
        var columns = new int[votes.Count];
        var values = new sbyte[votes.Count];
        foreach (var v in votes)
        {
            var at = next[v.Participant]++;
            columns[at] = v.Statement;
            values[at] = (sbyte)v.Choice;
        }

        return Compact(participants, statements, counts, columns, values);
    }

    /// <summary>
    /// A matrix from rows already laid out (the bench generates fifty million votes this way without a list of them).
    /// Within a row, columns may come in any order; a repeated column keeps its last value.
    /// </summary>
    public static VoteMatrix FromRows(int participants, int statements, int[] rowStart, int[] columns, sbyte[] values)
    {
        ArgumentNullException.ThrowIfNull(rowStart);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(values);
        if (rowStart.Length != participants + 1 || rowStart[0] != 0 || rowStart[participants] != columns.Length || values.Length != columns.Length)
        {
            throw new ArgumentException("Row starts must run from 0 to the number of votes, one more than the participants.", nameof(rowStart));
        }

        for (var i = 0; i < columns.Length; i++)
        {
            if ((uint)columns[i] >= (uint)statements || values[i] is < -1 or > 1)
            {
                throw new ArgumentException($"Vote {i} is outside the matrix or not -1, 0 or 1.", nameof(columns));
            }
        }

        return Compact(participants, statements, rowStart, columns, values);
    }

    /// <summary>A new matrix with these votes added or changed (later replaces earlier, as in <see cref="Build"/>).</summary>
    public VoteMatrix With(IReadOnlyList<CastVote> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var participants = Participants;
        var statements = Statements;
        foreach (var v in changes)
        {
            participants = Math.Max(participants, v.Participant + 1);
            statements = Math.Max(statements, v.Statement + 1);
            Check(v, participants, statements);
        }

        // Only the rows with changes are rebuilt (sorted, the last of repeats kept, as Build does); the rows between them
        // are copied as blocks into arrays allocated once at their final size, so an update of a thousand votes costs a
        // copy of the matrix, not a re-sort of it and a second copy.
        var lists = new List<CastVote>?[participants];
        foreach (var v in changes)
        {
            (lists[v.Participant] ??= []).Add(v);
        }

        var merged = new VoteMatrix?[participants];
        var rowStart = new int[participants + 1];
        for (var p = 0; p < participants; p++)
        {
            var own = p < Participants ? VotesOf(p) : 0;
            if (lists[p] is { } list)
            {
                var columns = new int[own + list.Count];
                var values = new sbyte[columns.Length];
                if (own > 0)
                {
                    Array.Copy(Columns, RowStart[p], columns, 0, own);
                    Array.Copy(Values, RowStart[p], values, 0, own);
                }

                for (var i = 0; i < list.Count; i++)
                {
                    columns[own + i] = list[i].Statement;
                    values[own + i] = (sbyte)list[i].Choice;
                }

                merged[p] = Compact(1, statements, [0, columns.Length], columns, values);
                own = merged[p]!.Count;
            }

            rowStart[p + 1] = rowStart[p] + own;
        }

        var newColumns = GC.AllocateUninitializedArray<int>(rowStart[participants]);
        var newValues = GC.AllocateUninitializedArray<sbyte>(newColumns.Length);
        var from = 0;
        for (var p = 0; p <= participants; p++)
        {
            if (p < participants && merged[p] is null)
            {
                continue;
            }

            // The unchanged rows from..p-1 keep their lengths, so they move as one block.
            var end = Math.Min(p, Participants);
            if (end > from)
            {
                var n = RowStart[end] - RowStart[from];
                Array.Copy(Columns, RowStart[from], newColumns, rowStart[from], n);
                Array.Copy(Values, RowStart[from], newValues, rowStart[from], n);
            }

            if (p < participants)
            {
                var row = merged[p]!;
                Array.Copy(row.Columns, 0, newColumns, rowStart[p], row.Count);
                Array.Copy(row.Values, 0, newValues, rowStart[p], row.Count);
            }

            from = p + 1;
        }

        return new VoteMatrix(participants, statements, rowStart, newColumns, newValues);
    }

    private static void Check(CastVote v, int participants, int statements)
    {
        if ((uint)v.Participant >= (uint)participants || (uint)v.Statement >= (uint)statements || !Enum.IsDefined(v.Choice))
        {
            throw new ArgumentException($"Vote {v} is outside the matrix or not agree, disagree or pass.", nameof(v));
        }
    }

    /// <summary>Sorts each row by column and keeps the last of repeated columns, in place; rows shrink when they had repeats.</summary>
    private static VoteMatrix Compact(int participants, int statements, int[] rowStart, int[] columns, sbyte[] values)
    {
        var write = 0;
        var keys = new long[16];
        var newStart = new int[participants + 1];
        for (var p = 0; p < participants; p++)
        {
            var start = rowStart[p];
            var end = rowStart[p + 1];
            newStart[p] = write;
            var n = end - start;
            var sorted = true;
            for (var i = start + 1; i < end && sorted; i++)
            {
                sorted = columns[i - 1] < columns[i];
            }

            if (sorted)
            {
                if (write != start)
                {
                    Array.Copy(columns, start, columns, write, n);
                    Array.Copy(values, start, values, write, n);
                }

                write += n;
                continue;
            }

            if (keys.Length < n)
            {
                keys = new long[Math.Max(n, keys.Length * 2)];
            }

            // Sort by (column, position) so that among repeats the last given comes last, then keep the last of each run.
            for (var i = 0; i < n; i++)
            {
                keys[i] = ((long)columns[start + i] << 32) | (uint)i;
            }

            Array.Sort(keys, 0, n);
            var rowValues = values.AsSpan(start, n).ToArray();
            for (var i = 0; i < n; i++)
            {
                var column = (int)(keys[i] >> 32);
                if (i + 1 < n && (int)(keys[i + 1] >> 32) == column)
                {
                    continue;
                }

                columns[write] = column;
                values[write] = rowValues[(int)(keys[i] & 0xFFFFFFFF)];
                write++;
            }
        }

        newStart[participants] = write;
        if (write != columns.Length)
        {
            Array.Resize(ref columns, write);
            Array.Resize(ref values, write);
        }

        return new VoteMatrix(participants, statements, newStart, columns, values);
    }
}
