using EqualFooting.Common;
using EqualFooting.Sessions;
using Microsoft.AspNetCore.Mvc;

namespace EqualFooting.Web.Sessions;

/// <summary>The console's queue policy and remote hub forms.</summary>
public sealed partial class ConsoleModel
{
    /// <summary>The policy form as shown: the one in force, or what the moderator posted when it was refused.</summary>
    public PolicyForm Policy { get; private set; } = new();

    private bool _policyPosted;

    public async Task<IActionResult> OnPostPolicyAsync(int sessionId, long? sequence, PolicyForm policy, CancellationToken ct)
    {
        Policy = policy;
        _policyPosted = true;
        if (!ModelState.IsValid)
        {
            return await ShowAsync(sessionId, ct);
        }

        var found = await Commands.FindAsync(sessionId, ct);
        if (found.Error is { } missing)
        {
            return await AfterAsync(sessionId, (Result<bool>)missing, () => ShowAsync(sessionId, ct));
        }

        var settings = policy.ToSettings(found.Value.Process);
        if (settings.Error is { } invalid)
        {
            return await AfterAsync(sessionId, (Result<bool>)invalid, () => ShowAsync(sessionId, ct));
        }

        return await AfterAsync(sessionId, await Commands.ChangePolicyAsync(sessionId, policy.Kind, settings.Value, sequence, ct), () => ShowAsync(sessionId, ct));
    }

    public async Task<IActionResult> OnPostHubAsync(int sessionId, string? name, string? location, int? regionId, int? stakeholderGroupId, string? stakeholderMix, string? operatorEmail, CancellationToken ct) =>
        await AfterAsync(sessionId, await Commands.RegisterHubAsync(sessionId, new RemoteHubDetails(name, location, regionId, stakeholderGroupId, stakeholderMix), operatorEmail, ct), () => ShowAsync(sessionId, ct));

    public async Task<IActionResult> OnPostHubRaiseAsync(int sessionId, int hubId, int? stakeholderGroupId, CancellationToken ct) =>
        await AfterAsync(sessionId, await Commands.RaiseHubHandAsync(sessionId, hubId, stakeholderGroupId, false, ct), () => ShowAsync(sessionId, ct));

    public async Task<IActionResult> OnPostHubLowerAsync(int sessionId, int hubId, CancellationToken ct) =>
        await AfterAsync(sessionId, await Commands.LowerHubHandAsync(sessionId, hubId, ct), () => ShowAsync(sessionId, ct));

    private void FillPolicyForm()
    {
        if (!_policyPosted)
        {
            Policy = PolicyForm.From(State.Policy, State.PolicySettings);
        }
    }
}
