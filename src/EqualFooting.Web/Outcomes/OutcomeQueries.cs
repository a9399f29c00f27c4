using EqualFooting.Decisions;
using EqualFooting.Deliberation;
using EqualFooting.Outcomes;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using EqualFooting.Sessions;
using EqualFooting.Web.Kernel;
using EqualFooting.Web.Participation;
using EqualFooting.Web.Privacy;
using EqualFooting.Web.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

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

/// <param name="Owner">The milestone's owner as the process's privacy settings allow, when a participant was named.</param>
public sealed record MilestoneDto(int Id, string Title, DateOnly DueOn, int? RegionId, string? Region, DateOnly? CompletedOn, bool Overdue, string? Owner = null);

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
    int OverdueMilestones,
    string? Owner = null);

public sealed record AdviceDto(int Id, string Title, string? Text, string? Link, string Recipient, DateOnly? SentOn, AdviceStatus Status, string? Response, DateOnly? RespondedOn, string? Implemented, bool AwaitingResponse);

/// <summary>An indicator in a list: its span and latest value, read by index seeks (never by counting its points).</summary>
public sealed record IndicatorSummary(int Id, string Name, string? Unit, DateOnly? FirstOn, DateOnly? LatestOn, double? LatestValue);

public sealed record IndicatorView(int Id, int ProcessId, string Name, string? Unit, string? Description, IReadOnlyList<DatedValue> Values, IReadOnlyList<IndicatorEventDto> Events);

public sealed record IndicatorEventDto(int Id, DateOnly On, string Label);

/// <summary>Everything, for the CSV export (one row per item).</summary>
public sealed record OutcomesExport(
    IReadOnlyList<ReportSummary> Reports,
    IReadOnlyList<MissingReport> MissingReports,
    IReadOnlyList<MessageDto> Messages,
    IReadOnlyList<CommitmentDto> Commitments,
    IReadOnlyList<IndicatorSummary> Indicators,
    IReadOnlyList<AdviceDto> Advice,
    IReadOnlyList<DecisionDto> Decisions);

public sealed record StatusCount(string Status, int Count);

/// <summary>
/// A cell of a decision's final-round positions: a stakeholder group, a region, or both (the other null), with n and
/// the count of each stance; the counts are null when the cell is hidden as smaller than the minimum cell size.
/// </summary>
public sealed record StanceLine(int? StakeholderGroupId, string? StakeholderGroup, int? RegionId, string? Region, int N, bool Hidden, int? Agree, int? Disagree, int? Abstain, int? Block);

/// <summary>A minority view beside a decision, with its author's stakeholder group (names stay on the proposal's page, as its privacy settings allow).</summary>
public sealed record MinorityViewDto(string StakeholderGroup, string Text);

/// <summary>
/// A decision: a closed proposal with its rule, outcome, positions by stakeholder group, by region and by both, and
/// minority views. <paramref name="MinimumCellSize"/> is the privacy setting applied to the cells (0 when positions are not anonymous).
/// </summary>
public sealed record DecisionDto(
    int Id,
    string Title,
    RuleKind Rule,
    EqualFooting.Decisions.Outcome? Outcome,
    bool ReversedOnAppeal,
    DateTimeOffset DecidedAt,
    IReadOnlyList<StanceLine> ByStakeholderGroup,
    IReadOnlyList<MinorityViewDto> MinorityViews,
    IReadOnlyList<StanceLine> ByRegion,
    IReadOnlyList<StanceLine> ByStakeholderGroupAndRegion,
    int MinimumCellSize);

/// <summary>
/// The outcomes page: every count, and the first few items of each list (the newest, or those needing attention),
/// with the way to each full list (<see cref="OutcomeLists"/>), so the page stays small however long the process runs.
/// </summary>
public sealed record OutcomesView(
    int ProcessId,
    string ProcessName,
    DateOnly Today,
    bool ReportsRequired,
    int AdviceReminderDays,
    int ReportCount,
    IReadOnlyList<ReportSummary> Reports,
    int MissingReportCount,
    IReadOnlyList<MissingReport> MissingReports,
    int MessageCount,
    IReadOnlyList<MessageDto> Messages,
    int CommitmentCount,
    IReadOnlyList<StatusCount> CommitmentsByStatus,
    int OverdueMilestoneCount,
    IReadOnlyList<CommitmentDto> Commitments,
    int IndicatorCount,
    IReadOnlyList<IndicatorSummary> Indicators,
    int AdviceCount,
    IReadOnlyList<AdviceDto> Advice,
    AdviceTally AdviceTally,
    int DecisionCount,
    IReadOnlyList<DecisionDto> Decisions);

