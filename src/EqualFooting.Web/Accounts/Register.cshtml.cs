using EqualFooting.Accounts;
using EqualFooting.Persistence;
using EqualFooting.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace EqualFooting.Web.Accounts;

[EnableRateLimiting(RateLimits.AccountAttempts)]
public sealed class RegisterModel(UserManager<Account> users, SignInManager<Account> signIn, EqualFootingDb db, Writes writes, TimeProvider clock) : PageModel
{
    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var registered = await Registration.RegisterAsync(users, db, writes, DisplayName, Email, Password, clock.GetUtcNow());
        if (registered.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? Page();
        }

        await signIn.SignInAsync(registered.Value, isPersistent: false);
        return LocalRedirect("/?welcome=participant");
    }
}
