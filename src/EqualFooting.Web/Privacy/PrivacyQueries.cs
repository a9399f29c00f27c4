using EqualFooting.Persistence;
using EqualFooting.Privacy;
using EqualFooting.Sessions;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Privacy;

public sealed record MyAccountData(
    string Id, string DisplayName, string? Email, bool EmailConfirmed, bool IsAdministrator, DateTimeOffset CreatedAt, DateTimeOffset? ErasedAt,
    string NoticeMail, DateTimeOffset? NoticeMailSince, string? NoticeMailCulture);

public sealed record MyAffiliationData(long Id, int StakeholderGroupId, int RegionId, string? Country, string? Gender, string? Organisation, DateTimeOffset From, DateTimeOffset? Until);

public sealed record MyParticipationData(
    int ParticipantId,
    int ProcessId,
    string ProcessName,
    DateTimeOffset JoinedAt,
    string? Pseudonym,
    NameDisclosure? OwnNames,
    bool HidesCountry,
    bool HidesOrganisation,
    IReadOnlyList<MyAffiliationData> Affiliations);

public sealed record MyRoleData(int ProcessId, string Role, DateTimeOffset AssignedAt);

public sealed record MyCommentData(long Id, int ConsultationId, int VersionNumber, int? ParagraphId, long? ParentId, string Text, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, DateTimeOffset? WithdrawnAt, string? Disposition, string? DispositionReason);

public sealed record MyInterventionData(int SessionId, long Number, int StakeholderGroupId, int RegionId, string? Gender, bool Remote, DateTimeOffset StartedAt, DateTimeOffset? EndedAt);

public sealed record MyReportData(long Id, long CommentId, string Reason, DateTimeOffset ReportedAt);

public sealed record MyRecordData(int? ProcessId, long? Sequence, string Action, DateTimeOffset At);

public sealed record MyFollowData(string Subject, int SubjectId, DateTimeOffset Since);

public sealed record MyNoticeData(long Id, string Kind, int? ProcessId, int? ConsultationId, long? CommentId, int? ItemId, string? Reason, string? Detail, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt, DateTimeOffset? MailedAt);

/// <summary>Everything the product holds about one account, as its owner downloads it.</summary>
public sealed record MyData(
    MyAccountData Account,
    IReadOnlyList<MyParticipationData> Participations,
    IReadOnlyList<MyRoleData> Roles,
    IReadOnlyList<MyCommentData> Comments,
    IReadOnlyList<MyInterventionData> Interventions,
    IReadOnlyList<MyReportData> Reports,
    IReadOnlyList<MyRecordData> Record,
    IReadOnlyList<MyFollowData> Follows,
    IReadOnlyList<MyNoticeData> Notices);

public sealed class PrivacyQueries(EqualFootingDb db)
{
    public async Task<MyData?> MyDataAsync(string accountId, CancellationToken ct = default)
    {
        var account = await db.Users.AsNoTracking().Where(u => u.Id == accountId)
            .Select(u => new MyAccountData(u.Id, u.DisplayName, u.Email, u.EmailConfirmed, u.IsAdministrator, u.CreatedAt, u.ErasedAt,
                u.NoticeMail.ToString(), u.NoticeMailSince, u.NoticeMailCulture))
            .FirstOrDefaultAsync(ct);
        if (account is null)
        {
            return null;
        }

        var participants = await db.Participants.AsNoTracking().Include(p => p.Affiliations).Where(p => p.AccountId == accountId).OrderBy(p => p.Id).ToListAsync(ct);
        var processIds = participants.Select(p => p.ProcessId).ToList();
        var processNames = await db.Processes.Where(p => processIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var participantIds = participants.Select(p => p.Id).ToList();
        var speakerIds = participantIds.Select(i => (int?)i).ToList();

        var comments = await db.Comments.AsNoTracking()
            .Where(c => participantIds.Contains(c.AuthorParticipantId) && c.AuthorName == null)
            .OrderBy(c => c.Id)
            .ToListAsync(ct);
        var interventions = await db.Interventions.AsNoTracking()
            .Where(i => i.SpeakerKind == SpeakerKind.Participant && speakerIds.Contains(i.SpeakerId))
            .OrderBy(i => i.StartedAt)
            .Select(i => new MyInterventionData(i.SessionId, i.Number, i.StakeholderGroupId, i.RegionId, i.Gender, i.Remote, i.StartedAt, i.EndedAt))
            .ToListAsync(ct);
        var roles = await db.RoleAssignments.AsNoTracking().Where(r => r.AccountId == accountId).OrderBy(r => r.Id)
            .Select(r => new MyRoleData(r.ProcessId, r.Role.ToString(), r.AssignedAt)).ToListAsync(ct);
        var reports = await db.ContentReports.AsNoTracking().Where(r => r.ReporterAccountId == accountId).OrderBy(r => r.Id)
            .Select(r => new MyReportData(r.Id, r.CommentId, r.Reason, r.ReportedAt)).ToListAsync(ct);
        var record = await db.Record.AsNoTracking().Where(r => r.ActorAccountId == accountId).OrderBy(r => r.Id)
            .Select(r => new MyRecordData(r.ProcessId, r.Sequence, r.Action, r.At)).ToListAsync(ct);
        var follows = await db.Follows.AsNoTracking().Where(f => f.AccountId == accountId).OrderBy(f => f.Id)
            .Select(f => new MyFollowData(f.Subject.ToString(), f.SubjectId, f.CreatedAt)).ToListAsync(ct);
        var notices = await db.Notifications.AsNoTracking().Where(n => n.AccountId == accountId).OrderBy(n => n.Id)
            .Select(n => new MyNoticeData(n.Id, n.Kind.ToString(), n.ProcessId, n.ConsultationId, n.CommentId, n.ItemId, n.Reason, n.Detail, n.CreatedAt, n.ReadAt, n.MailedAt))
            .ToListAsync(ct);

        return new MyData(
            account,
            [.. participants.Select(p => new MyParticipationData(
                p.Id, p.ProcessId, processNames.GetValueOrDefault(p.ProcessId, ""), p.JoinedAt, p.Pseudonym, p.OwnNames, p.HidesCountry, p.HidesOrganisation,
                [.. p.Affiliations.OrderBy(a => a.From).Select(a => new MyAffiliationData(a.Id, a.StakeholderGroupId, a.RegionId, a.Country, a.Gender, a.Organisation, a.From, a.Until))]))],
            roles,
            [.. comments.Select(c => new MyCommentData(c.Id, c.ConsultationId, c.VersionNumber, c.ParagraphId, c.ParentId, c.Text, c.CreatedAt, c.EditedAt, c.WithdrawnAt,
                c.CurrentDisposition?.Disposition.ToString(), c.CurrentDisposition?.Reason))],
            interventions,
            reports,
            record,
            follows,
            notices);
    }
}
