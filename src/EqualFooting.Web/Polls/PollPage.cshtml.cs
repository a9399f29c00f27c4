using EqualFooting.Common;
using EqualFooting.Polls;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Polls;

/// <summary>A poll: the ballot form for participants, the results for everyone who may see them, and the moderator's controls.</summary>
public sealed class PollPageModel(PollCommands commands, PollQueries queries, TimeProvider clock) : PageModel
{
    public PollContext Context { get; private set; } = null!;

    public PollResultsDto Results { get; private set; } = null!;

    public MyBallotDto? Mine { get; private set; }

    public bool CanRun { get; private set; }

    public bool CanVote { get; private set; }

    [BindProperty]
    public List<int> Choices { get; set; } = [];

    [BindProperty]
    public string? Rating { get; set; }

    [BindProperty]
    public string? Stance { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public int? StakeholderGroupId { get; set; }

    [BindProperty]
    public int? RegionId { get; set; }

    [BindProperty]
    public List<int> Counts { get; set; } = [];

    [BindProperty]
    public bool Anonymous { get; set; }

    [BindProperty]
    public bool ResultsWhileOpen { get; set; }

    public Task<IActionResult> OnGetAsync(int pollId, CancellationToken ct) => ShowAsync(pollId, ct);

    public async Task<IActionResult> OnPostVoteAsync(int pollId, CancellationToken ct)
    {
        var dontKnow = Rating == "dont-know";
        int? rating = int.TryParse(Rating, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var r) ? r : null;
        return await AfterAsync(pollId, await commands.VoteAsync(pollId, new AnswerInput(Choices, rating, dontKnow, Stance, Reason)), ct);
    }

    public async Task<IActionResult> OnPostHandsAsync(int pollId, CancellationToken ct) =>
        await AfterAsync(pollId, await commands.CountHandsAsync(pollId, new HandCountRequest(StakeholderGroupId, RegionId, Counts), ct), ct);

    public async Task<IActionResult> OnPostSettingsAsync(int pollId, CancellationToken ct) =>
        await AfterAsync(pollId, await commands.ChangeSettingsAsync(pollId, Anonymous, ResultsWhileOpen, ct), ct);

    public async Task<IActionResult> OnPostCloseAsync(int pollId, CancellationToken ct) =>
        await AfterAsync(pollId, await commands.CloseAsync(pollId, ct), ct);

    private async Task<IActionResult> AfterAsync<T>(int pollId, Result<T> result, CancellationToken ct) =>
        result.Error is { } error ? Problems.ToPage(this, error) ?? await ShowAsync(pollId, ct) : Redirect(Request.Path);

    private async Task<IActionResult> ShowAsync(int pollId, CancellationToken ct)
    {
        var found = await commands.FindAsync(pollId, tracked: false, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        Context = found.Value;
        var (poll, process, actor) = (Context.Poll, Context.Process, Context.Actor);
        Results = await queries.ResultsAsync(poll, process, PollPolicy.SeesResults(actor, poll), clock.GetUtcNow(), ct);
        Mine = await queries.MyBallotAsync(poll.Id, actor, process.Id, ct);
        CanRun = PollPolicy.Run(actor, process) is null;
        CanVote = PollPolicy.Vote(actor, process) is null && poll.IsOpenAt(clock.GetUtcNow());
        if (!ModelState.IsValid)
        {
            return Page();
        }

        Anonymous = poll.Anonymous;
        ResultsWhileOpen = poll.ResultsWhileOpen;
        return Page();
    }
}
