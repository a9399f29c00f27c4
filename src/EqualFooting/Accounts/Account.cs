using Microsoft.AspNetCore.Identity;

namespace EqualFooting.Accounts;

/// <summary>A person's account. Roles in processes live with the process; only instance administration is global.</summary>
public sealed class Account : IdentityUser
{
    public const int DisplayNameMax = 100;

    public string DisplayName { get; set; } = "";

    public bool IsAdministrator { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// Registered where registration is answered by e-mail, and the link in that message not yet followed: nobody can
    /// sign in to it. Accounts registered otherwise were never asked to confirm and are not pending.
    /// </summary>
    public bool ConfirmationPending { get; set; }

    /// <summary>The owner proved they read the address (a confirmation or a reset link): the account can be used.</summary>
    /// <returns>False when it was not pending: nothing changed.</returns>
    public bool Confirm()
    {
        EmailConfirmed = true;
        if (!ConfirmationPending)
        {
            return false;
        }

        ConfirmationPending = false;
        return true;
    }

    /// <summary>Whether notices are also e-mailed: none, each as it comes, or a daily digest.</summary>
    public Notifications.NoticeMail NoticeMail { get; set; }

    /// <summary>Since when the <see cref="NoticeMail"/> choice holds: notices from before it are not mailed.</summary>
    public DateTimeOffset? NoticeMailSince { get; set; }

    /// <summary>The language the owner chose the e-mails in (the page's culture when they chose).</summary>
    public string? NoticeMailCulture { get; set; }

    /// <summary>When the account's owner erased it: personal data is gone and their contributions read "a former participant".</summary>
    public DateTimeOffset? ErasedAt { get; set; }

    /// <summary>
    /// Set on a placeholder account standing for a participant of another tool whose votes were imported (<c>polis</c>):
    /// it has no e-mail address, no password and no login, so nobody can sign in to it, and holds no personal data.
    /// </summary>
    public string? ImportedFrom { get; set; }

    public const int ImportedFromMax = 32;

    /// <summary>A placeholder account for someone who took part in another tool, named only by their id there.</summary>
    public static Account Placeholder(string source, string key, string displayName, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var userName = "imported-" + source + "-" + key;
        return new Account
        {
            UserName = userName,
            NormalizedUserName = userName.ToUpperInvariant(),
            DisplayName = displayName,
            ImportedFrom = source,
            CreatedAt = now,
            SecurityStamp = Guid.NewGuid().ToString("N"),
        };
    }

    /// <summary>
    /// Removes the personal data an account holds (name, address, password, phone) and keeps the row, which the
    /// participant's contributions point at. Nobody can sign in to it again.
    /// </summary>
    public void Erase(DateTimeOffset now)
    {
        DisplayName = "";
        UserName = "erased-" + Id;
        NormalizedUserName = UserName.ToUpperInvariant();
        Email = null;
        NormalizedEmail = null;
        EmailConfirmed = false;
        PasswordHash = null;
        PhoneNumber = null;
        SecurityStamp = Guid.NewGuid().ToString("N");
        LockoutEnabled = true;
        LockoutEnd = DateTimeOffset.MaxValue;
        NoticeMail = Notifications.NoticeMail.None;
        NoticeMailSince = null;
        NoticeMailCulture = null;
        ErasedAt = now;
    }

    /// <summary>
    /// The end an administrator's lock is given: none in practice, which is what tells it apart from a lock after
    /// failed attempts. Not DateTimeOffset.MaxValue, which a store keeping time to the millisecond does not give back.
    /// </summary>
    public static readonly DateTimeOffset LockedUntilUnlocked = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Locked by an administrator rather than after failed attempts (an erased account is locked too, and says so by ErasedAt).</summary>
    public bool IsLockedByAdministrator => ErasedAt is null && LockoutEnd >= LockedUntilUnlocked;

    /// <summary>Locks the account until an administrator unlocks it, and ends every session it has (a new stamp).</summary>
    /// <returns>False when it was already locked so: nothing changed.</returns>
    public bool LockByAdministrator()
    {
        if (IsLockedByAdministrator || ErasedAt is not null)
        {
            return false;
        }

        LockoutEnabled = true;
        LockoutEnd = LockedUntilUnlocked;
        SecurityStamp = Guid.NewGuid().ToString("N");
        return true;
    }

    /// <summary>Lifts any lockout, an administrator's or one after failed attempts, and clears the count of failures.</summary>
    /// <returns>False when there was nothing to lift.</returns>
    public bool Unlock(DateTimeOffset now)
    {
        if (ErasedAt is not null || ((LockoutEnd is null || LockoutEnd <= now) && AccessFailedCount == 0))
        {
            return false;
        }

        LockoutEnd = null;
        AccessFailedCount = 0;
        return true;
    }
}
