using System.Globalization;
using EqualFooting.Outcomes;
using EqualFooting.Processes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Outcomes;

/// <summary>
/// A process's outcomes, public: reports (and the missing ones), messages with their provenance, commitments with
/// milestones and overdue flags, indicators, and the advice register. Conveners add to each with plain forms.
/// </summary>
public sealed class OutcomesPageModel(ProcessAccess processes, OutcomeQueries queries, OutcomeCommands commands, SourceChoices choices, TimeProvider clock) : PageModel
{
    public Process Process { get; private set; } = null!;

    public OutcomesView View { get; private set; } = null!;

    public bool CanEdit { get; private set; }

    public IReadOnlyList<SourceChoice> Sources { get; private set; } = [];

    /// <summary>The participants a convener can name as an owner, as the privacy settings show them.</summary>
    public IReadOnlyList<OwnerChoice> OwnerChoices { get; private set; } = [];

    public string? Notice { get; private set; }

    [BindProperty]
    public OutcomeForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostSettingsAsync(int id, CancellationToken ct) =>
        await AfterAsync(id, (await commands.ChangeSettingsAsync(id, Form.ReportsRequired, Form.AdviceReminderDays, ct)).Error, "The settings are saved.", ct);

    public async Task<IActionResult> OnPostMessageAsync(int id, CancellationToken ct)
    {
        var sources = new List<(SourceKind, int)>();
        foreach (var s in Form.Sources ?? [])
        {
            var parts = (s ?? "").Split(':');
            if (parts.Length != 2 || !Enum.TryParse<SourceKind>(parts[0], out var kind) || !Enum.IsDefined(kind) || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sid))
            {
                return await AfterAsync(id, Common.Error.Invalid("sources", "A source is a session, consultation, poll, conversation or proposal."), "", ct);
            }

            sources.Add((kind, sid));
        }

        return await AfterAsync(id, (await commands.PublishMessageAsync(id, Form.Title, Form.Text, sources, ct)).Error, "The message is published.", ct);
    }

    public async Task<IActionResult> OnPostCommitmentAsync(int id, CancellationToken ct)
    {
        var milestones = new List<MilestoneInput>();
        var titles = Form.MilestoneTitles ?? [];
        for (var i = 0; i < titles.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(titles[i]))
            {
                continue; // the form offers empty rows
            }

            var owner = Form.MilestoneOwners is { } o && i < o.Length ? o[i] : null;
            milestones.Add(new MilestoneInput(titles[i], At(Form.MilestoneDates, i), At(Form.MilestoneRegions, i), owner));
        }

        var evidence = (Form.Evidence ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var input = new NewCommitment(Form.Title, Form.Text, Form.LeadStakeholderGroupId, Form.LeadOrganisation, Form.Signatories, Form.Owners, Form.DueOn, milestones, evidence, Form.OwnerAccountId);
        return await AfterAsync(id, (await commands.CreateCommitmentAsync(id, input, ct)).Error, "The commitment is recorded.", ct);
    }

    public async Task<IActionResult> OnPostMilestoneDoneAsync(int id, CancellationToken ct) =>
        await AfterAsync(id, (await commands.CompleteMilestoneAsync(id, Form.CommitmentId, Form.MilestoneId, Form.On, ct)).Error, "The milestone is marked reached.", ct);

    public async Task<IActionResult> OnPostAdviceAsync(int id, CancellationToken ct) =>
        await AfterAsync(id, (await commands.CreateAdviceAsync(id, Form.Title, Form.Text, Form.Link, Form.Recipient, ct)).Error, "The advice is recorded.", ct);

    public async Task<IActionResult> OnPostSentAsync(int id, CancellationToken ct) =>
        await AfterAsync(id, (await commands.SendAdviceAsync(id, Form.AdviceId, Form.On, ct)).Error, "The advice is marked sent.", ct);

    public async Task<IActionResult> OnPostResponseAsync(int id, CancellationToken ct) =>
        await AfterAsync(
            id,
            Enum.TryParse<AdviceStatus>(Form.Status, out var status) && Enum.IsDefined(status)
                ? (await commands.RecordResponseAsync(id, Form.AdviceId, status, Form.Text, Form.On, Form.Implemented, ct)).Error
                : Common.Error.Invalid("status", "Choose accepted, partly, rejected or noResponse."),
            "The response is recorded.",
            ct);

    public async Task<IActionResult> OnPostIndicatorAsync(int id, CancellationToken ct)
    {
        var created = await commands.CreateIndicatorAsync(id, Form.Title, Form.Unit, Form.Text, ct);
        if (created.Error is null)
        {
            return Redirect($"/processes/{id}/indicators/{created.Value.Id}");
        }

        return await AfterAsync(id, created.Error, "", ct);
    }

    private static T? At<T>(T?[]? values, int i)
        where T : struct => values is not null && i < values.Length ? values[i] : null;

    private async Task<IActionResult> AfterAsync(int id, Common.Error? error, string done, CancellationToken ct)
    {
        if (error is null)
        {
            TempData["Notice"] = done;
            return Redirect($"/processes/{id}/outcomes");
        }

        return await LoadAsync(id, ct) ?? Problems.ToPage(this, error, "Form.") ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var found = await processes.ViewAsync(id, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        Process = found.Value.Process;
        CanEdit = OutcomePolicy.Publish(found.Value.Actor, Process) is null;
        View = await queries.OutcomesAsync(Process, clock.GetUtcNow(), ct);
        if (CanEdit)
        {
            Sources = await choices.ListAsync(id, ct);
            OwnerChoices = await queries.OwnerChoicesAsync(id, ct);
        }

        Notice = TempData["Notice"] as string;
        return null;
    }
}

public sealed class OutcomeForm
{
    public bool ReportsRequired { get; set; }

    public int? AdviceReminderDays { get; set; }

    public string? Title { get; set; }

    public string? Text { get; set; }

    public string?[]? Sources { get; set; }

    public int? LeadStakeholderGroupId { get; set; }

    public string? LeadOrganisation { get; set; }

    public string? Signatories { get; set; }

    public string? Owners { get; set; }

    public DateOnly? DueOn { get; set; }

    public string?[]? MilestoneTitles { get; set; }

    public DateOnly?[]? MilestoneDates { get; set; }

    public int?[]? MilestoneRegions { get; set; }

    public string?[]? MilestoneOwners { get; set; }

    public string? OwnerAccountId { get; set; }

    public string? Evidence { get; set; }

    public int CommitmentId { get; set; }

    public int MilestoneId { get; set; }

    public DateOnly? On { get; set; }

    public string? Link { get; set; }

    public string? Recipient { get; set; }

    public int AdviceId { get; set; }

    public string? Status { get; set; }

    public string? Implemented { get; set; }

    public string? Unit { get; set; }
}
