using EqualFooting.Accounts;
using EqualFooting.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace EqualFooting.Web.Accounts;

[EnableRateLimiting(RateLimits.AccountAttempts)]
public sealed class ResetModel(UserManager<Account> users, SignInGuard guard) : PageModel
{
    public const string UsedOrExpired = "This link has already been used or has expired. Ask for a new one.";

    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrEmpty(Password) || Password.Length > Registration.PasswordMax)
        {
            ModelState.AddModelError("Password", "Enter a new password.");
            return Page();
        }

        // An unknown address reads exactly like a used or expired link.
        if (string.IsNullOrEmpty(Email) || string.IsNullOrEmpty(Token) || await users.FindByEmailAsync(Email) is not { } account)
        {
            ModelState.AddModelError("", UsedOrExpired);
            return Page();
        }

        // A successful reset changes the security stamp, which ends every session of the account and voids the link.
        var reset = await users.ResetPasswordAsync(account, Token, Password);
        if (!reset.Succeeded)
        {
            var password = reset.Errors.Where(e => e.Code.StartsWith("Password", StringComparison.Ordinal)).Select(e => e.Description).ToList();
            ModelState.AddModelError(password.Count > 0 ? "Password" : "", password.Count > 0 ? string.Join(" ", password) : UsedOrExpired);
            return Page();
        }

        // The owner lifts the wait after failed attempts this way: only someone who can read the account's mail gets
        // here. An administrator's lock stays until an administrator lifts it.
        await guard.ForgetAsync(Email, null);

        // A reset link proves the address as well as a confirmation link does.
        account.Confirm();
        await users.UpdateAsync(account);
        if (!account.IsLockedByAdministrator)
        {
            await users.SetLockoutEndDateAsync(account, null);
            await users.ResetAccessFailedCountAsync(account);
        }

        return Redirect("/account/login?reset=1");
    }
}
