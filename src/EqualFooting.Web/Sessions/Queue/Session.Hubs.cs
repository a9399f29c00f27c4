using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Sessions;

/// <summary>The participants' page for a remote hub's operator: the hub's hand, raised and lowered like one's own.</summary>
public sealed partial class SessionModel
{
    /// <summary>The hubs of this session that the actor operates.</summary>
    public IReadOnlyList<HubDto> MyHubs { get; private set; } = [];

    public async Task<IActionResult> OnPostHubRaiseAsync(int sessionId, int hubId, int? stakeholderGroupId, CancellationToken ct) =>
        await AfterAsync(sessionId, await Commands.RaiseHubHandAsync(sessionId, hubId, stakeholderGroupId, false, ct), () => ShowAsync(sessionId, ct));

    public async Task<IActionResult> OnPostHubLowerAsync(int sessionId, int hubId, CancellationToken ct) =>
        await AfterAsync(sessionId, await Commands.LowerHubHandAsync(sessionId, hubId, ct), () => ShowAsync(sessionId, ct));

    private async Task<IReadOnlyList<HubDto>> MyHubsAsync(CancellationToken ct)
    {
        if (Context.Actor.AccountId is not { } account || State.Hubs.Count == 0)
        {
            return [];
        }

        var mine = await db.RemoteHubs
            .Where(h => h.SessionId == Context.Session.Id && h.OperatorAccountId == account)
            .Select(h => h.Id)
            .ToListAsync(ct);
        return [.. State.Hubs.Where(h => mine.Contains(h.Id))];
    }
}
