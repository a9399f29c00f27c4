using System.Globalization;
using EqualFooting.Decisions;
using EqualFooting.Processes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Decisions;

public sealed class ProposalForm
{
    public string? Title { get; set; }

    public string? Text { get; set; }

    public string? Question { get; set; }

    public string Kind { get; set; } = nameof(RuleKind.Consensus);

    public double Threshold { get; set; } = 0.5;

    public bool AtLeast { get; set; }

    public double Quorum { get; set; }

    public double GroupTurnout { get; set; }

    public string HouseA { get; set; } = "Contracted parties";

    public string HouseB { get; set; } = "Non-contracted parties";

    /// <summary>Per stakeholder group: "A", "B" or empty (no houses).</summary>
    public Dictionary<int, string> House { get; set; } = [];

    public Dictionary<int, int> Seats { get; set; } = [];

    public bool ProxiesAllowed { get; set; }

    public int AppealWindowDays { get; set; } = 14;

    public int EscalateAfterRounds { get; set; } = 3;

    /// <summary>One link a line: "consultation 3", "session 5", "poll 2", "conversation 9".</summary>
    public string? Links { get; set; }

    public RuleRequest ToRule()
    {
        var houses = House.Where(h => h.Value is "A" or "B").GroupBy(h => h.Value).OrderBy(g => g.Key)
            .Select(g => new HouseRequest(g.Key == "A" ? HouseA : HouseB, [.. g.Select(h => h.Key)])).ToArray();
        var seats = Seats.Where(s => s.Value > 0).Select(s => new SeatsRequest(s.Key, s.Value)).ToArray();
        return new RuleRequest(Kind, Threshold, AtLeast, Quorum, GroupTurnout, houses.Length > 0 ? houses : null, houses.Length > 0 ? 0.75 : null, houses.Length > 0 ? 0.5 : null, seats.Length > 0 ? seats : null, ProxiesAllowed);
    }

    public LinkRequest[] ToLinks() =>
        [.. (Links ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(parts => new LinkRequest(parts[0], parts.Length > 1 && int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0))];
}

/// <summary>The rule fields' model: the form they fill and the process's active stakeholder groups.</summary>
public sealed record RuleFieldsModel(ProposalForm Form, IReadOnlyList<StakeholderGroup> Groups);

public sealed class CreateModel(ProcessAccess processes, DecisionCommands commands) : PageModel
{
    public Process Process { get; private set; } = null!;

    [BindProperty]
    public ProposalForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } stop)
        {
            return stop;
        }

        var input = new ProposalRequest(Form.Title, Form.Text, Form.Question, Form.ToRule(), Form.ToLinks(), Form.AppealWindowDays, Form.EscalateAfterRounds).ToNew();
        if (input.Error is { } bad)
        {
            return Problems.ToPage(this, bad, "Form.") ?? Page();
        }

        var created = await commands.ProposeAsync(id, input.Value, ct);
        if (created.Error is { } error)
        {
            return Problems.ToPage(this, error, "Form.") ?? Page();
        }

        return Redirect($"/processes/{id}/proposals/{created.Value.Id}");
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var found = await processes.FindAsync(id, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        (Process, var actor) = found.Value;
        return DecisionPolicy.Propose(actor, Process) is { } denied ? Problems.ToPage(this, denied) ?? Forbid() : null;
    }
}
