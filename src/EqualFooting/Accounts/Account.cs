using Microsoft.AspNetCore.Identity;

namespace EqualFooting.Accounts;

/// <summary>A person's account. Roles in processes live with the process; only instance administration is global.</summary>
public sealed class Account : IdentityUser
{
    public const int DisplayNameMax = 100;

    public string DisplayName { get; set; } = "";

    public bool IsAdministrator { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the account's owner erased it: personal data is gone and their contributions read "a former participant".</summary>
    public DateTimeOffset? ErasedAt { get; set; }

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
        ErasedAt = now;
    }
}
