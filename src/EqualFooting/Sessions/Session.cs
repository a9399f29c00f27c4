using EqualFooting.Common;

namespace EqualFooting.Sessions;

public enum SessionStatus
{
    Scheduled,
    Running,
    Ended,
}

/// <summary>What a convener fills in to schedule a session. Times are stored in UTC.</summary>
public sealed record SessionDetails(
    string? Title,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    string? Room = null,
    bool RemoteParticipation = true,
    string? ConferenceUrl = null);

/// <summary>
/// A session of a process: its schedule, its agenda and its speaking queue. The queue's state is kept as rows
/// (waiting hands, interventions, overrides and the queue log) so statistics can be queried and nothing is lost when
/// the server restarts; <see cref="Queue"/> rebuilds the <see cref="SpeakingQueue"/> from them and
/// <see cref="Apply"/> writes a changed queue back. <see cref="Version"/> goes up with every change and is the
/// optimistic concurrency token: of two moderators acting on the same version, the second save fails.
/// </summary>
public sealed class Session
{
    public const int MaxAgendaItems = 200;
    public const int MaxPlannedMinutes = 24 * 60;
    public const int MaxAllottedSeconds = 60 * 60;

    private readonly List<AgendaItem> _agenda = [];
    private readonly List<WaitingHandRow> _waiting = [];
    private readonly List<InterventionRow> _interventions = [];
    private readonly List<FloorOverrideRow> _overrides = [];
    private readonly List<QueueEventRow> _events = [];
    private SpeakingQueue? _queue;

    private Session()
    {
        Title = "";
        PolicySettings = "{}";
    }

    public int Id { get; private set; }

    public int ProcessId { get; private set; }

    public string Title { get; private set; }

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    public string? Room { get; private set; }

    public bool RemoteParticipation { get; private set; }

    /// <summary>The conference call or livestream remote participants follow the session on: an absolute http or https address.</summary>
    public string? ConferenceUrl { get; private set; }

