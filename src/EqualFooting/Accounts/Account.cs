using Microsoft.AspNetCore.Identity;

namespace EqualFooting.Accounts;

/// <summary>A person's account. Roles in processes live with the process; only instance administration is global.</summary>
public sealed class Account : IdentityUser
{
    public const int DisplayNameMax = 100;

    public string DisplayName { get; set; } = "";

    public bool IsAdministrator { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
