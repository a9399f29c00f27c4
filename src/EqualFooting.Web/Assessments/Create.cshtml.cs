using System.Globalization;
using EqualFooting.Assessments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Assessments;

/// <summary>Opening an assessment grid: from the ATLAS II template or the convener's own questions.</summary>
public sealed class CreateGridModel(GridCommands commands, GridQueries queries, ProcessAccess processes) : PageModel
{
    public int ProcessId { get; private set; }

    public IReadOnlyList<(int Id, string Title)> Breakouts { get; private set; } = [];

    [BindProperty]
    public string? Title { get; set; } = GridTemplates.AtlasTwoTitle;

    [BindProperty]
    public string? Questions { get; set; } = string.Join('\n', GridTemplates.AtlasTwo);

    [BindProperty]
    public int ScaleMin { get; set; }

    [BindProperty]
    public string? DividedAt { get; set; } = AssessmentGrid.DefaultDividedAt.ToString(CultureInfo.InvariantCulture);

    [BindProperty]
    public bool Anonymous { get; set; } = true;

    [BindProperty]
    public int? BreakoutId { get; set; }

    public async Task<IActionResult> OnGetAsync(int processId, CancellationToken ct)
    {
        var found = await processes.FindForAsync(processId, GridPolicy.Run, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? Forbid();
        }

        return await ShowAsync(processId, ct);
    }

    public async Task<IActionResult> OnPostAsync(int processId, CancellationToken ct)
    {
        // A comma or a point, as the reader's language writes it.
        double? dividedAt = double.TryParse(DividedAt?.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN;
        var questions = (Questions ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList<string?>();
        var created = await commands.CreateAsync(processId, new GridDefinition(Title, questions, ScaleMin, dividedAt, Anonymous, BreakoutId), ct);
        if (created.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? await ShowAsync(processId, ct);
        }

        return Redirect($"/grids/{created.Value.Id}");
    }

    private async Task<IActionResult> ShowAsync(int processId, CancellationToken ct)
    {
        ProcessId = processId;
        Breakouts = await queries.BreakoutsAsync(processId, ct);
        return Page();
    }
}
