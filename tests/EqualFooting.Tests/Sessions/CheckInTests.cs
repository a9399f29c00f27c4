using EqualFooting.Common;
using EqualFooting.Participation;
using EqualFooting.Processes;
using EqualFooting.Sessions;

namespace EqualFooting.Tests.Sessions;

/// <summary>Checking in to a session: how one attends, who checks in people without a device, and what an ended session takes.</summary>
public class CheckInTests
{
    private static readonly DateTimeOffset Nine = new(2014, 6, 22, 9, 0, 0, TimeSpan.Zero);

    private static Process NewProcess()
    {
        var process = Process.Create(new ProcessDetails("ATLAS II", null, ProcessStatus.Open, null, null, null), Nine).Value;
        Ids.Assign(process);
        return process;
    }

    private static Session NewSession(bool remote = true)
    {
        var session = Session.Create(1, new SessionDetails("Thematic group 3", Nine, Nine.AddHours(2), null, remote), QueuePolicyKind.FirstComeFirstServed, QueuePolicySettings.None).Value;
        Ids.Set(session, "Id", 7);
        return session;
    }

    private static Affiliation AffiliationOf(int participantId, int group, int region)
    {
        var affiliation = (Affiliation)Activator.CreateInstance(typeof(Affiliation), nonPublic: true)!;
        Ids.Set(affiliation, "ParticipantId", participantId);
        Ids.Set(affiliation, "StakeholderGroupId", group);
        Ids.Set(affiliation, "RegionId", region);
        return affiliation;
    }

    [Theory]
    [InlineData(null, true, false, ErrorKind.Invalid, "mode")]
    [InlineData(AttendanceMode.Remote, false, false, ErrorKind.Conflict, "mode")]
    [InlineData(AttendanceMode.Hub, false, false, ErrorKind.Conflict, "mode")]
    [InlineData(AttendanceMode.Hub, true, false, ErrorKind.Invalid, "hubId")]
    [InlineData((AttendanceMode)42, true, false, ErrorKind.Invalid, "mode")]
    [InlineData(AttendanceMode.InRoom, true, true, ErrorKind.Conflict, null)]
    public void A_participants_check_in_is_refused_with_the_reason(AttendanceMode? mode, bool remote, bool ended, ErrorKind kind, string? field)
    {
        var session = NewSession(remote);
        if (ended)
        {
            session.Start(Nine);
            session.End(Nine.AddHours(1));
        }

        var checkedIn = CheckIn.Participant(session, AffiliationOf(3, 10, 20), mode, null, Nine);

        Assert.Equal(kind, checkedIn.Error?.Kind);
        Assert.Equal(field, checkedIn.Error?.Field);
    }

    [Fact]
    public void A_participant_attends_for_the_affiliation_they_hold_and_through_the_hub_they_name()
    {
        var session = NewSession();

        var inRoom = CheckIn.Participant(session, AffiliationOf(3, 10, 20), AttendanceMode.InRoom, null, Nine).Value;

        Assert.Equal((7, 3, 10, 20, AttendanceMode.InRoom), (inRoom.SessionId, inRoom.ParticipantId, inRoom.StakeholderGroupId, inRoom.RegionId, inRoom.Mode));
        Assert.Null(inRoom.Name);
        Assert.Null(inRoom.HubId);
    }

    [Fact]
    public void Someone_without_a_device_is_checked_in_under_a_name_compared_as_people_read_it_even_after_the_session()
    {
        var process = NewProcess();
        var session = NewSession();
        session.Start(Nine);
        session.End(Nine.AddHours(1));
        var group = process.StakeholderGroups[0].Id;
        var region = process.Regions[0].Id;

        var a = CheckIn.WithoutDevice(session, process, "  Nnenna   Nwakanma ", group, region, null, Nine).Value;
        var b = CheckIn.WithoutDevice(session, process, "nnenna nwakanma", group, region, null, Nine).Value;

        Assert.Equal("Nnenna Nwakanma", a.Name);
        Assert.Equal(a.NameKey, b.NameKey);
        Assert.Null(a.ParticipantId);
        Assert.Equal(AttendanceMode.InRoom, a.Mode);
    }

    [Theory]
    [InlineData("", true, true, "name")]
    [InlineData("Guest", false, true, "stakeholderGroupId")]
    [InlineData("Guest", true, false, "regionId")]
    public void A_check_in_without_a_device_needs_a_name_a_group_and_a_region_of_the_process(string name, bool knownGroup, bool knownRegion, string field)
    {
        var process = NewProcess();

        var checkedIn = CheckIn.WithoutDevice(NewSession(), process, name, knownGroup ? process.StakeholderGroups[0].Id : 424242, knownRegion ? process.Regions[0].Id : 424242, null, Nine);

        Assert.Equal(ErrorKind.Invalid, checkedIn.Error?.Kind);
        Assert.Equal(field, checkedIn.Error?.Field);
    }
}
