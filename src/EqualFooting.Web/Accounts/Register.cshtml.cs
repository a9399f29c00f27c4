using EqualFooting.Accounts;
using EqualFooting.Persistence;
using EqualFooting.Web.Hosting;
using EqualFooting.Web.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace EqualFooting.Web.Accounts;

[EnableRateLimiting(RateLimits.AccountAttempts)]
public sealed class RegisterModel(
    UserManager<Account> users, SignInManager<Account> signIn, EqualFootingDb db, Writes writes, TimeProvider clock,
    RegistrationSettings settings, RegistrationByEmail byEmail, SiteAddress site) : PageModel
{
    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    /// <summary>Registration is answered by e-mail and the message is on its way.</summary>
    public bool CheckEmail { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (settings.ByEmail)
        {
            if (await byEmail.RegisterAsync(DisplayName, Email, Password, site.For(Request), clock.GetUtcNow(), ct) is { } invalid)
            {
                return Problems.ToPage(this, invalid) ?? Page();
            }

            CheckEmail = true;
            return Page();
        }

        var registered = await Registration.RegisterAsync(users, db, writes, DisplayName, Email, Password, clock.GetUtcNow());
        if (registered.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? Page();
        }

        await signIn.SignInAsync(registered.Value, isPersistent: false);
        return LocalRedirect("/?welcome=participant");
    }
}
