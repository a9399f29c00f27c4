using EqualFooting.Outcomes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Outcomes;

/// <summary>
/// A session's report: read (and printed) by everyone once published; drafted here by the rapporteur and published by
/// the moderator, without JavaScript.
/// </summary>
public sealed class ReportModel(OutcomeQueries queries, OutcomeCommands commands) : PageModel
{
    public SessionReportView View { get; private set; } = null!;

    public IReadOnlyList<(int Id, string Name)> Groups { get; private set; } = [];

    [BindProperty]
    public ReportForm Form { get; set; } = new();

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(int sessionId, CancellationToken ct)
    {
        if (await LoadAsync(sessionId, ct) is { } stop)
        {
            return stop;
        }

        if (View.Report is { } r)
        {
            Form = new ReportForm
            {
                Summary = r.Summary,
                MainIssues = r.MainIssues,
                Agreement = r.Agreement,
                Divergence = r.Divergence,
                NextSteps = r.NextSteps,
                Perspectives = [.. Groups.Select(g => r.Perspectives.FirstOrDefault(p => p.StakeholderGroupId == g.Id)?.Text)],
                GroupIds = [.. Groups.Select(g => g.Id)],
            };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostDraftAsync(int sessionId, CancellationToken ct)
    {
        var ids = Form.GroupIds ?? [];
        var texts = Form.Perspectives ?? [];
        var perspectives = ids.Select((id, i) => new Perspective(id, i < texts.Length ? texts[i] ?? "" : "")).ToList();
        var result = await commands.DraftReportAsync(sessionId, new ReportText(Form.Summary, Form.MainIssues, perspectives, Form.Agreement, Form.Divergence, Form.NextSteps), ct);
        return await AfterAsync(sessionId, result.Error, "The draft is saved.", ct);
    }

    public async Task<IActionResult> OnPostPublishAsync(int sessionId, CancellationToken ct) =>
        await AfterAsync(sessionId, (await commands.PublishReportAsync(sessionId, ct)).Error, "The report is published.", ct);

    private async Task<IActionResult> AfterAsync(int sessionId, Common.Error? error, string done, CancellationToken ct)
    {
        if (error is null)
        {
            TempData["Notice"] = done;
            return Redirect($"/sessions/{sessionId}/report");
        }

        if (await LoadAsync(sessionId, ct) is { } stop)
        {
            return stop;
        }

        return Problems.ToPage(this, error, "Form.") ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(int sessionId, CancellationToken ct)
    {
        var found = await queries.ReportAsync(sessionId, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        View = found.Value;
        Groups = [.. View.Figures.AttendanceByStakeholderGroup.Select(g => (g.Id, g.Name))];
        Form.GroupIds ??= [.. Groups.Select(g => g.Id)];
        Notice = TempData["Notice"] as string;
        return null;
    }
}

public sealed class ReportForm
{
    public string? Summary { get; set; }

    public string? MainIssues { get; set; }

    public string? Agreement { get; set; }

    public string? Divergence { get; set; }

    public string? NextSteps { get; set; }

    public int[]? GroupIds { get; set; }

    public string?[]? Perspectives { get; set; }
}
