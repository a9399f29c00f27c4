using EqualFooting.Outcomes;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using EqualFooting.Sessions;
using EqualFooting.Web.Participation;
using EqualFooting.Web.Sessions;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Outcomes;

public sealed record PerspectiveLine(int StakeholderGroupId, string StakeholderGroup, string Text);

public sealed record CountLine(int Id, string Name, int Count);

/// <summary>
/// What the product already knows about the session, for the report: attendance is the process's participants by
/// stakeholder group and region (the room the session statistics use), speakers by group, region and gender (gender as
/// the process's privacy settings allow), and each group's floor share.
/// </summary>
public sealed record ReportFigures(
    int Attendance,
    IReadOnlyList<CountLine> AttendanceByStakeholderGroup,
    IReadOnlyList<CountLine> AttendanceByRegion,
    int Interventions,
    double Seconds,
    IReadOnlyList<TallyDto> SpeakersByStakeholderGroup,
    IReadOnlyList<TallyDto> SpeakersByRegion,
    IReadOnlyList<GenderTallyDto> SpeakersByGender,
    IReadOnlyList<FloorShareDto> FloorShares);

public sealed record ReportDto(
    int Id,
    int SessionId,
    ReportStatus Status,
    string Summary,
    string? MainIssues,
    IReadOnlyList<PerspectiveLine> Perspectives,
    string? Agreement,
    string? Divergence,
    string? NextSteps,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PublishedAt);

public sealed record SessionReportView(int ProcessId, string ProcessName, int SessionId, string SessionTitle, DateTimeOffset StartsAt, DateTimeOffset EndsAt, ReportDto? Report, ReportFigures Figures, bool CanDraft, bool CanPublish);

public sealed record ReportSummary(int SessionId, string SessionTitle, DateTimeOffset EndsAt, DateTimeOffset PublishedAt);

public sealed record MissingReport(int SessionId, string Title, DateTimeOffset EndsAt);

public sealed record SourceLine(SourceKind Kind, int Id, string Href);

public sealed record MessageDto(int Id, string Title, string Text, DateTimeOffset PublishedAt, IReadOnlyList<SourceLine> Sources);

public sealed record MilestoneDto(int Id, string Title, DateOnly DueOn, int? RegionId, string? Region, DateOnly? CompletedOn, bool Overdue);

public sealed record CommitmentDto(
    int Id,
    string Title,
    string? Description,
    int? LeadStakeholderGroupId,
    string? LeadStakeholderGroup,
    string? LeadOrganisation,
    string? Signatories,
    string? Owners,
    DateOnly DueOn,
    CommitmentStatus Status,
    IReadOnlyList<string> Evidence,
    IReadOnlyList<MilestoneDto> Milestones,
    int OverdueMilestones);

public sealed record AdviceDto(int Id, string Title, string? Text, string? Link, string Recipient, DateOnly? SentOn, AdviceStatus Status, string? Response, DateOnly? RespondedOn, string? Implemented, bool AwaitingResponse);

public sealed record IndicatorSummary(int Id, string Name, string? Unit, int Values, DateOnly? LatestOn, double? LatestValue);

public sealed record IndicatorView(int Id, int ProcessId, string Name, string? Unit, string? Description, IReadOnlyList<DatedValue> Values, IReadOnlyList<IndicatorEventDto> Events);

public sealed record IndicatorEventDto(int Id, DateOnly On, string Label);

public sealed record OutcomesView(
    int ProcessId,
    string ProcessName,
    DateOnly Today,
    bool ReportsRequired,
    IReadOnlyList<ReportSummary> Reports,
    IReadOnlyList<MissingReport> MissingReports,
    IReadOnlyList<MessageDto> Messages,
    IReadOnlyList<CommitmentDto> Commitments,
    IReadOnlyList<IndicatorSummary> Indicators,
    IReadOnlyList<AdviceDto> Advice,
    AdviceTally AdviceTally);

