using EqualFooting.Common;
using EqualFooting.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Sessions.Breakouts;

/// <summary>What the pages of a round share: loading it, and answering a form by redirecting back or showing the error.</summary>
public abstract class BreakoutPageBase(BreakoutCommands commands, BreakoutQueries queries) : PageModel
{
    public BreakoutContext Context { get; private set; } = null!;

    public BreakoutDto View { get; private set; } = null!;

    protected BreakoutCommands Commands => commands;

    protected async Task<IActionResult?> LoadAsync(int breakoutId, CancellationToken ct)
    {
        var found = await commands.FindAsync(breakoutId, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        Context = found.Value;
        View = await queries.ViewAsync(Context, ct);
        return null;
    }

    protected async Task<IActionResult> AfterAsync<T>(Result<T> result, Func<Task<IActionResult>> show)
    {
        if (result.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? await show();
        }

        return Redirect(Request.Path);
    }
}
