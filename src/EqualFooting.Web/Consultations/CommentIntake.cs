using System.Data.Common;
using System.Threading.Channels;
using EqualFooting.Common;
using EqualFooting.Consultations;
using EqualFooting.Persistence;
using EqualFooting.Record;
using EqualFooting.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Consultations;

/// <summary>One comment of a submission, validated by the request: the new comment, or the earlier item of the same batch it repeats.</summary>
public sealed record IntakeItem(CommentSubmission Submission, CommentAuthor Author, Comment New, int? RepeatOf);

/// <summary>
/// A single comment or a batch, authorised and validated by the request, waiting to be stored. Completed only after
/// the transaction holding it has committed.
/// </summary>
public sealed class IntakeSubmission(int processId, string accountId, CommentAuthor author, IReadOnlyList<IntakeItem> items, bool single)
{
    private readonly TaskCompletionSource<Result<IReadOnlyList<(Comment Comment, bool Created)>>> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int ProcessId { get; } = processId;

    public string AccountId { get; } = accountId;

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
/// one writer stores everything queued in one transaction: for each submission, the idempotency keys looked up in one
/// query, the new comments inserted with one prepared statement (<see cref="RowInserter{T}"/>), and its own record
/// entry naming its actor and its comments; then a single commit, after which every request is answered. With
/// <c>synchronous=FULL</c> a commit waits for the disk (milliseconds here), so sharing one among all the requests that
/// arrived meanwhile is what lets intake outrun the disk without giving up durability. A submission whose key is
/// already used for different content fails alone with a 409 and stores nothing. If the group's transaction fails
/// (another web node stored the same keys first), each submission is retried in its own transaction, where the
/// lookup finds the other node's comments and answers as a resend.
/// </summary>
public sealed class CommentIntake(IServiceScopeFactory scopes, TimeProvider clock, ILogger<CommentIntake> log) : BackgroundService
{
    /// <summary>Enough to amortise the commit over many requests; batches are never split across transactions.</summary>
    public const int GroupComments = 5_000;

    private readonly Channel<IntakeSubmission> _queue = Channel.CreateUnbounded<IntakeSubmission>(new UnboundedChannelOptions { SingleReader = true });

    public Task<Result<IReadOnlyList<(Comment Comment, bool Created)>>> SubmitAsync(IntakeSubmission submission)
    {
        if (!_queue.Writer.TryWrite(submission))
        {
            submission.Cancel();
        }

        return submission.Done;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var group = new List<IntakeSubmission>();
        try
        {
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
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: whatever is still queued was never stored and is answered as cancelled below.
        }
        finally
        {
            _queue.Writer.TryComplete();
            foreach (var s in group.Where(s => !s.Done.IsCompleted))
            {
                s.Cancel();
            }

            while (_queue.Reader.TryRead(out var left))
            {
                left.Cancel();
            }
        }
    }

