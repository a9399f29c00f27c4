using System.Globalization;
using System.Text;
using EqualFooting.Mail;
using EqualFooting.Notifications;
using EqualFooting.Persistence;
using EqualFooting.Web.Hosting;
using EqualFooting.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace EqualFooting.Web.Notifications;

/// <summary>The <c>Notifications</c> settings.</summary>
public sealed class NoticeSettings
{
    public const string Section = "Notifications";

    public bool Enabled { get; set; } = true;

    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often campaign notices left pending are looked for (after a restart, or written on another node); a
    /// disposition on this node wakes the expansion at once.
    /// </summary>
    public TimeSpan FanoutInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// The background half of notices, every <see cref="NoticeSettings.Interval"/>: tells followers of a consultation (or
/// of its process) of a new version and of its close coming (<see cref="NoticeRules"/>), then e-mails notices to the
/// accounts that chose it, each at once or in a daily digest, through the outbox. Every step is claimed in the
/// database, so several nodes sweeping at once send each thing once: a swept notice by its unique (account, kind,
/// item), an immediate e-mail by the conditional update of its notice's MailedAt, a digest by its unique (account,
/// day). Notices are personal, not part of the public record, so the sweep writes directly, as the outcome reminders do.
/// </summary>
public sealed class NoticeSweep(
    IServiceScopeFactory scopes,
    IOptions<NoticeSettings> options,
    EqualFooting.Web.Mail.SiteAddress siteAddress,
    TimeProvider clock,
    IStringLocalizerFactory localizers,
    MailDelivery delivery,
    ILogger<NoticeSweep> log) : PeriodicSweep(clock, log)
{
    protected override TimeSpan Period => options.Value.Interval;

    protected override string Name => "The notices sweep";

    protected override bool Enabled => options.Value.Enabled;

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        var swept = await SweepAsync(Clock.GetUtcNow(), ct);
        if (swept.Notices + swept.Mails + swept.Digests > 0)
        {
            Log.LogInformation("Notices sweep: {Notices} notice(s), {Mails} e-mail(s), {Digests} digest(s).", swept.Notices, swept.Mails, swept.Digests);
        }
    }

    /// <summary>Candidates read per kind and sweep; the rest wait for the next one.</summary>
    public const int Batch = 500;

    /// <summary>What one sweep did.</summary>
    public sealed record Swept(int Notices, int Mails, int Digests);

    public async Task<Swept> SweepAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EqualFootingDb>();
        var notices = await FollowersAsync(db, now, ct);
        var mails = await ImmediateAsync(db, now, ct);
        var digests = await DigestsAsync(db, now, ct);
        if (mails + digests > 0)
        {
            delivery.Nudge();
        }

