using EqualFooting.Sessions;
using EqualFooting.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace EqualFooting.Web.Sessions.Breakouts;

/// <summary>A session's breakout rounds: the list, a moderator's form to split the room, and a participant's table.</summary>
public sealed class IndexModel(SessionCommands sessions, SessionQueries queries, BreakoutCommands commands, BreakoutQueries breakouts) : SessionPageBase(sessions, queries)
{
    public IReadOnlyList<BreakoutSummaryDto> Rounds { get; private set; } = [];

    public bool CanArrange { get; private set; }

    public int? MyParticipantId { get; private set; }

    public int? MyTable { get; private set; }

    [BindProperty]
    public SplitForm Form { get; set; } = new();

    public Task<IActionResult> OnGetAsync(int sessionId, CancellationToken ct) => ShowAsync(sessionId, ct);

    public async Task<IActionResult> OnPostSplitAsync(int sessionId, CancellationToken ct)
    {
        var questions = (Form.Questions ?? "").Split('\n').Select(q => (string?)q).ToList();
        var created = await commands.SplitAsync(sessionId, new SplitRequest(Form.Title, questions, Form.Strategy, Form.GroupCount, Form.TableCount, Form.Seed), ct);
        if (created.Error is { } error)
        {
            return Problems.ToPage(this, error, "Form.") ?? await ShowAsync(sessionId, ct);
        }

        return Redirect($"/breakouts/{created.Value.Id}");
    }

    public async Task<IActionResult> OnPostTableAsync(int sessionId, int? table, CancellationToken ct) =>
        await AfterAsync(sessionId, await commands.DeclareTableAsync(sessionId, table, ct), () => ShowAsync(sessionId, ct));

    private async Task<IActionResult> ShowAsync(int sessionId, CancellationToken ct)
    {
        if (await LoadAsync(sessionId, ct) is { } instead)
        {
            return instead;
        }

        Rounds = await breakouts.ListAsync(sessionId, ct);
        CanArrange = BreakoutPolicy.Arrange(Context.Actor, Context.Process, Context.Session) is null;
        MyParticipantId = await commands.MyParticipantIdAsync(Context, ct);
        if (MyParticipantId is { } me)
        {
            MyTable = (await commands.RoomAsync(Context, ct)).FirstOrDefault(p => p.ParticipantId == me)?.Table;
        }

        return Page();
    }
}

public sealed class SplitForm
{
    public string? Title { get; set; }

    /// <summary>One question a line.</summary>
    public string? Questions { get; set; }

    public BreakoutStrategy? Strategy { get; set; } = BreakoutStrategy.ByRegion;

    public int? GroupCount { get; set; }

    public int? TableCount { get; set; }

    public int? Seed { get; set; }
}
