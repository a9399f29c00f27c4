using EqualFooting.Sessions;
using EqualFooting.Web.Hosting;
using EqualFooting.Web.Processes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Sessions;

/// <summary>Scheduling a session. Times are typed in the reader's time zone (named beside the fields) and stored in UTC.</summary>
public sealed class CreateModel(ProcessAccess processes, SessionCommands commands) : PageModel
{
    public EqualFooting.Processes.Process Process { get; private set; } = null!;

    [BindProperty]
    public SessionForm Form { get; set; } = new();

    [BindProperty]
    public PolicyForm Policy { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } instead)
        {
            return instead;
        }

        // A number field that did not bind (letters typed where minutes go) must not quietly become "no setting".
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var settings = Policy.ToSettings(Process);
        if (settings.Error is { } badSettings)
        {
            return Problems.ToPage(this, badSettings, "Policy.") ?? Page();
        }

        var details = new SessionDetails(Form.Title, ReaderTime.ToUtc(Form.StartsAt), ReaderTime.ToUtc(Form.EndsAt), Form.Room, Form.RemoteParticipation, Form.ConferenceUrl);
        var created = await commands.CreateSessionAsync(id, details, Policy.Kind, settings.Value, ct);
        if (created.Error is { } error)
        {
            return Problems.ToPage(this, error, "Form.") ?? Page();
        }

        return Redirect($"/sessions/{created.Value.Id}/console");
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var found = await processes.FindAsync(id, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        (Process, var actor) = found.Value;
        return SessionPolicy.Schedule(actor, Process) is { } denied ? Problems.ToPage(this, denied) ?? Forbid() : null;
    }
}

public sealed class SessionForm
{
    public string? Title { get; set; }

    public DateTime? StartsAt { get; set; }

    public DateTime? EndsAt { get; set; }

    public string? Room { get; set; }

    public bool RemoteParticipation { get; set; } = true;

    public string? ConferenceUrl { get; set; }
}
