using Microsoft.AspNetCore.Mvc;

namespace EqualFooting.Web.Sessions;

/// <summary>The screen behind the moderator: who has the floor, the timer, and who is next, readable from the back of the room.</summary>
public sealed class ProjectorModel(SessionCommands commands, SessionQueries queries) : SessionPageBase(commands, queries)
{
    public const int NextShown = 5;

    public async Task<IActionResult> OnGetAsync(int sessionId, CancellationToken ct) => await LoadAsync(sessionId, ct) ?? Page();
}
