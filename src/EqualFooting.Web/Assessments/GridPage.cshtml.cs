using System.Globalization;
using EqualFooting.Assessments;
using EqualFooting.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Assessments;

/// <summary>A grid: the answer form for participants, the consensus forms for breakout rapporteurs, the table with its heatmap, and the runner's controls.</summary>
public sealed class GridPageModel(GridCommands commands, GridQueries queries) : PageModel
{
    public GridContext Context { get; private set; } = null!;

    public GridResultsDto Results { get; private set; } = null!;

    public IReadOnlyList<MyAnswerDto> Mine { get; private set; } = [];

    public IReadOnlyList<BreakoutGroupChoice> MyGroups { get; private set; } = [];

    public IReadOnlyList<(int Id, string Title)> Breakouts { get; private set; } = [];

    public bool CanRun { get; private set; }

    public bool CanAnswer { get; private set; }

    [BindProperty(SupportsGet = true)]
    public GridRows Rows { get; set; } = GridRows.Regions;

    /// <summary>One rating per question (by index), empty for a question left unanswered.</summary>
    [BindProperty]
    public List<string?> Ratings { get; set; } = [];

    [BindProperty]
    public List<string?> Comments { get; set; } = [];

    [BindProperty]
    public int? Group { get; set; }

    [BindProperty]
    public int? BreakoutId { get; set; }

    public Task<IActionResult> OnGetAsync(int gridId, CancellationToken ct) => ShowAsync(gridId, ct);

    public async Task<IActionResult> OnPostAnswerAsync(int gridId, CancellationToken ct) =>
        await AfterAsync(gridId, await commands.AnswerAsync(gridId, Inputs(), ct), ct);

    public async Task<IActionResult> OnPostConsensusAsync(int gridId, CancellationToken ct) =>
        Group is not { } group
            ? await AfterAsync(gridId, (Result<bool>)Error.Invalid("group", "Choose a breakout group."), ct)
            : await AfterAsync(gridId, await commands.EnterConsensusAsync(gridId, group, Inputs(), ct), ct);

    public async Task<IActionResult> OnPostCloseAsync(int gridId, CancellationToken ct) =>
        await AfterAsync(gridId, await commands.CloseAsync(gridId, ct), ct);

    public async Task<IActionResult> OnPostRunAgainAsync(int gridId, CancellationToken ct)
    {
        var again = await commands.RunAgainAsync(gridId, BreakoutId, ct);
        return again.Error is { } error ? Problems.ToPage(this, error) ?? await ShowAsync(gridId, ct) : Redirect($"/grids/{again.Value.Id}");
    }

    /// <summary>The filled-in questions; a rating that is not a number is passed on as out of range so the use case names it.</summary>
    private List<RatingInput> Inputs() =>
        [.. Ratings.Select((r, q) => (r, q))
            .Where(x => !string.IsNullOrWhiteSpace(x.r))
            .Select(x => new RatingInput(x.q, int.TryParse(x.r, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : int.MinValue, x.q < Comments.Count ? Comments[x.q] : null))];

    private async Task<IActionResult> AfterAsync<T>(int gridId, Result<T> result, CancellationToken ct) =>
        result.Error is { } error ? Problems.ToPage(this, error) ?? await ShowAsync(gridId, ct) : Redirect($"{Request.Path}?rows={Rows}");

    private async Task<IActionResult> ShowAsync(int gridId, CancellationToken ct)
    {
        var found = await commands.FindAsync(gridId, tracked: false, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        Context = found.Value;
        var (grid, process, actor) = (Context.Grid, Context.Process, Context.Actor);
        Results = await queries.ResultsAsync(grid, process, Rows, ct);
        Mine = await queries.MyAnswersAsync(grid.Id, actor, process.Id, ct);
        CanRun = GridPolicy.Run(actor, process) is null;
        CanAnswer = grid.IsOpen && GridPolicy.Answer(actor, process) is null;
        if (grid.IsOpen && grid.BreakoutId is not null && actor.IsSignedIn)
        {
            var me = await commands.MyParticipantIdAsync(Context, ct);
            MyGroups = [.. (await queries.GroupsAsync(grid, ct)).Where(g => GridPolicy.EnterConsensus(actor, process, g.RapporteurParticipantId, me) is null)];
        }

        if (CanRun)
        {
            Breakouts = await queries.BreakoutsAsync(process.Id, ct);
        }

        return Page();
    }

    public static string Number(double? value) => value?.ToString("0.##", CultureInfo.CurrentCulture) ?? "–";
}
