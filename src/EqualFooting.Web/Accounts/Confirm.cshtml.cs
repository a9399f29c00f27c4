using EqualFooting.Accounts;
using EqualFooting.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace EqualFooting.Web.Accounts;

/// <summary>
/// The link in a registration message. Opening it only shows a button: mail scanners open links, and confirming on a
/// GET would let them confirm accounts nobody asked for.
/// </summary>
[EnableRateLimiting(RateLimits.AccountAttempts)]
public sealed class ConfirmModel(RegistrationByEmail registration, SignInManager<Account> signIn) : PageModel
{
    public const string WrongLink = "This link is not valid any more: it has been used, has expired, or was replaced by a newer one. Register again for a new link.";

    [BindProperty(SupportsGet = true)]
    public string? Account { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await registration.ConfirmAsync(Account, Code, ct) is not { } account)
        {
            ModelState.AddModelError("", WrongLink);
            return Page();
        }

        await signIn.SignInAsync(account, isPersistent: false);
        return LocalRedirect("/?welcome=participant");
    }
}

/// <summary>Tells Identity which accounts may sign in: all but those whose registration waits for its link.</summary>
public sealed class AccountConfirmation : IUserConfirmation<Account>
{
    public Task<bool> IsConfirmedAsync(UserManager<Account> manager, Account user) => Task.FromResult(!user.ConfirmationPending);
}
