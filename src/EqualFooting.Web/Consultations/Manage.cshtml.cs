using EqualFooting.Consultations;
using EqualFooting.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Consultations;

public sealed class ScheduleForm
{
    public DateTime? ClosesAt { get; set; }

    public string? Reason { get; set; }
}

/// <summary>The convener's page: publish the next version, extend or close the consultation.</summary>
public sealed class ManageModel(ConsultationCommands commands, ConsultationQueries queries) : PageModel
{
    public Consultation Consultation { get; private set; } = null!;

    [BindProperty]
    public ConsultationForm Version { get; set; } = new();

    [BindProperty]
    public ScheduleForm Schedule { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int cid, CancellationToken ct)
    {
        if (await LoadAsync(cid, ct) is { } stop)
        {
            return stop;
        }

        var latest = await queries.VersionsAsync(cid, ct);
        Version.Markdown = latest.LastOrDefault()?.Source;
        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(int cid, CancellationToken ct)
    {
        var markdown = await DraftUpload.ReadAsync(Version.Upload, Version.Markdown, ct);
        var error = markdown.Error ?? (await commands.PublishVersionAsync(cid, markdown.Value, ct)).Error;
        return await AfterAsync(cid, error, "Version.", $"/consultations/{cid}/compare", ct);
    }

    public async Task<IActionResult> OnPostExtendAsync(int cid, CancellationToken ct) =>
        await AfterAsync(cid, (await commands.ExtendConsultationAsync(cid, ReaderTime.ToUtc(Schedule.ClosesAt), Schedule.Reason, ct)).Error, "Schedule.", $"/consultations/{cid}", ct);

    public async Task<IActionResult> OnPostCloseAsync(int cid, CancellationToken ct) =>
        Confirmation.Check(Request, ModelState)
            ? await AfterAsync(cid, (await commands.CloseConsultationAsync(cid, Schedule.Reason, ct)).Error, "Schedule.", $"/consultations/{cid}", ct)
            : await LoadAsync(cid, ct) ?? Page();

    private async Task<IActionResult> AfterAsync(int cid, EqualFooting.Common.Error? error, string prefix, string next, CancellationToken ct)
    {
        if (error is null)
        {
            return Redirect(next);
        }

        if (Problems.ToPage(this, error, prefix) is { } status)
        {
            return status;
        }

        return await LoadAsync(cid, ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(int cid, CancellationToken ct)
    {
        var found = await commands.FindAsync(cid, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        Consultation = found.Value.Consultation;
        return ConsultationPolicy.PublishVersion(found.Value.Actor, found.Value.Process) is { } denied ? Problems.ToPage(this, denied) ?? Forbid() : null;
    }
}