        return new Swept(notices, mails, digests);
    }

    private static async Task<int> FollowersAsync(EqualFootingDb db, DateTimeOffset now, CancellationToken ct)
    {
        var since = now - NoticeRules.VersionNews;
        var versions = (await db.DraftVersions.AsNoTracking()
            .Where(v => v.Number > 1 && v.PublishedAt >= since && v.PublishedAt <= now)
            .Join(db.Consultations, v => v.ConsultationId, c => c.Id, (v, c) => new { v.Id, v.Number, v.PublishedAt, c.ProcessId, ConsultationId = c.Id, c.Title })
            .OrderBy(x => x.Id).Take(Batch).ToListAsync(ct))
            .Where(v => NoticeRules.IsNewVersion(v.Number, v.PublishedAt, now));
        var until = now + NoticeRules.ClosingSoon;
        var closing = (await db.Consultations.AsNoTracking()
            .Where(c => c.OpensAt <= now && c.ClosesAt > now && c.ClosesAt <= until)
            .OrderBy(c => c.Id).Take(Batch)
            .Select(c => new { c.Id, c.ProcessId, c.Title, c.OpensAt, c.ClosesAt }).ToListAsync(ct))
            .Where(c => NoticeRules.IsClosingSoon(c.OpensAt, c.ClosesAt, now));

        var count = 0;
        foreach (var v in versions)
        {
            count += await TellFollowersAsync(db, NoticeKind.ConsultationVersionPublished, v.ProcessId, v.ConsultationId, v.Id, v.Title, v.Number.ToString(CultureInfo.InvariantCulture), now, ct);
        }

        foreach (var c in closing)
        {
            count += await TellFollowersAsync(db, NoticeKind.ConsultationClosingSoon, c.ProcessId, c.Id, c.Id, c.Title, c.ClosesAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mmZ", CultureInfo.InvariantCulture), now, ct);
        }

        return count;
    }

    /// <summary>
    /// One INSERT … SELECT per item over the followers of the consultation and of its process; the unique index on
    /// (account, kind, item) leaves out whoever was told already, on this node or another.
    /// </summary>
    private static Task<int> TellFollowersAsync(EqualFootingDb db, NoticeKind kind, int processId, int consultationId, int itemId, string title, string detail, DateTimeOffset now, CancellationToken ct)
    {
        var createdAt = db.Model.FindEntityType(typeof(Notification))!.FindProperty(nameof(Notification.CreatedAt))!.GetTypeMapping().Converter is { } converter
            ? converter.ConvertToProvider(now)!
            : now;
        var reason = title.Length > Notification.ReasonMax ? title[..Notification.ReasonMax] : title;
        const string Sql = """
            INSERT INTO "Notifications" ("AccountId", "Kind", "ProcessId", "ConsultationId", "ItemId", "Reason", "Detail", "CreatedAt")
            SELECT DISTINCT f."AccountId", {0}, {1}, {2}, {3}, {4}, {5}, {6} FROM "Follows" AS f
            WHERE (f."Subject" = {7} AND f."SubjectId" = {2}) OR (f."Subject" = {8} AND f."SubjectId" = {1})
            ON CONFLICT DO NOTHING
            """;
        return db.Database.ExecuteSqlRawAsync(
            Sql,
            [kind.ToString(), processId, consultationId, itemId, reason, detail, createdAt, nameof(FollowSubject.Consultation), nameof(FollowSubject.Process)],
            ct);
    }

    /// <summary>A notice waiting for e-mail with its account's address; flat, so the database can filter and order it.</summary>
    private sealed class Mailable
    {
        public long Id { get; init; }

        public string AccountId { get; init; } = "";

        public string? Email { get; init; }

        public string? Culture { get; init; }

        public NoticeKind Kind { get; init; }

        public int? ProcessId { get; init; }

        public int? ConsultationId { get; init; }

        public long? CommentId { get; init; }

        public int? ItemId { get; init; }

        public string? Reason { get; init; }

        public string? Detail { get; init; }

        public DateTimeOffset CreatedAt { get; init; }

        public NoticeDto Notice => new(Id, Kind, ProcessId, ConsultationId, CommentId, Reason, CreatedAt, false, ItemId, Detail);
    }

    private static IQueryable<Mailable> MailableNotices(EqualFootingDb db, NoticeMail mail) =>
        db.Users.Where(u => u.NoticeMail == mail && u.NoticeMailSince != null && u.Email != null && u.ErasedAt == null)
            .Join(db.Notifications, u => u.Id, n => n.AccountId, (u, n) => new { u, n })
            .Where(x => x.n.MailedAt == null && x.n.CreatedAt >= x.u.NoticeMailSince)
            .Select(x => new Mailable
            {
                Id = x.n.Id,
                AccountId = x.u.Id,
                Email = x.u.Email,
                Culture = x.u.NoticeMailCulture,
                Kind = x.n.Kind,
                ProcessId = x.n.ProcessId,
                ConsultationId = x.n.ConsultationId,
                CommentId = x.n.CommentId,
                ItemId = x.n.ItemId,
                Reason = x.n.Reason,
                Detail = x.n.Detail,
                CreatedAt = x.n.CreatedAt,
            });

    /// <summary>One outbox message per notice for the accounts that chose "immediate"; each claimed by its notice's row.</summary>
    private async Task<int> ImmediateAsync(EqualFootingDb db, DateTimeOffset now, CancellationToken ct)
    {
        var due = await MailableNotices(db, NoticeMail.Immediate).OrderBy(m => m.Id).Take(Batch).ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var sent = 0;
        foreach (var m in due)
        {
            var id = m.Id;
            if (await db.Notifications.Where(n => n.Id == id && n.MailedAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.MailedAt, now), ct) == 1)
            {
                var (subject, body) = Compose(m.Culture, [m.Notice]);
                db.Outbox.Add(OutboxMessage.Create(m.Email!, subject, body, now));
                sent++;
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return sent;
    }

    /// <summary>One message a day per account that chose the digest, with every notice not yet mailed from before today.</summary>
    private async Task<int> DigestsAsync(EqualFootingDb db, DateTimeOffset now, CancellationToken ct)
    {
        var (day, before) = NoticeRules.Digest(now);
        var accounts = await MailableNotices(db, NoticeMail.Daily)
            .Where(m => m.CreatedAt < before && !db.NoticeDigests.Any(d => d.AccountId == m.AccountId && d.Day == day))
            .Select(m => m.AccountId).Distinct().Take(Batch).ToListAsync(ct);
        var sent = 0;
        foreach (var account in accounts)
        {
            var notices = await MailableNotices(db, NoticeMail.Daily)
                .Where(m => m.AccountId == account && m.CreatedAt < before)
                .OrderBy(m => m.Id).ToListAsync(ct);
            if (notices.Count == 0)
            {
                continue;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                db.NoticeDigests.Add(new NoticeDigest(account, day, notices.Count, now));
                await db.SaveChangesAsync(ct);
                var ids = notices.Select(n => n.Id).ToArray();
                foreach (var chunk in ids.Chunk(1_000))
                {
                    await db.Notifications.Where(n => EF.Parameter(chunk).Contains(n.Id) && n.MailedAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.MailedAt, now), ct);
                }

                var (subject, body) = Compose(notices[0].Culture, [.. notices.Select(n => n.Notice)]);
                db.Outbox.Add(OutboxMessage.Create(notices[0].Email!, subject, body, now));
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                sent++;
            }
            catch (DbUpdateException)
            {
                // Another node sent today's digest first (the unique index on account and day).
                await transaction.RollbackAsync(ct);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        return sent;
    }

    /// <summary>The message, in the language the owner chose it in (English when none), with a link per notice.</summary>
    private (string Subject, string Body) Compose(string? culture, IReadOnlyList<NoticeDto> notices)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            if (culture is not null)
            {
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            }

            var L = localizers.Create(typeof(SharedResource));
            // Without Site:PublicUrl the links are paths: a background sweep has no request to take an address from.
            var site = siteAddress.Configured ?? "";
            var body = new StringBuilder();
            foreach (var n in notices)
            {
                var (phrase, link) = NoticeText.Describe(n, L);
                body.Append("- ").AppendLine(phrase).Append("  ").Append(site).AppendLine(link);
            }

            body.AppendLine().AppendLine(L["You chose these e-mails on your inbox page; change the choice there:"]).Append(site).AppendLine("/account/inbox");
            var subject = notices.Count == 1 ? L["Notice from EqualFooting: {0}", Clip(NoticeText.Describe(notices[0], L).Text)] : L["EqualFooting: {0} new notices", notices.Count];
            var text = body.ToString();
            return (subject, text.Length > OutboxMessage.BodyMax ? text[..OutboxMessage.BodyMax] : text);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private static string Clip(string text) => text.Length > 150 ? text[..150] + "…" : text;

}
