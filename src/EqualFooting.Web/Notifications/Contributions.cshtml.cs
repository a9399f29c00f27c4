using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Notifications;

[Authorize]
public sealed class ContributionsModel(ContributionQueries queries, Actors actors) : PageModel
{
    public Contributions Mine { get; private set; } = new([], 0, 1, 1, [], 0, 0);

    public async Task OnGetAsync(CancellationToken ct) => Mine = await queries.MineAsync(actors.AccountId!, Math.Max(PageNumber.From(Request) ?? 1, 1), ct);
}
