using EqualFooting.Accounts;
using EqualFooting.Persistence;
using EqualFooting.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace EqualFooting.Web.Accounts;

/// <summary>The one-time page that creates the first administrator; it answers 404 once one exists or without the token.</summary>
[EnableRateLimiting(RateLimits.AccountAttempts)]
public sealed class SetupModel(AdministratorSetup setup, EqualFootingDb db, UserManager<Account> users, SignInManager<Account> signIn, Writes writes, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        !setup.Matches(Token) || await AdministratorSetup.AdministratorExistsAsync(db, ct) ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!setup.Matches(Token))
        {
            return NotFound();
        }

        // Serialised so two racing submissions cannot both become the first administrator.
        await setup.Gate.WaitAsync(ct);
        try
        {
            if (await AdministratorSetup.AdministratorExistsAsync(db, ct))
            {
                return NotFound();
            }

            var now = clock.GetUtcNow();
            var registered = await Registration.RegisterAsync(users, db, writes, DisplayName, Email, Password, now, administrator: true);
            if (registered.Error is { } error)
            {
                return Problems.ToPage(this, error) ?? Page();
            }

            await signIn.SignInAsync(registered.Value, isPersistent: false);
            return LocalRedirect("/?welcome=administrator");
        }
        finally
        {
            setup.Gate.Release();
        }
    }
}