/// <summary>Read models of outcomes: projections, with group and region names from the process.</summary>
public sealed class OutcomeQueries(EqualFootingDb db, SessionCommands sessions, SessionQueries sessionQueries, ParticipationQueries participation)
{
    /// <summary>How long advice waits for a response before the register flags it.</summary>
    public const int ResponseReminderDays = 90;

    /// <summary>The session's report as <paramref name="actor"/> may read it (a draft only for those who write and approve it), with the figures.</summary>
    public async Task<Common.Result<SessionReportView>> ReportAsync(int sessionId, CancellationToken ct = default)
    {
        var found = await sessions.FindAsync(sessionId, ct);
        if (found.Error is { } error)
        {
            return error;
        }

        var c = found.Value;
        var report = await db.SessionReports.AsNoTracking().FirstOrDefaultAsync(r => r.SessionId == sessionId, ct);
        if (report is not null && report.Status != ReportStatus.Published && !OutcomePolicy.ReadsDrafts(c.Actor))
        {
            report = null;
        }

        var figures = await FiguresAsync(c, ct);
        return new SessionReportView(
            c.Process.Id,
            c.Process.Name,
            sessionId,
            c.Session.Title,
            c.Session.StartsAt,
            c.Session.EndsAt,
            report is null ? null : ToDto(report, c.Process),
            figures,
            OutcomePolicy.DraftReport(c.Actor, c.Process) is null && report?.Status != ReportStatus.Published,
            OutcomePolicy.PublishReport(c.Actor, c.Process) is null && report?.Status == ReportStatus.Draft);
    }

    private async Task<ReportFigures> FiguresAsync(SessionContext c, CancellationToken ct)
    {
        var stats = await sessionQueries.StatisticsAsync(c, ct);
        var table = await participation.TableAsync(c.Process, ct);
        return new ReportFigures(
            table.Total,
            [.. table.Groups.Where(g => !g.Retired || table.GroupTotals.GetValueOrDefault(g.Id) > 0).Select(g => new CountLine(g.Id, g.Name, table.GroupTotals.GetValueOrDefault(g.Id)))],
            [.. table.Regions.Where(r => !r.Retired || table.RegionTotals.GetValueOrDefault(r.Id) > 0).Select(r => new CountLine(r.Id, r.Name, table.RegionTotals.GetValueOrDefault(r.Id)))],
            stats.Interventions,
            stats.Seconds,
            stats.ByStakeholderGroup,
            stats.ByRegion,
            stats.ByGender,
            stats.FloorShares);
    }

    public static ReportDto ToDto(SessionReport r, Process process)
    {
        var groups = process.StakeholderGroups.ToDictionary(g => g.Id, g => g.Name);
        return new ReportDto(
            r.Id,
            r.SessionId,
            r.Status,
            r.Summary,
            r.MainIssues,
            [.. r.Perspectives.Select(p => new PerspectiveLine(p.StakeholderGroupId, groups.GetValueOrDefault(p.StakeholderGroupId, ""), p.Text))],
            r.Agreement,
            r.Divergence,
            r.NextSteps,
            r.UpdatedAt,
            r.PublishedAt);
    }

    public async Task<bool> ReportsRequiredAsync(int processId, CancellationToken ct = default) =>
        await db.OutcomeSettings.AsNoTracking().Where(s => s.ProcessId == processId).Select(s => s.ReportsRequired).FirstOrDefaultAsync(ct);

    /// <summary>Sessions that are over without a published report, earliest first (whether or not reports are required).</summary>
    public async Task<IReadOnlyList<MissingReport>> MissingReportsAsync(int processId, DateTimeOffset now, CancellationToken ct = default)
    {
        var all = await db.Sessions.AsNoTracking().Where(s => s.ProcessId == processId)
            .Select(s => new { s.Id, s.Title, s.EndsAt, s.Status })
            .ToListAsync(ct);
        var published = (await db.SessionReports.AsNoTracking().Where(r => r.ProcessId == processId && r.Status == ReportStatus.Published).Select(r => r.SessionId).ToListAsync(ct)).ToHashSet();
        return [.. MissingReports.Of(all.Select(s => new ReportableSession(s.Id, s.Title, s.EndsAt, s.Status == SessionStatus.Ended)), published, now)
            .Select(s => new MissingReport(s.SessionId, s.Title, s.EndsAt))];
    }

