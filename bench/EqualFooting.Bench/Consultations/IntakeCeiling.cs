using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using EqualFooting.Persistence;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace EqualFooting.Bench.Consultations;

/// <summary>
/// The engine's ceiling for batch intake: the same comment rows, into the same table and indexes with the same
/// durability, stored by nothing but a loop over one prepared <c>INSERT</c> on a Microsoft.Data.Sqlite connection,
/// committed in transactions the size of the writer's own in the batch phase. No HTTP, no JSON, no validation, no EF
/// Core, no record entry and no savepoint per batch: the gap between this and the batch phase is what the app costs.
/// </summary>
/// <remarks>
/// It runs on a copy of the app's database taken after the benchmark's set-up (<see cref="CopyAsync"/>): the schema
/// the app's migrations made, with the consultation, its paragraphs and the participants and affiliations the rows
/// point to, and no comments. The connection is opened by the app's own <see cref="Database.OpenSqliteWriterAsync"/>
/// (WAL, <c>synchronous=FULL</c>, foreign keys on, the writer's page cache, no automatic checkpoints), and WAL
/// checkpoints run as the writer runs them: a passive one on a second connection after each commit, and one on the
/// writer's own connection before a transaction once the WAL is past <see cref="RestartFrames"/>. The statement is
/// the writer's (every column but the key, <c>ON CONFLICT DO NOTHING</c>), bound through the native API as the
/// writer binds it, or with <c>--ceiling-binding ado</c> as an ADO.NET <see cref="SqliteCommand"/>, prepared.
/// </remarks>
public sealed class IntakeCeiling : IAsyncDisposable
{
    /// <summary>The comment intake's own threshold (<c>CommentIntake.RestartFrames</c>, private to the app).</summary>
    private const long RestartFrames = 16_384;

    /// <summary>The most comments the writer takes into one transaction (<c>CommentIntake.GroupComments</c>).</summary>
    public const int WriterGroupComments = 5_000;

    private const string BatchAction = "comment.batch-submitted";

    private readonly SqliteConnection _writer;
    private readonly Channel<bool> _checkpoints = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly Task _checkpointer;
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter[] _parameters;
    private readonly sqlite3_stmt? _native;
    private readonly List<object[]> _templates;
    private readonly int _text;
    private readonly int _key;
    private readonly int _paragraph;
    private readonly IReadOnlyList<int> _paragraphIds;
    private readonly int _batchSize;
    private readonly string[] _texts;
    private readonly Random _random;
    private long _walFrames;
    private int _sequence;
    private int _client;

