using EqualFooting.Balance;
using EqualFooting.Consultations;
using EqualFooting.Persistence;
using EqualFooting.Privacy;
using EqualFooting.Processes;
using EqualFooting.Sessions;
using EqualFooting.Web.Privacy;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Balance;

/// <summary>A measure split two ways: by stakeholder group and by region.</summary>
public sealed record BalanceRow(string Key, BalanceMeasure ByGroup, BalanceMeasure ByRegion);

/// <summary>Working-group health: how much happens, how recently it decided, and how concentrated the floor is.</summary>
public sealed record WorkingGroupHealth(int SessionsHeld, DateTimeOffset? LastDecisionAt, TimeSpan? SinceLastDecision, double? TopTenthOfInterventions, double? TopTenthOfPositions);

/// <summary>
/// The participation-balance dashboard of one process: every measure by group and region, gender of registrations in
/// aggregate (small cells hidden as the process's privacy settings say), voice against presence, warnings and health.
/// </summary>
public sealed record BalanceDashboard(
    int ProcessId,
    double Threshold,
    IReadOnlyList<BalanceRow> Measures,
    IReadOnlyList<AggregateCell<string>> RegistrationsByGender,
    int MinimumCellSize,
    IReadOnlyList<GroupRatio> FloorAgainstPresence,
    IReadOnlyList<GroupRatio> AcceptedAgainstPresence,
    IReadOnlyList<BalanceWarning> Warnings,
    WorkingGroupHealth Health,
    string FloorPresence = BalanceQueries.Registrations);

/// <summary>Counts for the dashboard, grouped in the database; the indices are computed by <see cref="BalanceIndices"/>.</summary>
public sealed class BalanceQueries(EqualFootingDb db, PublicNames publicNames, IConfiguration configuration, Kernel.ProcessVersions versions, Microsoft.Extensions.Caching.Memory.IMemoryCache cache)
{
    public const string Registrations = "registrations";
    public const string Attendance = "attendance";
    public const string Speakers = "speakers";
    public const string Interventions = "interventions";
    public const string SpeakingTime = "speaking-seconds";
    public const string Comments = "comments";
    public const string AcceptedComments = "accepted-comments";
    public const string PollAnswers = "poll-answers";
    public const string Positions = "positions";

    /// <summary>The share under which a group is flagged (setting Balance:WarningThreshold, 0.10 by default).</summary>
    public double Threshold => configuration.GetValue("Balance:WarningThreshold", BalanceIndices.DefaultThreshold);

    private sealed record Cell(int Group, int Region, long Count);

