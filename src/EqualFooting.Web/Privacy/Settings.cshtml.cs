using EqualFooting.Privacy;
using EqualFooting.Processes;
using EqualFooting.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Privacy;

public sealed class SettingsModel(ProcessAccess access, PublicNames names, PrivacyCommands commands) : PageModel
{
    public Process Process { get; private set; } = null!;

    [BindProperty]
    public NameDisclosure Names { get; set; }

    [BindProperty]
    public bool CountryPublic { get; set; }

    [BindProperty]
    public bool OrganisationPublic { get; set; }

    [BindProperty]
    public int MinimumCellSize { get; set; }

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, bool saved, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } stop)
        {
            return stop;
        }

        var s = await names.SettingsAsync(id, ct);
        (Names, CountryPublic, OrganisationPublic, MinimumCellSize) = (s.Names, s.CountryPublic, s.OrganisationPublic, s.MinimumCellSize);
        Saved = saved;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } stop)
        {
            return stop;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await commands.ChangeSettingsAsync(id, new PrivacySettings(Names, CountryPublic, OrganisationPublic, MinimumCellSize), ct);
        if (result.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? Page();
        }

        return Redirect($"/processes/{id}/privacy?saved=true");
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var found = await access.FindForAsync(id, ProcessPolicy.Edit, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        Process = found.Value.Process;
        return null;
    }
}