    public SessionStatus Status { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public QueuePolicyKind PolicyKind { get; private set; }

    /// <summary>The policy's <see cref="QueuePolicySettings"/> as JSON.</summary>
    public string PolicySettings { get; private set; }

    public bool QueueOpen { get; private set; } = true;

    public int? CurrentAgendaItemId { get; private set; }

    public int? AllottedSeconds { get; private set; }

    public long LastEntryId { get; private set; }

    /// <summary>The sequence number of the session's state: every screen compares it to tell whether it missed a change.</summary>
    public long Version { get; private set; }

    public IReadOnlyList<AgendaItem> Agenda => _agenda;

    public IReadOnlyList<InterventionRow> InterventionRows => _interventions;

    public const int ConferenceUrlMax = 500;

    /// <summary>Checks a conference or livestream link: blank means none; otherwise an absolute https address (no plain http, script or file links).</summary>
    public static Result<string?> ConferenceLink(string? url)
    {
        var clean = Text.Optional("conferenceUrl", url, ConferenceUrlMax);
        if (clean.Error is { } error)
        {
            return error;
        }

        if (clean.Value is not { } value)
        {
            return (string?)null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && !string.IsNullOrEmpty(uri.Host)
            ? uri.AbsoluteUri
            : Error.Invalid("conferenceUrl", "Give the conference or livestream link as an https address.");
    }

    /// <summary>
    /// Changes the conference or livestream link (blank removes it), even after the session ended, since a recording's
    /// address often comes later. False when it is the link already set.
    /// </summary>
    public Result<bool> ChangeConferenceLink(string? url)
    {
        var link = ConferenceLink(url);
        if (link.Error is { } invalid)
        {
            return invalid;
        }

        if (link.Value == ConferenceUrl)
        {
            return false;
        }

        ConferenceUrl = link.Value;
        Version++;
        return true;
    }

    public static Result<Session> Create(int processId, SessionDetails details, QueuePolicyKind policyKind, QueuePolicySettings settings)
    {
        var title = Text.Required("title", details.Title, Text.NameMax);
        if (title.Error is { } badTitle)
        {
            return badTitle;
        }

        if (details.StartsAt is not { } starts)
        {
            return Error.Invalid("startsAt", "Start time is required.");
        }

        if (details.EndsAt is not { } ends)
        {
            return Error.Invalid("endsAt", "End time is required.");
        }

        if (ends <= starts)
        {
            return Error.Invalid("endsAt", "The session must end after it starts.");
        }

        var room = Text.Optional("room", details.Room, Text.ShortMax);
        if (room.Error is { } badRoom)
        {
            return badRoom;
        }

        var conference = ConferenceLink(details.ConferenceUrl);
        if (conference.Error is { } badConference)
        {
            return badConference;
        }

        if (!Enum.IsDefined(policyKind))
        {
            return Error.Invalid("policy", "Choose a queue policy.");
        }

        var policy = settings.Build(policyKind);
        if (policy.Error is { } badPolicy)
        {
            return badPolicy;
        }

        return new Session
        {
            ProcessId = processId,
            Title = title.Value,
            StartsAt = starts.ToUniversalTime(),
            EndsAt = ends.ToUniversalTime(),
            Room = room.Value,
            RemoteParticipation = details.RemoteParticipation,
            ConferenceUrl = conference.Value,
            Status = SessionStatus.Scheduled,
            PolicyKind = policyKind,
            PolicySettings = QueuePolicySettings.Of(policy.Value, settings).ToJson(),
        };
    }

    /// <summary>
    /// A session that already took place, made to hold a transcript's interventions: it is ended from the start, so
    /// no queue action can touch it, and its times span the transcript's estimated length.
    /// </summary>
    public static Result<Session> CreatePast(int processId, string? title, DateTimeOffset startsAt, DateTimeOffset endsAt)
    {
        var clean = Text.Required("title", title is { Length: > Text.NameMax } ? title[..Text.NameMax] : title, Text.NameMax);
        if (clean.Error is { } badTitle)
        {
            return badTitle;
        }

        return new Session
        {
            ProcessId = processId,
            Title = clean.Value,
            StartsAt = startsAt.ToUniversalTime(),
            EndsAt = (endsAt > startsAt ? endsAt : startsAt.AddMinutes(1)).ToUniversalTime(),
            RemoteParticipation = false,
            Status = SessionStatus.Ended,
            StartedAt = startsAt,
            EndedAt = endsAt,
            PolicyKind = QueuePolicyKind.FirstComeFirstServed,
            PolicySettings = QueuePolicySettings.None.ToJson(),
        };
    }

    /// <summary>The time per speaker the policy sets when the agenda item under way sets none.</summary>
    public int? TurnSeconds => QueuePolicySettings.FromJson(PolicySettings).TurnSeconds;

    /// <summary>How long before the end of a turn every screen warns that the time is running out.</summary>
    public TimeSpan Warning => QueuePolicySettings.FromJson(PolicySettings).Warning;

    /// <summary>
    /// Chooses another queue policy, before the session or while it runs. The hands waiting stay where they are and
    /// are simply ordered by the new rule from now on: every policy is a function of the waiting hands and the turns
    /// so far, so nothing needs converting, and the round-robin rotation is worked out from the history. A new turn
    /// length applies from the next turn, unless the agenda item under way sets its own.
    /// </summary>
    /// <returns>False when the policy and its settings are the ones already in force.</returns>
    public Result<bool> ChangePolicy(QueuePolicyKind policyKind, QueuePolicySettings settings, DateTimeOffset now)
    {
        if (Status == SessionStatus.Ended)
        {
            return Error.Conflict("The session has ended.");
        }

        if (!Enum.IsDefined(policyKind))
        {
            return Error.Invalid("policy", "Choose a queue policy.");
        }

        var policy = settings.Build(policyKind);
        if (policy.Error is { } badPolicy)
        {
            return badPolicy;
        }

        var json = QueuePolicySettings.Of(policy.Value, settings).ToJson();
        if (policyKind == PolicyKind && json == PolicySettings)
        {
            return false;
        }

        var turnChanged = TurnSeconds != settings.TurnSeconds;
        PolicyKind = policyKind;
        PolicySettings = json;
        _queue = null;
        var itemSetsItsOwn = CurrentAgendaItemId is { } current && _agenda.FirstOrDefault(a => a.Id == current)?.AllottedSeconds is not null;
        if (Status == SessionStatus.Running && turnChanged && !itemSetsItsOwn)
        {
            var queue = Queue();
            queue.AdjustAllotment(settings.TurnSeconds is { } t ? TimeSpan.FromSeconds(t) : null, now);
            Apply(queue);
        }
        else
        {
            Version++;
        }

        return true;
    }

    public Result<AgendaItem> AddAgendaItem(string? title, int? plannedMinutes, int? allottedSeconds)
    {
        if (Status == SessionStatus.Ended)
        {
            return Error.Conflict("The session has ended.");
        }

        var clean = Text.Required("title", title, Text.NameMax);
        if (clean.Error is { } badTitle)
        {
            return badTitle;
        }

        if (plannedMinutes is not (>= 1 and <= MaxPlannedMinutes))
        {
            return Error.Invalid("plannedMinutes", $"Planned minutes must be between 1 and {MaxPlannedMinutes}.");
        }

        if (CheckAllotment(allottedSeconds) is { } badAllotment)
        {
            return badAllotment;
        }

        if (_agenda.Count >= MaxAgendaItems)
        {
            return Error.Conflict($"A session has at most {MaxAgendaItems} agenda items.");
        }

        var item = new AgendaItem(_agenda.Count + 1, clean.Value, plannedMinutes.Value, allottedSeconds);
        _agenda.Add(item);
        Version++;
        return item;
    }

    /// <summary>Opens the session. Starting a running session changes nothing (false); an ended one cannot restart.</summary>
    public Result<bool> Start(DateTimeOffset now)
    {
        switch (Status)
        {
            case SessionStatus.Ended:
                return Error.Conflict("The session has ended.");
            case SessionStatus.Running:
                return false;
            default:
                Status = SessionStatus.Running;
                StartedAt = now;
                AllottedSeconds ??= TurnSeconds;
                _queue = null;
                Version++;
                return true;
        }
    }

    /// <summary>Closes the session: the speaker at the microphone and the agenda item under way end now.</summary>
    public Error? End(DateTimeOffset now)
    {
        if (Status == SessionStatus.Ended)
        {
            return Error.Conflict("The session has ended.");
        }

        if (Status == SessionStatus.Running)
        {
            var queue = Queue();
            queue.EndIntervention(now);
            queue.Close(now);
            Apply(queue);
            EndAgendaItem(now);
        }

        Status = SessionStatus.Ended;
        EndedAt = now;
        Version++;
        return null;
    }

    /// <summary>The queue as stored, for reading and for changing; hand it back to <see cref="Apply"/> after a change.</summary>
    public SpeakingQueue Queue()
    {
        if (_queue is not null)
        {
            return _queue;
        }

        var settings = QueuePolicySettings.FromJson(PolicySettings);
        var policy = settings.Build(PolicyKind);
        if (policy.Error is { } broken)
        {
            throw new InvalidOperationException($"Session {Id} has stored policy settings that no longer validate: {broken.Message}");
        }

        var state = new QueueState(
            QueueOpen,
            CurrentAgendaItemId,
            AllottedSeconds is { } s ? TimeSpan.FromSeconds(s) : null,
            LastEntryId,
            [.. _waiting.Select(w => w.ToEntry())],
            [.. _interventions.Select(i => i.ToIntervention())],
            [.. _overrides.Select(o => o.ToOverride())],
            [.. _events.Select(e => e.ToEvent())]);
        return _queue = SpeakingQueue.Restore(Id, policy.Value, state, settings.ShortTurns);
    }

    /// <summary>The queue, if the session is running; queue actions on a scheduled or ended session are conflicts.</summary>
    public Result<SpeakingQueue> LiveQueue() => Status switch
    {
        SessionStatus.Scheduled => Error.Conflict("The session has not started."),
        SessionStatus.Ended => Error.Conflict("The session has ended."),
        _ => Queue(),
    };

    /// <summary>
    /// Writes a changed queue back into the rows. Only what changed is touched: the log and interventions only grow
    /// (the last intervention may end), waiting hands come and go.
    /// </summary>
    public void Apply(SpeakingQueue queue)
    {
        var state = queue.State;
        var waitingIds = state.Waiting.Select(e => e.Id).ToHashSet();
        _waiting.RemoveAll(w => !waitingIds.Contains(w.EntryId));
        var stored = _waiting.Select(w => w.EntryId).ToHashSet();
        _waiting.AddRange(state.Waiting.Where(e => !stored.Contains(e.Id)).Select(WaitingHandRow.From));

        var turns = _interventions.ToDictionary(i => i.Number);
        foreach (var turn in state.Interventions)
        {
            if (turns.TryGetValue(turn.Id, out var row))
            {
                row.EndedAt = turn.EndedAt;
                row.PausedAt = turn.PausedAt;
                row.PausedSeconds = turn.Paused.TotalSeconds;
            }
            else
            {
                _interventions.Add(InterventionRow.From(turn));
            }
        }

        var overridden = _overrides.Select(o => o.InterventionNumber).ToHashSet();
        _overrides.AddRange(state.Overrides.Where(o => !overridden.Contains(o.InterventionId)).Select(FloorOverrideRow.From));

        var logged = _events.Count == 0 ? 0 : _events.Max(e => e.Sequence);
        _events.AddRange(state.Log.Where(e => e.Sequence > logged).Select(QueueEventRow.From));

        QueueOpen = state.IsOpen;
        CurrentAgendaItemId = state.AgendaItemId;
        AllottedSeconds = state.AllottedPerIntervention is { } a ? (int)Math.Ceiling(a.TotalSeconds) : null;
        LastEntryId = state.LastEntryId;
        _queue = queue;
        Version++;
    }

    /// <summary>Moves on to an agenda item: the one under way ends, this one starts (once: restarting keeps its first start).</summary>
    public Result<AgendaItem> StartAgendaItem(int agendaItemId, DateTimeOffset now)
    {
        var queue = LiveQueue();
        if (queue.Error is { } notLive)
        {
            return notLive;
        }

        if (_agenda.FirstOrDefault(a => a.Id == agendaItemId) is not { } item)
        {
            return Error.NotFound("No such agenda item in this session.");
        }

        if (queue.Value.StartAgendaItem(item.Id, (item.AllottedSeconds ?? TurnSeconds) is { } s ? TimeSpan.FromSeconds(s) : null, now) is { } invalid)
        {
            return invalid;
        }

        if (CurrentAgendaItemId is { } previous && previous != item.Id)
        {
            EndAgendaItem(now);
        }

        item.StartedAt ??= now;
        item.EndedAt = null;
        Apply(queue.Value);
        return item;
    }

    public Error? AdjustAllotment(int? allottedSeconds, DateTimeOffset now)
    {
        var queue = LiveQueue();
        if (queue.Error is { } notLive)
        {
            return notLive;
        }

        if (CheckAllotment(allottedSeconds) is { } invalid)
        {
            return invalid;
        }

        queue.Value.AdjustAllotment(allottedSeconds is { } s ? TimeSpan.FromSeconds(s) : null, now);
        if (CurrentAgendaItemId is { } current && _agenda.FirstOrDefault(a => a.Id == current) is { } item)
        {
            item.AllottedSeconds = allottedSeconds;
        }

        Apply(queue.Value);
        return null;
    }

    private void EndAgendaItem(DateTimeOffset now)
    {
        if (CurrentAgendaItemId is { } current && _agenda.FirstOrDefault(a => a.Id == current) is { EndedAt: null } item)
        {
            item.EndedAt = now;
        }
    }

    private static Error? CheckAllotment(int? allottedSeconds) =>
        allottedSeconds is null or (>= 1 and <= MaxAllottedSeconds)
            ? null
            : Error.Invalid("allottedSeconds", $"The time per speaker must be between 1 and {MaxAllottedSeconds} seconds, or empty for no limit.");
}

/// <summary>One item of a session's agenda: planned time beside the actual start and end.</summary>
public sealed class AgendaItem
{
    internal AgendaItem(int position, string title, int plannedMinutes, int? allottedSeconds)
    {
        Position = position;
        Title = title;
        PlannedMinutes = plannedMinutes;
        AllottedSeconds = allottedSeconds;
    }

    public int Id { get; private set; }

    public int SessionId { get; private set; }

    public int Position { get; private set; }

    public string Title { get; private set; }

    public int PlannedMinutes { get; private set; }

    /// <summary>The time each speaker gets on this item; null for no limit.</summary>
    public int? AllottedSeconds { get; internal set; }

    public DateTimeOffset? StartedAt { get; internal set; }

    public DateTimeOffset? EndedAt { get; internal set; }

    public TimeSpan? Actual(DateTimeOffset now) => StartedAt is { } start ? (EndedAt ?? now) - start : null;
}
