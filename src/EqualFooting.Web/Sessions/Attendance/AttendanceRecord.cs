using EqualFooting.Record;
using EqualFooting.Sessions;

namespace EqualFooting.Web.Sessions.Attendance;

/// <param name="Participant">The participant who checked in; null for someone without a device, who is never named in the record.</param>
public sealed record CheckInEntry(int Session, int CheckIn, int? Participant, int StakeholderGroupId, int RegionId, AttendanceMode Mode, int? Hub);

/// <summary>The record entries of attendance: ids, the group and region attended for, and how; never a name.</summary>
public static class AttendanceRecord
{
    public static readonly RecordAction<CheckInEntry> CheckedIn = new("session.checked-in", "checked in to a session");

    public static readonly RecordAction<CheckInEntry> PersonCheckedIn = new("session.person-checked-in", "checked in someone without a device");

    public static IEnumerable<RecordAction> All => [CheckedIn, PersonCheckedIn];

    public static CheckInEntry Describe(CheckIn c) => new(c.SessionId, c.Id, c.ParticipantId, c.StakeholderGroupId, c.RegionId, c.Mode, c.HubId);
}
