using System.Runtime.CompilerServices;

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
/// The votes of a conversation as a sparse matrix, one row a participant: each row's statements ascending, one value
/// each, in a block of a shared store. Nothing else is kept, so a conversation of a million participants and fifty
/// million votes takes about 250 MB.
/// <para>
/// Immutable to its readers, but not copied to change: <see cref="With"/> writes a batch of changes into the shared
/// store in place (a row that outgrows its block moves to the free tail, with room to grow) and keeps, in the matrix
/// it was called on, the rows as they were. That earlier matrix still reads exactly as before (a saved row first, else
/// the next matrix's, else the store), so an update can compare the two; only the rows a batch touched are copied.
/// A second <see cref="With"/> on a matrix that already has a successor copies it first (a branch), so every matrix
/// keeps its votes. Not for concurrent use: a matrix and the ones made from it share the store.
/// </para>
/// </summary>
public sealed class VoteMatrix
{
    private readonly Store _store;

    // Set once With has made the next matrix from this one: this one then reads the rows that batch changed from
    // _saved (sorted participants, their cells), and every other row as the next matrix does.
    private VoteMatrix? _next;
    private SavedRows? _saved;

    // A standalone copy for the bulk readers (the analysis's passes) once this matrix is no longer the newest.
    private VoteMatrix? _flat;

    private VoteMatrix(Store store, int participants, int statements, int count, int statementsVoted)
    {
        _store = store;
        Participants = participants;
        Statements = statements;
        Count = count;
        StatementsVoted = statementsVoted;
    }

    internal VoteMatrix(int participants, int statements, int[] rowStart, int[] columns, sbyte[] values)
        : this(Store.Of(participants, statements, rowStart, columns, values), participants, statements, rowStart[participants], 0)
    {
        StatementsVoted = _store.StatementsVoted();
    }

    public int Participants { get; }

    public int Statements { get; }

    /// <summary>The number of votes (agree, disagree and pass).</summary>
    public int Count { get; }

    /// <summary>The statements with at least one vote.</summary>
    internal int StatementsVoted { get; }

    /// <summary>Where each row starts in <see cref="Columns"/> and <see cref="Values"/>; only on the newest matrix of its store (<see cref="Flat"/>).</summary>
    internal int[] RowStart => Newest()._store.Start;

    /// <summary>Where each row ends (exclusive); only on the newest matrix of its store (<see cref="Flat"/>).</summary>
    internal int[] RowEnd => Newest()._store.End;

    internal int[] Columns => Newest()._store.Columns;

    internal sbyte[] Values => Newest()._store.Values;

    public int VotesOf(int participant) => Row(participant).Columns.Length;

    /// <summary>Every vote, participant by participant, statements in order within each.</summary>
    public IEnumerable<CastVote> Votes()
    {
        for (var p = 0; p < Participants; p++)
        {
            var length = VotesOf(p);
            for (var i = 0; i < length; i++)
            {
                var row = Row(p);
                yield return new CastVote(p, row.Columns[i], (VoteChoice)row.Values[i]);
            }
        }
    }

    /// <summary>The participant's vote on the statement, or null when they have not voted on it.</summary>
    public VoteChoice? Get(int participant, int statement)
    {
        var row = Row(participant);
        var i = row.Columns.BinarySearch(statement);
        return i >= 0 ? (VoteChoice)row.Values[i] : null;
    }

