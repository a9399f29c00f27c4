using EqualFooting.Accounts;
using EqualFooting.Common;
using EqualFooting.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace EqualFooting.Web.Accounts;

[EnableRateLimiting(RateLimits.AccountAttempts)]
public sealed class LoginModel(SignInManager<Account> signIn, SignInGuard guard) : PageModel
{
    /// <summary>Said the same for any address, known or not.</summary>
    public static string TooManyFailures(int seconds) =>
        $"Too many failed attempts for this address or from this network. Try again in {seconds} seconds, or choose a new password through the link in \u201cForgotten your password?\u201d.";

    public static int Seconds(TimeSpan wait) => (int)Math.Ceiling(wait.TotalSeconds);

    public const string NotConfirmed = "Confirm your email address first: follow the link in the message we sent. Registering again sends a new one.";

    public const string LockedByAdministrator = "This account is locked by the site's administrators. Write to them to have it unlocked.";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public bool RememberMe { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError("", "Enter your email and password.");
            return Page();
        }

        // Identity normalises the address, which throws on noncharacters such as U+FFFF: checked as text first.
        if (Text.Required("email", Email, Registration.EmailMax).Error is { } bad)
        {
            ModelState.AddModelError("", bad.Message);
            return Page();
        }

        var (outcome, wait) = await guard.SignInAsync(signIn, Email.Trim(), Password, RememberMe, HttpContext);
        if (outcome == SignInOutcome.SignedIn)
        {
            return LocalRedirect(LocalUrls.OrHome(ReturnUrl));
        }

        ModelState.AddModelError("", outcome switch
        {
            SignInOutcome.Waiting => TooManyFailures(Seconds(wait)),
            SignInOutcome.LockedByAdministrator => LockedByAdministrator,
            SignInOutcome.NotConfirmed => NotConfirmed,
            _ => "Wrong email or password.",
        });
        return Page();
    }
}
