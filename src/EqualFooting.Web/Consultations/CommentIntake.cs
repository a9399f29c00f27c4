using System.Threading.Channels;
using EqualFooting.Common;
using EqualFooting.Consultations;
using EqualFooting.Persistence;
using EqualFooting.Record;
using EqualFooting.Web.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Consultations;

/// <summary>One comment of a submission, validated by the request: the new comment, or the earlier item of the same batch it repeats.</summary>
public sealed record IntakeItem(CommentSubmission Submission, CommentAuthor Author, Comment New, int? RepeatOf);

/// <summary>
/// A single comment or a batch, authorised and validated by the request, waiting to be stored. Completed only after
/// the transaction holding it has committed.
/// </summary>
/// <param name="actor">How the record names whoever sent it, resolved by the request so the writer need not.</param>
public sealed class IntakeSubmission(int processId, RecordActor actor, CommentAuthor author, IReadOnlyList<IntakeItem> items, bool single)
{
    private readonly TaskCompletionSource<Result<IReadOnlyList<(Comment Comment, bool Created)>>> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int ProcessId { get; } = processId;

    public RecordActor Actor { get; } = actor;

    public CommentAuthor Author { get; } = author;

    public IReadOnlyList<IntakeItem> Items { get; } = items;

    public bool Single { get; } = single;

    public Task<Result<IReadOnlyList<(Comment Comment, bool Created)>>> Done => _done.Task;

    internal void Complete(Result<IReadOnlyList<(Comment Comment, bool Created)>> result) => _done.TrySetResult(result);

    internal void Fail(Exception e) => _done.TrySetException(e);

    internal void Cancel() => _done.TrySetCanceled();
}

