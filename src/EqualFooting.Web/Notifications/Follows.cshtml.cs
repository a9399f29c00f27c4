using EqualFooting.Notifications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Notifications;

/// <summary>What I follow, and the target of every follow button's form (which works without JavaScript).</summary>
[Authorize]
public sealed class FollowsModel(NotificationQueries queries, NoticeCommands commands, Actors actors) : PageModel
{
    public IReadOnlyList<FollowDto> Following { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Following = await queries.FollowingAsync(actors.AccountId!, ct);

    public async Task<IActionResult> OnPostAsync(FollowSubject? subject, int id, bool follow, string? returnUrl, CancellationToken ct)
    {
        var done = await commands.SetFollowingAsync(subject, id, follow, ct);
        if (done.Error is { } error)
        {
            if (Problems.ToPage(this, error) is { } status)
            {
                return status;
            }

            await OnGetAsync(ct);
            return Page();
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/account/follows");
    }
}
