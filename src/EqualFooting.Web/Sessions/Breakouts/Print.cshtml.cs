using Microsoft.AspNetCore.Mvc;

namespace EqualFooting.Web.Sessions.Breakouts;

/// <summary>
/// The compiled report as a page made for printing (site.css hides the site's chrome in print). A PDF is the
/// browser's "Save as PDF" from its print dialog: no PDF library, and the page prints the same everywhere.
/// </summary>
public sealed class PrintModel(BreakoutCommands commands, BreakoutQueries queries) : BreakoutPageBase(commands, queries)
{
    public string Compiled { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int breakoutId, CancellationToken ct)
    {
        if (await LoadAsync(breakoutId, ct) is { } instead)
        {
            return instead;
        }

        Compiled = BreakoutQueries.Markdown(View);
        return Page();
    }
}