    public async Task<OutcomesView> OutcomesAsync(Process process, DateTimeOffset now, CancellationToken ct = default)
    {
        var id = process.Id;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var groups = process.StakeholderGroups.ToDictionary(g => g.Id, g => g.Name);
        var regions = process.Regions.ToDictionary(r => r.Id, r => r.Name);

        var reports = await db.SessionReports.AsNoTracking()
            .Where(r => r.ProcessId == id && r.Status == ReportStatus.Published)
            .Join(db.Sessions, r => r.SessionId, s => s.Id, (r, s) => new { r.SessionId, s.Title, s.EndsAt, r.PublishedAt })
            .ToListAsync(ct);

        var messages = await db.Messages.AsNoTracking().Include(m => m.Sources).Where(m => m.ProcessId == id).OrderByDescending(m => m.Id).ToListAsync(ct);

        var commitments = await db.Commitments.AsNoTracking().Include(c => c.Milestones).Where(c => c.ProcessId == id).OrderBy(c => c.DueOn).ThenBy(c => c.Id).AsSplitQuery().ToListAsync(ct);

        var advice = await db.Advice.AsNoTracking().Where(a => a.ProcessId == id).OrderByDescending(a => a.Id).ToListAsync(ct);

        var indicators = await db.Indicators.AsNoTracking().Where(i => i.ProcessId == id).OrderBy(i => i.Id)
            .Select(i => new
            {
                i.Id,
                i.Name,
                i.Unit,
                Values = db.IndicatorPoints.Count(p => p.IndicatorId == i.Id),
                Latest = db.IndicatorPoints.Where(p => p.IndicatorId == i.Id).OrderByDescending(p => p.On).Select(p => new { p.On, p.Value }).FirstOrDefault(),
            })
            .ToListAsync(ct);

        return new OutcomesView(
            id,
            process.Name,
            today,
            await ReportsRequiredAsync(id, ct),
            [.. reports.OrderByDescending(r => r.EndsAt).Select(r => new ReportSummary(r.SessionId, r.Title, r.EndsAt, r.PublishedAt!.Value))],
            await MissingReportsAsync(id, now, ct),
            [.. messages.Select(m => ToDto(m))],
            [.. commitments.Select(c => ToDto(c, groups, regions, today))],
            [.. indicators.Select(i => new IndicatorSummary(i.Id, i.Name, i.Unit, i.Values, i.Latest?.On, i.Latest?.Value))],
            [.. advice.Select(a => ToDto(a, today))],
            AdviceTally.Of(advice.Select(a => (a.IsSent, a.Status))));
    }

    public async Task<IndicatorView?> IndicatorAsync(int processId, int indicatorId, CancellationToken ct = default)
    {
        var i = await db.Indicators.AsNoTracking().FirstOrDefaultAsync(x => x.Id == indicatorId && x.ProcessId == processId, ct);
        if (i is null)
        {
            return null;
        }

        var values = await db.IndicatorPoints.AsNoTracking().Where(p => p.IndicatorId == indicatorId).OrderBy(p => p.On).Select(p => new DatedValue(p.On, p.Value)).ToListAsync(ct);
        var events = await db.IndicatorEvents.AsNoTracking().Where(e => e.IndicatorId == indicatorId).OrderBy(e => e.On).ThenBy(e => e.Id).Select(e => new IndicatorEventDto(e.Id, e.On, e.Label)).ToListAsync(ct);
        return new IndicatorView(i.Id, i.ProcessId, i.Name, i.Unit, i.Description, values, events);
    }

    public static MessageDto ToDto(Message m) =>
        new(m.Id, m.Title, m.Body, m.PublishedAt, [.. m.Sources.OrderBy(s => s.Kind).ThenBy(s => s.TargetId).Select(s => new SourceLine(s.Kind, s.TargetId, Href(m.ProcessId, s)))]);

