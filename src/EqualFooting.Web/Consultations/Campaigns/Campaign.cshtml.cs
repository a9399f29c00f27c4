using EqualFooting.Consultations;
using EqualFooting.Processes;
using EqualFooting.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Consultations;

/// <summary>One campaign: its text, who sent it (by group, region and channel) and every member, page by page.</summary>
public sealed class CampaignModel(ConsultationCommands commands, ConsultationQueries consultations, CampaignQueries queries, CampaignCommands campaigns) : PageModel
{
    public const int BarWidth = 160;

    public Process Process { get; private set; } = null!;

    public Consultation Consultation { get; private set; } = null!;

    public CampaignDetail Detail { get; private set; } = null!;

    public CommentPage Members { get; private set; } = null!;

    public bool IsCommittee { get; private set; }

    /// <summary>Read by hand (<see cref="Kernel.PageNumber"/>): a property bound to "page" collides with Razor Pages' route value.</summary>
    public int? PageNumber { get; set; }

    [BindProperty]
    public CampaignDispositionForm CampaignForm { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int cid, long campaignId, CancellationToken ct) => await LoadAsync(cid, campaignId, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(int cid, long campaignId, CancellationToken ct)
    {
        var done = await campaigns.DisposeCampaignAsync(cid, campaignId, CampaignForm.Disposition, CampaignForm.Reason, CampaignForm.Overwrite, ct);
        if (done.Error is { } error)
        {
            if (Problems.ToPage(this, error, "CampaignForm.") is { } status)
            {
                return status;
            }

            return await LoadAsync(cid, campaignId, ct) ?? Page();
        }

        return Redirect($"/consultations/{cid}/campaigns/{campaignId}");
    }

    /// <summary>The width of a count's bar, against the largest count of its table.</summary>
    public static string Width(int count, int max) => ConsultationCharts.Fmt(BarWidth * (double)count / Math.Max(1, max));

    private async Task<IActionResult?> LoadAsync(int cid, long campaignId, CancellationToken ct)
    {
        var found = await commands.FindAsync(cid, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        (Consultation, Process) = (found.Value.Consultation, found.Value.Process);
        if (await queries.DetailAsync(Process, cid, campaignId, ct) is not { } detail)
        {
            return NotFound();
        }

        Detail = detail;
        IsCommittee = ConsultationPolicy.Dispose(found.Value.Actor, Process) is null;
        PageNumber = Kernel.PageNumber.From(Request);
        var filter = ConsultationEndpoints.Filter(null, null, null, null, null, PageNumber, null);
        if (filter.Error is not null)
        {
            PageNumber = null;
            filter = ConsultationEndpoints.Filter(null, null, null, null, null, null, null);
        }

        Members = await consultations.CommentsAsync(Process, cid, filter.Value with { CampaignId = campaignId }, ct);
        return null;
    }
}
