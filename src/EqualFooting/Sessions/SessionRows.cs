namespace EqualFooting.Sessions;

/// <summary>
/// The stored form of a <see cref="Speaker"/>: its kind, id and label as three columns on each row that names one,
/// so statistics can group by speaker in SQL.
/// </summary>
internal static class SpeakerColumns
{
    public static Speaker Read(SpeakerKind kind, int? id, string? name) => kind switch
    {
        SpeakerKind.Participant => Speaker.Participant(id ?? throw Broken(kind)),
        SpeakerKind.RemoteHub => Speaker.Hub(id ?? throw Broken(kind), name),
        _ => Speaker.InRoom(name) is { IsSuccess: true } inRoom ? inRoom.Value : throw Broken(kind),
    };

    private static InvalidOperationException Broken(SpeakerKind kind) => new($"A stored {kind} speaker lacks its id or name.");
}

/// <summary>A hand waiting in a session's queue.</summary>
public sealed class WaitingHandRow
{
    public int SessionId { get; private set; }

    public long EntryId { get; private set; }

    public SpeakerKind SpeakerKind { get; private set; }

    public int? SpeakerId { get; private set; }

    public string? SpeakerName { get; private set; }

    public int StakeholderGroupId { get; private set; }

    public int RegionId { get; private set; }

    public string? Gender { get; private set; }

    public bool Remote { get; private set; }

    public HandKind Kind { get; private set; }

    public DateTimeOffset RaisedAt { get; private set; }

    internal static WaitingHandRow From(QueueEntry e) => new()
    {
        EntryId = e.Id,
        SpeakerKind = e.Speaker.Kind,
        SpeakerId = e.Speaker.Id,
        SpeakerName = e.Speaker.Name,
        StakeholderGroupId = e.StakeholderGroupId,
        RegionId = e.RegionId,
        Gender = e.Gender,
        Remote = e.Remote,
        Kind = e.Kind,
        RaisedAt = e.RaisedAt,
    };

    internal QueueEntry ToEntry() =>
        new(EntryId, SpeakerColumns.Read(SpeakerKind, SpeakerId, SpeakerName), StakeholderGroupId, RegionId, Gender, Remote, Kind, RaisedAt);
}

/// <summary>
/// One turn at the floor, with the group, region and gender the speaker declared when the hand went up: the
/// speaker's affiliation at the time, kept even if it changes later.
/// </summary>
public sealed class InterventionRow
{
    public int SessionId { get; private set; }

    /// <summary>1, 2, 3… within the session.</summary>
    public long Number { get; private set; }

    public SpeakerKind SpeakerKind { get; private set; }

    public int? SpeakerId { get; private set; }

    public string? SpeakerName { get; private set; }

    public int StakeholderGroupId { get; private set; }

    public int RegionId { get; private set; }

    public string? Gender { get; private set; }

    public bool Remote { get; private set; }

    public HandKind Kind { get; private set; }

    public int? AgendaItemId { get; private set; }

    public int? AllottedSeconds { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; internal set; }

    /// <summary>The time the turn was paused, in pauses already over; not spoken time.</summary>
    public double PausedSeconds { get; internal set; }

    /// <summary>When the pause under way began; null while the timer runs.</summary>
    public DateTimeOffset? PausedAt { get; internal set; }

    /// <summary>The time spoken in an ended turn, in seconds; null while it goes on.</summary>
    public static double? Spoken(DateTimeOffset startedAt, DateTimeOffset? endedAt, double pausedSeconds) =>
        endedAt is { } end ? Math.Max(0, (end - startedAt).TotalSeconds - pausedSeconds) : null;

    internal static InterventionRow From(Intervention i) => new()
    {
        Number = i.Id,
        SpeakerKind = i.Speaker.Kind,
        SpeakerId = i.Speaker.Id,
        SpeakerName = i.Speaker.Name,
        StakeholderGroupId = i.StakeholderGroupId,
        RegionId = i.RegionId,
        Gender = i.Gender,
        Remote = i.Remote,
        Kind = i.Kind,
        AgendaItemId = i.AgendaItemId,
        AllottedSeconds = i.Allotted is { } a ? (int)Math.Ceiling(a.TotalSeconds) : null,
        StartedAt = i.StartedAt,
        EndedAt = i.EndedAt,
        PausedSeconds = i.Paused.TotalSeconds,
        PausedAt = i.PausedAt,
    };

    internal Intervention ToIntervention() => new(
        Number,
        SpeakerColumns.Read(SpeakerKind, SpeakerId, SpeakerName),
        StakeholderGroupId,
        RegionId,
        Gender,
        Remote,
        Kind,
        AgendaItemId,
        AllottedSeconds is { } s ? TimeSpan.FromSeconds(s) : null,
        StartedAt,
        EndedAt,
        TimeSpan.FromSeconds(PausedSeconds),
        PausedAt);
}

/// <summary>A time the moderator gave the floor out of the suggested order, and why.</summary>
public sealed class FloorOverrideRow
{
    public int SessionId { get; private set; }

    public long InterventionNumber { get; private set; }

    public SpeakerKind SuggestedKind { get; private set; }

    public int? SuggestedId { get; private set; }

    public string? SuggestedName { get; private set; }

    public SpeakerKind GivenKind { get; private set; }

    public int? GivenId { get; private set; }

    public string? GivenName { get; private set; }

    public string Reason { get; private set; } = "";

    public DateTimeOffset At { get; private set; }

    internal static FloorOverrideRow From(FloorOverride o) => new()
    {
        InterventionNumber = o.InterventionId,
        SuggestedKind = o.Suggested.Kind,
        SuggestedId = o.Suggested.Id,
        SuggestedName = o.Suggested.Name,
        GivenKind = o.Given.Kind,
        GivenId = o.Given.Id,
        GivenName = o.Given.Name,
        Reason = o.Reason,
        At = o.At,
    };

    internal FloorOverride ToOverride() => new(
        InterventionNumber,
        SpeakerColumns.Read(SuggestedKind, SuggestedId, SuggestedName),
        SpeakerColumns.Read(GivenKind, GivenId, GivenName),
        Reason,
        At);
}

/// <summary>One line of a session's queue log.</summary>
public sealed class QueueEventRow
{
    public int SessionId { get; private set; }

    public long Sequence { get; private set; }

    public QueueEventKind Kind { get; private set; }

    public DateTimeOffset At { get; private set; }

    public SpeakerKind? SpeakerKind { get; private set; }

    public int? SpeakerId { get; private set; }

    public string? SpeakerName { get; private set; }

    public long? EntryId { get; private set; }

    public long? InterventionNumber { get; private set; }

    public int? AgendaItemId { get; private set; }

    public string? Reason { get; private set; }

    internal static QueueEventRow From(QueueEvent e) => new()
    {
        Sequence = e.Sequence,
        Kind = e.Kind,
        At = e.At,
        SpeakerKind = e.Speaker?.Kind,
        SpeakerId = e.Speaker?.Id,
        SpeakerName = e.Speaker?.Name,
        EntryId = e.EntryId,
        InterventionNumber = e.InterventionId,
        AgendaItemId = e.AgendaItemId,
        Reason = e.Reason,
    };

    internal QueueEvent ToEvent() => new(
        Sequence,
        Kind,
        At,
        SpeakerKind is { } kind ? SpeakerColumns.Read(kind, SpeakerId, SpeakerName) : null,
        EntryId,
        InterventionNumber,
        AgendaItemId,
        Reason);
}
