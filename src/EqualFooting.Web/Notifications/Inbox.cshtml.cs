using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Notifications;

[Authorize]
public sealed class InboxModel(NotificationQueries queries, Actors actors) : PageModel
{
    public IReadOnlyList<NoticeDto> Notices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Notices = await queries.InboxAsync(actors.AccountId!, ct);
}
