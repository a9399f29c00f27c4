using EqualFooting.Accounts;
using EqualFooting.Common;
using EqualFooting.Mail;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using EqualFooting.Web.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Accounts;

/// <summary>Where an account stands, as its administrators see it.</summary>
public enum AccountStanding
{
    Active,
    LockedAfterFailedAttempts,
    LockedByAdministrator,
    Erased,
}

public sealed record AccountRow(string Id, string DisplayName, string? Email, DateTimeOffset CreatedAt, bool IsAdministrator, AccountStanding Standing, DateTimeOffset? LockedUntil);

public sealed record AccountList(IReadOnlyList<AccountRow> Accounts, int Total, int Page, int Pages);

/// <summary>
/// The administrators' side of accounts: find one, lock it (every session ends), unlock it, or send it a reset link.
/// Each action is on the record, naming the account by id only.
/// </summary>
public sealed class AccountAdministration(EqualFootingDb db, Actors actors, Writes writes, UserManager<Account> users, MailDelivery delivery, TimeProvider clock)
{
    public const int PageSize = 50;

    public const int SearchMax = 254;

    public static Error? Administer(Actor actor) =>
        !actor.IsSignedIn ? Error.Unauthenticated()
        : actor.IsAdministrator ? null
        : Error.Forbidden("Only administrators manage accounts.");

    public async Task<Result<AccountList>> ListAsync(string? search, int? page, CancellationToken ct = default)
    {
        if (Administer(await actors.CurrentAsync(ct)) is { } denied)
        {
            return denied;
        }

        if (search is { Length: > SearchMax })
        {
            return Error.Invalid("q", $"Search for at most {SearchMax} characters.");
        }

        if (page is < 1)
        {
            return Error.Invalid("page", "Pages are numbered from 1.");
        }

        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var upper = search.Trim().ToUpperInvariant();
            // Translated to SQL UPPER on both providers: the culture rules the analyzers warn about do not apply there.
#pragma warning disable CA1304, CA1311, CA1862
            query = query.Where(u => u.NormalizedEmail!.Contains(upper) || u.DisplayName.ToUpper().Contains(upper));
#pragma warning restore CA1304, CA1311, CA1862
        }

        var total = await query.CountAsync(ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        var number = Math.Min(page ?? 1, pages);
        var now = clock.GetUtcNow();
        var rows = await query.OrderBy(u => u.NormalizedEmail).Skip((number - 1) * PageSize).Take(PageSize)
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.CreatedAt, u.IsAdministrator, u.ErasedAt, u.LockoutEnd })
            .ToListAsync(ct);
        return new AccountList(
            [.. rows.Select(u => new AccountRow(u.Id, u.DisplayName, u.Email, u.CreatedAt, u.IsAdministrator, Standing(u.ErasedAt, u.LockoutEnd, now), u.LockoutEnd > now && u.LockoutEnd < Account.LockedUntilUnlocked ? u.LockoutEnd : null))],
            total,
            number,
            pages);
    }

    public Task<Result<AccountRow>> LockAsync(string id, CancellationToken ct = default) =>
        writes.RunAsync<(Actor Actor, Account Account), AccountRow>(
            token => LoadAsync(id, token),
            a => Administer(a.Actor) ?? (a.Account.Id == a.Actor.AccountId ? Error.Conflict("You cannot lock your own account; another administrator can.") : null),
            (a, now) => (Result<Change<AccountRow>>)(a.Account.LockByAdministrator()
                ? Change.Recorded(Row(a.Account, now), null, AccountRecord.Locked, () => Payload(a.Account))
                : Change.None(Row(a.Account, now))),
            ct);

    public Task<Result<AccountRow>> UnlockAsync(string id, CancellationToken ct = default) =>
        writes.RunAsync<(Actor Actor, Account Account), AccountRow>(
            token => LoadAsync(id, token),
            a => Administer(a.Actor),
            (a, now) => (Result<Change<AccountRow>>)(a.Account.Unlock(now)
                ? Change.Recorded(Row(a.Account, now), null, AccountRecord.Unlocked, () => Payload(a.Account))
                : Change.None(Row(a.Account, now))),
            ct);

    /// <summary>Queues a reset link to the account's address; the message and its record entry are committed together.</summary>
    public Task<Result<AccountRow>> SendResetLinkAsync(string id, string site, CancellationToken ct = default) =>
        writes.RunAsync(
            token => LoadAsync(id, token),
            a => Administer(a.Actor) ?? (a.Account.ErasedAt is not null || a.Account.Email is null ? Error.Conflict("This account was erased: it has no address to write to.") : null),
            async (a, now) =>
            {
                var (subject, body) = await PasswordReset.MessageAsync(users, a.Account, site, "An administrator of EqualFooting sent you this link to choose a new password for your account.");
                db.Outbox.Add(OutboxMessage.Create(a.Account.Email!, subject, body, now));
                return (Result<Change<AccountRow>>)Change.Recorded(Row(a.Account, now), null, AccountRecord.ResetLinkSent, () => Payload(a.Account))
                    .Then(_ =>
                    {
                        delivery.Nudge();
                        return Task.CompletedTask;
                    });
            },
            ct);

    private async Task<Result<(Actor Actor, Account Account)>> LoadAsync(string id, CancellationToken ct)
    {
        var actor = await actors.CurrentAsync(ct);
        if (Administer(actor) is { } denied)
        {
            return denied;
        }

        return await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct) is { } account
            ? (actor, account)
            : Error.NotFound("There is no such account.");
    }

    private static Dictionary<string, object?> Payload(Account account) => new() { ["account"] = account.Id };

    private static AccountRow Row(Account a, DateTimeOffset now) =>
        new(a.Id, a.DisplayName, a.Email, a.CreatedAt, a.IsAdministrator, Standing(a.ErasedAt, a.LockoutEnd, now), a.LockoutEnd > now && a.LockoutEnd < Account.LockedUntilUnlocked ? a.LockoutEnd : null);

    private static AccountStanding Standing(DateTimeOffset? erasedAt, DateTimeOffset? lockoutEnd, DateTimeOffset now) =>
        erasedAt is not null ? AccountStanding.Erased
        : lockoutEnd >= Account.LockedUntilUnlocked ? AccountStanding.LockedByAdministrator
        : lockoutEnd > now ? AccountStanding.LockedAfterFailedAttempts
        : AccountStanding.Active;
}
