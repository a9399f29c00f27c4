using EqualFooting.Decisions;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Decisions;

/// <summary>Starts a statement from a consultation of the process that carries its draft.</summary>
public sealed class NewStatementModel(ProcessAccess processes, StatementCommands commands, EqualFootingDb db) : PageModel
{
    public Process Process { get; private set; } = null!;

    public IReadOnlyList<(int Id, string Title)> Consultations { get; private set; } = [];

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Recipient { get; set; }

    [BindProperty]
    public int? ConsultationId { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } stop)
        {
            return stop;
        }

        var created = ConsultationId is { } consultation
            ? await commands.CreateAsync(id, Title, Recipient, consultation, ct)
            : Common.Error.Invalid("consultationId", "Choose the consultation in which the draft goes out for comment.");
        return created.Error is { } error
            ? Problems.ToPage(this, error) ?? Page()
            : Redirect($"/processes/{id}/statements/{created.Value.Id}");
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var found = await processes.FindAsync(id, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        (Process, var actor) = found.Value;
        if (DecisionPolicy.Propose(actor, Process) is { } denied)
        {
            return Problems.ToPage(this, denied) ?? Forbid();
        }

        Consultations = [.. (await db.Consultations.AsNoTracking().Where(c => c.ProcessId == id).OrderByDescending(c => c.Id).Select(c => new { c.Id, c.Title }).ToListAsync(ct)).Select(c => (c.Id, c.Title))];
        return null;
    }
}
