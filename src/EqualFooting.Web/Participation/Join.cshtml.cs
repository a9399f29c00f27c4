using EqualFooting.Participation;
using EqualFooting.Privacy;
using EqualFooting.Processes;
using EqualFooting.Web.Hosting;
using EqualFooting.Web.Privacy;
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

public sealed class PersonalPrivacyForm
{
    /// <summary>Empty follows the process.</summary>
    public NameDisclosure? Names { get; set; }

    public string? Pseudonym { get; set; }

    public bool HideCountry { get; set; }

    public bool HideOrganisation { get; set; }
}

public sealed class JoinModel(ProcessAccess processes, ParticipationCommands commands, ParticipationQueries queries, Actors actors, PublicNames names, PrivacyCommands privacy, MyPrivacy mine) : PageModel
{
    public Process Process { get; private set; } = null!;

    /// <summary>What is public about participants, shown before anyone declares anything.</summary>
    public PrivacySettings Settings { get; private set; } = ProcessPrivacy.Default;

    /// <summary>What others see of the participant, when they have joined.</summary>
    public MyPrivacyDto? Me { get; private set; }

    [BindProperty]
    public PersonalPrivacyForm Privacy { get; set; } = new();

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

        if (Me is { } me)
        {
            Privacy = new PersonalPrivacyForm { Names = me.Names, Pseudonym = me.Pseudonym, HideCountry = me.HideCountry, HideOrganisation = me.HideOrganisation };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostPrivacyAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } stop)
        {
            return stop;
        }

        var chosen = await privacy.ChooseOwnAsync(id, new PersonalPrivacy(Privacy.Names, Privacy.Pseudonym, Privacy.HideCountry, Privacy.HideOrganisation), ct);
        if (chosen.Error is { } error)
        {
            return Problems.ToPage(this, error, "Privacy.") ?? Page();
        }

        return Redirect($"/processes/{id}/join#privacy-heading");
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
        Settings = await names.SettingsAsync(id, ct);
        if (IsParticipant)
        {
            History = await queries.HistoryAsync(Process, actor.AccountId!, ct);
            Me = (await mine.ViewAsync(id, ct)).Value;
        }

        return null;
    }
}
