using EqualFooting.Persistence;
using EqualFooting.Processes;
using EqualFooting.Web.Hosting;
using EqualFooting.Web.Processes;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace EqualFooting.Web;

public sealed class IndexModel(EqualFootingDb db, Actors actors, IOptions<ProcessSettings> settings) : PageModel
{
    public IReadOnlyList<ProcessSummaryDto> Processes { get; private set; } = [];

    public bool CanCreate { get; private set; }

    public bool IsAdministrator { get; private set; }

    /// <summary>Set after registering ("participant") or setting up the first administrator: say what to do next.</summary>
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public string? Welcome { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = await actors.CurrentAsync(ct);
        Processes = await ProcessListing.VisibleAsync(db, actor, ct);
        CanCreate = ProcessPolicy.Create(actor, settings.Value.OpenCreation) is null;
        IsAdministrator = actor.IsAdministrator;
    }
}
