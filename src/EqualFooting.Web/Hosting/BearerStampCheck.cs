using System.Security.Claims;
using EqualFooting.Accounts;
using Microsoft.AspNetCore.Identity;

namespace EqualFooting.Web.Hosting;

/// <summary>
/// Holds bearer tokens to what cookies are held to: a token issued before the account's security stamp changed
/// (signing out, a password change or reset, an administrator's lock) no longer signs anyone in. The bearer handler
/// checks only the token's signature and expiry; cookies are checked on every request (ValidationInterval zero), and
/// this does the same for tokens.
/// </summary>
internal sealed class BearerStampCheck(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, SignInManager<Account> signIn)
    {
        if (context.User.Identity?.IsAuthenticated == true
            && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && await signIn.ValidateSecurityStampAsync(context.User) is null)
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
        }

        await next(context);
    }
}
