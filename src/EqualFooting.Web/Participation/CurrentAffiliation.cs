using EqualFooting.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Participation;

/// <summary>Where an account stands in a process now: its participant, stakeholder group and region, if it joined.</summary>
public static class CurrentAffiliation
{
    public static async Task<(int ParticipantId, int GroupId, int RegionId)?> OfAsync(EqualFootingDb db, int processId, string? account, CancellationToken ct)
    {
        if (account is null)
        {
            return null;
        }

        var a = await db.Affiliations
            .Where(a => a.ProcessId == processId && a.Until == null && db.Participants.Any(p => p.Id == a.ParticipantId && p.AccountId == account))
            .Select(a => new { a.ParticipantId, a.StakeholderGroupId, a.RegionId })
            .FirstOrDefaultAsync(ct);
        return a is null ? null : (a.ParticipantId, a.StakeholderGroupId, a.RegionId);
    }
}
