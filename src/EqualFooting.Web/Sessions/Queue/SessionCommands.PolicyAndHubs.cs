using EqualFooting.Common;
using EqualFooting.Sessions;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Sessions;

/// <summary>Choosing the queue policy of a session, and the remote hubs that queue in it.</summary>
public sealed partial class SessionCommands
{
    /// <summary>
    /// Sets the queue policy and its settings, before the session or while it runs (not after it ends). Checked
    /// against the version the moderator saw, like every moderator action: a policy chosen on a stale screen is a 409.
    /// </summary>
    public Task<Result<Session>> ChangePolicyAsync(int sessionId, QueuePolicyKind? policy, QueuePolicySettings? settings, long? expectedSequence, CancellationToken ct = default) =>
        ChangeAsync<Session>(sessionId, expectedSequence, false, (c, now) =>
        {
            settings ??= QueuePolicySettings.None;
            if ((SessionPolicy.Moderate(c.Actor, c.Process) ?? ForeignGroups(c.Process, settings)) is { } error)
            {
                return Done<Session>(error);
            }

            if (policy is null)
            {
                return Done<Session>(Error.Invalid("policy", "Choose a queue policy."));
            }

            var changed = c.Session.ChangePolicy(policy.Value, settings, now);
            return Done(changed.Error is { } invalid ? Fail<Session>(invalid)
                : changed.Value ? new Outcome<Session>(c.Session, EqualFooting.Web.Sessions.SessionRecord.PolicyChanged, () => new Dictionary<string, object?>
                {
                    ["session"] = c.Session.Id,
                    ["status"] = c.Session.Status,
                    ["policy"] = c.Session.PolicyKind,
                    ["policySettings"] = c.Session.PolicySettings,
                })
                : new Outcome<Session>(c.Session));
        }, ct);

    /// <param name="operatorEmail">The account that will raise the hub's hand; empty when only moderators will.</param>
    /// <remarks>Claims the session's version, so two registrations at once cannot pass the limit on hubs together.</remarks>
    public Task<Result<RemoteHub>> RegisterHubAsync(int sessionId, RemoteHubDetails details, string? operatorEmail, CancellationToken ct = default) =>
        ChangeAsync<RemoteHub>(sessionId, null, true, async (c, now) =>
        {
            if (SessionPolicy.Moderate(c.Actor, c.Process) is { } denied)
            {
                return denied;
            }

            string? operatorId = null;
            if (!string.IsNullOrWhiteSpace(operatorEmail))
            {
                var normalized = operatorEmail.Trim().ToUpperInvariant();
                operatorId = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(ct);
                if (operatorId is null)
                {
                    return Error.Invalid("operatorEmail", "No account has this email address; the hub's operator must register first.");
                }
            }

            if (await db.RemoteHubs.CountAsync(h => h.SessionId == sessionId, ct) >= RemoteHub.MaxPerSession)
            {
                return Error.Conflict($"A session has at most {RemoteHub.MaxPerSession} remote hubs.");
            }

            var hub = RemoteHub.Register(c.Session, c.Process, details, operatorId, now);
            if (hub.Error is { } invalid)
            {
                return invalid;
            }

            db.RemoteHubs.Add(hub.Value);
            return new Outcome<RemoteHub>(hub.Value, SessionRecord.HubRegistered, () => new Dictionary<string, object?>
            {
                ["session"] = c.Session.Id,
                ["hub"] = hub.Value.Id,
                ["name"] = hub.Value.Name,
                ["location"] = hub.Value.Location,
                ["regionId"] = hub.Value.RegionId,
                ["stakeholderGroupId"] = hub.Value.StakeholderGroupId,
                ["stakeholderMix"] = hub.Value.StakeholderMix,
                ["operator"] = operatorId,
            });
        }, ct);

    /// <summary>
    /// Puts a hub's hand up, always as a remote hand. The group is the hub's own unless the operator names the group
    /// of the person about to speak, so a mixed hub's civil-society speaker is not counted as, say, academia.
    /// </summary>
    public Task<Result<QueueEntry>> RaiseHubHandAsync(int sessionId, int hubId, int? stakeholderGroupId, bool pointOfOrder, CancellationToken ct = default) =>
        ChangeAsync<QueueEntry>(sessionId, null, true, async (c, now) =>
        {
            var hub = await HubAsync(c, hubId, ct);
            if (hub.Error is { } error)
            {
                return error;
            }

            var group = stakeholderGroupId ?? hub.Value.StakeholderGroupId;
            if (!c.Process.StakeholderGroups.Any(g => g.Id == group && !g.IsRetired))
            {
                return Error.Invalid("stakeholderGroupId", "Choose one of this process's stakeholder groups.");
            }

            var hand = new HandRaise(hub.Value.Speaker, group, hub.Value.RegionId, null, true, pointOfOrder ? HandKind.PointOfOrder : HandKind.Normal);
            return Raise(c, hand, now);
        }, ct);

    public Task<Result<bool>> LowerHubHandAsync(int sessionId, int hubId, CancellationToken ct = default) =>
        ChangeAsync<bool>(sessionId, null, true, async (c, now) =>
        {
            var hub = await HubAsync(c, hubId, ct);
            return hub.Error is { } error ? error : Lower(c, hub.Value.Speaker, now);
        }, ct);

    private async Task<Result<RemoteHub>> HubAsync(SessionContext c, int hubId, CancellationToken ct)
    {
        var hub = await db.RemoteHubs.AsNoTracking().FirstOrDefaultAsync(h => h.Id == hubId && h.SessionId == c.Session.Id, ct);
        if (hub is null)
        {
            return SessionPolicy.View(c.Actor, c.Process) ?? Error.NotFound("No such remote hub in this session.");
        }

        return (SessionPolicy.OperateHub(c.Actor, c.Process, c.Session, hub) ?? c.Session.LiveQueue().Error) is { } error ? error : hub;
    }
}
