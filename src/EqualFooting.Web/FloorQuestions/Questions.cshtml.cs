using EqualFooting.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.FloorQuestions;

/// <summary>Questions from the floor of a process (or one session): ask, upvote, and for moderators approve, hold, merge and mark answered.</summary>
public sealed class QuestionsModel(ProcessAccess processes, FloorQuestionCommands commands, FloorQuestionQueries queries) : PageModel
{
    public ProcessContext Context { get; private set; } = null!;

    public IReadOnlyList<QuestionDto> Questions { get; private set; } = [];

    public bool CanAsk { get; private set; }

    public bool CanModerate { get; private set; }

    [BindProperty(SupportsGet = true)]
    public int? Session { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Order { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public int? Into { get; set; }

    [BindProperty]
    public long? Intervention { get; set; }

    public Task<IActionResult> OnGetAsync(int processId, CancellationToken ct) => ShowAsync(processId, ct);

    public async Task<IActionResult> OnPostAskAsync(int processId, CancellationToken ct) =>
        await AfterAsync(processId, await commands.AskAsync(processId, new AskRequest(Text, null, Session), ct), ct);

    public async Task<IActionResult> OnPostUpvoteAsync(int processId, int questionId, CancellationToken ct) =>
        await AfterAsync(processId, await commands.UpvoteAsync(questionId, ct), ct);

    public async Task<IActionResult> OnPostApproveAsync(int processId, int questionId, CancellationToken ct) =>
        await AfterAsync(processId, await commands.ApproveAsync(questionId, ct), ct);

    public async Task<IActionResult> OnPostHoldAsync(int processId, int questionId, CancellationToken ct) =>
        await AfterAsync(processId, await commands.HoldAsync(questionId, ct), ct);

    public async Task<IActionResult> OnPostMergeAsync(int processId, int questionId, CancellationToken ct) =>
        await AfterAsync(processId, await commands.MergeAsync(questionId, Into, ct), ct);

    public async Task<IActionResult> OnPostAnswerAsync(int processId, int questionId, CancellationToken ct) =>
        await AfterAsync(processId, await commands.AnswerAsync(questionId, new AnswerRequest(Session, Intervention), ct), ct);

    private async Task<IActionResult> AfterAsync<T>(int processId, Result<T> result, CancellationToken ct) =>
        result.Error is { } error ? Problems.ToPage(this, error) ?? await ShowAsync(processId, ct) : Redirect(Request.Path + Request.QueryString);

    private async Task<IActionResult> ShowAsync(int processId, CancellationToken ct)
    {
        var found = await processes.ViewAsync(processId, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        Context = new ProcessContext(found.Value.Process, found.Value.Actor);
        Questions = await queries.ListAsync(Context.Process, Context.Actor, Session, Order == "balanced", ct);
        CanAsk = FloorQuestionPolicy.Ask(Context.Actor, Context.Process) is null;
        CanModerate = FloorQuestionPolicy.Moderate(Context.Actor, Context.Process) is null;
        return Page();
    }
}
