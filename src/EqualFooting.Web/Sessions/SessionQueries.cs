using EqualFooting.Persistence;
using EqualFooting.Privacy;
using EqualFooting.Sessions;
using EqualFooting.Web.Participation;
using EqualFooting.Web.Record;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace EqualFooting.Web.Sessions;

public sealed record SpeakerDto(SpeakerKind Kind, int? Id, string Name);

/// <param name="Position">1 for the suggested next speaker, in the policy's order.</param>
/// <param name="Interventions">How often this person has spoken in this session so far.</param>
public sealed record WaitingDto(
    long EntryId,
    int Position,
    SpeakerDto Speaker,
    int StakeholderGroupId,
    string StakeholderGroup,
    int RegionId,
    string Region,
    bool Remote,
    HandKind Kind,
    DateTimeOffset RaisedAt,
    int Interventions,
    double SecondsSpoken);

/// <param name="Paused">The moderator paused the turn: the timer stands still.</param>
/// <param name="WarningSeconds">How much time left starts the warning that the time runs out; null when there is no limit.</param>
/// <param name="Warning">The turn is within its warning: every screen says so.</param>
public sealed record TimerDto(double ElapsedSeconds, double? AllottedSeconds, double? RemainingSeconds, double OvertimeSeconds, bool Overtime, bool Paused = false, double? WarningSeconds = null, bool Warning = false);

public sealed record InterventionDto(
    long Number,
    SpeakerDto Speaker,
    int StakeholderGroupId,
    string StakeholderGroup,
    int RegionId,
    string Region,
    bool Remote,
    HandKind Kind,
    int? AgendaItemId,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    TimerDto Timer);

public sealed record AgendaItemDto(int Id, int Position, string Title, int PlannedMinutes, int? AllottedSeconds, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, double? ActualMinutes);

public sealed record OverrideDto(long InterventionNumber, SpeakerDto Suggested, SpeakerDto Given, string Reason, DateTimeOffset At);

public sealed record SessionSummaryDto(int Id, int ProcessId, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Room, bool RemoteParticipation, SessionStatus Status);

/// <summary>
/// Everything a screen of the session shows, as of <see cref="Sequence"/>: a screen holding an older sequence number
/// has missed a change and should fetch this again.
/// </summary>
public sealed record SessionStateDto(
    int Id,
    int ProcessId,
    string Title,
    SessionStatus Status,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string? Room,
    bool RemoteParticipation,
    QueuePolicyKind Policy,
    bool QueueOpen,
    long Sequence,
    DateTimeOffset Now,
    IReadOnlyList<WaitingDto> Queue,
    InterventionDto? Current,
    int? CurrentAgendaItemId,
    int? AllottedSeconds,
    IReadOnlyList<AgendaItemDto> Agenda,
    IReadOnlyList<OverrideDto> Overrides,
    int InterventionCount,
    QueuePolicySettings PolicySettings,
    IReadOnlyList<BudgetDto>? Budgets,
    IReadOnlyList<HubDto> Hubs,
    long BreakoutsSequence,
    string? ConferenceUrl = null);

/// <summary>A stakeholder group's speaking-time budget under the budget policy, as time left.</summary>
public sealed record BudgetDto(int StakeholderGroupId, string StakeholderGroup, double BudgetSeconds, double UsedSeconds, double LeftSeconds, double OverrunSeconds);

/// <param name="HandUp">Whether the hub's hand is in the queue now.</param>
public sealed record HubDto(int Id, string Name, string? Location, int RegionId, string Region, int StakeholderGroupId, string StakeholderGroup, string? StakeholderMix, bool HasOperator, bool HandUp);

public sealed record HubTallyDto(int HubId, string Name, int Interventions, double Seconds);

public sealed record TallyDto(int Key, string Name, int Interventions, double Seconds);

/// <param name="FewerThan">Set on the one row that merges the genders spoken by fewer people than the process's minimum cell size.</param>
public sealed record GenderTallyDto(string Gender, int Interventions, double Seconds, int? FewerThan = null);

