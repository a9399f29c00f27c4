using EqualFooting.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Accounts;

/// <summary>The administrators' list of accounts: find one, lock or unlock it, send it a reset link.</summary>
public sealed class AdministerModel(AccountAdministration accounts, EqualFooting.Web.Mail.SiteAddress site) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    public AccountList List { get; private set; } = new([], 0, 1, 1);

    /// <summary>What the last action did (Locked, Unlocked or ResetLink), said once after the redirect.</summary>
    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public Task<IActionResult> OnPostLockAsync(string id, CancellationToken ct) =>
        ActAsync(() => accounts.LockAsync(id, ct), "Locked", ct);

    public Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken ct) =>
        ActAsync(() => accounts.UnlockAsync(id, ct), "Unlocked", ct);

    public Task<IActionResult> OnPostResetLinkAsync(string id, CancellationToken ct) =>
        ActAsync(() => accounts.SendResetLinkAsync(id, site.For(Request), ct), "ResetLink", ct);

    private async Task<IActionResult> ActAsync(Func<Task<Result<AccountRow>>> act, string done, CancellationToken ct)
    {
        var result = await act();
        if (result.Error is { } error)
        {
            return await LoadAsync(ct) ?? Problems.ToPage(this, error) ?? Page();
        }

        Done = done;
        return Redirect("/admin/accounts" + (string.IsNullOrWhiteSpace(Search) ? "" : "?q=" + Uri.EscapeDataString(Search)));
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var list = await accounts.ListAsync(Search, Kernel.PageNumber.From(Request), ct);
        if (list.Error is { Kind: ErrorKind.Invalid } invalid)
        {
            ModelState.AddModelError(invalid.Field == "q" ? "Search" : "", invalid.Message);
            return null;
        }

        if (list.Error is { } error)
        {
            return Problems.ToPage(this, error);
        }

        List = list.Value;
        return null;
    }
}
