using EqualFooting.Consultations;
using EqualFooting.Persistence;
using EqualFooting.Sessions;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Notifications;

/// <param name="LedTo">The next version of the draft after the one commented on, once one is published.</param>
public sealed record MyComment(
    long Id,
    int ProcessId,
    string Process,
    int ConsultationId,
    string Consultation,
    int Version,
    int? ParagraphId,
    bool IsReply,
    string Excerpt,
    DateTimeOffset WrittenAt,
    bool Withdrawn,
    Disposition? Disposition,
    string? Reason,
    int? LedTo,
    string Link,
    string? LedToLink);

public sealed record MySession(int SessionId, int ProcessId, string Process, string Session, int Interventions, int SpeakingSeconds, string Link);

/// <summary>"My contributions": a page of my comments, newest first, and my interventions by session.</summary>
public sealed record Contributions(IReadOnlyList<MyComment> Comments, int TotalComments, int Page, int Pages, IReadOnlyList<MySession> Sessions, int Interventions, int SpeakingSeconds);

/// <summary>
/// What an account contributed across processes. Comments are found per (consultation, author participant), which
/// the comments' unique key on (consultation, author, idempotency key) serves: the comment table has no index led by
/// the author (ADR 006). Comments entered for someone else by a convener are theirs, not the convener's, and left out.
/// </summary>
public sealed class ContributionQueries(EqualFootingDb db)
{
    public const int PageSize = 50;
    private const int ExcerptMax = 200;

    public async Task<Contributions> MineAsync(string accountId, int page, CancellationToken ct = default)
    {
        var mine = db.Participants.Where(p => p.AccountId == accountId)
            .Join(db.Consultations, p => p.ProcessId, k => k.ProcessId, (p, k) => new { p, k })
            .Join(db.Comments, x => new { K = x.k.Id, P = x.p.Id }, c => new { K = c.ConsultationId, P = c.AuthorParticipantId }, (x, c) => new { x.k, c })
            .Where(x => x.c.AuthorName == null);
        var total = await mine.CountAsync(ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var rows = await mine
            .OrderByDescending(x => x.c.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Join(db.Processes, x => x.k.ProcessId, p => p.Id, (x, p) => new
            {
                x.c.Id,
                ProcessId = p.Id,
                Process = p.Name,
                ConsultationId = x.k.Id,
                Consultation = x.k.Title,
                x.c.VersionNumber,
                x.c.ParagraphId,
                x.c.ParentId,
                Text = x.c.Text.Substring(0, ExcerptMax),
                x.c.CreatedAt,
                x.c.WithdrawnAt,
                Disposition = EF.Property<Disposition?>(x.c, CommentColumns.CurrentDisposition),
                x.k.LatestVersion,
            })
            .ToListAsync(ct);

        // The reasons of the page's disposed comments, the last of each history.
        var ids = rows.Where(r => r.Disposition is not null).Select(r => r.Id).ToList();
        var reasons = ids.Count == 0 ? [] : (await db.Comments.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, Reasons = c.Dispositions.Select(d => d.Reason).ToList() }).ToListAsync(ct))
            .ToDictionary(c => c.Id, c => c.Reasons.LastOrDefault());

        var comments = rows.Select(r =>
        {
            int? ledTo = r.VersionNumber < r.LatestVersion ? r.VersionNumber + 1 : null;
            return new MyComment(
                r.Id, r.ProcessId, r.Process, r.ConsultationId, r.Consultation, r.VersionNumber, r.ParagraphId, r.ParentId is not null,
                r.Text, r.CreatedAt, r.WithdrawnAt is not null, r.Disposition, reasons.GetValueOrDefault(r.Id),
                ledTo,
                $"/consultations/{r.ConsultationId}?version={r.VersionNumber}#c-{(r.ParentId is { } parent ? parent : r.Id)}",
                ledTo is { } next ? $"/consultations/{r.ConsultationId}/compare?from={r.VersionNumber}&to={next}" : null);
        }).ToList();

        var (sessions, interventions, seconds) = await SpeakingAsync(accountId, ct);
        return new Contributions(comments, total, page, pages, sessions, interventions, seconds);
    }

    /// <summary>
    /// My turns at the floor by session: a person's turns are few, so they are summed here (SQLite cannot subtract
    /// times); a turn still under way adds no time until it ends.
    /// </summary>
    private async Task<(IReadOnlyList<MySession> Sessions, int Interventions, int Seconds)> SpeakingAsync(string accountId, CancellationToken ct)
    {
        var participants = db.Participants.Where(p => p.AccountId == accountId).Select(p => (int?)p.Id);
        var turns = await db.Interventions.AsNoTracking()
            .Where(i => i.SpeakerKind == SpeakerKind.Participant && participants.Contains(i.SpeakerId))
            .Join(db.Sessions, i => i.SessionId, s => s.Id, (i, s) => new { i.SessionId, s.ProcessId, s.Title, i.StartedAt, i.EndedAt })
            .Join(db.Processes, x => x.ProcessId, p => p.Id, (x, p) => new { x.SessionId, x.ProcessId, Process = p.Name, x.Title, x.StartedAt, x.EndedAt })
            .ToListAsync(ct);
        var sessions = turns.GroupBy(t => t.SessionId)
            .Select(g =>
            {
                var first = g.First();
                var seconds = g.Where(t => t.EndedAt is not null).Sum(t => (int)Math.Round((t.EndedAt!.Value - t.StartedAt).TotalSeconds));
                return new MySession(g.Key, first.ProcessId, first.Process, first.Title, g.Count(), seconds, $"/sessions/{g.Key}");
            })
            .OrderByDescending(s => s.SessionId)
            .ToList();
        return (sessions, turns.Count, sessions.Sum(s => s.SpeakingSeconds));
    }
}
