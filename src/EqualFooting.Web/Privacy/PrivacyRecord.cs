using EqualFooting.Record;

namespace EqualFooting.Web.Privacy;

/// <summary>
/// The record entries of privacy: settings are public facts; a participant's own choice and an erasure are recorded
/// by id only (what they chose stays in their row, where erasure can reach it).
/// </summary>
public static class PrivacyRecord
{
    public static readonly RecordAction<SettingsEntry> SettingsChanged = new("privacy.settings-changed", "changed the privacy settings");

    public static readonly RecordAction<ParticipantEntry> ParticipantChoseOwn = new("participant.privacy-changed", "changed what others see of them");

    public static readonly RecordAction<AccountEntry> AccountErased = new("account.erased", "erased their account");

    public static readonly RecordAction<ParticipantEntry> ParticipantErased = new("participant.erased", "erased their personal data");

    public static IEnumerable<RecordAction> All => [SettingsChanged, ParticipantChoseOwn, AccountErased, ParticipantErased];
}

public sealed record SettingsEntry(string Names, bool CountryPublic, bool OrganisationPublic, int MinimumCellSize);

public sealed record ParticipantEntry(int Participant);

public sealed record AccountEntry(string Account);