    private IntakeCeiling(
        SqliteConnection writer, string connectionString, string[] columns, List<object[]> templates, bool native,
        IReadOnlyList<int> paragraphIds, int batchSize, int seed, CancellationToken ct)
    {
        _writer = writer;
        _templates = templates;
        _paragraphIds = paragraphIds;
        _batchSize = batchSize;
        _text = Column(columns, "Text");
        _key = Column(columns, "IdempotencyKey");
        _paragraph = Column(columns, "ParagraphId");
        Column(columns, "ConsultationId");

        // Texts as the bench's batch bodies compose them, drawn from a pool made before any loop: the engine stores
        // their bytes and indexes none of them, so a text may come back; keys never do.
        _random = new Random(seed * 1000 + 999);
        _texts = new string[16_384];
        for (var i = 0; i < _texts.Length; i++)
        {
            _texts[i] = ConsultationSite.Text(_random, 25, 100);
        }

        _insert = writer.CreateCommand();
        _insert.CommandText = $"INSERT INTO \"Comments\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))}) ON CONFLICT DO NOTHING";
        _parameters = columns.Select((_, i) => _insert.Parameters.Add(new SqliteParameter("@p" + i, DBNull.Value))).ToArray();
        if (native)
        {
            Check(raw.sqlite3_prepare_v2(writer.Handle, _insert.CommandText, out var statement));
            _native = statement;
        }
        else
        {
            _insert.Prepare();
        }

        _checkpointer = Task.Run(async () =>
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(ct);
            await foreach (var _ in _checkpoints.Reader.ReadAllAsync(ct))
            {
                try
                {
                    Volatile.Write(ref _walFrames, (await Database.CheckpointAsync(connection, ct)).Frames);
                }
                catch (SqliteException)
                {
                    // As in the app: a checkpoint that cannot run now runs after the next commit.
                }
            }
        }, ct);
    }

    /// <summary>What one loop stored: comments, the time of each transaction, wall time and the bench's CPU.</summary>
    public sealed record Run(long Comments, List<double> TransactionMs, TimeSpan Elapsed, TimeSpan Cpu);

    /// <summary>
    /// A copy of <paramref name="source"/> at <paramref name="target"/> (<c>VACUUM INTO</c>, a consistent snapshot while
    /// the server runs), switched to WAL as the app switches its file on start.
    /// </summary>
    public static async Task CopyAsync(string source, string target, CancellationToken ct)
    {
        await using (var connection = await OpenAsync(source, ct))
        {
            await using var vacuum = connection.CreateCommand();
            vacuum.CommandText = $"VACUUM INTO '{target.Replace("'", "''", StringComparison.Ordinal)}';";
            await vacuum.ExecuteNonQueryAsync(ct);
        }

        await using (var connection = await OpenAsync(target, ct))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            await command.ExecuteNonQueryAsync(ct);
            command.CommandText = "SELECT COUNT(*) FROM \"Comments\";";
            if ((long)(await command.ExecuteScalarAsync(ct))! != 0)
            {
                throw new BenchFailedException("The copy for the ceiling already holds comments; it is meant to be taken before the first batch.");
            }
        }
    }

    /// <summary>
    /// Opens the writer's connection on the copy and prepares the statement. The rows copy, for each batch client in
    /// turn, its first comment in the app's database (<paramref name="main"/>, after some batches): author,
    /// affiliation, group, region, version, channel and time; text, key and paragraph are drawn as the bench's batch
    /// bodies draw them.
    /// </summary>
    public static async Task<IntakeCeiling> OpenAsync(
        string copy, string main, int consultationId, IReadOnlyList<int> paragraphIds, int batchClients, int batchSize, string binding, int seed, CancellationToken ct)
    {
        var (columns, templates) = await TemplatesAsync(main, consultationId, ct);
        if (templates.Count != batchClients)
        {
            throw new BenchFailedException($"Found batch comments of {templates.Count} authors in the app's database; {batchClients} batch clients sent them.");
        }

        var connectionString = new SqliteConnectionStringBuilder { DataSource = copy, DefaultTimeout = 30, Pooling = false }.ToString();
        var writer = await Database.OpenSqliteWriterAsync(connectionString, ct);
        try
        {
            return new IntakeCeiling(writer, connectionString, columns, templates, binding == "native", paragraphIds, batchSize, seed, ct);
        }
        catch
        {
            await writer.DisposeAsync();
            throw;
        }
    }

    /// <summary>The id of the last record entry (0 when there is none).</summary>
    public static async Task<long> LastRecordIdAsync(string file, CancellationToken ct)
    {
        await using var connection = await OpenAsync(file, ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(Id), 0) FROM Record;";
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// The comments of each transaction the writer committed between two record entries, in commit order. The
    /// writer gives every submission of a group one record entry stamped with the group's time, so the batch entries
    /// sharing a time are one transaction; each batch of the phase created exactly <paramref name="batchSize"/>.
    /// </summary>
    public static async Task<List<int>> WriterGroupsAsync(string file, long afterRecordId, long upToRecordId, int batchSize, CancellationToken ct)
    {
        await using var connection = await OpenAsync(file, ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Record WHERE Id > $after AND Id <= $upTo AND Action = $action GROUP BY At ORDER BY MIN(Id);";
        command.Parameters.AddWithValue("$after", afterRecordId);
        command.Parameters.AddWithValue("$upTo", upToRecordId);
        command.Parameters.AddWithValue("$action", BatchAction);
        var groups = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            groups.Add(checked((int)reader.GetInt64(0) * batchSize));
        }

        return groups;
    }

    /// <summary>How many transactions, their mean size, and how many there were of each size.</summary>
    public static string Describe(IReadOnlyList<int> groups)
    {
        var sizes = string.Join(", ", groups.GroupBy(g => g).OrderBy(g => g.Key).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key:N0} comments ×{g.Count()}")));
        return string.Create(CultureInfo.InvariantCulture, $"{groups.Count} transactions, mean {groups.Average():N0} comments ({sizes})");
    }

    /// <summary>Inserts at least <paramref name="comments"/> rows in transactions of <paramref name="group"/>, untimed.</summary>
    public Task FillAsync(long comments, int group, CancellationToken ct) =>
        Task.Run(() => Loop([group], stored => stored < comments, ct), ct);

    /// <summary>
    /// Inserts for <paramref name="seconds"/>, transactions following <paramref name="groups"/> in order, round and
    /// round; a transaction begun finishes and counts, as a batch sent before a phase's end does.
    /// </summary>
    public Task<Run> MeasureAsync(IReadOnlyList<int> groups, double seconds, CancellationToken ct) =>
        Task.Run(() =>
        {
            var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
            return Loop(groups, _ => Stopwatch.GetTimestamp() < deadline, ct);
        }, ct);

    /// <summary>Whole transactions of whole batches, from the batch clients in turn, until told to stop.</summary>
    private Run Loop(IReadOnlyList<int> groups, Func<long, bool> more, CancellationToken ct)
    {
        var times = new List<double>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        long stored = 0;
        for (var g = 0; more(stored); g++)
        {
            ct.ThrowIfCancellationRequested();
            if (Volatile.Read(ref _walFrames) > RestartFrames)
            {
                var (complete, frames) = Database.CheckpointAsync(_writer, ct).GetAwaiter().GetResult();
                Volatile.Write(ref _walFrames, complete ? 0 : frames);
            }

            var size = groups[g % groups.Count];
            var began = Stopwatch.GetTimestamp();
            using (var transaction = _writer.BeginTransaction())
            {
                _insert.Transaction = transaction;
                for (var batch = 0; batch < size / _batchSize; batch++)
                {
                    var author = _client++ % _templates.Count;
                    var template = _templates[author];
                    for (var c = 0; c < _parameters.Length; c++)
                    {
                        _parameters[c].Value = template[c];
                    }

                    var prefix = string.Create(CultureInfo.InvariantCulture, $"b{author}-{++_sequence}-");
                    for (var i = 0; i < _batchSize; i++)
                    {
                        // Drawn in the order ConsultationSite.BatchBody draws them: one in ten on the whole draft.
                        _parameters[_paragraph].Value = _random.Next(10) != 0 ? _paragraphIds[_random.Next(_paragraphIds.Count)] : DBNull.Value;
                        _parameters[_text].Value = _texts[_random.Next(_texts.Length)];
                        _parameters[_key].Value = prefix + i.ToString(CultureInfo.InvariantCulture);
                        if ((_native is null ? _insert.ExecuteNonQuery() : InsertNative()) != 1)
                        {
                            throw new BenchFailedException("A ceiling row was left out for a unique conflict; its key was meant to be new.");
                        }
                    }
                }

                transaction.Commit();
            }

            _checkpoints.Writer.TryWrite(true);
            times.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
            stored += size;
        }

        return new Run(stored, times, Stopwatch.GetElapsedTime(started), Process.GetCurrentProcess().TotalProcessorTime - cpu);
    }

    /// <summary>Binds and steps as the writer's <c>RowInserter</c> does on SQLite; returns the rows inserted.</summary>
    private int InsertNative()
    {
        try
        {
            for (var i = 0; i < _parameters.Length; i++)
            {
                Check(_parameters[i].Value switch
                {
                    null or DBNull => raw.sqlite3_bind_null(_native, i + 1),
                    string text => raw.sqlite3_bind_text(_native, i + 1, text),
                    long n => raw.sqlite3_bind_int64(_native, i + 1, n),
                    int n => raw.sqlite3_bind_int64(_native, i + 1, n),
                    double d => raw.sqlite3_bind_double(_native, i + 1, d),
                    byte[] bytes => raw.sqlite3_bind_blob(_native, i + 1, bytes),
                    var v => throw new NotSupportedException($"No native binding for {v.GetType().Name}."),
                });
            }

            Check(raw.sqlite3_step(_native));
            return raw.sqlite3_changes(_writer.Handle);
        }
        finally
        {
            raw.sqlite3_reset(_native);
        }
    }

    private void Check(int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            throw new SqliteException(raw.sqlite3_errmsg(_writer.Handle).utf8_to_string(), result, raw.sqlite3_extended_errcode(_writer.Handle));
        }
    }

    private static int Column(string[] columns, string name) =>
        Array.IndexOf(columns, name) is var i and >= 0
            ? i
            : throw new BenchFailedException($"The Comments table has no column {name}; the ceiling's rows need it.");

    /// <summary>
    /// The table's columns but the key, and for each batch client (author) the values of its first stored batch
    /// comment, in that column order.
    /// </summary>
    private static async Task<(string[] Columns, List<object[]> Templates)> TemplatesAsync(string main, int consultationId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(main, ct);
        await using var command = connection.CreateCommand();

        // The bench's batch keys start with "b"; single posts' with "s" and the resent batch's with "retry".
        command.CommandText = """
            SELECT * FROM "Comments" WHERE "Id" IN (
                SELECT MIN("Id") FROM "Comments" WHERE "ConsultationId" = $consultation AND "IdempotencyKey" LIKE 'b%'
                GROUP BY "AuthorParticipantId")
            ORDER BY "Id";
            """;
        command.Parameters.AddWithValue("$consultation", consultationId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var keep = Enumerable.Range(0, reader.FieldCount).Where(i => reader.GetName(i) != "Id").ToArray();
        var columns = keep.Select(reader.GetName).ToArray();
        var templates = new List<object[]>();
        while (await reader.ReadAsync(ct))
        {
            templates.Add(keep.Select(reader.GetValue).ToArray());
        }

        return (columns, templates);
    }

    private static async Task<SqliteConnection> OpenAsync(string file, CancellationToken ct)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, DefaultTimeout = 30, Pooling = false }.ToString());
        await connection.OpenAsync(ct);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        _checkpoints.Writer.TryComplete();
        try
        {
            await _checkpointer;
        }
        catch (OperationCanceledException)
        {
            // Cancelled with the run.
        }

        _native?.Dispose();
        await _insert.DisposeAsync();
        await _writer.DisposeAsync();
    }
}
