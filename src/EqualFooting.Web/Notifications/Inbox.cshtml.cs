using EqualFooting.Notifications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Notifications;

[Authorize]
public sealed class InboxModel(NotificationQueries queries, NoticeCommands commands, Actors actors, EqualFooting.Persistence.EqualFootingDb db) : PageModel
{
    public InboxPage Inbox { get; private set; } = new([], 0, 1, false);

    public NoticeMail Mail { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostReadAsync(long id, CancellationToken ct) =>
        await AfterAsync((await commands.MarkReadAsync(id, ct)).Error, ct);

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct) =>
        await AfterAsync((await commands.MarkAllReadAsync(ct)).Error, ct);

    public async Task<IActionResult> OnPostMailAsync(NoticeMail? mail, CancellationToken ct) =>
        await AfterAsync((await commands.SetMailAsync(mail, NotificationFeature.Culture(HttpContext), ct)).Error, ct);

    private async Task<IActionResult> AfterAsync(EqualFooting.Common.Error? error, CancellationToken ct)
    {
        if (error is not null && Problems.ToPage(this, error) is { } status)
        {
            return status;
        }

        if (error is null)
        {
            return RedirectToPage(null, null, PageNumber.From(Request) is { } p and > 1 ? new { page = p } : null, null);
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var me = actors.AccountId!;
        Inbox = await queries.InboxPageAsync(me, Math.Max(PageNumber.From(Request) ?? 1, 1), ct);
        Mail = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Users.Where(u => u.Id == me).Select(u => u.NoticeMail), ct);
    }
}