/// <param name="Representation">Share of speaking time over share of the room; 1 is proportional; null when nobody of the group is in the room.</param>
public sealed record FloorShareDto(int StakeholderGroupId, string StakeholderGroup, int InRoom, int Interventions, double Seconds, double FloorShareByTime, double FloorShareByInterventions, double RoomShare, double? Representation);

public sealed record SessionStatisticsDto(
    int SessionId,
    long Sequence,
    DateTimeOffset Now,
    int Interventions,
    double Seconds,
    IReadOnlyList<TallyDto> ByStakeholderGroup,
    IReadOnlyList<TallyDto> ByRegion,
    IReadOnlyList<GenderTallyDto> ByGender,
    IReadOnlyList<FloorShareDto> FloorShares,
    int ImportedInterventions,
    IReadOnlyList<HubTallyDto> ByHub,
    string RoomCountedFrom = SessionQueries.RoomFromParticipants);

/// <summary>Read models of sessions: projections of the stored queue, with names resolved for display.</summary>
public sealed class SessionQueries(EqualFootingDb db, ParticipationQueries participation, TimeProvider clock, ProcessVersions versions, IMemoryCache cache, Privacy.PublicNames publicNames, Attendance.AttendanceQueries attendance)
{
    /// <summary>The room of the floor shares is the people who checked in to the session.</summary>
    public const string RoomFromAttendance = "attendance";

    /// <summary>Nobody has checked in, so the room is the process's participants: everyone who could have raised a hand.</summary>
    public const string RoomFromParticipants = "participants";