    private async Task WriteGroupAsync(List<IntakeSubmission> group, CancellationToken ct)
    {
        try
        {
            var outcomes = await WriteAsync(group, ct);
            for (var i = 0; i < group.Count; i++)
            {
                group[i].Complete(outcomes[i]);
            }

            return;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Nothing of the group was stored. Alone, each submission either succeeds or fails for its own reason.
            if (group.Count > 1)
            {
                log.LogInformation(e, "A group of {Count} comment submissions failed together; retrying each alone.", group.Count);
            }
        }

        foreach (var submission in group.Where(s => !s.Done.IsCompleted))
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    submission.Complete((await WriteAsync([submission], ct))[0]);
                    break;
                }
                catch (Exception e) when (attempt < 2 && e is DbException or DbUpdateException)
                {
                    // The same keys were stored by another node meanwhile: the next lookup finds them.
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    submission.Fail(e);
                    break;
                }
            }
        }
    }

    /// <summary>Stores a group in one transaction; returns each submission's answer, valid only once this returns.</summary>
    private async Task<List<Result<IReadOnlyList<(Comment Comment, bool Created)>>>> WriteAsync(IReadOnlyList<IntakeSubmission> group, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EqualFootingDb>();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async token =>
        {
            var outcomes = new List<Result<IReadOnlyList<(Comment Comment, bool Created)>>>(group.Count);
            var now = clock.GetUtcNow();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            await using var comments = new RowInserter<Comment>(db);
            await using var records = new RowInserter<RecordEntry>(db);
            var actors = new Dictionary<(string, int), RecordActor>();
            foreach (var submission in group)
            {
                var resolved = await ResolveAsync(db, submission, now, token);
                if (resolved.Error is not null)
                {
                    outcomes.Add(resolved.Error);
                    continue;
                }

                var (results, added) = resolved.Value;
                if (added.Count > 0)
                {
                    await comments.InsertAsync(added, token);
                    if (!actors.TryGetValue((submission.AccountId, submission.ProcessId), out var actor))
                    {
                        actor = await Actors.ForRecordAsync(db, submission.AccountId, submission.ProcessId, token);
                        actors[(submission.AccountId, submission.ProcessId)] = actor;
                    }

                    await records.InsertAsync([Describe(submission, added, actor, now)], token);
                }

                outcomes.Add(results);
            }

            await transaction.CommitAsync(token);
            return outcomes;
        }, ct);
    }

    /// <summary>
    /// Which comments of a submission are new and which repeat ones already stored under the same keys, in one query
    /// over the keys. A key already used for a different comment refuses the whole submission.
    /// </summary>
    private static async Task<Result<((Comment Comment, bool Created)[] Results, List<Comment> Added)>> ResolveAsync(
        EqualFootingDb db, IntakeSubmission submission, DateTimeOffset now, CancellationToken ct)
    {
        var consultationId = submission.Items[0].Submission.ConsultationId;
        var participantId = submission.Author.ParticipantId;
        var keys = submission.Items.Where(i => i.RepeatOf is null && i.New.IdempotencyKey is not null).Select(i => i.New.IdempotencyKey!).ToList();
        var earlier = keys.Count == 0
            ? []
            : await db.Comments.AsNoTracking()
                .Where(c => c.ConsultationId == consultationId && c.AuthorParticipantId == participantId && c.IdempotencyKey != null && keys.Contains(c.IdempotencyKey))
                .ToDictionaryAsync(c => c.IdempotencyKey!, ct);

        var results = new (Comment Comment, bool Created)[submission.Items.Count];
        var added = new List<Comment>(submission.Items.Count - earlier.Count);
        for (var i = 0; i < submission.Items.Count; i++)
        {
            var item = submission.Items[i];
            if (item.RepeatOf is { } first)
            {
                results[i] = (results[first].Comment, false);
            }
            else if (item.New.IdempotencyKey is { } key && earlier.TryGetValue(key, out var previous))
            {
                var repeat = Comment.Submit(item.Author, item.Submission, now, previous);
                if (repeat.Error is { } error)
                {
                    return error with { Field = error.Field is null || submission.Single ? error.Field : $"comments[{i}].{error.Field}" };
                }

                results[i] = (repeat.Value, false);
            }
            else
            {
                results[i] = (item.New, true);
                added.Add(item.New);
            }
        }

        return (results, added);
    }

    /// <summary>
    /// The record covers bulk intake with one entry per submission: a single comment is described in full, a batch by
    /// its channel, its count and the ids of the comments it stored (each comment's group, region and paragraph are
    /// on the comment itself). Resent comments that were already stored add nothing.
    /// </summary>
    private static RecordEntry Describe(IntakeSubmission submission, List<Comment> added, RecordActor actor, DateTimeOffset now) =>
        RecordEntry.Create(
            submission.Single ? "comment.submitted" : "comment.batch-submitted",
            submission.ProcessId,
            actor,
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
