using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Polls;

/// <summary>The console's one-click sense of the room, without JavaScript: opens it and shows the poll.</summary>
public sealed class SenseOfTheRoomModel(PollCommands commands) : PageModel
{
    public IActionResult OnGet(int sessionId) => Redirect($"/sessions/{sessionId}/console");

    public async Task<IActionResult> OnPostAsync(int sessionId, CancellationToken ct)
    {
        var asked = await commands.SenseOfTheRoomAsync(sessionId, ct);
        if (asked.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? BadRequest();
        }

        return Redirect($"/polls/{asked.Value.Id}");
    }
}
