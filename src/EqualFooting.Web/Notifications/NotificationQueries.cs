using EqualFooting.Notifications;
using EqualFooting.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Notifications;

public sealed record NoticeDto(long Id, NoticeKind Kind, int? ProcessId, int? ConsultationId, long? CommentId, string? Reason, DateTimeOffset CreatedAt, bool Read, int? ItemId = null, string? Detail = null);

/// <summary>A page of the inbox, with the unread count.</summary>
public sealed record InboxPage(IReadOnlyList<NoticeDto> Items, int Unread, int Page, bool HasMore);

public sealed record FollowDto(FollowSubject Subject, int SubjectId, string Title, DateTimeOffset Since);

/// <summary>An account's inbox, newest first; what it follows.</summary>
public sealed class NotificationQueries(EqualFootingDb db)
{
    public const int PageSize = 100;

    public Task<List<NoticeDto>> InboxAsync(string accountId, CancellationToken ct = default) => PageAsync(accountId, 1, ct);

    public async Task<InboxPage> InboxPageAsync(string accountId, int page, CancellationToken ct = default)
    {
        var items = await PageAsync(accountId, page, ct, PageSize + 1);
        return new InboxPage([.. items.Take(PageSize)], await UnreadAsync(accountId, ct), page, items.Count > PageSize);
    }

    public Task<int> UnreadAsync(string accountId, CancellationToken ct = default) =>
        db.Notifications.CountAsync(n => n.AccountId == accountId && n.ReadAt == null, ct);

    public Task<bool> FollowsAsync(string accountId, FollowSubject subject, int subjectId, CancellationToken ct = default) =>
        db.Follows.AnyAsync(f => f.AccountId == accountId && f.Subject == subject && f.SubjectId == subjectId, ct);

    public async Task<IReadOnlyList<FollowDto>> FollowingAsync(string accountId, CancellationToken ct = default)
    {
        var processes = await db.Follows.AsNoTracking().Where(f => f.AccountId == accountId && f.Subject == FollowSubject.Process)
            .Join(db.Processes, f => f.SubjectId, p => p.Id, (f, p) => new FollowDto(f.Subject, f.SubjectId, p.Name, f.CreatedAt)).ToListAsync(ct);
        var consultations = await db.Follows.AsNoTracking().Where(f => f.AccountId == accountId && f.Subject == FollowSubject.Consultation)
            .Join(db.Consultations, f => f.SubjectId, c => c.Id, (f, c) => new FollowDto(f.Subject, f.SubjectId, c.Title, f.CreatedAt)).ToListAsync(ct);
        return [.. processes.Concat(consultations).OrderBy(f => f.Title, StringComparer.CurrentCulture)];
    }

    internal static IQueryable<NoticeDto> Project(IQueryable<Notification> notices) =>
        notices.Select(n => new NoticeDto(n.Id, n.Kind, n.ProcessId, n.ConsultationId, n.CommentId, n.Reason, n.CreatedAt, n.ReadAt != null, n.ItemId, n.Detail));

    private Task<List<NoticeDto>> PageAsync(string accountId, int page, CancellationToken ct, int take = PageSize) =>
        Project(db.Notifications.AsNoTracking().Where(n => n.AccountId == accountId).OrderByDescending(n => n.Id).Skip((Math.Max(page, 1) - 1) * PageSize).Take(take))
            .ToListAsync(ct);
}
