using EqualFooting.Common;
using EqualFooting.Consultations;
using EqualFooting.Moderation;
using EqualFooting.Notifications;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Moderation;

/// <summary>A comment with its process, loaded for moderation.</summary>
public sealed record CommentContext(Comment Comment, Process Process, Actor Actor, string AuthorAccountId);

/// <summary>Reporting, hiding and restoring comments, through the write path with <see cref="ModerationPolicy"/>.</summary>
public sealed class ModerationCommands(EqualFootingDb db, ProcessAccess processes, Writes writes)
{
    /// <summary>
    /// Reports a comment. Reporting one's own comment is refused; reporting the same comment again returns the first
    /// report unchanged (Created is false), also when two requests race, thanks to a unique index.
    /// </summary>
    public Task<Result<(ContentReport Report, bool Created)>> ReportAsync(long commentId, string? reason, CancellationToken ct = default) =>
        writes.RunAsync<CommentContext, (ContentReport, bool)>(
            token => LoadAsync(commentId, token),
            c => ModerationPolicy.Report(c.Actor, c.Process),
            async (c, now) =>
            {
                var me = c.Actor.AccountId!;
                if (await db.ContentReports.FirstOrDefaultAsync(r => r.CommentId == commentId && r.ReporterAccountId == me, ct) is { } earlier)
                {
                    return Change.None((earlier, false));
                }

                var group = await db.Affiliations
                    .Where(a => a.ProcessId == c.Process.Id && a.Until == null && db.Participants.Any(p => p.Id == a.ParticipantId && p.AccountId == me))
                    .Select(a => (int?)a.StakeholderGroupId)
                    .FirstOrDefaultAsync(ct);
                var created = ContentReport.Create(c.Process.Id, commentId, me, c.AuthorAccountId, group, reason, now);
                if (created.Error is { } refused)
                {
                    return refused;
                }

                var report = created.Value;
                db.ContentReports.Add(report);
                return Change.Recorded((report, true), c.Process.Id, ModerationRecord.Reported, () => new ReportEntry(commentId, report.Id))
                    .OnDuplicate(async token => await db.ContentReports.AsNoTracking().FirstOrDefaultAsync(r => r.CommentId == commentId && r.ReporterAccountId == me, token) is { } winner
                        ? (Result<(ContentReport, bool)>?)(winner, false)
                        : null);
            },
            ct);

    /// <summary>Hides a comment for readers with a reason; hiding a hidden comment changes nothing. Open reports on it are settled.</summary>
    public Task<Result<bool>> HideAsync(long commentId, string? reason, CancellationToken ct = default) =>
        writes.RunAsync<CommentContext, bool>(
            token => LoadAsync(commentId, token),
            c => ModerationPolicy.Moderate(c.Actor, c.Process),
            async (c, now) =>
            {
                var hiding = CommentHiding.Create(c.Process.Id, commentId, c.Actor.AccountId!, reason, now);
                if (hiding.Error is { } invalid)
                {
                    return invalid;
                }

                if (await db.CommentHidings.AnyAsync(h => h.CommentId == commentId, ct))
                {
                    return Change.None(false);
                }

                db.CommentHidings.Add(hiding.Value);
                var why = hiding.Value.Reason;
                db.Notifications.Add(Notification.AboutComment(c.AuthorAccountId, NoticeKind.ContentHidden, c.Process.Id, c.Comment.ConsultationId, commentId, why, now));
                return Change.Recorded(true, c.Process.Id, ModerationRecord.Hidden, () => new HidingEntry(commentId, why))
                    .Doing(token => SettleAsync(commentId, now, token))
                    .OnDuplicate(_ => Task.FromResult<Result<bool>?>(false));
            },
            ct);

    /// <summary>Shows a hidden comment again, with a reason; restoring a visible comment changes nothing.</summary>
    public Task<Result<bool>> RestoreAsync(long commentId, string? reason, CancellationToken ct = default) =>
        writes.RunAsync<CommentContext, bool>(
            token => LoadAsync(commentId, token),
            c => ModerationPolicy.Moderate(c.Actor, c.Process),
            async (c, now) =>
            {
                var why = Text.Required("reason", reason, CommentHiding.ReasonMax);
                if (why.Error is { } invalid)
                {
                    return invalid;
                }

                if (await db.CommentHidings.FirstOrDefaultAsync(h => h.CommentId == commentId, ct) is not { } hiding)
                {
                    return Change.None(false);
                }

                db.CommentHidings.Remove(hiding);
                db.Notifications.Add(Notification.AboutComment(c.AuthorAccountId, NoticeKind.ContentRestored, c.Process.Id, c.Comment.ConsultationId, commentId, why.Value, now));
                return Change.Recorded(true, c.Process.Id, ModerationRecord.Restored, () => new HidingEntry(commentId, why.Value))
                    .Doing(token => SettleAsync(commentId, now, token));
            },
            ct);

    private async Task SettleAsync(long commentId, DateTimeOffset now, CancellationToken ct) =>
        await db.ContentReports.Where(r => r.CommentId == commentId && r.SettledAt == null).ExecuteUpdateAsync(s => s.SetProperty(r => r.SettledAt, now), ct);

    private async Task<Result<CommentContext>> LoadAsync(long commentId, CancellationToken ct)
    {
        var row = await db.Comments.Where(c => c.Id == commentId)
            .Join(db.Consultations, c => c.ConsultationId, k => k.Id, (c, k) => new { c.Id, k.ProcessId, c.AuthorParticipantId })
            .Join(db.Participants, x => x.AuthorParticipantId, p => p.Id, (x, p) => new { x.Id, x.ProcessId, p.AccountId })
            .FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return Error.NotFound("No such comment.");
        }

        var found = await processes.FindAsync(row.ProcessId, ct);
        if (found.Error is { } error)
        {
            return error;
        }

        var comment = await db.Comments.AsNoTracking().FirstAsync(c => c.Id == commentId, ct);
        return new CommentContext(comment, found.Value.Process, found.Value.Actor, row.AccountId);
    }
}