    /// <summary>
    /// The dashboard, cached under the process's version (every contribution it counts is recorded, so a new version on
    /// any node means new counts) and the minute (the time since the last decision). Counting a process of a million
    /// contributions takes about half a second; readers of an unchanged process share one count.
    /// </summary>
    public async Task<BalanceDashboard> DashboardAsync(Process process, DateTimeOffset now, double? threshold = null, CancellationToken ct = default)
    {
        var version = await versions.OfAsync(process.Id, ct);
        var minute = now.UtcTicks / TimeSpan.TicksPerMinute;
        var at = new DateTimeOffset(minute * TimeSpan.TicksPerMinute, TimeSpan.Zero);
        return (await Microsoft.Extensions.Caching.Memory.CacheExtensions.GetOrCreateAsync(cache, ("balance", process.Id, version, threshold, minute), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(2);
            return await CountAsync(process, at, threshold, ct);
        }))!;
    }

    private async Task<BalanceDashboard> CountAsync(Process process, DateTimeOffset now, double? threshold, CancellationToken ct)
    {
        var id = process.Id;
        var registrations = await db.Affiliations.Where(a => a.ProcessId == id && a.Until == null)
            .GroupBy(a => new { a.StakeholderGroupId, a.RegionId })
            .Select(g => new Cell(g.Key.StakeholderGroupId, g.Key.RegionId, g.Count()))
            .ToListAsync(ct);

        var sessions = db.Sessions.Where(s => s.ProcessId == id).Select(s => s.Id);

        // Check-ins across the process's sessions: one person at three sessions counts three times, as presence does.
        var attendance = await db.CheckIns.Where(a => sessions.Contains(a.SessionId))
            .GroupBy(a => new { a.StakeholderGroupId, a.RegionId })
            .Select(g => new Cell(g.Key.StakeholderGroupId, g.Key.RegionId, g.Count()))
            .ToListAsync(ct);
        var turns = await db.Interventions.Where(i => sessions.Contains(i.SessionId))
            .Select(i => new { i.StakeholderGroupId, i.RegionId, i.SpeakerKind, i.SpeakerId, i.SpeakerName, i.StartedAt, i.EndedAt, i.PausedSeconds })
            .ToListAsync(ct);
        var interventions = turns.GroupBy(t => (t.StakeholderGroupId, t.RegionId)).Select(g => new Cell(g.Key.StakeholderGroupId, g.Key.RegionId, g.Count())).ToList();
        var speakingTime = turns.GroupBy(t => (t.StakeholderGroupId, t.RegionId))
            .Select(g => new Cell(g.Key.StakeholderGroupId, g.Key.RegionId, (long)g.Sum(t => InterventionRow.Spoken(t.StartedAt, t.EndedAt, t.PausedSeconds) ?? 0)))
            .ToList();

        // A speaker is a participant (by id) or a named person in the room; the same person counts once per group and region.
        var speakerKeys = turns.Select(t => (t.StakeholderGroupId, t.RegionId, Who: t.SpeakerKind == SpeakerKind.Participant ? $"p{t.SpeakerId}" : $"n{t.SpeakerName}")).ToList();
        var speakers = speakerKeys.Distinct().GroupBy(t => (t.StakeholderGroupId, t.RegionId)).Select(g => new Cell(g.Key.StakeholderGroupId, g.Key.RegionId, g.Count())).ToList();

        var consultations = db.Consultations.Where(c => c.ProcessId == id).Select(c => c.Id);
        var comments = await db.Comments.Where(c => consultations.Contains(c.ConsultationId) && c.WithdrawnAt == null)
            .GroupBy(c => new { c.StakeholderGroupId, c.RegionId })
            .Select(g => new Cell(g.Key.StakeholderGroupId, g.Key.RegionId, g.Count()))
            .ToListAsync(ct);
        // The comment row carries its current disposition (indexed with the consultation), so this is one grouped
        // count rather than a search through every comment's dispositions.
        var accepted = await db.Comments.Where(c => consultations.Contains(c.ConsultationId) && c.WithdrawnAt == null
                && (EF.Property<Disposition?>(c, CommentColumns.CurrentDisposition) == Disposition.Accepted
                    || EF.Property<Disposition?>(c, CommentColumns.CurrentDisposition) == Disposition.PartlyAccepted))
            .GroupBy(c => new { c.StakeholderGroupId, c.RegionId })
            .Select(g => new Cell(g.Key.StakeholderGroupId, g.Key.RegionId, g.Count()))
            .ToListAsync(ct);

        var polls = db.Polls.Where(p => p.ProcessId == id).Select(p => p.Id);
        var pollAnswers = await db.Ballots.Where(b => polls.Contains(b.PollId))
            .GroupBy(b => new { b.StakeholderGroupId, b.RegionId })
            .Select(g => new Cell(g.Key.StakeholderGroupId, g.Key.RegionId, g.Count()))
            .ToListAsync(ct);

        var proposals = db.Proposals.Where(p => p.ProcessId == id).Select(p => p.Id);
        var positions = await db.ProposalPositions.Where(p => proposals.Contains(p.ProposalId))
            .GroupBy(p => new { p.StakeholderGroupId, p.RegionId })
            .Select(g => new Cell(g.Key.StakeholderGroupId, g.Key.RegionId, g.Count()))
            .ToListAsync(ct);

        var groups = process.StakeholderGroups.OrderBy(g => g.Position).ToList();
        var regions = process.Regions.OrderBy(r => r.Position).ToList();
        BalanceRow Row(string key, IReadOnlyList<Cell> cells)
        {
            var byGroup = groups.ToDictionary(g => g.Name, g => cells.Where(c => c.Group == g.Id).Sum(c => c.Count));
            var byRegion = regions.ToDictionary(r => r.Name, r => cells.Where(c => c.Region == r.Id).Sum(c => c.Count));
            return new BalanceRow(key, BalanceMeasure.Of(key, groups.Select(g => g.Name), byGroup), BalanceMeasure.Of(key, regions.Select(r => r.Name), byRegion));
        }

        var rows = new List<BalanceRow>
        {
            Row(Registrations, registrations),
            Row(Attendance, attendance),
            Row(Speakers, speakers),
            Row(Interventions, interventions),
            Row(SpeakingTime, speakingTime),
            Row(Comments, comments),
            Row(AcceptedComments, accepted),
            Row(PollAnswers, pollAnswers),
            Row(Positions, positions),
        };

        // Gender is never public one by one: only in aggregate, with cells smaller than the process's minimum hidden.
        var settings = await publicNames.SettingsAsync(id, ct);
        var genders = await db.Affiliations.Where(a => a.ProcessId == id && a.Until == null)
            .GroupBy(a => a.Gender)
            .Select(g => new { Gender = g.Key, People = g.Count() })
            .ToListAsync(ct);
        var byGender = SmallCells.Hide(
            genders.OrderBy(g => g.Gender == null).ThenBy(g => g.Gender, StringComparer.Ordinal).Select(g => new KeyValuePair<string, int>(g.Gender ?? string.Empty, g.People)),
            settings.MinimumCellSize);

        var share = threshold ?? Threshold;
        var warnings = rows.Where(r => r.Key is Registrations or Attendance or Speakers or Comments or PollAnswers or Positions)
            .SelectMany(r => BalanceIndices.Warnings(r.ByGroup, share))
            .ToList();

        var lastDecision = await db.Proposals.Where(p => p.ProcessId == id && p.ClosedAt != null)
            .Select(p => p.ClosedAt).ToListAsync(ct);
        var last = lastDecision.Count == 0 ? null : lastDecision.Max();
        var sessionsHeld = await db.Sessions.CountAsync(s => s.ProcessId == id && s.StartedAt != null, ct);
        var perSpeaker = speakerKeys.GroupBy(k => k.Who).Select(g => (long)g.Count());
        var perPositionHolder = await db.ProposalPositions.Where(p => proposals.Contains(p.ProposalId))
            .GroupBy(p => p.ParticipantId).Select(g => (long)g.Count()).ToListAsync(ct);
        var health = new WorkingGroupHealth(
            sessionsHeld,
            last,
            last is { } at ? now - at : null,
            BalanceIndices.TopTenthShare(perSpeaker),
            BalanceIndices.TopTenthShare(perPositionHolder));

        BalanceMeasure Measure(string key) => rows.First(r => r.Key == key).ByGroup;

        // The floor is taken in sessions, so once anyone has checked in, those present are who attended; accepted
        // comments come from consultations, where registrations stay the presence.
        var attended = Measure(Attendance).Total > 0;
        var registered = Measure(Registrations);
        return new BalanceDashboard(
            id,
            share,
            rows,
            byGender,
            settings.MinimumCellSize,
            BalanceIndices.VoiceAgainstPresence(Measure(SpeakingTime), attended ? Measure(Attendance) : registered),
            BalanceIndices.VoiceAgainstPresence(Measure(AcceptedComments), registered),
            warnings,
            health,
            attended ? Attendance : Registrations);
    }
}
