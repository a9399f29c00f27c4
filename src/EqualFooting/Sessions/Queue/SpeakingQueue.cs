using EqualFooting.Common;

namespace EqualFooting.Sessions;

public enum QueueEventKind
{
    HandRaised,
    HandRaisedWhileClosed,
    HandLowered,
    FloorGiven,
    FloorGivenOutOfTurn,
    PointOfOrderHeard,
    InterventionEnded,
    QueueClosed,
    QueueReopened,
    AgendaItemStarted,
    PolicyChanged,
    AllotmentAdjusted,
    InterventionPaused,
    InterventionResumed,
}

/// <summary>
/// One line of the session's public record of the queue. The sequence number lets a screen that missed messages
/// tell that it did, and fetch the state again.
/// </summary>
public sealed record QueueEvent(
    long Sequence,
    QueueEventKind Kind,
    DateTimeOffset At,
    Speaker? Speaker = null,
    long? EntryId = null,
    long? InterventionId = null,
    int? AgendaItemId = null,
    string? Reason = null);

/// <summary>The moderator gave the floor to someone other than the suggested next speaker, and said why.</summary>
public sealed record FloorOverride(long InterventionId, Speaker Suggested, Speaker Given, string Reason, DateTimeOffset At);

/// <summary>
/// The speaking queue of one session: hands waiting, the interventions so far, whether new hands are accepted, and
/// the policy that suggests who is next. The moderator decides; the queue suggests, and records every time the
/// moderator chose someone else and why. All state changes go through these methods, which take "now" from the
/// caller so the aggregate never reads the clock.
/// </summary>
public sealed class SpeakingQueue
{
    /// <summary>A guard against a runaway client, far above any room's real queue.</summary>
    public const int MaxWaiting = 500;

    public const int ReasonMax = 500;

    private readonly List<QueueEntry> _waiting = [];
    private readonly List<Intervention> _interventions = [];
    private readonly List<FloorOverride> _overrides = [];
    private readonly List<QueueEvent> _log = [];
    private long _lastEntryId;

    private SpeakingQueue(int sessionId, QueuePolicy policy, ShortTurns? shortTurns)
    {
        SessionId = sessionId;
        Policy = policy;
        ShortTurns = shortTurns ?? ShortTurns.Default;
    }

    public int SessionId { get; }

    public QueuePolicy Policy { get; private set; }

    /// <summary>The time interposed questions and follow-ups get, whatever the agenda item gives an ordinary turn.</summary>
    public ShortTurns ShortTurns { get; }

    public bool IsOpen { get; private set; } = true;

    public int? AgendaItemId { get; private set; }

    /// <summary>The time each speaker gets on the current agenda item; null for no limit.</summary>
    public TimeSpan? AllottedPerIntervention { get; private set; }

    /// <summary>Waiting hands in raise order; <see cref="Order"/> gives the policy's order.</summary>
    public IReadOnlyList<QueueEntry> Waiting => _waiting;

    public IReadOnlyList<Intervention> Interventions => _interventions;

    public IReadOnlyList<FloorOverride> Overrides => _overrides;

    public IReadOnlyList<QueueEvent> Log => _log;

    /// <summary>The intervention in progress, if someone has the floor.</summary>
    public Intervention? Current => _interventions.Count > 0 && _interventions[^1].IsOngoing ? _interventions[^1] : null;

    public static SpeakingQueue Open(int sessionId, QueuePolicy policy, ShortTurns? shortTurns = null) => new(sessionId, policy, shortTurns);