/// <summary>
/// Stores comments with group commit. Requests authorise and validate on their own; their submissions queue here, and
/// one writer stores everything queued in one transaction: for each submission, its new comments inserted with one
/// prepared statement (<see cref="RowInserter{T}"/>) that leaves out any whose idempotency key is already taken, the
/// few left out looked up, and its own record entry naming its actor and its comments; then a single commit, after
/// which every request is answered. With <c>synchronous=FULL</c> a commit waits for the disk (milliseconds here), so
/// sharing one among all the requests that arrived meanwhile is what lets intake outrun the disk without giving up
/// durability. A submission whose key is already used for different content is rolled back to its savepoint, fails
/// alone with a 409 and stores nothing. If the group's transaction fails (on PostgreSQL, another web node's
/// transaction failing ours), each submission is retried in its own transaction, where the insert leaves out the
/// other node's comments and answers them as resends.
/// </summary>
public sealed class CommentIntake(IServiceScopeFactory scopes, IConfiguration configuration, IHostEnvironment environment, TimeProvider clock, ILogger<CommentIntake> log)
    : BackgroundService
{
    /// <summary>Enough to amortise the commit over many requests; batches are never split across transactions.</summary>
    public const int GroupComments = 5_000;

    private readonly Channel<IntakeSubmission> _queue = Channel.CreateUnbounded<IntakeSubmission>(new UnboundedChannelOptions { SingleReader = true });

    // On SQLite the writer keeps a connection of its own (large page cache, no automatic checkpoints) and asks for a
    // checkpoint on another connection after each commit; requests coalesce while one runs.
    private readonly Channel<bool> _checkpoints = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private Writer? _sqlite;
    private int _waiting;

    /// <summary>The SQLite writer's context and statements, prepared once for its connection.</summary>
    private sealed record Writer(SqliteConnection Connection, EqualFootingDb Db, RowInserter<Comment> Comments, RowInserter<RecordEntry> Records);

    /// <summary>Submissions queued for the writer or being written: how busy intake is, for work that should give way to it.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public Task<Result<IReadOnlyList<(Comment Comment, bool Created)>>> SubmitAsync(IntakeSubmission submission)
    {
        // Counted before it is queued, so the writer never takes away more than was added.
        Interlocked.Increment(ref _waiting);
        if (!_queue.Writer.TryWrite(submission))
        {
            Interlocked.Decrement(ref _waiting);
            submission.Cancel();
        }

        return submission.Done;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var group = new List<IntakeSubmission>();
        SqliteConnection? connection = null;
        Task? checkpoints = null;
        try
        {
            if (Database.Provider(configuration) == DatabaseProvider.Sqlite)
            {
                var connectionString = Database.ConnectionString(configuration, DatabaseProvider.Sqlite, environment.ContentRootPath);
                connection = await Database.OpenSqliteWriterAsync(connectionString, stoppingToken);
                var db = new SqliteEqualFootingDb(Database.SqliteOptions(connection));
                _sqlite = new Writer(connection, db, new RowInserter<Comment>(db, skipConflicts: true), new RowInserter<RecordEntry>(db));
                checkpoints = CheckpointsAsync(connectionString, stoppingToken);
            }

            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                group.Clear();
                var comments = 0;
                while (comments < GroupComments && _queue.Reader.TryRead(out var next))
                {
                    group.Add(next);
                    comments += next.Items.Count;
                }

                await WriteGroupAsync(group, stoppingToken);
                Interlocked.Add(ref _waiting, -group.Count);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: whatever is still queued was never stored and is answered as cancelled below.
        }
        finally
        {
            GroupCommit.CancelWaiting(_queue, group, s => s.Done.IsCompleted, s => s.Cancel());

            _checkpoints.Writer.TryComplete();
            if (checkpoints is not null)
            {
                await checkpoints;
            }

            if (_sqlite is not null)
            {
                await _sqlite.Comments.DisposeAsync();
                await _sqlite.Records.DisposeAsync();
                await _sqlite.Db.DisposeAsync();
            }

            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// About 64 MiB of 4 KiB pages. The checkpoints beside the writer copy the WAL back but cannot empty it while the
    /// writer never pauses: a WAL starts over only when a write begins with everything copied. Past this size the
    /// writer checkpoints itself before its next transaction; what is left to copy is then its last group, and the
    /// transaction starts a fresh WAL, unless a reader still holds an old snapshot.
    /// </summary>
    private const long RestartFrames = 16_384;

    private long _walFrames;

    private async Task CheckpointsAsync(string connectionString, CancellationToken ct)
    {
        try
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(ct);
            await foreach (var _ in _checkpoints.Reader.ReadAllAsync(ct))
            {
                try
                {
                    Volatile.Write(ref _walFrames, (await Database.CheckpointAsync(connection, ct)).Frames);
                }
                catch (SqliteException e)
                {
                    // A checkpoint that cannot run now runs after the next commit; nothing is lost meanwhile.
                    log.LogWarning(e, "A WAL checkpoint after comment intake failed.");
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private Task WriteGroupAsync(List<IntakeSubmission> group, CancellationToken ct) =>
        GroupCommit.WriteTogetherOrAloneAsync(
            group,
            async (members, token) =>
            {
                var outcomes = await WriteAsync(members, token);
                for (var i = 0; i < members.Count; i++)
                {
                    members[i].Complete(outcomes[i]);
                }
            },
            s => s.Done.IsCompleted,
            (s, e) => s.Fail(e),
            log,
            "comment submissions",
            ct);

    /// <summary>Stores a group in one transaction; returns each submission's answer, valid only once this returns.</summary>
    private async Task<List<Result<IReadOnlyList<(Comment Comment, bool Created)>>>> WriteAsync(IReadOnlyList<IntakeSubmission> group, CancellationToken ct)
    {
        if (_sqlite is { } writer)
        {
            if (Volatile.Read(ref _walFrames) > RestartFrames)
            {
                // Complete, the WAL starts over with the transaction below; otherwise (a reader holds an old
                // snapshot, or the other connection's checkpoint is running) the next group tries again.
                var (complete, frames) = await Database.CheckpointAsync(writer.Connection, ct);
                Volatile.Write(ref _walFrames, complete ? 0 : frames);
            }

            return await WriteAsync(writer.Db, writer.Comments, writer.Records, group, ct);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EqualFootingDb>();
        await using var comments = new RowInserter<Comment>(db, skipConflicts: true);
        await using var records = new RowInserter<RecordEntry>(db);
        return await WriteAsync(db, comments, records, group, ct);
    }

    private async Task<List<Result<IReadOnlyList<(Comment Comment, bool Created)>>>> WriteAsync(
        EqualFootingDb db, RowInserter<Comment> comments, RowInserter<RecordEntry> records, IReadOnlyList<IntakeSubmission> group, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async token =>
        {
            var outcomes = new List<Result<IReadOnlyList<(Comment Comment, bool Created)>>>(group.Count);
            var entries = new List<RecordEntry>(group.Count);
            var authors = new List<string>(group.Count);
            var now = clock.GetUtcNow();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            foreach (var submission in group)
            {
                // A submission that turns out to reuse a key for different content is undone alone. A single new
                // comment needs no savepoint: if its key is taken, nothing of it was inserted.
                var savepoint = submission.Items.Count(i => i.RepeatOf is null) > 1;
                if (savepoint)
                {
                    await transaction.CreateSavepointAsync(Savepoint, token);
                }

                var stored = await StoreAsync(db, comments, submission, now, token);
                if (stored.Error is not null)
                {
                    if (savepoint)
                    {
                        await transaction.RollbackToSavepointAsync(Savepoint, token);
                    }
                }
                else if (stored.Value.Added.Count > 0)
                {
                    entries.Add(Describe(submission, stored.Value.Added, now));
                    authors.Add(submission.Actor.AccountId);
                }

                if (savepoint)
                {
                    await transaction.ReleaseSavepointAsync(Savepoint, token);
                }

                outcomes.Add(stored.Error is { } error ? error : stored.Value.Results);
            }

            // The write path's record step for the whole group: places taken last, under each process row's lock, in
            // the order the submissions were written, so the group's entries follow commit order like any other.
            await RecordPlaces.PlaceAsync(db, entries, token);
            foreach (var entry in entries)
            {
                await records.InsertAsync(entry, token);
            }

            // Each author's receipt for the entry their submission made.
            await RecordPlaces.ReceiptsAsync(db, authors.Zip(entries, (author, entry) => (author, entry)).ToList(), token);

            await transaction.CommitAsync(token);
            _checkpoints.Writer.TryWrite(true);
            return outcomes;
        }, ct);
    }

    private const string Savepoint = "submission";

    /// <summary>
    /// Inserts a submission's comments, letting the unique index on (consultation, author, key) tell new comments from
    /// ones already stored: a row it leaves out is looked up and is either a resend of the same comment or, when its
    /// content differs, a conflict that refuses the whole submission (the caller then undoes the rows inserted).
    /// Looking up only the rare rows left out, instead of every key first, halves the writer's work per comment.
    /// </summary>
    private static async Task<Result<((Comment Comment, bool Created)[] Results, List<Comment> Added)>> StoreAsync(
        EqualFootingDb db, RowInserter<Comment> inserter, IntakeSubmission submission, DateTimeOffset now, CancellationToken ct)
    {
        var items = submission.Items;
        var results = new (Comment Comment, bool Created)[items.Count];
        var added = new List<Comment>(items.Count);
        List<int>? left = null;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item.RepeatOf is not null)
            {
                continue;
            }

            if (await inserter.InsertAsync(item.New, ct))
            {
                results[i] = (item.New, true);
                added.Add(item.New);
            }
            else
            {
                (left ??= []).Add(i);
            }
        }

        if (left is not null)
        {
            var consultationId = items[0].Submission.ConsultationId;
            var participantId = submission.Author.ParticipantId;
            var keys = left.Select(i => items[i].New.IdempotencyKey!).ToList();
            var earlier = await db.Comments.AsNoTracking()
                .Where(c => c.ConsultationId == consultationId && c.AuthorParticipantId == participantId && c.IdempotencyKey != null && keys.Contains(c.IdempotencyKey))
                .ToDictionaryAsync(c => c.IdempotencyKey!, ct);
            foreach (var i in left)
            {
                var item = items[i];
                var previous = earlier.GetValueOrDefault(item.New.IdempotencyKey!)
                    ?? throw new InvalidOperationException("A comment was left out for a unique conflict, but no comment holds its key.");
                var repeat = Comment.Submit(item.Author, item.Submission, now, previous);
                if (repeat.Error is { } error)
                {
                    return error with { Field = error.Field is null || submission.Single ? error.Field : $"comments[{i}].{error.Field}" };
                }

                results[i] = (repeat.Value, false);
            }
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].RepeatOf is { } first)
            {
                results[i] = (results[first].Comment, false);
            }
        }

        return (results, added);
    }

    /// <summary>
    /// The record covers bulk intake with one entry per submission: a single comment is described in full, a batch by
    /// its channel, its count and the ids of the comments it stored (each comment's group, region and paragraph are
    /// on the comment itself). Resent comments that were already stored add nothing.
    /// </summary>
    private static RecordEntry Describe(IntakeSubmission submission, List<Comment> added, DateTimeOffset now) =>
        RecordEntry.Create(
            submission.Single ? EqualFooting.Web.Consultations.ConsultationRecord.CommentSubmitted : EqualFooting.Web.Consultations.ConsultationRecord.CommentBatchSubmitted,
            submission.ProcessId,
            submission.Actor,
            now,
            submission.Single
                ? ConsultationCommands.Describe(added[0])
                : new Dictionary<string, object?>
                {
                    ["consultation"] = added[0].ConsultationId,
                    ["count"] = added.Count,
                    ["comments"] = added.Select(c => (object?)c.Id).ToList(),
                    ["channel"] = added[0].Channel,
                });
}
