namespace EqualFooting.Web.Accounts;

public sealed record AccountRowDto(string Id, string DisplayName, string? Email, DateTimeOffset CreatedAt, bool IsAdministrator, string Standing, DateTimeOffset? LockedUntil)
{
    public static AccountRowDto Of(AccountRow r) => new(r.Id, r.DisplayName, r.Email, r.CreatedAt, r.IsAdministrator, r.Standing.ToString(), r.LockedUntil);
}

/// <summary>Administrators find accounts, lock and unlock them, and send them a reset link.</summary>
public static class AccountAdministrationEndpoints
{
    public static void MapAccountAdministrationEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/accounts").WithTags("Administration");

        admin.MapGet("", async (string? q, int? page, AccountAdministration accounts, CancellationToken ct) =>
            Problems.ToResult(await accounts.ListAsync(q, page, ct), list => Results.Ok(new
            {
                accounts = list.Accounts.Select(AccountRowDto.Of),
                list.Total,
                list.Page,
                list.Pages,
            })))
            .WithName("ListAccounts")
            .WithSummary("Accounts, 50 a page, found by part of their address or name; for administrators.")
            .WithMetadata(new Hosting.NeedsAccount())
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        admin.MapPost("/{id}/lock", async (string id, AccountAdministration accounts, CancellationToken ct) =>
            Problems.ToResult(await accounts.LockAsync(id, ct), r => Results.Ok(AccountRowDto.Of(r))))
            .WithName("LockAccount")
            .WithSummary("Locks an account until an administrator unlocks it, ending its sessions; locking it again changes nothing.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        admin.MapPost("/{id}/unlock", async (string id, AccountAdministration accounts, CancellationToken ct) =>
            Problems.ToResult(await accounts.UnlockAsync(id, ct), r => Results.Ok(AccountRowDto.Of(r))))
            .WithName("UnlockAccount")
            .WithSummary("Lifts an account's lock, an administrator's or one after failed sign-in attempts.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        admin.MapPost("/{id}/reset-link", async (string id, HttpRequest request, AccountAdministration accounts, EqualFooting.Web.Mail.SiteAddress site, CancellationToken ct) =>
            Problems.ToResult(await accounts.SendResetLinkAsync(id, site.For(request), ct), r => Results.Ok(AccountRowDto.Of(r))))
            .WithName("SendAccountResetLink")
            .WithSummary("Sends the account a link to choose a new password (to the outbox when no mail server is configured).")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
