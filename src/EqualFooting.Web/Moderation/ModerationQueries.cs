using EqualFooting.Moderation;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Moderation;

public sealed record ReportReason(string Reason, DateTimeOffset ReportedAt);

/// <summary>One reported comment in the queue: how many reported it, by the stakeholder group they had when reporting.</summary>
/// <param name="ByStakeholderGroup">Reporters per group; "No affiliation" for those who had not joined the process.</param>
public sealed record ReportedComment(
    long CommentId,
    int ConsultationId,
    string Text,
    bool Hidden,
    int Reports,
    IReadOnlyList<(string StakeholderGroup, int Reporters)> ByStakeholderGroup,
    IReadOnlyList<ReportReason> Reasons);

public sealed record HiddenComment(long CommentId, int ConsultationId, string Reason, DateTimeOffset HiddenAt);

public sealed record ModerationQueue(IReadOnlyList<ReportedComment> Open, IReadOnlyList<HiddenComment> Hidden, IReadOnlyList<(string StakeholderGroup, int Reports)> ReportsByStakeholderGroup);

public sealed class ModerationQueries(EqualFootingDb db)
{
    public const int QueueMax = 200;

    /// <summary>The reasons of the hidden ones among these comments; one indexed lookup for a page of comments.</summary>
    public async Task<Dictionary<long, string>> HiddenAsync(IReadOnlyCollection<long> commentIds, CancellationToken ct = default) =>
        commentIds.Count == 0
            ? []
            : await db.CommentHidings.Where(h => commentIds.Contains(h.CommentId)).ToDictionaryAsync(h => h.CommentId, h => h.Reason, ct);

    /// <summary>Open reports, most reported first, and the hidden comments, for the moderators of a process.</summary>
    public async Task<ModerationQueue> QueueAsync(Process process, CancellationToken ct = default)
    {
        var reports = await db.ContentReports.AsNoTracking().Where(r => r.ProcessId == process.Id && r.SettledAt == null).ToListAsync(ct);
        var groups = process.StakeholderGroups.ToDictionary(g => g.Id, g => g.Name);
        string GroupName(int? id) => id is { } g ? groups.GetValueOrDefault(g, "") : "No affiliation";
        var commentIds = reports.Select(r => r.CommentId).Distinct().ToList();
        var comments = await db.Comments.AsNoTracking().Where(c => commentIds.Contains(c.Id))
            .Select(c => new { c.Id, c.ConsultationId, c.Text }).ToDictionaryAsync(c => c.Id, ct);
        var hidden = await db.CommentHidings.AsNoTracking().Where(h => h.ProcessId == process.Id).OrderByDescending(h => h.HiddenAt).Take(QueueMax).ToListAsync(ct);
        var hiddenIds = hidden.Select(h => h.CommentId).ToHashSet();
        var hiddenConsultations = await db.Comments.Where(c => hiddenIds.Contains(c.Id)).Select(c => new { c.Id, c.ConsultationId }).ToDictionaryAsync(c => c.Id, c => c.ConsultationId, ct);

        var open = reports.GroupBy(r => r.CommentId)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Min(r => r.ReportedAt))
            .Take(QueueMax)
            .Select(g => new ReportedComment(
                g.Key,
                comments[g.Key].ConsultationId,
                comments[g.Key].Text,
                hiddenIds.Contains(g.Key),
                g.Count(),
                [.. g.GroupBy(r => GroupName(r.ReporterStakeholderGroupId)).OrderByDescending(x => x.Count()).Select(x => (x.Key, x.Count()))],
                [.. g.OrderBy(r => r.ReportedAt).Select(r => new ReportReason(r.Reason, r.ReportedAt))]))
            .ToList();
        var byGroup = reports.GroupBy(r => GroupName(r.ReporterStakeholderGroupId)).OrderByDescending(x => x.Count()).Select(x => (x.Key, x.Count())).ToList();
        return new ModerationQueue(
            open,
            [.. hidden.Select(h => new HiddenComment(h.CommentId, hiddenConsultations.GetValueOrDefault(h.CommentId), h.Reason, h.HiddenAt))],
            byGroup);
    }
}

/// <summary>The comment partial shows a hidden comment's text only where this view-data flag is set: the committee's page.</summary>
public static class ModerationView
{
    public const string ShowHiddenKey = "Moderation.ShowHidden";
}
