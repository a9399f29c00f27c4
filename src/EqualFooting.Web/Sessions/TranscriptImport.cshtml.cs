using System.Text;
using EqualFooting.Sessions;
using EqualFooting.Web.Hosting;
using EqualFooting.Web.Processes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Sessions;

/// <summary>
/// A convener imports a transcript in two steps: upload and see what was read (the speakers, their interventions and
/// words, which names the process already knows), then confirm. The confirmation carries the text back in the form,
/// so nothing is kept on the server between the steps and any node can take the second.
/// </summary>
[RequestFormLimits(ValueLengthLimit = MaxFormBytes, MultipartBodyLengthLimit = MaxFormBytes)]
[RequestSizeLimit(MaxFormBytes)]
public sealed class TranscriptImportModel(ProcessAccess processes, TranscriptImports imports, SessionQueries sessions) : PageModel
{
    /// <summary>The parser's limit in UTF-8 bytes at most, plus room for the rest of the form.</summary>
    private const int MaxFormBytes = (TranscriptParser.MaxCharacters * 4) + 100_000;

    public EqualFooting.Processes.Process Process { get; private set; } = null!;

    public IReadOnlyList<SessionSummaryDto> Sessions { get; private set; } = [];

    public TranscriptPreviewDto? Preview { get; private set; }

    /// <summary>The transcript as read, sent back with the confirmation.</summary>
    public string? Text { get; private set; }

    public string? FileName { get; private set; }

    public int? SessionId { get; private set; }

    public string? Format { get; private set; }

    public string? WordsPerMinute { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostPreviewAsync(int id, IFormFile? file, string? sessionId, string? format, string? wordsPerMinute, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } instead)
        {
            return instead;
        }

        (Format, WordsPerMinute) = (format, wordsPerMinute);
        var options = SessionUiEndpoints.Options(format, wordsPerMinute, sessionId);
        if (options.Error is { } badOption)
        {
            return Problems.ToPage(this, badOption) ?? Page();
        }

        SessionId = options.Value.SessionId;
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("File", "Choose a transcript file (.txt).");
            return Page();
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        var preview = await imports.PreviewAsync(id, bytes, options.Value.Options, ct);
        if (preview.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? Page();
        }

        Preview = preview.Value;
        FileName = Path.GetFileName(file.FileName);

        // The parser accepted these bytes as UTF-8, so decoding them cannot fail or change them.
        Text = Encoding.UTF8.GetString(bytes);
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(int id, string? text, string? fileName, string? sessionId, string? format, string? wordsPerMinute, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } instead)
        {
            return instead;
        }

        (Format, WordsPerMinute) = (format, wordsPerMinute);
        var options = SessionUiEndpoints.Options(format, wordsPerMinute, sessionId);
        if (options.Error is { } badOption)
        {
            return Problems.ToPage(this, badOption) ?? Page();
        }

        var imported = await imports.ImportAsync(id, options.Value.SessionId, fileName, Encoding.UTF8.GetBytes(text ?? ""), options.Value.Options, ct);
        if (imported.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? Page();
        }

        return Redirect(imported.Value.UnknownSpeakers.Count > 0 ? $"/processes/{id}/speakers?imported={imported.Value.SessionId}" : $"/sessions/{imported.Value.SessionId}");
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var found = await processes.FindAsync(id, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        (Process, var actor) = found.Value;
        if (SessionPolicy.ImportTranscript(actor, Process) is { } denied)
        {
            return Problems.ToPage(this, denied) ?? Forbid();
        }

        Sessions = await sessions.ListAsync(id, ct);
        return null;
    }
}