    public static CommitmentDto ToDto(Commitment c, IReadOnlyDictionary<int, string> groups, IReadOnlyDictionary<int, string> regions, DateOnly today)
    {
        var milestones = c.Milestones.OrderBy(m => m.DueOn).ThenBy(m => m.Id)
            .Select(m => new MilestoneDto(m.Id, m.Title, m.DueOn, m.RegionId, m.RegionId is { } r ? regions.GetValueOrDefault(r) : null, m.CompletedOn, m.IsOverdue(today)))
            .ToList();
        return new CommitmentDto(
            c.Id, c.Title, c.Description, c.LeadStakeholderGroupId, c.LeadStakeholderGroupId is { } g ? groups.GetValueOrDefault(g) : null, c.LeadOrganisation, c.Signatories, c.Owners,
            c.DueOn, c.Status, c.Evidence, milestones, c.OverdueMilestones(today).Count);
    }

    public static AdviceDto ToDto(Advice a, DateOnly today) =>
        new(a.Id, a.Title, a.Body, a.Link, a.Recipient, a.SentOn, a.Status, a.Response, a.RespondedOn, a.Implemented, a.AwaitsResponse(today, ResponseReminderDays));

    private static string Href(int processId, MessageSource s) => s.Kind switch
    {
        SourceKind.Session => $"/sessions/{s.TargetId}",
        SourceKind.Consultation => $"/consultations/{s.TargetId}",
        SourceKind.Poll => $"/polls/{s.TargetId}",
        SourceKind.Conversation => $"/processes/{processId}/conversations/{s.TargetId}",
        SourceKind.Proposal => $"/processes/{processId}/proposals/{s.TargetId}",
        _ => "",
    };
}

/// <summary>What a message can cite: the process's sessions, consultations, polls, conversations and proposals.</summary>
public sealed record SourceChoice(SourceKind Kind, int Id, string Title);

public sealed class SourceChoices(EqualFootingDb db)
{
    public const int MaxPerKind = 200;

    /// <summary>The newest of each kind, up to <see cref="MaxPerKind"/>; older ones can still be cited through the API.</summary>
    public async Task<IReadOnlyList<SourceChoice>> ListAsync(int processId, CancellationToken ct = default)
    {
        var list = new List<SourceChoice>();
        list.AddRange((await db.Sessions.AsNoTracking().Where(x => x.ProcessId == processId).OrderByDescending(x => x.Id).Take(MaxPerKind).Select(x => new { x.Id, x.Title }).ToListAsync(ct)).Select(x => new SourceChoice(SourceKind.Session, x.Id, x.Title)));
        list.AddRange((await db.Consultations.AsNoTracking().Where(x => x.ProcessId == processId).OrderByDescending(x => x.Id).Take(MaxPerKind).Select(x => new { x.Id, x.Title }).ToListAsync(ct)).Select(x => new SourceChoice(SourceKind.Consultation, x.Id, x.Title)));
        list.AddRange((await db.Polls.AsNoTracking().Where(x => x.ProcessId == processId).OrderByDescending(x => x.Id).Take(MaxPerKind).Select(x => new { x.Id, x.Question }).ToListAsync(ct)).Select(x => new SourceChoice(SourceKind.Poll, x.Id, x.Question)));
        list.AddRange((await db.Conversations.AsNoTracking().Where(x => x.ProcessId == processId).OrderByDescending(x => x.Id).Take(MaxPerKind).Select(x => new { x.Id, x.Title }).ToListAsync(ct)).Select(x => new SourceChoice(SourceKind.Conversation, x.Id, x.Title)));
        list.AddRange((await db.Proposals.AsNoTracking().Where(x => x.ProcessId == processId).OrderByDescending(x => x.Id).Take(MaxPerKind).Select(x => new { x.Id, x.Title }).ToListAsync(ct)).Select(x => new SourceChoice(SourceKind.Proposal, x.Id, x.Title)));
        return list;
    }
}
