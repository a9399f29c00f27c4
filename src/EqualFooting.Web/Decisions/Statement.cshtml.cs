using EqualFooting.Decisions;
using EqualFooting.Processes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Decisions;

/// <summary>One statement: every version of its draft, the dispositions, its ratification votes with the latest tally, and its sending. Works without JavaScript.</summary>
public sealed class StatementModel(ProcessAccess processes, StatementQueries queries, StatementCommands commands, TimeProvider clock) : PageModel
{
    public static readonly IReadOnlyList<string> Notices = ["The latest version is put to the members.", "The statement is marked as sent."];

    public Process Process { get; private set; } = null!;

    public Actor Actor { get; private set; } = null!;

    public StatementView View { get; private set; } = null!;

    public bool CanConvene => DecisionPolicy.Propose(Actor, Process) is null;

    [BindProperty]
    public ProposalForm Form { get; set; } = new() { Kind = nameof(RuleKind.Majority), AppealWindowDays = 0 };

    [BindProperty]
    public int WindowDays { get; set; } = 7;

    [BindProperty]
    public string? Via { get; set; }

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int sid, CancellationToken ct) => await LoadAsync(id, sid, ct) ?? Page();

    public async Task<IActionResult> OnPostRatifyAsync(int id, int sid, CancellationToken ct)
    {
        var rule = Form.ToRule().ToRule();
        var error = rule.Error ?? (await commands.PutToRatificationAsync(id, sid, rule.Value, WindowDays, Form.AppealWindowDays, ct)).Error;
        return await AfterAsync(id, sid, error, Notices[0], "Form.", ct);
    }

    public async Task<IActionResult> OnPostSendAsync(int id, int sid, CancellationToken ct) =>
        await AfterAsync(id, sid, (await commands.SendAsync(id, sid, Via, ct)).Error, Notices[1], "", ct);

    private async Task<IActionResult> AfterAsync(int id, int sid, Common.Error? error, string done, string prefix, CancellationToken ct)
    {
        if (error is null)
        {
            TempData["Notice"] = done;
            return Redirect($"/processes/{id}/statements/{sid}");
        }

        if (await LoadAsync(id, sid, ct) is { } stop)
        {
            return stop;
        }

        // The window and the version are the statement's own fields, not the rule's.
        var field = error.Field is "windowDays" or "via" or null ? "" : prefix;
        return Problems.ToPage(this, error, field) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(int id, int sid, CancellationToken ct)
    {
        var found = await processes.ViewAsync(id, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        (Process, Actor) = found.Value;
        var view = await queries.ViewAsync(Process, sid, clock.GetUtcNow(), ct);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        Notice = TempData["Notice"] as string;
        return null;
    }
}
