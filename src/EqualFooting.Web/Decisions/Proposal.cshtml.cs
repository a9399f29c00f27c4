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

    /// <summary>The rule form, filled with the rule in force so a chair changes only what they mean to.</summary>
    [BindProperty]
    public ProposalForm Form { get; set; } = new();

    [BindProperty]
    public string? Facilitator { get; set; }

    /// <summary>One smaller proposal a line: its title, a colon, then its question.</summary>
    [BindProperty]
    public string? Parts { get; set; }

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

    public Task<IActionResult> OnPostRuleAsync(int id, int pid, CancellationToken ct) =>
        PostAsync(id, pid, async () =>
        {
            var rule = Form.ToRule().ToRule();
            return rule.Error ?? (await commands.ChangeRuleAsync(id, pid, rule.Value, Reason, ct)).Error;
        }, "The decision rule is changed.", ct);

    public Task<IActionResult> OnPostEscalateAsync(int id, int pid, CancellationToken ct) =>
        PostAsync(id, pid, async () => (await commands.EscalateAsync(id, pid, Facilitator, ct)).Error, "The proposal is handed to the facilitator.", ct);

    public Task<IActionResult> OnPostSplitAsync(int id, int pid, CancellationToken ct) =>
        PostAsync(id, pid, async () =>
        {
            var parts = (Parts ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split(':', 2, StringSplitOptions.TrimEntries))
                .Select(two => (Title: (string?)two[0], Question: two.Length > 1 ? two[1] : null))
                .ToList();
            return (await commands.SplitAsync(id, pid, parts, ct)).Error;
        }, "The proposal is split; its parts are listed below.", ct);

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
        if (!HttpMethods.IsPost(Request.Method))
        {
            Form = FormOf(view.Rule);
        }
        if (view.Rule.ProxiesAllowed && CanTakePosition)
        {
            ProxyChoices = [.. (await queries.ParticipantsAsync(id, Actor.AccountId, ct)).Where(p => !p.IsMe)];
        }

        Notice = TempData["Notice"] as string;
        return null;
    }

    private static ProposalForm FormOf(DecisionRule rule)
    {
        var form = new ProposalForm
        {
            Kind = rule.Kind.ToString(),
            Threshold = rule.Threshold.Fraction,
            AtLeast = rule.Threshold.AtLeast,
            Quorum = rule.Quorum,
            GroupTurnout = rule.GroupTurnout,
            ProxiesAllowed = rule.ProxiesAllowed,
        };
        if (rule.Houses is { Count: > 0 } houses)
        {
            form.HouseA = houses[0].Name;
            form.HouseB = houses.Count > 1 ? houses[1].Name : form.HouseB;
            foreach (var (house, letter) in houses.Take(2).Zip(["A", "B"]))
            {
                foreach (var group in house.Groups)
                {
                    form.House[group] = letter;
                }
            }
        }

        foreach (var seats in rule.Seats ?? [])
        {
            form.Seats[seats.Group] = seats.Seats;
        }

        return form;
    }
}
