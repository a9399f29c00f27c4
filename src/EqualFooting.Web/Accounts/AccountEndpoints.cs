using EqualFooting.Accounts;
using EqualFooting.Common;
using EqualFooting.Persistence;
using EqualFooting.Web.Hosting;
using Microsoft.AspNetCore.Identity;

namespace EqualFooting.Web.Accounts;

public sealed record RegisterRequest(string? DisplayName, string? Email, string? Password);

public sealed record TokenRequest(string? Email, string? Password);

/// <summary>
/// Accounts for API clients: register, and exchange a password for a bearer token (sent as
/// <c>Authorization: Bearer …</c>). Browsers use the pages and a cookie instead.
/// </summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/account").WithTags("Account").RequireRateLimiting(RateLimits.AccountAttempts);

        api.MapPost("/register", async (RegisterRequest request, UserManager<Account> users, EqualFootingDb db, Writes writes, TimeProvider clock) =>
            Problems.ToResult(
                await Registration.RegisterAsync(users, db, writes, request.DisplayName, request.Email, request.Password, clock.GetUtcNow()),
                a => Results.Created("/api/account/me", new { a.Id, a.DisplayName, a.Email })))
            .WithName("Register")
            .WithSummary("Register an account")
            .AllowAnonymous();

        api.MapPost("/token", async (TokenRequest request, SignInManager<Account> signIn, UserManager<Account> users) =>
        {
            // Checked as text first: Identity normalises the address, which throws on noncharacters such as U+FFFF.
            var email = Text.Required("email", request.Email, Registration.EmailMax);
            if (email.Error is { } badEmail)
            {
                return Problems.ToResult(badEmail);
            }

            if (string.IsNullOrEmpty(request.Password))
            {
                return Problems.ToResult(Error.Invalid("password", "Password is required."));
            }

            await SignInTiming.HashForUnknownAsync(users, email.Value, request.Password);
            signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
            var result = await signIn.PasswordSignInAsync(email.Value, request.Password, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                // The bearer handler has written the token response.
                return Results.Empty;
            }

            return result.IsLockedOut
                ? Results.Problem(detail: "Too many failed attempts; this account is locked for a while.", statusCode: StatusCodes.Status423Locked)
                : Results.Problem(detail: "Wrong email or password.", statusCode: StatusCodes.Status401Unauthorized);
        }).WithName("GetToken")
            .WithSummary("Get a bearer token for an account")
            .AllowAnonymous();

        api.MapGet("/me", async (Actors actors, UserManager<Account> users, HttpContext ctx) =>
        {
            if (actors.AccountId is null || await users.GetUserAsync(ctx.User) is not { } account)
            {
                return Problems.ToResult(Error.Unauthenticated());
            }

            return Results.Ok(new { account.Id, account.DisplayName, account.Email, account.IsAdministrator });
        }).WithName("Me")
            .WithSummary("The signed-in account")
            .WithMetadata(new EqualFooting.Web.Hosting.NeedsAccount());
    }
}
