using EqualFooting.Common;
using EqualFooting.Conversations;
using EqualFooting.Processes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace EqualFooting.Web.Conversations;

/// <summary>
/// A conversation without JavaScript: one statement at a time with three buttons (the one with fewest votes first),
/// a form to add a statement, the moderation queue for moderators, and the opinion map with its report.
/// </summary>
[EnableRateLimiting(RateLimits.Votes)]
public sealed class ConversationModel(ProcessAccess processes, ConversationQueries queries, ConversationCommands commands, ConversationAnalyses analyses) : PageModel
{
    public Process Process { get; private set; } = null!;

    public Conversation Conversation { get; private set; } = null!;

    public Actor Actor { get; private set; } = Actor.Anonymous;

    public NextStatement? Next { get; private set; }

    public IReadOnlyList<StatementText> Pending { get; private set; } = [];

    public ConversationMap Map { get; private set; } = null!;

    public ConversationReport Report { get; private set; } = null!;

    /// <summary>Colour the map by opinion group (the default) or by stakeholder group.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Colour { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    public string? Message { get; private set; }

    /// <summary>The actor may close the conversation (a convener of the process).</summary>
    public bool CanConvene { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int conversationId, CancellationToken ct) =>
        await LoadAsync(id, conversationId, ct) ?? Page();

    public Task<IActionResult> OnPostVoteAsync(int id, int conversationId, int statementId, string? choice, CancellationToken ct) =>
        PostAsync(id, conversationId, async () =>
        {
            var parsed = VoteChoices.Parse(choice);
            return parsed.Error ?? (await commands.VoteAsync(id, conversationId, statementId, parsed.Value, ct)).Error;
        }, ct);

    /// <summary>Conveners close the conversation to statements and votes; the map and report stay.</summary>
    public Task<IActionResult> OnPostCloseAsync(int id, int conversationId, CancellationToken ct) =>
        PostAsync(id, conversationId, async () => (await commands.CloseAsync(id, conversationId, ct)).Error, ct);

    public Task<IActionResult> OnPostStatementAsync(int id, int conversationId, CancellationToken ct) =>
        PostAsync(id, conversationId, async () => (await commands.AddStatementAsync(id, conversationId, Text, ct)).Error, ct);

    public Task<IActionResult> OnPostModerateAsync(int id, int conversationId, int statementId, string? status, CancellationToken ct) =>
        PostAsync(id, conversationId, async () =>
        {
            var parsed = ConversationEndpoints.ParseStatus(status);
            return parsed.Error ?? (await commands.ModerateAsync(id, conversationId, statementId, parsed.Value, ct)).Error;
        }, ct);

    private async Task<IActionResult> PostAsync(int id, int conversationId, Func<Task<Error?>> act, CancellationToken ct)
    {
        if (await act() is { } error)
        {
            if (error.Kind is ErrorKind.Unauthenticated)
            {
                return Challenge();
            }

            Message = error.Message;
            Response.StatusCode = Problems.StatusOf(error);
            return await LoadAsync(id, conversationId, ct) ?? Page();
        }

        return Redirect($"/processes/{id}/conversations/{conversationId}");
    }

    private async Task<IActionResult?> LoadAsync(int id, int conversationId, CancellationToken ct)
    {
        var found = await processes.ViewAsync(id, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        (Process, Actor) = found.Value;
        if (await queries.FindAsync(id, conversationId, ct) is not { } conversation)
        {
            return NotFound();
        }

        Conversation = conversation;
        CanConvene = ConversationPolicy.Close(Actor, Process) is null;
        var participant = await queries.ParticipantIdAsync(id, Actor.AccountId, ct);
        Next = participant is null ? null : await queries.NextAsync(conversationId, participant, ct);
        if (ConversationPolicy.IsModerator(Actor))
        {
            Pending = await queries.PendingAsync(conversationId, ct);
        }

        Map = await analyses.GetAsync(conversationId, ct);
        Report = ConversationReport.From(Map);
        return null;
    }

    public string GroupName(int stakeholderGroupId) =>
        Process.StakeholderGroups.FirstOrDefault(g => g.Id == stakeholderGroupId)?.Name ?? "—";

    public string RegionName(int regionId) =>
        Process.Regions.FirstOrDefault(r => r.Id == regionId)?.Name ?? "—";
}

/// <summary>A point of the map as the page draws it.</summary>
public sealed record MapParticipantView(int ParticipantId, double X, double Y, int Group, int StakeholderGroupId, int RegionId);
