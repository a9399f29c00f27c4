using System.Threading.Channels;
using EqualFooting.Common;
using EqualFooting.Persistence;
using EqualFooting.Polls;
using EqualFooting.Processes;
using EqualFooting.Record;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Polls;

/// <summary>
/// A ballot as its request sent it: the poll, the signed-in account (or none) and the answer unread. The writer
/// loads, authorises and reads it with the rest of its group, inside their transaction; completed only after that
/// transaction has committed (or with the reason it was refused).
/// </summary>
public sealed class BallotSubmission(int pollId, string? accountId, AnswerInput input)
{
    private readonly TaskCompletionSource<Result<MyBallotDto>> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int PollId { get; } = pollId;

    public string? AccountId { get; } = accountId;

    public AnswerInput Input { get; } = input;

    /// <summary>The poll's process, once the writer has found it (for the request's memo of process versions).</summary>
    public int? ProcessId { get; internal set; }

    public Task<Result<MyBallotDto>> Done => _done.Task;

    internal void Complete(Result<MyBallotDto> result) => _done.TrySetResult(result);

    internal void Fail(Exception e) => _done.TrySetException(e);

    internal void Cancel() => _done.TrySetCanceled();
}

/// <summary>
/// Stores ballots with group commit, as <see cref="Consultations.CommentIntake"/> stores comments. A request only
/// queues what it was sent; one writer per node takes everything queued, of every poll, and in one transaction
/// (<see cref="GroupCommit"/>) loads the polls, their processes and every voter's standing by set, authorises and
/// reads each ballot as the request used to (404, 401/403, 409 for a closed poll, 400 for the answer, in that order),
/// claims each poll's row that has a ballot to store while the poll is open (in poll order, so two nodes never wait
/// on each other), loads the ballots already cast by the group's voters, applies each ballot in arrival order (a new
/// ballot, a change of the earlier one, or nothing when the answer is the same), saves, records one entry per ballot
/// cast or changed, and commits once; only then is every request answered and every screen told. Reading standing
/// by set inside the transaction costs a handful of queries a group instead of seven a ballot, and decides each
/// ballot on what the commit sees. The unique index on (poll, participant) stays the authority: if another node's
/// ballot breaks it, the group fails whole and each ballot is retried in its own transaction, where the lookup finds
/// the other node's ballot and changes it.
/// </summary>
public sealed class BallotIntake(IServiceScopeFactory scopes, TimeProvider clock, PollBroadcaster broadcaster, ILogger<BallotIntake> log) : BackgroundService
{
    /// <summary>Enough to amortise the commit over a burst; a group is one transaction.</summary>
    public const int GroupBallots = 2_000;

    private static readonly Error Closed = Error.Conflict("This poll is closed.");

    private static readonly Error NoSuchPoll = Error.NotFound("No such poll.");

    private static readonly Error NotParticipant = Error.Forbidden("Only participants of this process can vote.");

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
        var actors = scope.ServiceProvider.GetRequiredService<Actors>();
        var outcomes = await GroupCommit.RunAsync(db, token => StoreAsync(db, actors, group, token), ct);

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

    /// <summary>A ballot that passed every check: who casts it, where it counts, and what it says.</summary>
    private sealed record Valid(int Index, Poll Poll, CurrentStanding Voter, RecordActor Actor, Answer Answer);

