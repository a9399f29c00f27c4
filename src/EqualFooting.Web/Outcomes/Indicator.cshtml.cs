using EqualFooting.Outcomes;
using EqualFooting.Processes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Outcomes;

/// <summary>An indicator: its chart, the table of its values and events, and for conveners the CSV upload and the event form.</summary>
public sealed class IndicatorModel(ProcessAccess processes, OutcomeQueries queries, OutcomeCommands commands) : PageModel
{
    public Process Process { get; private set; } = null!;

    public IndicatorView View { get; private set; } = null!;

    public bool CanEdit { get; private set; }

    public string? Notice { get; private set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public DateOnly? On { get; set; }

    [BindProperty]
    public string? Label { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, int iid, CancellationToken ct) => await LoadAsync(id, iid, ct) ?? Page();

    public async Task<IActionResult> OnPostUploadAsync(int id, int iid, CancellationToken ct)
    {
        Common.Error? error;
        if (Upload is null || Upload.Length == 0)
        {
            error = Common.Error.Invalid("file", "Choose a CSV file.");
        }
        else if (Upload.Length > 8 * 1024 * 1024)
        {
            error = Common.Error.Invalid("file", "The file is larger than 8 MiB.");
        }
        else
        {
            using var buffer = new MemoryStream();
            await Upload.CopyToAsync(buffer, ct);
            var text = Common.Csv.DecodeUtf8(buffer.ToArray());
            var parsed = text is null ? Common.Error.Invalid("file", "The file is not UTF-8 text.") : IndicatorCsv.Parse(text);
            error = parsed.Error ?? (await commands.RecordValuesAsync(id, iid, parsed.Value, ct)).Error;
        }

        return await AfterAsync(id, iid, error, "The values are recorded.", ct);
    }

    public async Task<IActionResult> OnPostEventAsync(int id, int iid, CancellationToken ct) =>
        await AfterAsync(id, iid, (await commands.MarkEventAsync(id, iid, On, Label, ct)).Error, "The event is marked.", ct);

    private async Task<IActionResult> AfterAsync(int id, int iid, Common.Error? error, string done, CancellationToken ct)
    {
        if (error is null)
        {
            TempData["Notice"] = done;
            return Redirect($"/processes/{id}/indicators/{iid}");
        }

        return await LoadAsync(id, iid, ct) ?? Problems.ToPage(this, error) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(int id, int iid, CancellationToken ct)
    {
        var found = await processes.ViewAsync(id, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        Process = found.Value.Process;
        CanEdit = OutcomePolicy.Publish(found.Value.Actor, Process) is null;
        if (await queries.IndicatorAsync(id, iid, ct) is not { } view)
        {
            return NotFound();
        }

        View = view;
        Notice = TempData["Notice"] as string;
        return null;
    }
}
