using System.Security.Claims;
using EqualFooting.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EqualFooting.Web.Hosting;

/// <summary>
/// Holds bearer tokens to what cookies are held to: a token issued before the account's security stamp changed
/// (signing out, a password change or reset, an administrator's lock) no longer signs anyone in. The bearer handler
/// checks only the token's signature and expiry; cookies are checked on every request (ValidationInterval zero), and
/// this does the same for tokens. It is Identity's own test (the account exists and its stamp equals the token's),
/// read as one compiled query of one column: API clients send a token with every request, so it runs on each.
/// </summary>
internal sealed class BearerStampCheck(RequestDelegate next)
{
    private static readonly PerProvider<Func<EqualFootingDb, string, CancellationToken, Task<string?>>> Stamp = new(() =>
        EF.CompileAsyncQuery((EqualFootingDb db, string id, CancellationToken ct) => db.Users.Where(u => u.Id == id).Select(u => u.SecurityStamp).FirstOrDefault()));

    public async Task InvokeAsync(HttpContext context, IOptions<IdentityOptions> identity)
    {
        // The database is asked for only when a token signed the request in: cookies and anonymous reads pass through.
        if (context.User.Identity?.IsAuthenticated == true
            && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && !await HoldsAsync(context.User, context.RequestServices.GetRequiredService<EqualFootingDb>(), identity.Value.ClaimsIdentity, context.RequestAborted))
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
        }

        await next(context);
    }

    private static async Task<bool> HoldsAsync(ClaimsPrincipal user, EqualFootingDb db, ClaimsIdentityOptions claims, CancellationToken ct)
    {
        if (user.FindFirstValue(claims.UserIdClaimType) is not { } id || user.FindFirstValue(claims.SecurityStampClaimType) is not { } stamp)
        {
            return false;
        }

        var stored = await Stamp.For(db)(db, id, ct);
        return stored is not null && string.Equals(stored, stamp, StringComparison.Ordinal);
    }
}
