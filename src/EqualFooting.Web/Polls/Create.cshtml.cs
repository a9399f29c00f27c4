using EqualFooting.Polls;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Polls;

/// <summary>Opening a poll in a process, or in one of its sessions (<c>?session=</c>).</summary>
public sealed class CreatePollModel(PollCommands commands, ProcessAccess processes) : PageModel
{
    public int ProcessId { get; private set; }

    [BindProperty(SupportsGet = true)]
    public int? Session { get; set; }

    [BindProperty]
    public string? Question { get; set; }

    [BindProperty]
    public PollKind Kind { get; set; } = PollKind.SingleChoice;

    [BindProperty]
    public string? Options { get; set; }

    [BindProperty]
    public int ScaleMin { get; set; } = 1;

    [BindProperty]
    public string? Labels { get; set; }

    [BindProperty]
    public bool DontKnow { get; set; } = true;

    [BindProperty]
    public bool Anonymous { get; set; } = true;

    [BindProperty]
    public bool ResultsWhileOpen { get; set; } = true;

    public async Task<IActionResult> OnGetAsync(int processId, CancellationToken ct)
    {
        var found = await processes.FindForAsync(processId, PollPolicy.Run, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? Forbid();
        }

        ProcessId = processId;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int processId, CancellationToken ct)
    {
        ProcessId = processId;
        var definition = new PollDefinition(Question, Kind, Lines(Options), ScaleMin, Lines(Labels), DontKnow, Anonymous, ResultsWhileOpen);
        var created = Session is { } session
            ? await commands.CreateInSessionAsync(session, definition, ct: ct)
            : await commands.CreateAsync(processId, definition, ct);
        if (created.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? Page();
        }

        return Redirect($"/polls/{created.Value.Id}");
    }

    private static List<string?> Lines(string? text) =>
        [.. (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];
}
