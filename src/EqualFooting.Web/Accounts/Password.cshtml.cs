using EqualFooting.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Accounts;

[Authorize]
public sealed class PasswordModel(UserManager<Account> users, SignInManager<Account> signIn) : PageModel
{
    [BindProperty]
    public string? Current { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public bool Changed { get; private set; }

    public void OnGet()
    {
    }

    /// <summary>The change moves the security stamp, which signs out every other session; this one is signed in again.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } account)
        {
            return Challenge();
        }

        if (string.IsNullOrEmpty(Current) || string.IsNullOrEmpty(Password) || Password.Length > Registration.PasswordMax)
        {
            ModelState.AddModelError("", "Enter your current password and a new one.");
            return Page();
        }

        var changed = await users.ChangePasswordAsync(account, Current, Password);
        if (!changed.Succeeded)
        {
            ModelState.AddModelError("", string.Join(" ", changed.Errors.Select(e => e.Description)));
            return Page();
        }

        await signIn.RefreshSignInAsync(account);
        Changed = true;
        return Page();
    }
}
