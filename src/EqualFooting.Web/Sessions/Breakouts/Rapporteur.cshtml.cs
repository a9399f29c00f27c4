using EqualFooting.Sessions;
using EqualFooting.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace EqualFooting.Web.Sessions.Breakouts;

/// <summary>The rapporteur's view of a round: which groups have reported, reminders to the others, and the compiled report.</summary>
public sealed class RapporteurModel(BreakoutCommands commands, BreakoutQueries queries) : BreakoutPageBase(commands, queries)
{
    public string Compiled { get; private set; } = "";

    public Task<IActionResult> OnGetAsync(int breakoutId, CancellationToken ct) => ShowAsync(breakoutId, ct);

    public async Task<IActionResult> OnPostRemindAsync(int breakoutId, int group, CancellationToken ct) =>
        await AfterAsync(await Commands.RemindAsync(breakoutId, group, ct), () => ShowAsync(breakoutId, ct));

    private async Task<IActionResult> ShowAsync(int breakoutId, CancellationToken ct)
    {
        if (await LoadAsync(breakoutId, ct) is { } instead)
        {
            return instead;
        }

        if (BreakoutPolicy.FollowUp(Context.Session.Actor, Context.Session.Process) is { } denied)
        {
            return Problems.ToPage(this, denied) ?? Forbid();
        }

        Compiled = BreakoutQueries.Markdown(View);
        return Page();
    }
}