/// <summary>One page of a full list.</summary>
public sealed record OutcomePage<T>(string List, int Page, int PageSize, int Total, IReadOnlyList<T> Items)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>The full lists behind the outcomes page, by the name used in their addresses.</summary>
public static class OutcomeLists
{
    public const string Reports = "reports";
    public const string MissingReports = "missing-reports";
    public const string Messages = "messages";
    public const string Commitments = "commitments";
    public const string Indicators = "indicators";
    public const string Advice = "advice";

    public static readonly IReadOnlyList<string> All = [Reports, MissingReports, Messages, Commitments, Indicators, Advice];
}

/// <summary>Read models of outcomes: projections, with group and region names from the process.</summary>
public sealed class OutcomeQueries(EqualFootingDb db, SessionCommands sessions, SessionQueries sessionQueries, ParticipationQueries participation, ProcessVersions versions, IMemoryCache cache, PublicNames names, IServiceScopeFactory scopes)
{
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

    /// <summary>Items of each list shown on the outcomes page itself.</summary>
    public const int Shown = 10;

    /// <summary>Items per page of a full list.</summary>
    public const int PageSize = 50;

    public const int MaxPage = 100_000;

    public async Task<OutcomeSettings> SettingsAsync(int processId, CancellationToken ct = default) =>
        await db.OutcomeSettings.AsNoTracking().FirstOrDefaultAsync(s => s.ProcessId == processId, ct) ?? new OutcomeSettings(processId, reportsRequired: false);

    /// <summary>
    /// The outcomes page's model, cached under the process's version (every outcome change is recorded, so a new
    /// version on any node means new data) and the reader's today (overdue flags). The one change that comes with time
    /// alone, a session passing its end without a published report, is foreseen: the model is good until the next
    /// such end. Concurrent readers of a model not yet cached wait for one load, run in a scope of its own so that no
    /// reader's cancellation or disposal cuts it short.
    /// </summary>
    public async Task<OutcomesView> OutcomesAsync(Process process, DateTimeOffset now, CancellationToken ct = default) =>
        (await CachedAsync(process, now, ct)).View;

    /// <summary>The model as JSON (UTF-8), serialised once per cached model with the API's options.</summary>
    public async Task<byte[]> OutcomesJsonAsync(Process process, DateTimeOffset now, System.Text.Json.JsonSerializerOptions options, CancellationToken ct = default) =>
        (await CachedAsync(process, now, ct)).Json(options);

    private async Task<CachedOutcomes> CachedAsync(Process process, DateTimeOffset now, CancellationToken ct)
    {
        var version = await versions.OfAsync(process.Id, ct);
        var today = Today(now);
        var key = ("outcomes", process.Id, version, today);
        while (true)
        {
            var load = cache.GetOrCreate(key, entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10);
                return new Lazy<Task<CachedOutcomes>>(() => LoadCachedAsync(process, now, today));
            })!;
            CachedOutcomes cached;
            try
            {
                cached = await load.Value.WaitAsync(ct);
            }
            catch (Exception) when (load.Value.IsFaulted || load.Value.IsCanceled)
            {
                Forget(key, load);
                throw;
            }

            if (cached.ValidUntil is not { } until || now < until)
            {
                return cached;
            }

