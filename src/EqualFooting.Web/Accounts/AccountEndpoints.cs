using EqualFooting.Accounts;
using EqualFooting.Common;
using EqualFooting.Persistence;
using EqualFooting.Web.Hosting;
using EqualFooting.Web.Mail;
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

        api.MapPost("/register", async (RegisterRequest request, UserManager<Account> users, EqualFootingDb db, Writes writes, TimeProvider clock,
            RegistrationSettings settings, RegistrationByEmail byEmail, SiteAddress site, HttpRequest http, CancellationToken ct) =>
        {
            if (settings.ByEmail)
            {
                // The same answer for every address, known or not; the message tells the owner which case it was.
                return await byEmail.RegisterAsync(request.DisplayName, request.Email, request.Password, site.For(http), clock.GetUtcNow(), ct) is { } error
                    ? Problems.ToResult(error)
                    : Results.Accepted(value: new { status = "check-email", detail = RegistrationByEmail.CheckYourEmail });
            }

            return Problems.ToResult(
                await Registration.RegisterAsync(users, db, writes, request.DisplayName, request.Email, request.Password, clock.GetUtcNow()),
                a => Results.Created("/api/account/me", new { a.Id, a.DisplayName, a.Email }));
        })
            .WithName("Register")
            .WithSummary("Register an account: 201 and the account where newcomers are signed in at once, 202 where registration is answered by e-mail")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .AllowAnonymous();

        api.MapPost("/token", async (TokenRequest request, SignInManager<Account> signIn, SignInGuard guard, HttpContext http) =>
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

            signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
            var (outcome, wait) = await guard.SignInAsync(signIn, email.Value, request.Password, persistent: false, http);
            switch (outcome)
            {
                case SignInOutcome.SignedIn:
                    // The bearer handler has written the token response.
                    return Results.Empty;
                case SignInOutcome.Waiting:
                    var seconds = LoginModel.Seconds(wait);
                    http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return Results.Problem(
                        detail: LoginModel.TooManyFailures(seconds),
                        statusCode: StatusCodes.Status429TooManyRequests);
                case SignInOutcome.LockedByAdministrator:
                    return Results.Problem(detail: LoginModel.LockedByAdministrator, statusCode: StatusCodes.Status423Locked);
                case SignInOutcome.NotConfirmed:
                    return Results.Problem(detail: LoginModel.NotConfirmed, statusCode: StatusCodes.Status403Forbidden);
                default:
                    return Results.Problem(detail: "Wrong email or password.", statusCode: StatusCodes.Status401Unauthorized);
            }
        }).WithName("GetToken")
            .WithSummary("Get a bearer token for an account")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status423Locked)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
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