    /// <summary>
    /// Rebuilds a queue from stored state, checking the invariants the methods above keep, so a damaged store fails
    /// loudly on load instead of handing out a duplicate entry id or two turns at once. The last entry id is part of
    /// the state because lowered hands leave no row, and a reused id would break the raise-order tie-break.
    /// </summary>
    public static SpeakingQueue Restore(int sessionId, QueuePolicy policy, QueueState state, ShortTurns? shortTurns = null)
    {
        var queue = new SpeakingQueue(sessionId, policy, shortTurns)
        {
            IsOpen = state.IsOpen,
            AgendaItemId = state.AgendaItemId,
            AllottedPerIntervention = state.AllottedPerIntervention,
        };

        var interventions = state.Interventions.OrderBy(i => i.Id).ToList();
        var log = state.Log.OrderBy(e => e.Sequence).ToList();
        if (state.Waiting.Any(e => e.Id > state.LastEntryId || e.Id < 1) || state.Waiting.Select(e => e.Id).Distinct().Count() != state.Waiting.Count)
        {
            throw new InvalidOperationException($"Session {sessionId}: waiting entries have duplicate ids or ids beyond the last issued one.");
        }

        if (interventions.Where((t, i) => t.Id != i + 1).Any() || interventions.SkipLast(1).Any(t => t.IsOngoing))
        {
            throw new InvalidOperationException($"Session {sessionId}: interventions are not numbered 1..n or an earlier one never ended.");
        }

        if (log.Where((e, i) => e.Sequence != i + 1).Any())
        {
            throw new InvalidOperationException($"Session {sessionId}: the queue log has a gap.");
        }

        queue._lastEntryId = state.LastEntryId;
        queue._waiting.AddRange(state.Waiting.OrderBy(e => e.Id));
        queue._interventions.AddRange(interventions);
        queue._overrides.AddRange(state.Overrides.OrderBy(o => o.InterventionId));
        queue._log.AddRange(log);
        return queue;
    }

    /// <summary>Everything <see cref="Restore"/> needs; <see cref="State"/> gives it back.</summary>
    public QueueState State => new(IsOpen, AgendaItemId, AllottedPerIntervention, _lastEntryId, [.. _waiting], [.. _interventions], [.. _overrides], [.. _log]);

    public IReadOnlyList<QueueEntry> Order(DateTimeOffset now) => Policy.Order(Context(now));

    public QueueEntry? Suggested(DateTimeOffset now) => Policy.Next(Context(now));

    public TimerReading? Timer(TimeProvider time, TimeSpan? warning = null) => Current is { } current ? InterventionTimer.Read(current, time, warning) : null;

    /// <summary>
    /// Puts a hand up. Raising again while already waiting returns the same entry and changes nothing, so a
    /// double click or a reconnecting client cannot queue someone twice. A point of order, an interposed question
    /// and a follow-up are each a separate request from an ordinary hand and may be raised alongside one. A point of
    /// order is also accepted when the queue is closed, since closing the list of speakers does not silence
    /// objections on procedure; an interposed question or a follow-up is not, since either would reopen the debate
    /// the closing ends. An interposed question needs someone at the floor to ask, and a follow-up a turn to follow.
    /// </summary>
    public Result<QueueEntry> RaiseHand(HandRaise hand, DateTimeOffset now)
    {
        if (!Enum.IsDefined(hand.Kind))
        {
            return Error.Invalid("kind", "Choose a kind of intervention.");
        }

        if (_waiting.FirstOrDefault(e => e.Speaker == hand.Speaker && e.Kind == hand.Kind) is { } existing)
        {
            return existing;
        }

        var admittedWhileClosed = false;
        if (!IsOpen && hand.Kind == HandKind.Normal)
        {
            if (!Policy.AdmitsWhenClosed(hand.Speaker, _interventions))
            {
                return Error.Conflict("The queue is closed.");
            }

            admittedWhileClosed = true;
        }

        if (!IsOpen && hand.Kind is HandKind.InterposedQuestion or HandKind.FollowUp)
        {
            return Error.Conflict("The queue is closed.");
        }

        if (hand.Kind == HandKind.InterposedQuestion && Current is null)
        {
            return Error.Conflict("Nobody has the floor to put a question to.");
        }

        if (hand.Kind == HandKind.FollowUp && _interventions.Count == 0)
        {
            return Error.Conflict("Nobody has spoken yet: there is nothing to follow up.");
        }

        if (_waiting.Count >= MaxWaiting)
        {
            return Error.Conflict($"The queue is full ({MaxWaiting} hands).");
        }

        var entry = new QueueEntry(
            ++_lastEntryId,
            hand.Speaker,
            hand.StakeholderGroupId,
            hand.RegionId,
            string.IsNullOrWhiteSpace(hand.Gender) ? null : hand.Gender.Trim(),
            hand.Speaker.FixedRemote ?? hand.Remote,
            hand.Kind,
            now);
        _waiting.Add(entry);
        Record(admittedWhileClosed ? QueueEventKind.HandRaisedWhileClosed : QueueEventKind.HandRaised, now, entry.Speaker, entryId: entry.Id);
        return entry;
    }