    /// <summary>One participant's votes as this matrix holds them (statements ascending), wherever they are stored.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal RowView Row(int participant)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(participant);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(participant, Participants);
        for (var m = this; ; m = m._next!)
        {
            if (m._next is null)
            {
                var store = m._store;
                var start = store.Start[participant];
                var length = store.End[participant] - start;
                return new RowView(store.Columns.AsSpan(start, length), store.Values.AsSpan(start, length));
            }

            if (m._saved!.Find(participant) is var at and >= 0)
            {
                return m._saved.Row(at);
            }
        }
    }

    /// <summary>
    /// The participants whose rows may differ between <paramref name="earlier"/> and this matrix (ascending; rows that
    /// only exist here included), when this matrix was made from it by <see cref="With"/>, directly or through others;
    /// null when it was not (then every row must be compared).
    /// </summary>
    internal IReadOnlyList<int>? ChangedSince(VoteMatrix earlier)
    {
        if (ReferenceEquals(earlier, this))
        {
            return [];
        }

        IReadOnlyList<int>? first = null;
        SortedSet<int>? rows = null;
        for (var m = earlier; m._next is not null; m = m._next)
        {
            if (first is null)
            {
                first = m._saved!.Touched;
            }
            else
            {
                rows ??= [.. first];
                rows.UnionWith(m._saved!.Touched);
            }

            if (ReferenceEquals(m._next, this))
            {
                return rows is null ? first : [.. rows];
            }
        }

        return null;
    }

    /// <summary>This matrix with its rows in the store's arrays: itself when it is the newest of its store, else a standalone copy (made once).</summary>
    internal VoteMatrix Flat()
    {
        if (_next is null)
        {
            return this;
        }

        return _flat ??= Copy();
    }

    private VoteMatrix Newest() => _next is null ? this : throw new InvalidOperationException("A matrix With has changed is read row by row (Row) or through Flat().");

    /// <summary>A standalone copy of this matrix's votes, in a store of its own.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private VoteMatrix Copy()
    {
        var rowStart = new int[Participants + 1];
        for (var p = 0; p < Participants; p++)
        {
            rowStart[p + 1] = rowStart[p] + VotesOf(p);
        }

        var columns = GC.AllocateUninitializedArray<int>(rowStart[Participants]);
        var values = GC.AllocateUninitializedArray<sbyte>(columns.Length);
        for (var p = 0; p < Participants; p++)
        {
            var row = Row(p);
            row.Columns.CopyTo(columns.AsSpan(rowStart[p]));
            row.Values.CopyTo(values.AsSpan(rowStart[p]));
        }

        return new VoteMatrix(Participants, Statements, rowStart, columns, values);
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
    /// Within a row, columns may come in any order; a repeated column keeps its last value. The arrays become the
    /// matrix's (sorted in place, then changed in place by <see cref="With"/>): the caller hands them over.
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

    /// <summary>
    /// The matrix with these votes added or changed (later replaces earlier, as in <see cref="Build"/>). The changes
    /// are written into the shared store; this matrix keeps the rows they touched as they were, so it reads the same
    /// as before (see the class summary). Costs the rows touched, not the matrix.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

        if (_next is not null)
        {
            // A branch from a matrix already changed: continue from a copy of it, so both lines of matrices keep their votes.
            return Copy().With(changes);
        }

        // The changes grouped by participant, each participant's in the order given (so later replaces earlier).
        var keys = new long[changes.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = ((long)changes[i].Participant << 32) | (uint)i;
        }

        Array.Sort(keys);
        var touched = new List<int>();
        for (var i = 0; i < keys.Length; i++)
        {
            var p = (int)(keys[i] >> 32);
            if (touched.Count == 0 || touched[^1] != p)
            {
                touched.Add(p);
            }
        }

        var store = _store;
        store.EnsureParticipants(participants);
        store.EnsureStatements(statements);
        // The rows as this matrix has them, kept before they are overwritten (rows new to the matrix are empty here).
        var saved = SavedRows.Of(store, touched, Participants);
        var count = Count;
        var voted = StatementsVoted;
        var buffer = new RowBuffer();
        var at = 0;
        foreach (var p in touched)
        {
            buffer.Load(p < Participants ? store.RowSpan(p) : default, p < Participants ? store.ValueSpan(p) : default);
            var before = buffer.Length;
            for (; at < keys.Length && (int)(keys[at] >> 32) == p; at++)
            {
                var change = changes[(int)(keys[at] & 0xFFFFFFFF)];
                buffer.Set(change.Statement, (sbyte)change.Choice);
            }

            count += buffer.Length - before;
            voted += store.Recount(p < Participants ? store.RowSpan(p) : default, buffer.ColumnSpan);
            store.Write(p, buffer.ColumnSpan, buffer.ValueSpan);
        }

        var next = new VoteMatrix(store, participants, statements, count, voted);
        _saved = saved;
        _next = next;
        return next;
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

    /// <summary>One participant's votes: statements ascending, a value each.</summary>
    internal readonly ref struct RowView(ReadOnlySpan<int> columns, ReadOnlySpan<sbyte> values)
    {
        public ReadOnlySpan<int> Columns { get; } = columns;

        public ReadOnlySpan<sbyte> Values { get; } = values;
    }

    /// <summary>
    /// The cells of every row, each row a block [Start, Room) of which [Start, End) is used. A row that outgrows its
    /// block moves to the free tail with room to grow; when the tail runs out the live rows are copied into arrays with
    /// a quarter more room (once in a while: the first batch after a build, then every few hundred thousand moved cells).
    /// </summary>
    private sealed class Store
    {
        internal int[] Start = [];
        internal int[] End = [];
        internal int[] Room = [];
        internal int[] Columns = [];
        internal sbyte[] Values = [];

        // Votes per statement (across every row), for the number of statements voted on.
        internal int[] ByStatement = [];
        internal int Used;
        internal int Rows;

        internal static Store Of(int participants, int statements, int[] rowStart, int[] columns, sbyte[] values)
        {
            var store = new Store
            {
                Start = rowStart[..participants],
                End = rowStart[1..],
                Columns = columns,
                Values = values,
                Used = rowStart[participants],
                Rows = participants,
                ByStatement = new int[statements],
            };
            store.Room = (int[])store.End.Clone();
            foreach (var c in columns.AsSpan(0, store.Used))
            {
                store.ByStatement[c]++;
            }

            return store;
        }

        internal int StatementsVoted()
        {
            var voted = 0;
            foreach (var n in ByStatement)
            {
                voted += n > 0 ? 1 : 0;
            }

            return voted;
        }

        internal ReadOnlySpan<int> RowSpan(int p) => Columns.AsSpan(Start[p], End[p] - Start[p]);

        internal ReadOnlySpan<sbyte> ValueSpan(int p) => Values.AsSpan(Start[p], End[p] - Start[p]);

        internal void EnsureParticipants(int participants)
        {
            if (participants <= Rows)
            {
                return;
            }

            if (participants > Start.Length)
            {
                var capacity = Math.Max(participants, Rows + (Rows / 4) + 16);
                Array.Resize(ref Start, capacity);
                Array.Resize(ref End, capacity);
                Array.Resize(ref Room, capacity);
            }

            for (var p = Rows; p < participants; p++)
            {
                Start[p] = End[p] = Room[p] = Used;
            }

            Rows = participants;
        }

        internal void EnsureStatements(int statements)
        {
            if (statements > ByStatement.Length)
            {
                Array.Resize(ref ByStatement, statements);
            }
        }

        /// <summary>Moves a row's statements from the old set to the new in the per-statement counts; returns the change in statements voted on.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        internal int Recount(ReadOnlySpan<int> before, ReadOnlySpan<int> after)
        {
            var change = 0;
            foreach (var c in before)
            {
                change -= --ByStatement[c] == 0 ? 1 : 0;
            }

            foreach (var c in after)
            {
                change += ByStatement[c]++ == 0 ? 1 : 0;
            }

            return change;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        internal void Write(int p, ReadOnlySpan<int> columns, ReadOnlySpan<sbyte> values)
        {
            if (columns.Length > Room[p] - Start[p])
            {
                // Too long for its block: to the tail, with a quarter more room (and at least four cells) to grow in place next time.
                var room = columns.Length + Math.Max(4, columns.Length / 4);
                if (Used + room > Columns.Length)
                {
                    Grow(room);
                }

                Start[p] = Used;
                Room[p] = Used + room;
                Used += room;
            }

            columns.CopyTo(Columns.AsSpan(Start[p]));
            values.CopyTo(Values.AsSpan(Start[p]));
            End[p] = Start[p] + columns.Length;
        }

        /// <summary>The live rows copied, in participant order and without the room they had, into arrays with a quarter more cells free at the end.</summary>
        private void Grow(int needed)
        {
            long live = 0;
            for (var p = 0; p < Rows; p++)
            {
                live += End[p] - Start[p];
            }

            var capacity = (int)Math.Min(int.MaxValue - 64, live + needed + ((live + needed) / 4) + 64);
            var columns = GC.AllocateUninitializedArray<int>(capacity);
            var values = GC.AllocateUninitializedArray<sbyte>(capacity);
            var at = 0;
            for (var p = 0; p < Rows; p++)
            {
                var length = End[p] - Start[p];
                Array.Copy(Columns, Start[p], columns, at, length);
                Array.Copy(Values, Start[p], values, at, length);
                Start[p] = at;
                End[p] = Room[p] = at + length;
                at += length;
            }

            (Columns, Values, Used) = (columns, values, at);
        }
    }

    /// <summary>Rows as a matrix had them before With overwrote them: participants ascending, their cells one after another.</summary>
    private sealed class SavedRows
    {
        private readonly int[] _participants;
        private readonly int[] _start;
        private readonly int[] _columns;
        private readonly sbyte[] _values;

        private SavedRows(int[] participants, int[] start, int[] columns, sbyte[] values)
        {
            _participants = participants;
            _start = start;
            _columns = columns;
            _values = values;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        internal static SavedRows Of(Store store, List<int> touched, int rows)
        {
            var participants = touched.Where(p => p < rows).ToArray();
            var start = new int[participants.Length + 1];
            for (var i = 0; i < participants.Length; i++)
            {
                start[i + 1] = start[i] + store.End[participants[i]] - store.Start[participants[i]];
            }

            var columns = new int[start[^1]];
            var values = new sbyte[columns.Length];
            for (var i = 0; i < participants.Length; i++)
            {
                store.RowSpan(participants[i]).CopyTo(columns.AsSpan(start[i]));
                store.ValueSpan(participants[i]).CopyTo(values.AsSpan(start[i]));
            }

            return new SavedRows(participants, start, columns, values) { Touched = [.. touched] };
        }

        /// <summary>Every row the batch touched, ascending, rows new to the next matrix included (they need no saving: this matrix never reads them).</summary>
        internal int[] Touched { get; private init; } = [];

        internal int Find(int participant) => Array.BinarySearch(_participants, participant);

        internal RowView Row(int at) => new(_columns.AsSpan(_start[at], _start[at + 1] - _start[at]), _values.AsSpan(_start[at], _start[at + 1] - _start[at]));
    }

    /// <summary>A row being changed: cells kept sorted, a change sets or inserts its statement.</summary>
    private sealed class RowBuffer
    {
        private int[] _columns = new int[64];
        private sbyte[] _values = new sbyte[64];

        internal int Length { get; private set; }

        internal ReadOnlySpan<int> ColumnSpan => _columns.AsSpan(0, Length);

        internal ReadOnlySpan<sbyte> ValueSpan => _values.AsSpan(0, Length);

        internal void Load(ReadOnlySpan<int> columns, ReadOnlySpan<sbyte> values)
        {
            Reserve(columns.Length);
            columns.CopyTo(_columns);
            values.CopyTo(_values);
            Length = columns.Length;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        internal void Set(int column, sbyte value)
        {
            var i = _columns.AsSpan(0, Length).BinarySearch(column);
            if (i >= 0)
            {
                _values[i] = value;
                return;
            }

            i = ~i;
            Reserve(Length + 1);
            Array.Copy(_columns, i, _columns, i + 1, Length - i);
            Array.Copy(_values, i, _values, i + 1, Length - i);
            _columns[i] = column;
            _values[i] = value;
            Length++;
        }

        private void Reserve(int length)
        {
            if (length > _columns.Length)
            {
                var capacity = Math.Max(length, _columns.Length * 2);
                Array.Resize(ref _columns, capacity);
                Array.Resize(ref _values, capacity);
            }
        }
    }
}
