using EqualFooting.Conversations;
using EqualFooting.Processes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Conversations;

public sealed class StartConversationForm
{
    public string? Title { get; set; }

    /// <summary>before or after.</summary>
    public string? Moderation { get; set; }
}

/// <summary>Starting a conversation without JavaScript (conveners); the same command as the API's.</summary>
public sealed class StartModel(ProcessAccess processes, ConversationCommands commands) : PageModel
{
    public Process Process { get; private set; } = null!;

    [BindProperty]
    public StartConversationForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } stop)
        {
            return stop;
        }

        var moderation = ConversationEndpoints.ParseModeration(Form.Moderation);
        if (moderation.Error is { } invalid)
        {
            return Problems.ToPage(this, invalid, "Form.") ?? Page();
        }

        var started = await commands.StartAsync(id, Form.Title, moderation.Value, ct);
        if (started.Error is { } error)
        {
            return Problems.ToPage(this, error, "Form.") ?? Page();
        }

        return Redirect($"/processes/{id}/conversations/{started.Value.Id}");
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var found = await processes.FindAsync(id, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        (Process, var actor) = found.Value;
        return ConversationPolicy.Start(actor, Process) is { } denied ? Problems.ToPage(this, denied) ?? Forbid() : null;
    }
}
