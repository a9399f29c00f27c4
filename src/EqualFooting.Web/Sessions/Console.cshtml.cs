using EqualFooting.Sessions;
using EqualFooting.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace EqualFooting.Web.Sessions;

/// <summary>
/// The moderator's console. Every form carries the sequence number the moderator saw, so an action taken on a
/// state someone else has just changed is refused with a message instead of doing something unintended.
/// </summary>
public sealed partial class ConsoleModel(SessionCommands commands, SessionQueries queries) : SessionPageBase(commands, queries)
{
    public Task<IActionResult> OnGetAsync(int sessionId, CancellationToken ct) => ShowAsync(sessionId, ct);

    public async Task<IActionResult> OnPostStartAsync(int sessionId, long? sequence, CancellationToken ct) =>
        await AfterAsync(sessionId, await Commands.StartSessionAsync(sessionId, sequence, ct), () => ShowAsync(sessionId, ct));

    public async Task<IActionResult> OnPostEndAsync(int sessionId, long? sequence, CancellationToken ct) =>
        Confirmation.Check(Request, ModelState)
            ? await AfterAsync(sessionId, await Commands.EndSessionAsync(sessionId, sequence, ct), () => ShowAsync(sessionId, ct))
            : await ShowAsync(sessionId, ct);

    public async Task<IActionResult> OnPostFloorAsync(int sessionId, long? entryId, string? reason, long? sequence, CancellationToken ct) =>
        await AfterAsync(sessionId, await Commands.GiveFloorAsync(sessionId, entryId, reason, sequence, ct), () => ShowAsync(sessionId, ct));

    public async Task<IActionResult> OnPostEndInterventionAsync(int sessionId, long? sequence, CancellationToken ct) =>
        await AfterAsync(sessionId, await Commands.EndInterventionAsync(sessionId, sequence, ct), () => ShowAsync(sessionId, ct));

    public async Task<IActionResult> OnPostCloseAsync(int sessionId, long? sequence, CancellationToken ct) =>
        await AfterAsync(sessionId, await Commands.CloseQueueAsync(sessionId, sequence, ct), () => ShowAsync(sessionId, ct));

    public async Task<IActionResult> OnPostReopenAsync(int sessionId, long? sequence, CancellationToken ct) =>
        await AfterAsync(sessionId, await Commands.ReopenQueueAsync(sessionId, sequence, ct), () => ShowAsync(sessionId, ct));

    public async Task<IActionResult> OnPostLowerAsync(int sessionId, long entryId, CancellationToken ct) =>
        await AfterAsync(sessionId, await Commands.LowerHandOfAsync(sessionId, entryId, ct), () => ShowAsync(sessionId, ct));

    /// <param name="kind">An ordinary hand, or the point of order, interposed question or follow-up the person raised from the floor; <paramref name="pointOfOrder"/> is the older form's box.</param>
    public async Task<IActionResult> OnPostInRoomAsync(int sessionId, string? name, int? stakeholderGroupId, int? regionId, HandKind? kind, bool pointOfOrder, CancellationToken ct) =>
        await AfterAsync(sessionId, await Commands.AddInRoomSpeakerAsync(sessionId, name, stakeholderGroupId, regionId, null, kind ?? (pointOfOrder ? HandKind.PointOfOrder : HandKind.Normal), ct), () => ShowAsync(sessionId, ct));

    public async Task<IActionResult> OnPostPauseAsync(int sessionId, long? sequence, CancellationToken ct) =>
        await AfterAsync(sessionId, await Commands.PauseAsync(sessionId, pause: true, sequence, ct), () => ShowAsync(sessionId, ct));

    public async Task<IActionResult> OnPostResumeAsync(int sessionId, long? sequence, CancellationToken ct) =>
        await AfterAsync(sessionId, await Commands.PauseAsync(sessionId, pause: false, sequence, ct), () => ShowAsync(sessionId, ct));

    public async Task<IActionResult> OnPostConferenceLinkAsync(int sessionId, string? conferenceUrl, CancellationToken ct) =>
        await AfterAsync(sessionId, await Commands.ChangeConferenceLinkAsync(sessionId, conferenceUrl, ct), () => ShowAsync(sessionId, ct));

    public async Task<IActionResult> OnPostAgendaItemAsync(int sessionId, string? title, int? plannedMinutes, int? allottedSeconds, CancellationToken ct) =>
        await AfterAsync(sessionId, await Commands.AddAgendaItemAsync(sessionId, title, plannedMinutes, allottedSeconds, ct), () => ShowAsync(sessionId, ct));

    public async Task<IActionResult> OnPostStartItemAsync(int sessionId, int itemId, long? sequence, CancellationToken ct) =>
        await AfterAsync(sessionId, await Commands.StartAgendaItemAsync(sessionId, itemId, sequence, ct), () => ShowAsync(sessionId, ct));

    public async Task<IActionResult> OnPostAllotmentAsync(int sessionId, int? allottedSeconds, long? sequence, CancellationToken ct) =>
        await AfterAsync(sessionId, await Commands.AdjustAllotmentAsync(sessionId, allottedSeconds, sequence, ct), () => ShowAsync(sessionId, ct));

    private async Task<IActionResult> ShowAsync(int sessionId, CancellationToken ct)
    {
        if (await LoadAsync(sessionId, ct) is { } instead)
        {
            return instead;
        }

        FillPolicyForm();

        if (SessionPolicy.ViewConsole(Context.Actor, Context.Process) is { } denied)
        {
            return Problems.ToPage(this, denied) ?? Forbid();
        }

        return Page();
    }
}
