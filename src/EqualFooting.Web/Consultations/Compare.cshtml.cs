using EqualFooting.Consultations;
using EqualFooting.Processes;
using EqualFooting.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Consultations;

/// <summary>What changed between two versions, word by word, with the dispositions that explain each change.</summary>
public sealed class CompareModel(ConsultationCommands commands, ConsultationQueries queries) : PageModel
{
    public Process Process { get; private set; } = null!;

    public Consultation Consultation { get; private set; } = null!;

    public DraftComparison Comparison { get; private set; } = null!;

    /// <summary>Answered comments on the older version, by paragraph id.</summary>
    public ILookup<int, Explanation> Explanations { get; private set; } = Enumerable.Empty<Explanation>().ToLookup(e => 0);

    [BindProperty(SupportsGet = true)]
    public int? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? To { get; set; }

    public async Task<IActionResult> OnGetAsync(int cid, CancellationToken ct)
    {
        var found = await commands.FindAsync(cid, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        (Consultation, Process, _) = found.Value;
        To ??= Consultation.LatestVersion;
        From ??= To - 1;
        var before = From is { } f ? await queries.ParagraphsAsync(cid, f, ct) : null;
        var after = await queries.ParagraphsAsync(cid, To.Value, ct);
        if (before is null || after is null || From >= To)
        {
            return NotFound();
        }

        Comparison = DraftComparison.Compare(before, after);
        var touched = Comparison.Paragraphs.Where(p => p.Kind != ParagraphChangeKind.Unchanged).Select(p => p.ParagraphId).ToList();
        Explanations = await queries.ExplanationsAsync(Process.Id, cid, From!.Value, touched, ct);
        return Page();
    }
}
