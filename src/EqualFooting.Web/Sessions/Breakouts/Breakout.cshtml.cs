using EqualFooting.Common;
using EqualFooting.Sessions;
using EqualFooting.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace EqualFooting.Web.Sessions.Breakouts;

/// <summary>
/// A breakout round: the questions, the groups and their reports. Members write their group's shared report here;
/// moderators move people and choose rapporteurs. The report form is not a live region, so text being typed is never
/// replaced by a push; a save based on an old version is refused and shows the newer text beside the writer's own.
/// </summary>
public sealed class BreakoutModel(BreakoutCommands commands, BreakoutQueries queries) : BreakoutPageBase(commands, queries)
{
    public bool CanArrange { get; private set; }

    public bool CanFollowUp { get; private set; }

    /// <summary>The groups whose report the actor may write.</summary>
    public IReadOnlySet<int> Writable { get; private set; } = new HashSet<int>();

    public int? MyGroup { get; private set; }

    /// <summary>After a refused save: the group, the text the writer sent (kept in the form), and the version to base the next save on.</summary>
    public (int Group, string? Mine, int Version)? Stale { get; private set; }

    public Task<IActionResult> OnGetAsync(int breakoutId, CancellationToken ct) => ShowAsync(breakoutId, ct);

    public async Task<IActionResult> OnPostReportAsync(int breakoutId, int group, string? text, int? version, bool send, CancellationToken ct)
    {
        var saved = await Commands.SaveReportAsync(breakoutId, group, text, version, send, ct);
        if (saved.Error is { Kind: ErrorKind.Conflict, Field: "version" } stale)
        {
            ModelState.AddModelError($"report-{group}", stale.Message);
            var shown = await ShowAsync(breakoutId, ct);
            Stale = (group, text, View.Groups.First(g => g.Number == group).Report.Version);
            return shown;
        }

        if (saved.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? await ShowAsync(breakoutId, ct);
        }

        return Redirect($"{Request.Path}#group-{group}");
    }

    public async Task<IActionResult> OnPostMoveAsync(int breakoutId, int participantId, int? group, CancellationToken ct) =>
        await AfterAsync(await Commands.MoveAsync(breakoutId, participantId, group is > 0 ? group : null, ct), () => ShowAsync(breakoutId, ct));

    public async Task<IActionResult> OnPostRapporteurAsync(int breakoutId, int group, int? participantId, CancellationToken ct) =>
        await AfterAsync(await Commands.ChooseRapporteurAsync(breakoutId, group, participantId is > 0 ? participantId : null, ct), () => ShowAsync(breakoutId, ct));

    private async Task<IActionResult> ShowAsync(int breakoutId, CancellationToken ct)
    {
        if (await LoadAsync(breakoutId, ct) is { } instead)
        {
            return instead;
        }

        var (b, s, me) = Context;
        CanArrange = BreakoutPolicy.Arrange(s.Actor, s.Process, s.Session) is null;
        CanFollowUp = BreakoutPolicy.FollowUp(s.Actor, s.Process) is null;
        Writable = b.Groups.Where(g => BreakoutPolicy.WriteReport(s.Actor, s.Process, b, g.Number, me) is null).Select(g => g.Number).ToHashSet();
        MyGroup = me is { } id ? b.MemberOf(id)?.GroupNumber : null;
        return Page();
    }
}
