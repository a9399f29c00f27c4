using EqualFooting.Decisions;
using EqualFooting.Deliberation;
using EqualFooting.Processes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Decisions;

/// <summary>One proposal: its rule, positions, tallies by group and region, the rule comparison, minority views and appeals. Every form works without JavaScript.</summary>
public sealed class ProposalModel(ProcessAccess processes, DecisionQueries queries, DecisionCommands commands, TimeProvider clock) : PageModel
{
    public Process Process { get; private set; } = null!;

    public Actor Actor { get; private set; } = null!;

    public ProposalView View { get; private set; } = null!;

    public bool CanChair => DecisionPolicy.Chair(Actor, Process, View.Proposal) is null;

    public bool CanTakePosition => Actor.IsParticipant && View.Proposal.AcceptsPositions(clock.GetUtcNow()) is null;

    /// <summary>Whom the signed-in participant may name as proxy; empty when the rule allows none or positions are over.</summary>
    public IReadOnlyList<ParticipantChoice> ProxyChoices { get; private set; } = [];

    [BindProperty]
    public int? To { get; set; }

    public bool AppealOpen => Actor.IsParticipant && View.Proposal.AcceptsAppeal(clock.GetUtcNow()) is null;

    [BindProperty]
    public string? Stance { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public string? Designation { get; set; }

    [BindProperty]
    public string? Ruling { get; set; }

    [BindProperty]
    public int AppealId { get; set; }

    [BindProperty]
    public long PositionId { get; set; }

    [BindProperty]
    public string? Answer { get; set; }

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int pid, CancellationToken ct) => await LoadAsync(id, pid, ct) ?? Page();

    public Task<IActionResult> OnPostPositionAsync(int id, int pid, CancellationToken ct) =>
        PostAsync(id, pid, async () =>
        {
            var stance = Deliberation.Position.ParseStance(Stance);
            return stance.Error ?? (await commands.TakePositionAsync(id, pid, stance.Value, Reason, ct)).Error;
        }, "Your position is recorded.", ct);

    public Task<IActionResult> OnPostCloseAsync(int id, int pid, CancellationToken ct) =>
        PostAsync(id, pid, async () =>
        {
            RoughDeclaration? declaration = Enum.TryParse<Designation>(Designation, out var d) ? new RoughDeclaration(d, Reason ?? "") : null;
            return (await commands.CloseAsync(id, pid, declaration, ct)).Error;
        }, "The proposal is closed.", ct);

    public Task<IActionResult> OnPostMinorityViewAsync(int id, int pid, CancellationToken ct) =>
        PostAsync(id, pid, async () => (await commands.AttachMinorityViewAsync(id, pid, Text, ct)).Error, "Your minority view is published with the decision.", ct);

    public Task<IActionResult> OnPostAppealAsync(int id, int pid, CancellationToken ct) =>
        PostAsync(id, pid, async () => (await commands.FileAppealAsync(id, pid, Text, ct)).Error, "Your appeal is filed.", ct);

    public Task<IActionResult> OnPostRulingAsync(int id, int pid, CancellationToken ct) =>
        PostAsync(id, pid, async () => Enum.TryParse<Ruling>(Ruling, out var r)
            ? (await commands.RuleAsync(id, pid, AppealId, r, Reason, ct)).Error
            : Common.Error.Invalid("ruling", "Rule upheld, sent back or reversed."), "The ruling is recorded.", ct);

    public Task<IActionResult> OnPostProxyAsync(int id, int pid, CancellationToken ct) =>
        PostAsync(id, pid, async () => To is { } to
            ? (await commands.GiveProxyAsync(id, pid, to, ct)).Error
            : Common.Error.Invalid("to", "Name the participant who carries your position."), "Your proxy is named.", ct);

    public Task<IActionResult> OnPostResponseAsync(int id, int pid, CancellationToken ct) =>
        PostAsync(id, pid, async () => Enum.TryParse<ResponseKind>(Answer, out var r)
            ? (await commands.AnswerObjectionAsync(id, pid, PositionId, r, Text, ct)).Error
            : Common.Error.Invalid("response", "Say whether the objection was addressed, accommodated or not accommodated."), "The response is recorded.", ct);

    private async Task<IActionResult> PostAsync(int id, int pid, Func<Task<Common.Error?>> act, string done, CancellationToken ct)
    {
        var error = await act();
        if (error is null)
        {
            TempData["Notice"] = done;
            return Redirect($"/processes/{id}/proposals/{pid}");
        }

        if (await LoadAsync(id, pid, ct) is { } stop)
        {
            return stop;
        }

        return Problems.ToPage(this, error) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(int id, int pid, CancellationToken ct)
    {
        var found = await processes.ViewAsync(id, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        (Process, Actor) = found.Value;
        var view = await queries.ViewAsync(Process, pid, clock.GetUtcNow(), ct);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        if (view.Rule.ProxiesAllowed && CanTakePosition)
        {
            ProxyChoices = [.. (await queries.ParticipantsAsync(id, Actor.AccountId, ct)).Where(p => !p.IsMe)];
        }

        Notice = TempData["Notice"] as string;
        return null;
    }
}
