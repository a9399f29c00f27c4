using EqualFooting.Common;
using EqualFooting.Persistence;
using EqualFooting.Polls;
using EqualFooting.Processes;
using EqualFooting.Sessions;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Polls;

/// <summary>A poll with its process and the actor's standing there.</summary>
public sealed record PollContext(Poll Poll, Process Process, Actor Actor);

/// <summary>How many show-of-hands votes a moderator counted for one stakeholder group and, optionally, one region.</summary>
public sealed record HandCountRequest(int? StakeholderGroupId, int? RegionId, IReadOnlyList<int>? Counts);

/// <summary>
/// The use cases of polls, each through <see cref="Writes"/> but ballots, which go through <see cref="BallotIntake"/>
/// (group commit). A ballot claims the poll's row, which also marks the poll as having ballots, so a change of its
/// settings and the first ballot cannot pass each other, and a ballot cannot slip in after the close. The unique index
/// on (poll, participant) holds one ballot each.
/// </summary>
public sealed class PollCommands(
    EqualFootingDb db, ProcessAccess processes, Writes writes, PollBroadcaster broadcaster, BallotIntake intake, Actors actors, ProcessVersions versions)
{
    public async Task<Result<PollContext>> FindAsync(int pollId, bool tracked, CancellationToken ct = default)
    {
        var query = tracked ? db.Polls : db.Polls.AsNoTracking();
        var poll = await query.FirstOrDefaultAsync(p => p.Id == pollId, ct);
        if (poll is null)
        {
            return Error.NotFound("No such poll.");
        }

        var found = await processes.FindAsync(poll.ProcessId, ct);
        if (found.Error is { } error)
        {
            return error.Kind == ErrorKind.NotFound ? Error.NotFound("No such poll.") : error;
        }

        return new PollContext(poll, found.Value.Process, found.Value.Actor);
    }

    public Task<Result<Poll>> CreateAsync(int processId, PollDefinition definition, CancellationToken ct = default) =>
        CreateAsync(processId, null, definition, null, ct);

    /// <summary>A poll put to the room of a live session (it shows on the session's screens).</summary>
    public async Task<Result<Poll>> CreateInSessionAsync(int sessionId, PollDefinition definition, TimeSpan? lasting = null, CancellationToken ct = default)
    {
        var session = await db.Sessions.AsNoTracking().Where(s => s.Id == sessionId).Select(s => new { s.ProcessId, s.Status }).FirstOrDefaultAsync(ct);
        if (session is null)
        {
            return Error.NotFound("No such session.");
        }

        if (session.Status == SessionStatus.Ended)
        {
            // Checked again after authorising, so that an outsider learns nothing more than "not allowed".
            var allowed = await processes.FindForAsync(session.ProcessId, PollPolicy.Run, ct);
            return allowed.Error ?? Error.Conflict("The session has ended.");
        }

        return await CreateAsync(session.ProcessId, sessionId, definition, lasting, ct);
    }

    /// <summary>How long a sense of the room takes ballots.</summary>
    public static readonly TimeSpan SenseOfTheRoomLasts = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The moderator's one click: agree / disagree / unsure, anonymous, results shown live, ballots taken for 60
    /// seconds. It is an ordinary poll of the session, so its question, ballots and closing counts are on the record.
    /// </summary>
    public Task<Result<Poll>> SenseOfTheRoomAsync(int sessionId, CancellationToken ct = default) =>
        CreateInSessionAsync(sessionId, new PollDefinition("Sense of the room", PollKind.SingleChoice, ["Agree", "Disagree", "Unsure"]), SenseOfTheRoomLasts, ct);

    private Task<Result<Poll>> CreateAsync(int processId, int? sessionId, PollDefinition definition, TimeSpan? lasting, CancellationToken ct) =>
        writes.RunAsync(
            token => processes.LoadAsync(processId, token),
            c => PollPolicy.Run(c.Actor, c.Process),
            (c, now) =>
            {
                var created = Poll.Create(processId, sessionId, definition, now, now + lasting);
                if (created.Error is { } error)
                {
                    return (Result<Change<Poll>>)error;
                }

                var poll = created.Value;
                db.Polls.Add(poll);
                return Change.Recorded(poll, processId, PollRecord.Created, () => new PollEntry(
                        poll.Id, poll.SessionId, poll.Kind, poll.Question, poll.Categories, poll.Anonymous, poll.ResultsWhileOpen, poll.ClosesAt))
                    .Then(_ => broadcaster.PollsChangedAsync(poll));
            },
            ct);

    /// <summary>Named or anonymous, results while voting or after: 409 once a ballot has been cast.</summary>
    public Task<Result<bool>> ChangeSettingsAsync(int pollId, bool anonymous, bool resultsWhileOpen, CancellationToken ct = default) =>
        RunAsync<bool>(pollId, (c, _) =>
        {
            var changed = c.Poll.ChangeSettings(anonymous, resultsWhileOpen);
            return changed.Error is { } error ? error
                : !changed.Value ? Change.None(false)
                : Change.Recorded(true, c.Process.Id, PollRecord.SettingsChanged, () => new PollSettingsEntry(c.Poll.Id, anonymous, resultsWhileOpen))
                    .Claiming(Claim.Version(c.Poll))
                    .Then(_ => broadcaster.ResultsChangedAsync(c.Poll.Id));
        }, ct, Error.Conflict("A ballot was cast meanwhile: whether ballots are named and when results show can no longer change.", "anonymous"));

    public Task<Result<bool>> RelabelAsync(int pollId, IReadOnlyList<string?>? labels, CancellationToken ct = default) =>
        RunAsync<bool>(pollId, (c, _) =>
        {
            var changed = c.Poll.Relabel(labels);
            return changed.Error is { } error ? error
                : !changed.Value ? Change.None(false)
                : Change.Recorded(true, c.Process.Id, PollRecord.Relabelled, () => new PollLabelsEntry(c.Poll.Id, c.Poll.Options))
                    .Claiming(Claim.Version(c.Poll))
                    .Then(_ => broadcaster.ResultsChangedAsync(c.Poll.Id));
        }, ct);

    public Task<Result<bool>> CloseAsync(int pollId, CancellationToken ct = default) =>
        RunAsync<bool>(pollId, (c, now) => CloseAsync(c, now, ct), ct);

    /// <summary>
    /// Closes a poll whose time has run out (a sense of the room after its minute) when no moderator did: what
    /// <see cref="PollDeadlines"/> calls, outside any request. The same close as the moderator's, through the same
    /// claim on the poll's version, so of two nodes (or a node and a moderator) closing at once one records the close
    /// and the other finds it closed (<see cref="Change.None{T}"/>). The record names no actor: nobody acted.
    /// </summary>
    public Task<Result<bool>> CloseWhenDueAsync(int pollId, CancellationToken ct = default) =>
        writes.RunAsync(
            token => LoadForDeadlineAsync(pollId, token),
            c => PollPolicy.CloseWhenDue(c.Poll),
            async (c, now) => c.Poll.IsOpenAt(now) ? Change.None(false) : await CloseAsync(c, now, ct),
            ct);

    /// <summary>The poll and its process, tracked, without the actor's standing: the deadline acts for nobody.</summary>
    private async Task<Result<PollContext>> LoadForDeadlineAsync(int pollId, CancellationToken ct)
    {
        var poll = await db.Polls.FirstOrDefaultAsync(p => p.Id == pollId, ct);
        var process = poll is null ? null : await db.Processes.FirstOrDefaultAsync(p => p.Id == poll.ProcessId, ct);
        return poll is null || process is null ? Error.NotFound("No such poll.") : new PollContext(poll, process, Actor.Anonymous);
    }

    private async Task<Result<Change<bool>>> CloseAsync(PollContext c, DateTimeOffset now, CancellationToken ct)
    {
        var closed = c.Poll.Close(now);
        if (closed.Error is { } error)
        {
            return error;
        }

        if (!closed.Value)
        {
            return Change.None(false);
        }

        // The counts at the close go into the entry, so the session's record keeps the result itself.
        var shape = TallyShape.Of(c.Poll);
        var ballots = PollTally.Ballots(shape, await PollQueries.BallotRowsAsync(db, c.Poll.Id, ct));
        var hands = PollTally.Hands(shape, await PollQueries.HandRowsAsync(db, c.Poll.Id, ct));
        return Change.Recorded(true, c.Process.Id, PollRecord.Closed, () => new PollClosedEntry(
                c.Poll.Id, c.Poll.SessionId, ballots.Overall.N, ballots.Overall.Counts, hands.Overall.N, hands.Overall.Counts))
            .Claiming(Claim.Version(c.Poll))
            .Then(_ => broadcaster.PollsChangedAsync(c.Poll));
    }

    /// <summary>
    /// Casts the actor's ballot, or changes it; the same answer again writes nothing. The request only queues it:
    /// <see cref="BallotIntake"/> loads, authorises and reads it with the ballots that arrived meanwhile, stores them
    /// together and answers after their shared commit.
    /// </summary>
    public async Task<Result<MyBallotDto>> VoteAsync(int pollId, AnswerInput input)
    {
        var submission = new BallotSubmission(pollId, actors.AccountId, input);
        var stored = await intake.SubmitAsync(submission);
        versions.Forget(submission.ProcessId);
        return stored;
    }

    /// <summary>Records a show of hands for one stakeholder group (and region), replacing an earlier count of the same.</summary>
    public Task<Result<HandCount>> CountHandsAsync(int pollId, HandCountRequest request, CancellationToken ct = default) =>
        RunAsync<HandCount>(pollId, async (c, now) =>
        {
            if (!c.Poll.IsOpenAt(now))
            {
                return Error.Conflict("This poll is closed.");
            }

            if (request.StakeholderGroupId is not { } group || c.Process.StakeholderGroups.All(g => g.Id != group))
            {
                return Error.Invalid("stakeholderGroupId", "Choose one of the process's stakeholder groups.");
            }

            if (request.RegionId is { } region && c.Process.Regions.All(r => r.Id != region))
            {
                return Error.Invalid("regionId", "Choose one of the process's regions, or none.");
            }

            var categories = c.Poll.Categories.Count;
            if (request.Counts is not { } counts || counts.Count != categories)
            {
                return Error.Invalid("counts", $"Give one count for each of the poll's {categories} answers.");
            }

            if (counts.Any(n => n is < 0 or > HandCount.MaxCount))
            {
                return Error.Invalid("counts", $"Each count is a whole number from 0 to {HandCount.MaxCount}.");
            }

            var existing = await db.HandCounts.FirstOrDefaultAsync(h => h.PollId == c.Poll.Id && h.StakeholderGroupId == group && h.RegionId == request.RegionId, ct);
            if (existing is null)
            {
                existing = HandCount.Create(c.Poll.Id, group, request.RegionId, counts, now);
                db.HandCounts.Add(existing);
            }
            else if (existing.Counts.SequenceEqual(counts))
            {
                return Change.None(existing);
            }
            else
            {
                existing.Recount(counts, now);
            }

            // The poll's version serialises counts for the same group and region (no unique index can hold a null region on both providers alike).
            return Change.Recorded(existing, c.Process.Id, PollRecord.HandsCounted, () => new HandCountEntry(c.Poll.Id, group, request.RegionId, [.. counts]))
                .Claiming(Claim.Version(c.Poll))
                .Then(_ => broadcaster.ResultsChangedAsync(c.Poll.Id));
        }, ct);

    private Task<Result<T>> RunAsync<T>(int pollId, Func<PollContext, DateTimeOffset, Result<Change<T>>> act, CancellationToken ct, Error? whenLost = null) =>
        RunAsync(pollId, (c, now) => Task.FromResult(act(c, now)), ct, whenLost);

    private Task<Result<T>> RunAsync<T>(int pollId, Func<PollContext, DateTimeOffset, Task<Result<Change<T>>>> act, CancellationToken ct, Error? whenLost = null) =>
        writes.RunAsync(
            token => FindAsync(pollId, tracked: true, token),
            c => PollPolicy.Run(c.Actor, c.Process),
            act,
            ct,
            whenLost);

    internal static List<int> Bits(int mask) => [.. Enumerable.Range(0, 31).Where(i => (mask & (1 << i)) != 0)];
}
