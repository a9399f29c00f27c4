using EqualFooting.Participation;
using EqualFooting.Processes;
using EqualFooting.Web.Hosting;
using EqualFooting.Web.Processes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Participation;

public sealed class AffiliationForm
{
    public int? StakeholderGroupId { get; set; }

    public int? RegionId { get; set; }

    public string? Country { get; set; }

    public string? Gender { get; set; }

    public string? Organisation { get; set; }
}

public sealed class JoinModel(ProcessAccess processes, ParticipationCommands commands, ParticipationQueries queries, Actors actors) : PageModel
{
    public Process Process { get; private set; } = null!;

    public bool IsParticipant { get; private set; }

    [BindProperty]
    public AffiliationForm Form { get; set; } = new();

    public IReadOnlyList<AffiliationHistoryRow> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } stop)
        {
            return stop;
        }

        if (await queries.CurrentAsync(id, actors.AccountId!, ct) is { } current)
        {
            Form = new AffiliationForm
            {
                StakeholderGroupId = current.StakeholderGroupId,
                RegionId = current.RegionId,
                Country = current.Country,
                Gender = current.Gender,
                Organisation = current.Organisation,
            };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } stop)
        {
            return stop;
        }

        var request = new AffiliationRequest(Form.StakeholderGroupId, Form.RegionId, Form.Country, Form.Gender, Form.Organisation);
        var choice = request.ToChoice();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (choice.Error is { } missing)
        {
            return Problems.ToPage(this, missing, "Form.") ?? Page();
        }

        var error = IsParticipant
            ? (await commands.ChangeAffiliationAsync(id, choice.Value, ct)).Error
            : (await commands.JoinAsync(id, choice.Value, ct)).Error;
        if (error is not null)
        {
            return Problems.ToPage(this, error, "Form.") ?? Page();
        }

        return Redirect($"/processes/{id}");
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var found = await processes.FindAsync(id, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        (Process, var actor) = found.Value;
        if (ProcessPolicy.Join(actor, Process) is { } denied)
        {
            return Problems.ToPage(this, denied) ?? Forbid();
        }

        IsParticipant = actor.IsParticipant;
        if (IsParticipant)
        {
            History = await queries.HistoryAsync(Process, actor.AccountId!, ct);
        }

        return null;
    }
}
