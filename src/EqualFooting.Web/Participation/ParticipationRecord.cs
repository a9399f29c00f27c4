using EqualFooting.Participation;
using EqualFooting.Record;

namespace EqualFooting.Web.Participation;

/// <summary>
/// The record entries of joining and changing affiliation. They carry the participant's stakeholder group and region
/// (public by nature), never their country, gender or organisation: those stay in the affiliation's row, where privacy
/// settings and erasure govern them.
/// </summary>
public static class ParticipationRecord
{
    public static readonly RecordAction<AffiliationEntry> Joined = new("participant.joined", "joined");
    public static readonly RecordAction<AffiliationChangeEntry> AffiliationChanged = new("participant.affiliation-changed", "changed affiliation");

    public static IEnumerable<RecordAction> All => [Joined, AffiliationChanged];

    public static AffiliationEntry Describe(Affiliation a) => new(a.Id, a.StakeholderGroupId, a.RegionId);
}

public sealed record AffiliationEntry(long Affiliation, int StakeholderGroupId, int RegionId);

public sealed record AffiliationChangeEntry(AffiliationEntry From, AffiliationEntry To);
