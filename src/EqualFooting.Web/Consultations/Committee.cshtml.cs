using EqualFooting.Consultations;
using EqualFooting.Processes;
using EqualFooting.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Consultations;

public sealed class DispositionForm
{
    public long CommentId { get; set; }

    public Disposition? Disposition { get; set; }

    public string? Reason { get; set; }
}

public sealed class CampaignDispositionForm
{
    public long CampaignId { get; set; }

    public Disposition? Disposition { get; set; }

    public string? Reason { get; set; }

    public bool Overwrite { get; set; }
}

/// <summary>The committee's worklist: comments with a disposition form each, the undisposed first by default.</summary>
public sealed class CommitteeModel(ConsultationCommands commands, ConsultationQueries queries, CampaignCommands campaigns) : PageModel
{
    public Process Process { get; private set; } = null!;

    public Consultation Consultation { get; private set; } = null!;

    public Progress Progress { get; private set; } = null!;

    public CommentPage Comments { get; private set; } = null!;

    [BindProperty(SupportsGet = true, Name = "group")]
    public int? GroupFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "region")]
    public int? RegionFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "disposition")]
    public string? DispositionFilter { get; set; } = "none";

    /// <summary>
    /// Read by hand, from the form on a post and the query string otherwise: Razor Pages keeps the page's own path in a
    /// route value called "page", which model binding would find before the query string (see the draft page).
    /// </summary>
    public int? PageNumber { get; set; }

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        PageNumber = Kernel.PageNumber.From(Request);
    }

    [BindProperty]
    public DispositionForm Form { get; set; } = new();

    [BindProperty]
    public CampaignDispositionForm CampaignForm { get; set; } = new();

    /// <summary>The result of "look for campaigns now", shown after the run.</summary>
    public DetectionRun? Detected { get; private set; }

    public async Task<IActionResult> OnGetAsync(int cid, CancellationToken ct) => await LoadAsync(cid, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(int cid, CancellationToken ct)
    {
        var done = await commands.DisposeCommentAsync(cid, Form.CommentId, Form.Disposition, Form.Reason, ct);
        if (done.Error is { } error)
        {
            if (Problems.ToPage(this, error, "Form.") is { } status)
            {
                return status;
            }

            return await LoadAsync(cid, ct) ?? Page();
        }

        return Redirect(Link(PageNumber, cid) + $"#c-{Form.CommentId}");
    }

    public async Task<IActionResult> OnPostCampaignAsync(int cid, CancellationToken ct)
    {
        var done = await campaigns.DisposeCampaignAsync(cid, CampaignForm.CampaignId, CampaignForm.Disposition, CampaignForm.Reason, CampaignForm.Overwrite, ct);
        if (done.Error is { } error)
        {
            if (Problems.ToPage(this, error, "CampaignForm.") is { } status)
            {
                return status;
            }

            return await LoadAsync(cid, ct) ?? Page();
        }

        return Redirect(Link(PageNumber, cid));
    }

    public async Task<IActionResult> OnPostDetectAsync(int cid, CancellationToken ct)
    {
        var done = await campaigns.DetectAsync(cid, ct);
        if (done.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? await LoadAsync(cid, ct) ?? Page();
        }

        Detected = done.Value;
        return await LoadAsync(cid, ct) ?? Page();
    }

    public string Link(int? page, int? cid = null)
    {
        var q = new List<string>();
        if (GroupFilter is { } g)
        {
            q.Add($"group={g}");
        }

        if (RegionFilter is { } r)
        {
            q.Add($"region={r}");
        }

        q.Add($"disposition={Uri.EscapeDataString(DispositionFilter ?? "")}");
        if (page is { } p)
        {
            q.Add($"page={p}");
        }

        return $"/consultations/{cid ?? Consultation.Id}/committee?" + string.Join("&", q);
    }

    private async Task<IActionResult?> LoadAsync(int cid, CancellationToken ct)
    {
        var found = await commands.FindAsync(cid, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        var (consultation, process, actor) = found.Value;
        if (ConsultationPolicy.Dispose(actor, process) is { } denied)
        {
            return Problems.ToPage(this, denied) ?? Forbid();
        }

        (Process, Consultation) = (process, consultation);
        Progress = await queries.ProgressAsync(cid, ct);
        var filter = ConsultationEndpoints.Filter(null, null, GroupFilter, RegionFilter, DispositionFilter, PageNumber, null);
        if (filter.Error is not null)
        {
            DispositionFilter = "";
            PageNumber = null;
            filter = ConsultationEndpoints.Filter(null, null, GroupFilter, RegionFilter, null, null, null);
        }

        Comments = await queries.CommentsAsync(process, cid, filter.Value with { Collapse = true }, ct);
        return null;
    }
}