    /// <summary>Takes all of a speaker's hands down. Lowering a hand that is not up is not an error: it is already down.</summary>
    public bool LowerHand(Speaker speaker, DateTimeOffset now)
    {
        var lowered = _waiting.Where(e => e.Speaker == speaker).ToList();
        foreach (var entry in lowered)
        {
            _waiting.Remove(entry);
            Record(QueueEventKind.HandLowered, now, speaker, entryId: entry.Id);
        }

        return lowered.Count > 0;
    }

    public Result<Intervention> GiveFloorToNext(DateTimeOffset now) =>
        Suggested(now) is { } next ? GiveFloor(next.Speaker, now) : Error.Conflict("Nobody is waiting to speak.");

    /// <summary>
    /// Gives the floor to a waiting speaker, ending the intervention in progress. Anyone other than the suggested
    /// next speaker needs a reason, which goes on the record: departing from the agreed rule is allowed, silently
    /// departing from it is not.
    /// </summary>
    public Result<Intervention> GiveFloor(Speaker speaker, DateTimeOffset now, string? overrideReason = null)
    {
        var order = Order(now);
        var entry = order.FirstOrDefault(e => e.Speaker == speaker);
        if (entry is null)
        {
            return Error.Invalid("speaker", $"{speaker} is not in the queue.");
        }

        var suggested = order[0];
        string? reason = null;
        if (entry.Speaker != suggested.Speaker)
        {
            if (string.IsNullOrWhiteSpace(overrideReason))
            {
                return Error.Invalid("reason", $"{suggested.Speaker} is next in the queue; say why {speaker} speaks first.");
            }

            var cleaned = Text.Required("reason", overrideReason, ReasonMax);
            if (cleaned.Error is { } invalid)
            {
                return invalid;
            }

            reason = cleaned.Value;
        }

        // Turns never overlap, even if this "now" comes from a clock slightly behind the one that started the last turn.
        EndCurrent(now);
        var lastEnd = _interventions.Count > 0 ? _interventions[^1].EndedAt : null;
        var startedAt = lastEnd is { } end && end > now ? end : now;
        _waiting.Remove(entry);
        var intervention = new Intervention(
            _interventions.Count + 1,
            entry.Speaker,
            entry.StakeholderGroupId,
            entry.RegionId,
            entry.Gender,
            entry.Remote,
            entry.Kind,
            AgendaItemId,
            entry.Kind switch
            {
                HandKind.InterposedQuestion => ShortTurns.InterposedQuestion,
                HandKind.FollowUp => ShortTurns.FollowUp,
                _ => AllottedPerIntervention,
            },
            startedAt);
        _interventions.Add(intervention);

        if (reason is not null)
        {
            _overrides.Add(new FloorOverride(intervention.Id, suggested.Speaker, entry.Speaker, reason, startedAt));
        }

        var kind = entry.Kind == HandKind.PointOfOrder ? QueueEventKind.PointOfOrderHeard
            : reason is not null ? QueueEventKind.FloorGivenOutOfTurn
            : QueueEventKind.FloorGiven;
        Record(kind, startedAt, entry.Speaker, entry.Id, intervention.Id, AgendaItemId, reason);
        return intervention;
    }

    public Result<Intervention> EndIntervention(DateTimeOffset now) =>
        EndCurrent(now) is { } ended ? ended : Error.Conflict("Nobody has the floor.");

    /// <summary>
    /// Stops the speaker's timer, as a moderator does for a disturbance in the room or a broken line: the time paused
    /// is not spoken time. Pausing a paused turn changes nothing (false).
    /// </summary>
    public Result<bool> Pause(DateTimeOffset now)
    {
        if (Current is not { } current)
        {
            return Error.Conflict("Nobody has the floor.");
        }

        if (current.IsPaused)
        {
            return false;
        }

        var at = now > current.StartedAt ? now : current.StartedAt;
        _interventions[^1] = current with { PausedAt = at };
        Record(QueueEventKind.InterventionPaused, at, current.Speaker, interventionId: current.Id);
        return true;
    }

