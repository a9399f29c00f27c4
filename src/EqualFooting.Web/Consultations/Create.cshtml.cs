using System.Text;
using EqualFooting.Common;
using EqualFooting.Consultations;
using EqualFooting.Processes;
using EqualFooting.Web.Hosting;
using EqualFooting.Web.Processes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Consultations;

public sealed class ConsultationForm
{
    public string? Title { get; set; }

    /// <summary>As typed in a datetime-local field: wall-clock time in the reader's zone.</summary>
    public DateTime? OpensAt { get; set; }

    public DateTime? ClosesAt { get; set; }

    public string? Markdown { get; set; }

    public IFormFile? Upload { get; set; }
}

public sealed class CreateModel(ProcessAccess processes, ConsultationCommands commands) : PageModel
{
    public Process Process { get; private set; } = null!;

    [BindProperty]
    public ConsultationForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } stop)
        {
            return stop;
        }

        var markdown = await DraftUpload.ReadAsync(Form.Upload, Form.Markdown, ct);
        if (markdown.Error is { } badFile)
        {
            return Problems.ToPage(this, badFile, "Form.") ?? Page();
        }

        var created = await commands.CreateConsultationAsync(id, new ConsultationDetails(Form.Title, ReaderTime.ToUtc(Form.OpensAt), ReaderTime.ToUtc(Form.ClosesAt), markdown.Value), ct);
        if (created.Error is { } error)
        {
            return Problems.ToPage(this, error, "Form.") ?? Page();
        }

        return Redirect($"/consultations/{created.Value.Id}");
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var found = await processes.FindAsync(id, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        (Process, var actor) = found.Value;
        return ConsultationPolicy.Create(actor, Process) is { } denied ? Problems.ToPage(this, denied) ?? Forbid() : null;
    }
}

/// <summary>A draft typed in or uploaded as a Markdown or plain-text file.</summary>
public static class DraftUpload
{
    public const long MaxBytes = 2 * 1024 * 1024;

    /// <summary>The file's text when one was sent, else what was typed. Only UTF-8 .md or .txt files are taken.</summary>
    public static async Task<Result<string?>> ReadAsync(IFormFile? file, string? typed, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            return typed;
        }

        var extension = Path.GetExtension(file.FileName).ToLowerInvariant();
        if (extension is not (".md" or ".markdown" or ".txt"))
        {
            return Error.Invalid("upload", "Upload a Markdown (.md) or plain-text (.txt) file.");
        }

        if (file.Length > MaxBytes)
        {
            return Error.Invalid("upload", $"The file must be at most {MaxBytes / 1024 / 1024} MB.");
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.ToArray()).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return Error.Invalid("upload", "The file is not UTF-8 text.");
        }
    }
}
