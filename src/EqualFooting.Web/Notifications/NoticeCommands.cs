using EqualFooting.Common;
using EqualFooting.Notifications;
using EqualFooting.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Notifications;

/// <summary>What following means to the caller: the subject and whether it is followed now.</summary>
public sealed record FollowState(FollowSubject Subject, int SubjectId, bool Following);

/// <summary>
/// The signed-in account's own notice state: marking read, following, the e-mail choice. These are personal
/// settings, not acts in a process: like the inbox itself they stay out of the public record (who follows what, who
/// read what, is nobody else's business), so they write the account's own rows directly rather than through
/// <c>Writes</c>, each as one statement or one insert that a unique index guards.
/// </summary>
public sealed class NoticeCommands(EqualFootingDb db, Actors actors, ProcessAccess processes, TimeProvider clock)
{
    /// <summary>Marks one notice read; marking it again changes nothing. Someone else's notice is not found.</summary>
    public async Task<Result<bool>> MarkReadAsync(long noticeId, CancellationToken ct = default)
    {
        if (actors.AccountId is not { } me)
        {
            return Error.Unauthenticated();
        }

        if (!await db.Notifications.AnyAsync(n => n.Id == noticeId && n.AccountId == me, ct))
        {
            return Error.NotFound("No such notice.");
        }

        var now = clock.GetUtcNow();
        return await db.Notifications.Where(n => n.Id == noticeId && n.AccountId == me && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct) > 0;
    }

    /// <summary>Marks every unread notice read; returns how many were.</summary>
    public async Task<Result<int>> MarkAllReadAsync(CancellationToken ct = default)
    {
        if (actors.AccountId is not { } me)
        {
            return Error.Unauthenticated();
        }

        var now = clock.GetUtcNow();
        return await db.Notifications.Where(n => n.AccountId == me && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }

    /// <summary>
    /// Follows or stops following a process or consultation the caller may see. Following twice is one follow (a
    /// unique index; the loser of a race finds the winner's row), unfollowing what is not followed changes nothing.
    /// </summary>
    public async Task<Result<FollowState>> SetFollowingAsync(FollowSubject? subject, int subjectId, bool follow, CancellationToken ct = default)
    {
        if (subject is not { } what || !Enum.IsDefined(what))
        {
            return Error.Invalid("subject", "Choose a process or a consultation to follow.");
        }

        if (actors.AccountId is not { } me)
        {
            return Error.Unauthenticated();
        }

        var processId = what == FollowSubject.Process
            ? subjectId
            : await db.Consultations.Where(c => c.Id == subjectId).Select(c => (int?)c.ProcessId).FirstOrDefaultAsync(ct) ?? 0;
        var visible = processId > 0 ? await processes.ViewAsync(processId, ct) : Error.NotFound("");
        if (visible.Error is not null)
        {
            return Error.NotFound(what == FollowSubject.Process ? "No such process." : "No such consultation.");
        }

        var mine = db.Follows.Where(f => f.AccountId == me && f.Subject == what && f.SubjectId == subjectId);
        if (!follow)
        {
            await mine.ExecuteDeleteAsync(ct);
            return new FollowState(what, subjectId, false);
        }

        if (!await mine.AnyAsync(ct))
        {
            db.Follows.Add(new Follow(me, what, subjectId, clock.GetUtcNow()));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                if (!await mine.AnyAsync(ct))
                {
                    throw;
                }

                // A double click: the other request's follow stands.
            }
        }

        return new FollowState(what, subjectId, true);
    }

    /// <summary>Chooses how notices are e-mailed; the choice holds from now (earlier notices are not mailed).</summary>
    public async Task<Result<NoticeMail>> SetMailAsync(NoticeMail? mail, string? culture, CancellationToken ct = default)
    {
        if (mail is not { } chosen || !Enum.IsDefined(chosen))
        {
            return Error.Invalid("mail", "Choose None, Immediate or Daily.");
        }

        if (actors.AccountId is not { } me)
        {
            return Error.Unauthenticated();
        }

        var account = await db.Users.FirstAsync(u => u.Id == me, ct);
        if (account.NoticeMail != chosen)
        {
            account.NoticeMail = chosen;
            account.NoticeMailSince = chosen == NoticeMail.None ? null : clock.GetUtcNow();
        }

        account.NoticeMailCulture = culture is { Length: > 0 and <= 16 } ? culture : null;
        await db.SaveChangesAsync(ct);
        return chosen;
    }
}

/// <summary>The follow button's model; <paramref name="Following"/> is looked up when not known.</summary>
public sealed record FollowButton(FollowSubject Subject, int SubjectId, bool? Following = null);
