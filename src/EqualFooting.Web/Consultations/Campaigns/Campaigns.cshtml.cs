using EqualFooting.Consultations;
using EqualFooting.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Consultations;

/// <summary>The campaigns of a consultation, largest first; the committee can ask for a fresh detection here.</summary>
public sealed class CampaignsModel(ConsultationCommands commands, CampaignQueries queries, CampaignCommands campaigns) : PageModel
{
    public Consultation Consultation { get; private set; } = null!;

    public CampaignList Campaigns { get; private set; } = null!;

    public bool IsCommittee { get; private set; }

    public DetectionRun? Detected { get; private set; }

    /// <summary>Read by hand (<see cref="Kernel.PageNumber"/>): a property bound to "page" collides with Razor Pages' route value.</summary>
    public int? PageNumber { get; set; }

    public async Task<IActionResult> OnGetAsync(int cid, CancellationToken ct)
    {
        PageNumber = Kernel.PageNumber.From(Request);
        return await LoadAsync(cid, ct) ?? Page();
    }

    public async Task<IActionResult> OnPostDetectAsync(int cid, CancellationToken ct)
    {
        var done = await campaigns.DetectAsync(cid, ct);
        if (done.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? await LoadAsync(cid, ct) ?? Page();
        }

        Detected = done.Value;
        PageNumber = null;
        return await LoadAsync(cid, ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(int cid, CancellationToken ct)
    {
        var found = await commands.FindAsync(cid, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        Consultation = found.Value.Consultation;
        IsCommittee = ConsultationPolicy.DetectCampaigns(found.Value.Actor, found.Value.Process) is null;

        // A hand-edited page number out of range shows the first page rather than an error.
        var paging = CampaignEndpoints.Paging(PageNumber, null);
        Campaigns = await queries.ListAsync(cid, paging.Error is null ? paging.Value.Page : 1, CampaignQueries.DefaultPageSize, ct);
        return null;
    }
}
