using EqualFooting.Processes;
using EqualFooting.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace EqualFooting.Web.Processes;

public sealed class CreateModel(ProcessCommands commands, Actors actors, IOptions<ProcessSettings> settings) : PageModel
{
    [BindProperty]
    public ProcessForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        ProcessPolicy.Create(await actors.CurrentAsync(ct), settings.Value.OpenCreation) is { } denied
            ? Problems.ToPage(this, denied) ?? Page()
            : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var created = await commands.CreateProcessAsync(Form.ToDetails(), ct);
        if (created.Error is { } error)
        {
            return Problems.ToPage(this, error, "Form.") ?? Page();
        }

        return Redirect($"/processes/{created.Value.Id}");
    }
}
