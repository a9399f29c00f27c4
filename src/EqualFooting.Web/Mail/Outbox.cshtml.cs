using EqualFooting.Common;
using EqualFooting.Mail;
using EqualFooting.Persistence;
using EqualFooting.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Mail;

/// <summary>The outbox, for administrators only: it holds reset links, which would let anyone else take over an account.</summary>
public sealed class OutboxModel(EqualFootingDb db, Actors actors) : PageModel
{
    public const int Shown = 200;

    public IReadOnlyList<OutboxMessage> Messages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var actor = await actors.CurrentAsync(ct);
        if (!actor.IsSignedIn)
        {
            return Problems.ToPage(this, Error.Unauthenticated())!;
        }

        if (!actor.IsAdministrator)
        {
            return Problems.ToPage(this, Error.Forbidden("Only administrators read the outbox."))!;
        }

        Messages = await db.Outbox.AsNoTracking().OrderByDescending(m => m.Id).Take(Shown).ToListAsync(ct);
        return Page();
    }
}