    /// <summary>The process's sessions, cached under the process version: every session change is recorded.</summary>
    public async Task<List<SessionSummaryDto>> ListAsync(int processId, CancellationToken ct = default)
    {
        var version = await versions.OfAsync(processId, ct);
        return (await cache.GetOrCreateAsync(("sessions", processId, version), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return db.Sessions
                .Where(s => s.ProcessId == processId)
                .OrderBy(s => s.StartsAt)
                .ThenBy(s => s.Id)
                .Select(s => new SessionSummaryDto(s.Id, s.ProcessId, s.Title, s.StartsAt, s.EndsAt, s.Room, s.RemoteParticipation, s.Status))
                .ToListAsync(ct);
        }))!;
    }

    public async Task<SessionStateDto> StateAsync(SessionContext c, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var session = c.Session;
        var queue = session.Queue();
        var names = await NamesAsync(c.Process.Id, queue, ct);
        var groups = c.Process.StakeholderGroups.ToDictionary(g => g.Id, g => g.Name);
        var regions = c.Process.Regions.ToDictionary(r => r.Id, r => r.Name);
        var spoken = queue.Interventions
            .GroupBy(i => i.Speaker)
            .ToDictionary(g => g.Key, g => (Count: g.Count(), Seconds: g.Sum(i => i.Duration(now).TotalSeconds)));

        var waiting = queue.Order(now)
            .Select((e, index) =>
            {
                var tally = spoken.GetValueOrDefault(e.Speaker);
                return new WaitingDto(
                    e.Id,
                    index + 1,
                    Describe(e.Speaker, names),
                    e.StakeholderGroupId,
                    groups.GetValueOrDefault(e.StakeholderGroupId, ""),
                    e.RegionId,
                    regions.GetValueOrDefault(e.RegionId, ""),
                    e.Remote,
                    e.Kind,
                    e.RaisedAt,
                    tally.Count,
                    Math.Round(tally.Seconds, 1));
            })
            .ToList();

        var current = queue.Current is { } turn ? Describe(turn, names, groups, regions, now, session.Warning) : null;

        var hubs = await db.RemoteHubs.AsNoTracking()
            .Where(h => h.SessionId == session.Id)
            .OrderBy(h => h.Id)
            .ToListAsync(ct);
        // Rounds carry their own versions; their sum grows with any change to any round, so a screen that joins can tell
        // whether the page it shows missed a breakout change made between its rendering and the join.
        var breakouts = await db.Breakouts.Where(b => b.SessionId == session.Id).SumAsync(b => (long?)b.Version, ct) ?? 0;
        var hubsWaiting = queue.Waiting.Where(e => e.Speaker.Kind == SpeakerKind.RemoteHub).Select(e => e.Speaker.Id).ToHashSet();

        return new SessionStateDto(
            session.Id,
            session.ProcessId,
            session.Title,
            session.Status,
            session.StartsAt,
            session.EndsAt,
            session.Room,
            session.RemoteParticipation,
            session.PolicyKind,
            queue.IsOpen,
            session.Version,
            now,
            waiting,
            current,
            session.CurrentAgendaItemId,
            session.AllottedSeconds,
            [.. session.Agenda.OrderBy(a => a.Position).Select(a => new AgendaItemDto(
                a.Id, a.Position, a.Title, a.PlannedMinutes, a.AllottedSeconds, a.StartedAt, a.EndedAt,
                a.Actual(now) is { } actual ? Math.Round(actual.TotalMinutes, 1) : null))],
            [.. queue.Overrides.Select(o => new OverrideDto(o.InterventionId, Describe(o.Suggested, names), Describe(o.Given, names), o.Reason, o.At))],
            queue.Interventions.Count,
            QueuePolicySettings.FromJson(session.PolicySettings),
            Budgets(queue, c.Process, groups, now),
            [.. hubs.Select(h => new HubDto(
                h.Id,
                h.Name,
                h.Location,
                h.RegionId,
                regions.GetValueOrDefault(h.RegionId, ""),
                h.StakeholderGroupId,
                groups.GetValueOrDefault(h.StakeholderGroupId, ""),
                h.StakeholderMix,
                h.OperatorAccountId is not null,
                hubsWaiting.Contains(h.Id)))],
            breakouts,
            session.ConferenceUrl);
    }

    /// <summary>Every active group's time left (and any other group that spoke), most time left first; null under other policies.</summary>
    private static List<BudgetDto>? Budgets(SpeakingQueue queue, EqualFooting.Processes.Process process, Dictionary<int, string> groups, DateTimeOffset now)
    {
        if (queue.Policy is not SpeakingTimeBudgetPolicy policy)
        {
            return null;
        }

        var standing = policy.TimeLeft(queue.Interventions, now).ToDictionary(t => t.StakeholderGroupId);
        var active = process.StakeholderGroups.Where(g => !g.IsRetired).Select(g => g.Id);
        return standing.Keys.Union(active)
            .Select(g => standing.TryGetValue(g, out var t) ? t : new GroupTimeLeft(g, policy.BudgetOf(g), TimeSpan.Zero, policy.BudgetOf(g), TimeSpan.Zero))
            .OrderByDescending(t => t.Left)
            .ThenBy(t => t.StakeholderGroupId)
            .Select(t => new BudgetDto(t.StakeholderGroupId, groups.GetValueOrDefault(t.StakeholderGroupId, ""), Seconds(t.Budget), Seconds(t.Used), Seconds(t.Left), Seconds(t.Overrun)))
            .ToList();
    }

    public async Task<SessionStatisticsDto> StatisticsAsync(SessionContext c, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var live = c.Session.Queue().Interventions;
        var imported = await ImportedAsync(c, ct);
        var stats = SpeakingStatistics.Compute(live.Concat(imported), now);
        var groups = c.Process.StakeholderGroups.ToDictionary(g => g.Id, g => g.Name);
        var regions = c.Process.Regions.ToDictionary(r => r.Id, r => r.Name);
        groups[ImportedSpeaking.Unaffiliated] = "Unaffiliated";
        groups[ImportedSpeaking.NotMapped] = "Not mapped";
        regions[ImportedSpeaking.Unaffiliated] = "No region";
        regions[ImportedSpeaking.NotMapped] = "Not mapped";

        // The room is who checked in when anyone has; otherwise the process's participants by their current group,
        // the people who could have raised a hand.
        IReadOnlyDictionary<int, int> room = await attendance.ByGroupAsync(c.Session.Id, ct);
        var fromAttendance = room.Count > 0;
        if (!fromAttendance)
        {
            room = (await participation.TableAsync(c.Process, ct)).GroupTotals;
        }

        return new SessionStatisticsDto(
            c.Session.Id,
            c.Session.Version,
            now,
            stats.Total.Interventions,
            Seconds(stats.Total.SpeakingTime),
            [.. stats.ByStakeholderGroup.OrderBy(kv => kv.Key).Select(kv => new TallyDto(kv.Key, groups.GetValueOrDefault(kv.Key, ""), kv.Value.Interventions, Seconds(kv.Value.SpeakingTime)))],
            [.. stats.ByRegion.OrderBy(kv => kv.Key).Select(kv => new TallyDto(kv.Key, regions.GetValueOrDefault(kv.Key, ""), kv.Value.Interventions, Seconds(kv.Value.SpeakingTime)))],
            ByGender(stats, live.Concat(imported), (await publicNames.SettingsAsync(c.Process.Id, ct)).MinimumCellSize),
            [.. stats.FloorShares(room).Select(f => new FloorShareDto(
                f.StakeholderGroupId,
                groups.GetValueOrDefault(f.StakeholderGroupId, ""),
                f.InRoom,
                f.Spoken.Interventions,
                Seconds(f.Spoken.SpeakingTime),
                Math.Round(f.FloorShareByTime, 4),
                Math.Round(f.FloorShareByInterventions, 4),
                Math.Round(f.RoomShare, 4),
                f.Representation is { } r ? Math.Round(r, 3) : null))],
            imported.Count,
            [.. live.Where(i => i.Speaker.Kind == SpeakerKind.RemoteHub)
                .GroupBy(i => i.Speaker.Id!.Value)
                .OrderBy(g => g.Key)
                .Select(g => new HubTallyDto(g.Key, g.Last().Speaker.Name ?? $"Hub {g.Key}", g.Count(), Seconds(TimeSpan.FromTicks(g.Sum(i => i.Duration(now).Ticks)))))],
            fromAttendance ? RoomFromAttendance : RoomFromParticipants);
    }

    /// <summary>
    /// The session's imported transcript turns, each counted under what its speaker's name stands for in the
    /// process's name table now; see <see cref="ImportedSpeaking"/>.
    /// </summary>
    private async Task<IReadOnlyList<Intervention>> ImportedAsync(SessionContext c, CancellationToken ct)
    {
        var turns = await db.ImportedInterventions.AsNoTracking()
            .Where(i => i.SessionId == c.Session.Id)
            .OrderBy(i => i.Number)
            .Select(i => new ImportedTurn(i.Number, i.SpeakerKey, i.Words, TimeSpan.FromSeconds(i.EstimatedSeconds)))
            .ToListAsync(ct);
        if (turns.Count == 0)
        {
            return [];
        }

        var keys = turns.Where(t => t.SpeakerKey is not null).Select(t => t.SpeakerKey!).Distinct().ToList();
        var mappings = await db.SpeakerNames.AsNoTracking()
            .Where(m => m.ProcessId == c.Process.Id && keys.Contains(m.Key))
            .ToListAsync(ct);
        var participantIds = mappings.Where(m => m.ParticipantId is not null).Select(m => m.ParticipantId!.Value).Distinct().ToList();
        var affiliations = participantIds.Count == 0 ? []
            : (await db.Affiliations.AsNoTracking().Where(a => participantIds.Contains(a.ParticipantId)).ToListAsync(ct))
                .GroupBy(a => a.ParticipantId)
                .ToDictionary(g => g.Key, g => ImportedSpeaking.AffiliationAt(g, c.Session.StartsAt));
        var resolved = new Dictionary<string, ResolvedSpeaker>();
        foreach (var m in mappings)
        {
            var affiliation = m.ParticipantId is { } p ? affiliations.GetValueOrDefault(p) : null;
            if (ImportedSpeaking.Resolve(m, affiliation) is { } who)
            {
                resolved[m.Key] = who;
            }
        }

        return ImportedSpeaking.ToInterventions(turns, resolved, c.Session.StartsAt);
    }

    /// <summary>
    /// Gender is never public, so a gender spoken by fewer people than the process's minimum cell size is not shown on
    /// its own: such genders are merged into one row, "fewer than N people each" (see <see cref="SmallCells"/>).
    /// </summary>
    private static List<GenderTallyDto> ByGender(SpeakingStatistics stats, IEnumerable<Intervention> turns, int minimum)
    {
        static string Key(string? g) => string.IsNullOrWhiteSpace(g) ? SpeakingStatistics.GenderNotDeclared : g.Trim();
        var people = turns.GroupBy(t => Key(t.Gender), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(t => t.Speaker).Distinct().Count(), StringComparer.OrdinalIgnoreCase);
        var cells = SmallCells.Hide(stats.ByGender.Keys.Select(k => KeyValuePair.Create(k, people.GetValueOrDefault(k))), minimum);
        var hidden = cells.Where(c => c.Hidden).Select(c => stats.ByGender[c.Key]).ToList();
        var rows = cells.Where(c => !c.Hidden).OrderBy(c => c.Key, StringComparer.OrdinalIgnoreCase)
            .Select(c => new GenderTallyDto(c.Key, stats.ByGender[c.Key].Interventions, Seconds(stats.ByGender[c.Key].SpeakingTime)))
            .ToList();
        if (hidden.Count > 0)
        {
            rows.Add(new GenderTallyDto("", hidden.Sum(h => h.Interventions), hidden.Sum(h => Seconds(h.SpeakingTime)), minimum));
        }

        return rows;
    }

    private async Task<Dictionary<int, string>> NamesAsync(int processId, SpeakingQueue queue, CancellationToken ct)
    {
        var ids = queue.Waiting.Select(e => e.Speaker)
            .Concat(queue.Interventions.Select(i => i.Speaker))
            .Concat(queue.Overrides.SelectMany(o => new[] { o.Suggested, o.Given }))
            .Where(s => s.Kind == SpeakerKind.Participant)
            .Select(s => s.Id!.Value)
            .Distinct()
            .ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        return await publicNames.NamesAsync(processId, ids, ct);
    }

    /// <summary>
    /// The session's interventions at the floor, in order: what a link to <c>#intervention-n</c> (a question's answer)
    /// points at on the session page.
    /// </summary>
    public async Task<IReadOnlyList<InterventionDto>> InterventionsAsync(SessionContext c, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var queue = c.Session.Queue();
        var names = await NamesAsync(c.Process.Id, queue, ct);
        var groups = c.Process.StakeholderGroups.ToDictionary(g => g.Id, g => g.Name);
        var regions = c.Process.Regions.ToDictionary(r => r.Id, r => r.Name);
        return [.. queue.Interventions.OrderBy(i => i.Id).Select(i => Describe(i, names, groups, regions, now, c.Session.Warning))];
    }

    private static InterventionDto Describe(Intervention turn, IReadOnlyDictionary<int, string> names, Dictionary<int, string> groups, Dictionary<int, string> regions, DateTimeOffset now, TimeSpan warning) => new(
        turn.Id,
        Describe(turn.Speaker, names),
        turn.StakeholderGroupId,
        groups.GetValueOrDefault(turn.StakeholderGroupId, ""),
        turn.RegionId,
        regions.GetValueOrDefault(turn.RegionId, ""),
        turn.Remote,
        turn.Kind,
        turn.AgendaItemId,
        turn.StartedAt,
        turn.EndedAt,
        Timer(InterventionTimer.Read(turn, now, warning)));

    private static SpeakerDto Describe(Speaker s, IReadOnlyDictionary<int, string> names) => s.Kind switch
    {
        SpeakerKind.Participant => new SpeakerDto(s.Kind, s.Id, names.GetValueOrDefault(s.Id!.Value, $"Participant {s.Id}")),
        SpeakerKind.RemoteHub => new SpeakerDto(s.Kind, s.Id, s.Name ?? $"Hub {s.Id}"),
        _ => new SpeakerDto(s.Kind, null, s.Name!),
    };

    private static TimerDto Timer(TimerReading r) => new(
        Seconds(r.Elapsed),
        r.Allotted is { } a ? Seconds(a) : null,
        r.Remaining is { } left ? Seconds(left) : null,
        Seconds(r.Overtime),
        r.IsOvertime,
        r.Paused,
        r.WarningAt is { } w ? Seconds(w) : null,
        r.IsWarning);

    private static double Seconds(TimeSpan t) => Math.Round(t.TotalSeconds, 1);
}
