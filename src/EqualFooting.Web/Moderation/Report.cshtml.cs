using EqualFooting.Persistence;
using EqualFooting.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Moderation;

[Authorize]
public sealed class ReportModel(ModerationCommands commands, EqualFootingDb db) : PageModel
{
    public string? Reason { get; private set; }

    public bool Done { get; private set; }

    public string Back { get; private set; } = "/";

    public async Task<IActionResult> OnGetAsync(long commentId, CancellationToken ct) =>
        await FindAsync(commentId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long commentId, string? reason, CancellationToken ct)
    {
        if (!await FindAsync(commentId, ct))
        {
            return NotFound();
        }

        var reported = await commands.ReportAsync(commentId, reason, ct);
        if (reported.Error is { } error)
        {
            Reason = reason;
            return Problems.ToPage(this, error) ?? Page();
        }

        Done = true;
        return Page();
    }

    private async Task<bool> FindAsync(long commentId, CancellationToken ct)
    {
        var consultation = await db.Comments.Where(c => c.Id == commentId).Select(c => (int?)c.ConsultationId).FirstOrDefaultAsync(ct);
        Back = $"/consultations/{consultation}#c-{commentId}";
        return consultation is not null;
    }
}
