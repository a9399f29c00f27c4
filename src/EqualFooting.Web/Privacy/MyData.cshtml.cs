using EqualFooting.Accounts;
using EqualFooting.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Privacy;

[Authorize]
public sealed class MyDataModel(PrivacyCommands commands, SignInManager<Account> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? password, CancellationToken ct)
    {
        var erased = await commands.EraseAsync(password, ct);
        if (erased.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? Page();
        }

        await signIn.SignOutAsync();
        return Redirect("/");
    }
}
