using System.Security.Claims;
using EqualFooting.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EqualFooting.Web.Accounts;

/// <summary>
/// Puts the account's display name in the sign-in cookie, so the header greets people by the name they chose rather
/// than by their e-mail address (Identity's user name), without a database read on every page.
/// </summary>
public sealed class AccountClaims(UserManager<Account> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Account, IdentityRole>(users, roles, options)
{
    public const string DisplayName = "display_name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Account user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (!string.IsNullOrWhiteSpace(user.DisplayName))
        {
            identity.AddClaim(new System.Security.Claims.Claim(DisplayName, user.DisplayName));
        }

        return identity;
    }

    /// <summary>The name to show for the signed-in person: the display name, or the user name from an older cookie.</summary>
    public static string ShownName(ClaimsPrincipal user) => user.FindFirst(DisplayName)?.Value ?? user.Identity?.Name ?? "";
}
