using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Assessments;

/// <summary>A grid beside the round it runs again: each cell's change of mean, drawn and listed.</summary>
public sealed class CompareGridModel(GridCommands commands, GridQueries queries) : PageModel
{
    public GridComparisonDto Comparison { get; private set; } = null!;

    public string ProcessName { get; private set; } = "";

    [BindProperty(SupportsGet = true)]
    public GridRows Rows { get; set; } = GridRows.Regions;

    public async Task<IActionResult> OnGetAsync(int gridId, CancellationToken ct)
    {
        var found = await commands.FindAsync(gridId, tracked: false, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        var compared = await queries.CompareAsync(found.Value.Grid, found.Value.Process, Rows, ct);
        if (compared.Error is not null)
        {
            return NotFound();
        }

        Comparison = compared.Value;
        ProcessName = found.Value.Process.Name;
        return Page();
    }
}
