using System.Threading.Channels;
using EqualFooting.Common;
using EqualFooting.Persistence;
using EqualFooting.Polls;
using EqualFooting.Record;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Polls;

/// <summary>
/// A ballot authorised and read by its request (the participant, the affiliation it counts under, the answer checked
/// against the poll), waiting to be stored. Completed only after the transaction holding it has committed.
/// </summary>
/// <param name="Actor">How the record names the voter, resolved by the request so the writer need not.</param>
public sealed class BallotSubmission(int pollId, int processId, bool anonymous, int participantId, int stakeholderGroupId, int regionId, Answer answer, RecordActor? actor)
{
    private readonly TaskCompletionSource<Result<MyBallotDto>> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int PollId { get; } = pollId;

    public int ProcessId { get; } = processId;

    public bool Anonymous { get; } = anonymous;

    public int ParticipantId { get; } = participantId;

    public int StakeholderGroupId { get; } = stakeholderGroupId;

    public int RegionId { get; } = regionId;

    public Answer Answer { get; } = answer;

    public RecordActor? Actor { get; } = actor;

    public Task<Result<MyBallotDto>> Done => _done.Task;

    internal void Complete(Result<MyBallotDto> result) => _done.TrySetResult(result);

    internal void Fail(Exception e) => _done.TrySetException(e);

    internal void Cancel() => _done.TrySetCanceled();
}

/// <summary>
/// Stores ballots with group commit, as <see cref="Consultations.CommentIntake"/> stores comments. Requests load,
/// authorise and read their ballot on their own; their ballots queue here, and one writer per node stores everything
/// queued, of every poll, in one transaction (<see cref="GroupCommit"/>): it claims each poll's row while the poll is
/// open (in poll order, so two nodes never wait on each other), loads the ballots already cast by the group's voters,
/// applies each ballot in arrival order (a new ballot, a change of the earlier one, or nothing when the answer is the
/// same), saves, records one entry per ballot cast or changed, and commits once; only then is every request answered
/// and every screen told. A ballot on a poll whose claim fails (closed meanwhile) is answered 409 alone; the others
/// of the group are stored. The unique index on (poll, participant) stays the authority: if another node's ballot
/// breaks it, the group fails whole and each ballot is retried in its own transaction, where the lookup finds the
/// other node's ballot and changes it.
/// </summary>
public sealed class BallotIntake(IServiceScopeFactory scopes, TimeProvider clock, PollBroadcaster broadcaster, ILogger<BallotIntake> log) : BackgroundService
{
    /// <summary>Enough to amortise the commit over a burst; a group is one transaction.</summary>
    public const int GroupBallots = 2_000;

    private static readonly Error Closed = Error.Conflict("This poll is closed.");

    private readonly Channel<BallotSubmission> _queue = Channel.CreateUnbounded<BallotSubmission>(new UnboundedChannelOptions { SingleReader = true });

    public Task<Result<MyBallotDto>> SubmitAsync(BallotSubmission submission)
    {
        if (!_queue.Writer.TryWrite(submission))
        {
            submission.Cancel();
        }

        return submission.Done;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var group = new List<BallotSubmission>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                group.Clear();
                while (group.Count < GroupBallots && _queue.Reader.TryRead(out var next))
                {
                    group.Add(next);
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
            GroupCommit.CancelWaiting(_queue, group, s => s.Done.IsCompleted, s => s.Cancel());
        }
    }

    private Task WriteGroupAsync(List<BallotSubmission> group, CancellationToken ct) =>
        GroupCommit.WriteTogetherOrAloneAsync(group, StoreAndAnswerAsync, s => s.Done.IsCompleted, (s, e) => s.Fail(e), log, "ballots", ct);

    private async Task StoreAndAnswerAsync(IReadOnlyList<BallotSubmission> group, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EqualFootingDb>();
        var outcomes = await GroupCommit.RunAsync(db, token => StoreAsync(db, group, token), ct);

        // Committed: screens first (the broadcaster only marks the poll and returns), then the requests.
        foreach (var poll in outcomes.Changed)
        {
            await broadcaster.ResultsChangedAsync(poll);
        }

        for (var i = 0; i < group.Count; i++)
        {
            group[i].Complete(outcomes.Results[i]);
        }
    }

    private sealed record Outcomes(Result<MyBallotDto>[] Results, IReadOnlyList<int> Changed);