    private async Task<(Outcomes Value, IReadOnlyList<RecordEntry> Entries)> StoreAsync(EqualFootingDb db, Actors actors, IReadOnlyList<BallotSubmission> group, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var results = new Result<MyBallotDto>[group.Count];
        var valid = await AuthoriseAsync(db, actors, group, results, now, ct);

        // Claims next, in poll order: each locks its poll's row until the commit, and only while the poll is open.
        var open = new HashSet<int>();
        foreach (var pollId in valid.Select(v => v.Poll.Id).Distinct().Order())
        {
            if (await ClaimOpenAsync(db, pollId, now, ct))
            {
                open.Add(pollId);
            }
        }

        // Named or anonymous as the claim found it: a change of settings that committed before the claim is seen here.
        var polls = open.ToList();
        var anonymous = polls.Count == 0 ? [] : await db.Polls.Where(p => polls.Contains(p.Id)).Select(p => new { p.Id, p.Anonymous }).ToDictionaryAsync(p => p.Id, p => p.Anonymous, ct);
        var participants = valid.Where(v => open.Contains(v.Poll.Id)).Select(v => v.Voter.ParticipantId).Distinct().ToList();
        var ballots = participants.Count == 0 ? []
            : await db.Ballots.Where(b => polls.Contains(b.PollId) && participants.Contains(b.ParticipantId)).ToDictionaryAsync(b => (b.PollId, b.ParticipantId), ct);

        // Each ballot in the order it arrived: a voter's later ballot in the same group changes their earlier one, and
        // each request is answered with the ballot as its own left it.
        var changes = new List<(Valid Valid, Ballot Ballot, bool Cast, int Choices)>();
        var states = new (Ballot Ballot, int Choices, DateTimeOffset ChangedAt)?[group.Count];
        foreach (var v in valid)
        {
            var (pollId, voter) = (v.Poll.Id, v.Voter);
            if (!open.Contains(pollId))
            {
                results[v.Index] = Closed;
                continue;
            }

            if (!ballots.TryGetValue((pollId, voter.ParticipantId), out var ballot))
            {
                ballot = Ballot.Cast(pollId, voter.ParticipantId, voter.StakeholderGroupId, voter.RegionId, v.Answer, now);
                db.Ballots.Add(ballot);
                ballots[(pollId, voter.ParticipantId)] = ballot;
                changes.Add((v, ballot, true, ballot.Choices));
            }
            else if (ballot.Change(voter.StakeholderGroupId, voter.RegionId, v.Answer, now))
            {
                changes.Add((v, ballot, false, ballot.Choices));
            }

            states[v.Index] = (ballot, ballot.Choices, ballot.ChangedAt);
        }

        // The poll's version moves once per ballot cast or changed, as it did when each had its transaction: screens
        // compare versions. The claim moved it by one already.
        var changed = changes.GroupBy(c => c.Valid.Poll.Id).Select(g => (Poll: g.Key, Count: g.Count())).ToList();
        foreach (var (poll, count) in changed.Where(c => c.Count > 1))
        {
            var more = count - 1;
            await db.Polls.Where(p => p.Id == poll).ExecuteUpdateAsync(s => s.SetProperty(p => p.Version, p => p.Version + more), ct);
        }

        await db.SaveChangesAsync(ct);
        foreach (var v in valid)
        {
            if (states[v.Index] is { } state)
            {
                var answer = v.Answer;
                results[v.Index] = new MyBallotDto(state.Ballot.Id, PollCommands.Bits(state.Choices), answer.Rating, answer.Stance?.ToString(), answer.Reason, state.ChangedAt);
            }
        }

        // One entry per ballot cast or changed, as before group commit; a named poll's entry says what it chose then.
        var entries = changes.Select(c => RecordEntry.Create(
                c.Cast ? PollRecord.BallotCast : PollRecord.BallotChanged,
                c.Valid.Poll.ProcessId,
                c.Valid.Actor,
                now,
                new BallotEntry(c.Valid.Poll.Id, c.Ballot.Id, anonymous[c.Valid.Poll.Id] ? null : PollCommands.Bits(c.Choices))))
            .ToList();
        return (new Outcomes(results, [.. changed.Select(c => c.Poll)]), entries);
    }

    /// <summary>
    /// Loads the group's polls, their processes and every voter's standing by set, and decides each ballot as a
    /// request of its own would: an unknown poll, or one whose process the voter may not see, is 404; then who may vote
    /// (401, 403); then a poll closed by the time this group is stored (409); then the answer against the poll (400).
    /// Refusals are written into <paramref name="results"/>; what passes is returned in arrival order.
    /// </summary>
    private static async Task<List<Valid>> AuthoriseAsync(EqualFootingDb db, Actors actors, IReadOnlyList<BallotSubmission> group, Result<MyBallotDto>[] results, DateTimeOffset now, CancellationToken ct)
    {
        var pollIds = group.Select(s => s.PollId).Distinct().ToList();
        var polls = await db.Polls.AsNoTracking().Where(p => pollIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var processIds = polls.Values.Select(p => p.ProcessId).Distinct().ToList();
        var processes = await db.Processes.AsNoTracking().Where(p => processIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var accounts = group.Select(s => s.AccountId).OfType<string>().Distinct().ToList();
        var standings = accounts.Count == 0 || processIds.Count == 0 ? [] : await actors.StandingsAsync(processIds, accounts, ct);

        var valid = new List<Valid>();
        for (var i = 0; i < group.Count; i++)
        {
            var s = group[i];
            if (!polls.TryGetValue(s.PollId, out var poll) || !processes.TryGetValue(poll.ProcessId, out var process))
            {
                results[i] = NoSuchPoll;
                continue;
            }

            s.ProcessId = process.Id;
            var standing = s.AccountId is { } account && standings.TryGetValue((process.Id, account), out var found) ? found : null;
            var actor = standing?.Actor ?? Actor.Anonymous;
            if (ProcessPolicy.View(actor, process) is not null)
            {
                results[i] = NoSuchPoll;
                continue;
            }

            if ((PollPolicy.Vote(actor, process) ?? (standing?.Current is null ? NotParticipant : null)) is { } denied)
            {
                results[i] = denied;
                continue;
            }

            if (!poll.IsOpenAt(now))
            {
                results[i] = Closed;
                continue;
            }

            var answer = poll.Read(s.Input);
            if (answer.Error is { } invalid)
            {
                results[i] = invalid;
                continue;
            }

            valid.Add(new Valid(i, poll, standing!.Current!, standing.Record, answer.Value));
        }

        return valid;
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