    /// <summary>Restarts the speaker's timer where it stopped. Resuming a running turn changes nothing (false).</summary>
    public Result<bool> Resume(DateTimeOffset now)
    {
        if (Current is not { } current)
        {
            return Error.Conflict("Nobody has the floor.");
        }

        if (!current.IsPaused)
        {
            return false;
        }

        var resumed = Unpaused(current, now);
        _interventions[^1] = resumed;
        Record(QueueEventKind.InterventionResumed, now > current.PausedAt!.Value ? now : current.PausedAt.Value, current.Speaker, interventionId: current.Id);
        return true;
    }

    public void Close(DateTimeOffset now)
    {
        if (IsOpen)
        {
            IsOpen = false;
            Record(QueueEventKind.QueueClosed, now);
        }
    }

    public void Reopen(DateTimeOffset now)
    {
        if (!IsOpen)
        {
            IsOpen = true;
            Record(QueueEventKind.QueueReopened, now);
        }
    }

    /// <summary>
    /// Moves the session on to an agenda item, with the time each speaker gets on it. The intervention in progress
    /// keeps the allotment it started with; waiting hands stay, as they do in the room.
    /// </summary>
    public Error? StartAgendaItem(int agendaItemId, TimeSpan? allottedPerIntervention, DateTimeOffset now)
    {
        if (allottedPerIntervention is { } allotted && allotted <= TimeSpan.Zero)
        {
            return Error.Invalid("allotted", "The time per speaker must be positive, or left empty for no limit.");
        }

        AgendaItemId = agendaItemId;
        AllottedPerIntervention = allottedPerIntervention;
        Record(QueueEventKind.AgendaItemStarted, now, agendaItemId: agendaItemId);
        return null;
    }

    /// <summary>
    /// Changes the time per speaker on the current agenda item, as a moderator does when the session runs late.
    /// Like a new agenda item, it applies from the next turn: the speaker at the microphone keeps the time they were given.
    /// </summary>
    public Error? AdjustAllotment(TimeSpan? allottedPerIntervention, DateTimeOffset now)
    {
        if (allottedPerIntervention is { } allotted && allotted <= TimeSpan.Zero)
        {
            return Error.Invalid("allotted", "The time per speaker must be positive, or left empty for no limit.");
        }

        AllottedPerIntervention = allottedPerIntervention;
        Record(QueueEventKind.AllotmentAdjusted, now, agendaItemId: AgendaItemId);
        return null;
    }

    public void ChangePolicy(QueuePolicy policy, DateTimeOffset now)
    {
        Policy = policy;
        Record(QueueEventKind.PolicyChanged, now, reason: policy.Kind.ToString());
    }

    private Intervention? EndCurrent(DateTimeOffset now)
    {
        if (Current is not { } current)
        {
            return null;
        }

        // A clock step backwards between two servers must not produce a negative turn. A turn ended while paused
        // ends where it stood: the pause under way joins the time paused.
        var ended = Unpaused(current, now) with { EndedAt = now > current.StartedAt ? now : current.StartedAt };
        _interventions[^1] = ended;
        Record(QueueEventKind.InterventionEnded, ended.EndedAt!.Value, ended.Speaker, interventionId: ended.Id);
        return ended;
    }

    private static Intervention Unpaused(Intervention turn, DateTimeOffset now) =>
        turn.PausedAt is { } since
            ? turn with { PausedAt = null, Paused = turn.Paused + (now > since ? now - since : TimeSpan.Zero) }
            : turn;

    private QueueContext Context(DateTimeOffset now) => new(_waiting, _interventions, now);

    private void Record(
        QueueEventKind kind,
        DateTimeOffset at,
        Speaker? speaker = null,
        long? entryId = null,
        long? interventionId = null,
        int? agendaItemId = null,
        string? reason = null) =>
        _log.Add(new QueueEvent(_log.Count + 1, kind, at, speaker, entryId, interventionId, agendaItemId, reason));
}

/// <summary>The stored form of a <see cref="SpeakingQueue"/> apart from its session id and policy.</summary>
/// <param name="LastEntryId">The highest entry id ever issued, including hands since lowered or given the floor.</param>
public sealed record QueueState(
    bool IsOpen,
    int? AgendaItemId,
    TimeSpan? AllottedPerIntervention,
    long LastEntryId,
    IReadOnlyList<QueueEntry> Waiting,
    IReadOnlyList<Intervention> Interventions,
    IReadOnlyList<FloorOverride> Overrides,
    IReadOnlyList<QueueEvent> Log);