    private async Task<(Outcomes Value, IReadOnlyList<RecordEntry> Entries)> StoreAsync(EqualFootingDb db, IReadOnlyList<BallotSubmission> group, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var results = new Result<MyBallotDto>[group.Count];

        // Claims first, in poll order: each locks its poll's row until the commit, and only while the poll is open.
        var open = new HashSet<int>();
        foreach (var pollId in group.Select(s => s.PollId).Distinct().Order())
        {
            if (await ClaimOpenAsync(db, pollId, now, ct))
            {
                open.Add(pollId);
            }
        }

        var polls = open.ToList();
        var participants = group.Where(s => open.Contains(s.PollId)).Select(s => s.ParticipantId).Distinct().ToList();
        var ballots = participants.Count == 0 ? []
            : await db.Ballots.Where(b => polls.Contains(b.PollId) && participants.Contains(b.ParticipantId)).ToDictionaryAsync(b => (b.PollId, b.ParticipantId), ct);

        // Each ballot in the order it arrived: a voter's later ballot in the same group changes their earlier one, and
        // each request is answered with the ballot as its own left it.
        var changes = new List<(BallotSubmission Submission, Ballot Ballot, bool Cast, int Choices)>();
        var states = new (Ballot Ballot, int Choices, DateTimeOffset ChangedAt)?[group.Count];
        for (var i = 0; i < group.Count; i++)
        {
            var s = group[i];
            if (!open.Contains(s.PollId))
            {
                results[i] = Closed;
                continue;
            }

            if (!ballots.TryGetValue((s.PollId, s.ParticipantId), out var ballot))
            {
                ballot = Ballot.Cast(s.PollId, s.ParticipantId, s.StakeholderGroupId, s.RegionId, s.Answer, now);
                db.Ballots.Add(ballot);
                ballots[(s.PollId, s.ParticipantId)] = ballot;
                changes.Add((s, ballot, true, ballot.Choices));
            }
            else if (ballot.Change(s.StakeholderGroupId, s.RegionId, s.Answer, now))
            {
                changes.Add((s, ballot, false, ballot.Choices));
            }

            states[i] = (ballot, ballot.Choices, ballot.ChangedAt);
        }

        // The poll's version moves once per ballot cast or changed, as it did when each had its transaction: screens
        // compare versions. The claim moved it by one already.
        var changed = changes.GroupBy(c => c.Submission.PollId).Select(g => (Poll: g.Key, Count: g.Count())).ToList();
        foreach (var (poll, count) in changed.Where(c => c.Count > 1))
        {
            var more = count - 1;
            await db.Polls.Where(p => p.Id == poll).ExecuteUpdateAsync(s => s.SetProperty(p => p.Version, p => p.Version + more), ct);
        }

        await db.SaveChangesAsync(ct);
        for (var i = 0; i < group.Count; i++)
        {
            if (states[i] is { } state)
            {
                var answer = group[i].Answer;
                results[i] = new MyBallotDto(state.Ballot.Id, PollCommands.Bits(state.Choices), answer.Rating, answer.Stance?.ToString(), answer.Reason, state.ChangedAt);
            }
        }

        // One entry per ballot cast or changed, as before group commit; a named poll's entry says what it chose then.
        var entries = changes.Select(c => RecordEntry.Create(
                c.Cast ? PollRecord.BallotCast : PollRecord.BallotChanged,
                c.Submission.ProcessId,
                c.Submission.Actor,
                now,
                new BallotEntry(c.Submission.PollId, c.Ballot.Id, c.Submission.Anonymous ? null : PollCommands.Bits(c.Choices))))
            .ToList();
        return (new Outcomes(results, [.. changed.Select(c => c.Poll)]), entries);
    }

    /// <summary>
    /// Moves the poll's version and marks it as having ballots, only while it is open. It takes the poll row's lock
    /// until the commit, so a settings change decided before these ballots loses its own claim (409), and a close
    /// that committed first turns the ballots away.
    /// </summary>
    private static async Task<bool> ClaimOpenAsync(EqualFootingDb db, int pollId, DateTimeOffset now, CancellationToken ct) =>
        await db.Polls
            .Where(p => p.Id == pollId && p.Status == PollStatus.Open && (p.ClosesAt == null || p.ClosesAt > now))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Version, p => p.Version + 1).SetProperty(p => p.HasBallots, true), ct) > 0;
}
