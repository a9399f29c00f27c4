using EqualFooting.Accounts;
using EqualFooting.Web.Hosting;
using EqualFooting.Web.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace EqualFooting.Web.Accounts;

/// <summary>
/// Asks for a reset link. The answer is the same whether or not the address has an account, so the page cannot be
/// used to learn who is registered; the link goes to the address (the outbox when no mail server is configured).
/// </summary>
[EnableRateLimiting(RateLimits.AccountAttempts)]
public sealed class ForgotModel(UserManager<Account> users, Mailer mailer, SiteAddress site) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Email))
        {
            ModelState.AddModelError("Email", "Enter your email address.");
            return Page();
        }

        await PasswordReset.SendLinkAsync(users, mailer, Email.Trim(), site.For(Request), ct);
        Sent = true;
        return Page();
    }
}

/// <summary>Reset links: single use (the token is bound to the account's security stamp, which a reset changes) and expiring.</summary>
public static class PasswordReset
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);

    public static async Task SendLinkAsync(UserManager<Account> users, Mailer mailer, string email, string site, CancellationToken ct)
    {
        if (await users.FindByEmailAsync(email) is not { ErasedAt: null } account)
        {
            return;
        }

        var (subject, body) = await MessageAsync(users, account, site, "Someone (we hope you) asked to choose a new password for your EqualFooting account.");
        await mailer.QueueAsync(email, subject, body, ct);
    }

    /// <summary>The message carrying a fresh reset link for <paramref name="account"/>, opened by <paramref name="why"/>.</summary>
    public static async Task<(string Subject, string Body)> MessageAsync(UserManager<Account> users, Account account, string site, string why)
    {
        var token = await users.GeneratePasswordResetTokenAsync(account);
        var link = $"{site}/account/reset?email={Uri.EscapeDataString(account.Email!)}&token={Uri.EscapeDataString(token)}";
        return ("Choose a new password for EqualFooting",
            $"{why}\n\n{link}\n\nThe link works once, within two hours. If you did not ask, ignore this message: your password has not changed.");
    }
}
