using EqualFooting.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Accounts;

public sealed class LogoutModel(SignInManager<Account> signIn, UserManager<Account> users) : PageModel
{
    public void OnGet()
    {
    }

    /// <summary>
    /// Signing out ends the session for good: a copy of the cookie kept elsewhere would otherwise still work until it
    /// expires. The security stamp changes, and cookies are checked against it on every request (App), so every
    /// session of the account ends: there is no server-side list of sessions to end just one.
    /// </summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } account)
        {
            await users.UpdateSecurityStampAsync(account);
        }

        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