            Forget(key, load);
        }
    }

    private void Forget(object key, Lazy<Task<CachedOutcomes>> load)
    {
        if (cache.TryGetValue(key, out Lazy<Task<CachedOutcomes>>? current) && ReferenceEquals(current, load))
        {
            cache.Remove(key);
        }
    }

    private async Task<CachedOutcomes> LoadCachedAsync(Process process, DateTimeOffset now, DateOnly today)
    {
        await using var scope = scopes.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<OutcomeQueries>();
        return await queries.LoadCachedInScopeAsync(process, now, today);
    }

    private async Task<CachedOutcomes> LoadCachedInScopeAsync(Process process, DateTimeOffset now, DateOnly today)
    {
        var view = await LoadOutcomesAsync(process, now, today, CancellationToken.None);
        var id = process.Id;
        var nextEnd = await db.Sessions.AsNoTracking()
            .Where(s => s.ProcessId == id && s.Status != SessionStatus.Ended && s.EndsAt > now
                && !db.SessionReports.Any(r => r.SessionId == s.Id && r.Status == ReportStatus.Published))
            .OrderBy(s => s.EndsAt).Select(s => (DateTimeOffset?)s.EndsAt).FirstOrDefaultAsync();
        return new CachedOutcomes(view, nextEnd);
    }

    /// <param name="ValidUntil">When the next session ends without a published report (it then joins the missing reports).</param>
    private sealed record CachedOutcomes(OutcomesView View, DateTimeOffset? ValidUntil)
    {
        private byte[]? _json;

        public byte[] Json(System.Text.Json.JsonSerializerOptions options) => _json ??= System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(View, options);
    }

    private async Task<OutcomesView> LoadOutcomesAsync(Process process, DateTimeOffset now, DateOnly today, CancellationToken ct)
    {
        var id = process.Id;
        var groups = process.StakeholderGroups.ToDictionary(g => g.Id, g => g.Name);
        var regions = process.Regions.ToDictionary(r => r.Id, r => r.Name);
        var settings = await SettingsAsync(id, ct);

        var byStatus = await db.Commitments.AsNoTracking().Where(c => c.ProcessId == id).GroupBy(c => c.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var overdue = await db.Milestones.AsNoTracking()
            .Join(db.Commitments.Where(c => c.ProcessId == id), m => m.CommitmentId, c => c.Id, (m, c) => m)
            .CountAsync(m => m.CompletedOn == null && m.DueOn < today, ct);
        var advice = await db.Advice.AsNoTracking().Where(a => a.ProcessId == id).GroupBy(a => new { Sent = a.SentOn != null, a.Status })
            .Select(g => new { g.Key.Sent, g.Key.Status, Count = g.Count() }).ToListAsync(ct);

        return new OutcomesView(
            id,
            process.Name,
            today,
            settings.ReportsRequired,
            settings.AdviceReminderDays,
            await db.SessionReports.CountAsync(r => r.ProcessId == id && r.Status == ReportStatus.Published, ct),
            await ReportRows(id).Take(Shown).ToListAsync(ct),
            await MissingRows(id, now).CountAsync(ct),
            await MissingRows(id, now).Take(Shown).ToListAsync(ct),
            await db.Messages.CountAsync(m => m.ProcessId == id, ct),
            await MessagesAsync(id, 0, Shown, ct),
            byStatus.Sum(s => s.Count),
            [.. byStatus.OrderBy(s => s.Key).Select(s => new StatusCount(s.Key.ToString(), s.Count))],
            overdue,
            await CommitmentsAsync(id, today, groups, regions, 0, Shown, ct),
            await db.Indicators.CountAsync(i => i.ProcessId == id, ct),
            await IndicatorRows(id).Take(Shown).ToListAsync(ct),
            advice.Sum(a => a.Count),
            await AdviceAsync(id, today, settings.AdviceReminderDays, 0, Shown, ct),
            AdviceTally.FromCounts(advice.Select(a => (a.Sent, a.Status, a.Count))),
            await db.Proposals.CountAsync(p => p.ProcessId == id && p.Status == ProposalStatus.Closed, ct),
            await DecisionsAsync(process, Shown, ct));
    }

    /// <summary>
    /// The latest decisions (closed proposals), each with its final round's positions by stakeholder group, by region
    /// and by both. Positions are anonymous when the process shows no names; then the minimum cell size applies.
    /// </summary>
    private async Task<List<DecisionDto>> DecisionsAsync(Process process, int take, CancellationToken ct)
    {
        var id = process.Id;
        var groups = process.StakeholderGroups.ToDictionary(g => g.Id, g => g.Name);
        var regions = process.Regions.ToDictionary(r => r.Id, r => r.Name);
        var proposals = await db.Proposals.AsNoTracking().Where(p => p.ProcessId == id && p.Status == ProposalStatus.Closed && p.ClosedAt != null)
            .OrderByDescending(p => p.ClosedAt).ThenByDescending(p => p.Id).Take(take)
            .Select(p => new { p.Id, p.Title, p.RuleKind, p.Outcome, p.ReversedOnAppeal, ClosedAt = p.ClosedAt!.Value, p.Round })
            .ToListAsync(ct);
        if (proposals.Count == 0)
        {
            return [];
        }

        var ids = proposals.Select(p => p.Id).ToList();
        var counts = (await db.ProposalPositions.AsNoTracking().Where(x => ids.Contains(x.ProposalId))
            .GroupBy(x => new { x.ProposalId, x.Round, x.StakeholderGroupId, x.RegionId, x.Stance })
            .Select(g => new { g.Key.ProposalId, g.Key.Round, g.Key.StakeholderGroupId, g.Key.RegionId, g.Key.Stance, Count = g.Count() })
            .ToListAsync(ct)).ToLookup(c => c.ProposalId);
        var views = (await db.MinorityViews.AsNoTracking().Where(v => ids.Contains(v.ProposalId)).OrderBy(v => v.Id)
            .Select(v => new { v.ProposalId, v.Text, Group = db.Affiliations.Where(a => a.ParticipantId == v.ParticipantId && a.Until == null).Select(a => a.StakeholderGroupId).FirstOrDefault() })
            .ToListAsync(ct)).ToLookup(v => v.ProposalId);
        var privacy = await names.SettingsAsync(id, ct);
        var minimum = privacy.Names == EqualFooting.Privacy.NameDisclosure.Nothing ? privacy.MinimumCellSize : 0;
        StanceLine Line(StanceCell c) => new(
            c.StakeholderGroupId, c.StakeholderGroupId is { } g ? groups.GetValueOrDefault(g, "?") : null,
            c.RegionId, c.RegionId is { } r ? regions.GetValueOrDefault(r, "?") : null,
            c.N, c.Hidden, c.Agree, c.Disagree, c.Abstain, c.Block);
        return [.. proposals.Select(p =>
        {
            var breakdown = StanceBreakdown.Of(counts[p.Id].Where(c => c.Round == p.Round).Select(c => new StanceCount(c.StakeholderGroupId, c.RegionId, c.Stance, c.Count)), minimum);
            return new DecisionDto(
                p.Id, p.Title, p.RuleKind, p.Outcome, p.ReversedOnAppeal, p.ClosedAt,
                [.. breakdown.ByStakeholderGroup.Select(Line)],
                [.. views[p.Id].Select(v => new MinorityViewDto(groups.GetValueOrDefault(v.Group, "?"), v.Text))],
                [.. breakdown.ByRegion.Select(Line)],
                [.. breakdown.ByStakeholderGroupAndRegion.Select(Line)],
                minimum);
        })];
    }

    /// <summary>One page of a full list; null for a list that does not exist.</summary>
    public async Task<object?> ListAsync(Process process, string list, int page, DateTimeOffset now, CancellationToken ct = default)
    {
        var id = process.Id;
        var skip = (page - 1) * PageSize;
        var today = Today(now);
        switch (list)
        {
            case OutcomeLists.Reports:
                return new OutcomePage<ReportSummary>(list, page, PageSize, await ReportRows(id).CountAsync(ct), await ReportRows(id).Skip(skip).Take(PageSize).ToListAsync(ct));
            case OutcomeLists.MissingReports:
                return new OutcomePage<MissingReport>(list, page, PageSize, await MissingRows(id, now).CountAsync(ct), await MissingRows(id, now).Skip(skip).Take(PageSize).ToListAsync(ct));
            case OutcomeLists.Messages:
                return new OutcomePage<MessageDto>(list, page, PageSize, await db.Messages.CountAsync(m => m.ProcessId == id, ct), await MessagesAsync(id, skip, PageSize, ct));
            case OutcomeLists.Commitments:
                var groups = process.StakeholderGroups.ToDictionary(g => g.Id, g => g.Name);
                var regions = process.Regions.ToDictionary(r => r.Id, r => r.Name);
                return new OutcomePage<CommitmentDto>(list, page, PageSize, await db.Commitments.CountAsync(c => c.ProcessId == id, ct), await CommitmentsAsync(id, today, groups, regions, skip, PageSize, ct));
            case OutcomeLists.Indicators:
                return new OutcomePage<IndicatorSummary>(list, page, PageSize, await db.Indicators.CountAsync(i => i.ProcessId == id, ct), await IndicatorRows(id).Skip(skip).Take(PageSize).ToListAsync(ct));
            case OutcomeLists.Advice:
                var days = (await SettingsAsync(id, ct)).AdviceReminderDays;
                return new OutcomePage<AdviceDto>(list, page, PageSize, await db.Advice.CountAsync(a => a.ProcessId == id, ct), await AdviceAsync(id, today, days, skip, PageSize, ct));
            default:
                return null;
        }
    }

    /// <summary>Every item, for the CSV export.</summary>
    public async Task<OutcomesExport> ExportAsync(Process process, DateTimeOffset now, CancellationToken ct = default)
    {
        var id = process.Id;
        var today = Today(now);
        var groups = process.StakeholderGroups.ToDictionary(g => g.Id, g => g.Name);
        var regions = process.Regions.ToDictionary(r => r.Id, r => r.Name);
        var days = (await SettingsAsync(id, ct)).AdviceReminderDays;
        return new OutcomesExport(
            await ReportRows(id).ToListAsync(ct),
            await MissingRows(id, now).ToListAsync(ct),
            await MessagesAsync(id, 0, int.MaxValue, ct),
            await CommitmentsAsync(id, today, groups, regions, 0, int.MaxValue, ct),
            await IndicatorRows(id).ToListAsync(ct),
            await AdviceAsync(id, today, days, 0, int.MaxValue, ct),
            await DecisionsAsync(process, int.MaxValue, ct));
    }

    // Plain dates are judged against today in the reader's zone (UTC for API clients without the cookie).
    private static DateOnly Today(DateTimeOffset now) => ReaderTime.Today(now);

    private IQueryable<ReportSummary> ReportRows(int id) =>
        db.SessionReports.AsNoTracking()
            .Where(r => r.ProcessId == id && r.Status == ReportStatus.Published)
            .Join(db.Sessions, r => r.SessionId, s => s.Id, (r, s) => new { r.SessionId, s.Title, s.EndsAt, r.PublishedAt })
            .OrderByDescending(r => r.EndsAt).ThenByDescending(r => r.SessionId)
            .Select(r => new ReportSummary(r.SessionId, r.Title, r.EndsAt, r.PublishedAt!.Value));

    // The rule of MissingReports.Of, in SQL: over (ended, or past its end) and no published report; earliest first.
    private IQueryable<MissingReport> MissingRows(int id, DateTimeOffset now) =>
        db.Sessions.AsNoTracking()
            .Where(s => s.ProcessId == id && (s.Status == SessionStatus.Ended || s.EndsAt <= now)
                && !db.SessionReports.Any(r => r.SessionId == s.Id && r.Status == ReportStatus.Published))
            .OrderBy(s => s.EndsAt).ThenBy(s => s.Id)
            .Select(s => new MissingReport(s.Id, s.Title, s.EndsAt));

    private async Task<List<MessageDto>> MessagesAsync(int id, int skip, int take, CancellationToken ct) =>
        [.. (await db.Messages.AsNoTracking().Include(m => m.Sources).Where(m => m.ProcessId == id).OrderByDescending(m => m.Id).Skip(skip).Take(take).AsSplitQuery().ToListAsync(ct)).Select(ToDto)];

    // Commitments with an overdue milestone first, then by due date; owners named as the privacy settings allow.
    private async Task<List<CommitmentDto>> CommitmentsAsync(int id, DateOnly today, IReadOnlyDictionary<int, string> groups, IReadOnlyDictionary<int, string> regions, int skip, int take, CancellationToken ct)
    {
        var commitments = await db.Commitments.AsNoTracking().Include(c => c.Milestones).Where(c => c.ProcessId == id)
            .OrderByDescending(c => c.Milestones.Any(m => m.CompletedOn == null && m.DueOn < today)).ThenBy(c => c.DueOn).ThenBy(c => c.Id)
            .Skip(skip).Take(take).AsSplitQuery().ToListAsync(ct);
        var owners = await OwnerNamesAsync(id, commitments, names, ct);
        return [.. commitments.Select(c => ToDto(c, groups, regions, today, owners))];
    }

    public const int MaxOwnerChoices = 500;

    /// <summary>The process's participants a convener may name as owners (the first <see cref="MaxOwnerChoices"/> to join; others through the API), named as the privacy settings allow.</summary>
    public async Task<IReadOnlyList<OwnerChoice>> OwnerChoicesAsync(int processId, CancellationToken ct = default)
    {
        var accounts = await db.Participants.AsNoTracking().Where(p => p.ProcessId == processId).OrderBy(p => p.Id).Take(MaxOwnerChoices).Select(p => p.AccountId).ToListAsync(ct);
        var shown = await names.AccountNamesAsync(processId, accounts, ct);
        return [.. accounts.Select(a => new OwnerChoice(a, shown.GetValueOrDefault(a, ""))).OrderBy(o => o.Name, StringComparer.CurrentCulture)];
    }

    /// <summary>The names of the commitments' (and their milestones') owners, as the process's privacy settings allow.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> OwnerNamesAsync(int processId, IEnumerable<Commitment> commitments, PublicNames names, CancellationToken ct)
    {
        var ids = commitments.SelectMany(c => c.Milestones.Select(m => m.OwnerAccountId).Append(c.OwnerAccountId)).OfType<string>().Distinct().ToList();
        return ids.Count == 0 ? new Dictionary<string, string>() : await names.AccountNamesAsync(processId, ids, ct);
    }

    // Each value read by a seek on the (indicator, date) key: a list of indicators never counts or reads their points.
    private IQueryable<IndicatorSummary> IndicatorRows(int id) =>
        db.Indicators.AsNoTracking().Where(i => i.ProcessId == id).OrderBy(i => i.Id)
            .Select(i => new IndicatorSummary(
                i.Id,
                i.Name,
                i.Unit,
                db.IndicatorPoints.Where(p => p.IndicatorId == i.Id).OrderBy(p => p.On).Select(p => (DateOnly?)p.On).FirstOrDefault(),
                db.IndicatorPoints.Where(p => p.IndicatorId == i.Id).OrderByDescending(p => p.On).Select(p => (DateOnly?)p.On).FirstOrDefault(),
                db.IndicatorPoints.Where(p => p.IndicatorId == i.Id).OrderByDescending(p => p.On).Select(p => (double?)p.Value).FirstOrDefault()));

    private async Task<List<AdviceDto>> AdviceAsync(int id, DateOnly today, int reminderDays, int skip, int take, CancellationToken ct) =>
        [.. (await db.Advice.AsNoTracking().Where(a => a.ProcessId == id).OrderByDescending(a => a.Id).Skip(skip).Take(take).ToListAsync(ct)).Select(a => ToDto(a, today, reminderDays))];

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

    public static CommitmentDto ToDto(Commitment c, IReadOnlyDictionary<int, string> groups, IReadOnlyDictionary<int, string> regions, DateOnly today, IReadOnlyDictionary<string, string>? owners = null)
    {
        string? Owner(string? account) => account is null ? null : owners?.GetValueOrDefault(account);
        var milestones = c.Milestones.OrderBy(m => m.DueOn).ThenBy(m => m.Id)
            .Select(m => new MilestoneDto(m.Id, m.Title, m.DueOn, m.RegionId, m.RegionId is { } r ? regions.GetValueOrDefault(r) : null, m.CompletedOn, m.IsOverdue(today), Owner(m.OwnerAccountId)))
            .ToList();
        return new CommitmentDto(
            c.Id, c.Title, c.Description, c.LeadStakeholderGroupId, c.LeadStakeholderGroupId is { } g ? groups.GetValueOrDefault(g) : null, c.LeadOrganisation, c.Signatories, c.Owners,
            c.DueOn, c.Status, c.Evidence, milestones, c.OverdueMilestones(today).Count, Owner(c.OwnerAccountId));
    }

    public static AdviceDto ToDto(Advice a, DateOnly today, int reminderDays = OutcomeSettings.DefaultAdviceReminderDays) =>
        new(a.Id, a.Title, a.Body, a.Link, a.Recipient, a.SentOn, a.Status, a.Response, a.RespondedOn, a.Implemented, a.AwaitsResponse(today, reminderDays));

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

/// <summary>A participant who can own a commitment or milestone: the account id the form sends, and the name shown.</summary>
public sealed record OwnerChoice(string AccountId, string Name);

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
