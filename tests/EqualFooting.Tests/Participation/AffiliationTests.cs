using EqualFooting.Common;
using EqualFooting.Participation;
using EqualFooting.Processes;
using EqualFooting.Tests.Processes;

namespace EqualFooting.Tests.Participation;

public class AffiliationTests
{
    private static readonly DateTimeOffset T0 = new(2014, 6, 21, 9, 0, 0, TimeSpan.Zero);

    private readonly Process _process = ProcessTests.NewProcess();

    private StakeholderGroup Group(string name) => _process.StakeholderGroups.Single(g => g.Name == name);

    private Region Region(string name) => _process.Regions.Single(r => r.Name == name);

    private AffiliationChoice Choice(string group, string region, string? country = null) => new(Group(group).Id, Region(region).Id, country);

    [Fact]
    public void Joining_declares_the_first_affiliation()
    {
        var participant = Participant.Join(_process, "acc-1", Choice("Technical community", "Africa", "ke"), T0).Value;

        var current = participant.Current;
        Assert.Equal(Group("Technical community").Id, current.StakeholderGroupId);
        Assert.Equal(Region("Africa").Id, current.RegionId);
        Assert.Equal("KE", current.Country);
        Assert.Equal(T0, current.From);
        Assert.Null(current.Until);
    }

    [Theory]
    [InlineData(ProcessStatus.Draft)]
    [InlineData(ProcessStatus.Closed)]
    public void Only_open_processes_take_new_participants(ProcessStatus status)
    {
        var process = ProcessTests.NewProcess(status);

        var result = Participant.Join(process, "acc-1", new AffiliationChoice(process.StakeholderGroups[0].Id, process.Regions[0].Id), T0);

        Assert.Equal(ErrorKind.Conflict, result.Error?.Kind);
    }

    [Theory]
    [InlineData(-1, 0, null, "stakeholderGroupId")]
    [InlineData(0, -1, null, "regionId")]
    [InlineData(0, 0, "Kenya", "country")]
    [InlineData(0, 0, "K1", "country")]
    public void Bad_choices_name_the_field(int groupOffset, int regionOffset, string? country, string field)
    {
        var group = groupOffset < 0 ? 9999 : _process.StakeholderGroups[0].Id;
        var region = regionOffset < 0 ? 9999 : _process.Regions[0].Id;

        var result = Participant.Join(_process, "acc-1", new AffiliationChoice(group, region, country), T0);

        Assert.Equal(ErrorKind.Invalid, result.Error?.Kind);
        Assert.Equal(field, result.Error?.Field);
    }

    [Fact]
    public void A_change_closes_the_old_declaration_and_keeps_the_history()
    {
        // As in 002: a civil-society delegate's badge re-issued in a government colour mid-conference.
        var participant = Participant.Join(_process, "acc-1", Choice("Civil society", "Latin America and Caribbean"), T0).Value;
        var t1 = T0.AddDays(2);

        var changed = participant.ChangeAffiliation(_process, Choice("Government", "Latin America and Caribbean"), t1);

        Assert.NotNull(changed.Value);
        Assert.Equal(2, participant.Affiliations.Count);
        Assert.Equal(t1, participant.Affiliations[0].Until);
        Assert.Equal(Group("Civil society").Id, participant.Affiliations[0].StakeholderGroupId);
        Assert.Equal(t1, participant.Current.From);
        Assert.Equal(Group("Government").Id, participant.Current.StakeholderGroupId);
    }

    [Fact]
    public void Declaring_the_same_affiliation_again_writes_no_history()
    {
        var participant = Participant.Join(_process, "acc-1", Choice("Academia", "Europe"), T0).Value;

        var changed = participant.ChangeAffiliation(_process, Choice("Academia", "Europe"), T0.AddHours(1));

        Assert.True(changed.IsSuccess);
        Assert.Null(changed.Value);
        Assert.Single(participant.Affiliations);
    }

    [Fact]
    public void Two_changes_in_the_same_instant_keep_intervals_ordered()
    {
        var participant = Participant.Join(_process, "acc-1", Choice("Academia", "Europe"), T0).Value;

        participant.ChangeAffiliation(_process, Choice("Government", "Europe"), T0);

        Assert.True(participant.Affiliations[1].From > participant.Affiliations[0].From);
        Assert.Equal(participant.Affiliations[0].Until, participant.Affiliations[1].From);
    }

    [Fact]
    public void A_retired_group_cannot_be_newly_chosen_but_its_holders_keep_it()
    {
        var participant = Participant.Join(_process, "acc-1", Choice("Intergovernmental organisation", "Europe"), T0).Value;
        _process.Retire(Group("Intergovernmental organisation"), T0.AddDays(1));

        var newcomer = Participant.Join(_process, "acc-2", Choice("Intergovernmental organisation", "Europe"), T0.AddDays(2));
        var holderMoves = participant.ChangeAffiliation(_process, Choice("Intergovernmental organisation", "Africa"), T0.AddDays(2));

        Assert.Equal("stakeholderGroupId", newcomer.Error?.Field);
        Assert.True(holderMoves.IsSuccess);
        Assert.Equal(Group("Intergovernmental organisation").Id, participant.Current.StakeholderGroupId);
    }

    [Fact]
    public void A_closed_process_freezes_affiliations()
    {
        var participant = Participant.Join(_process, "acc-1", Choice("Academia", "Europe"), T0).Value;
        _process.Update(new ProcessDetails(_process.Name, null, ProcessStatus.Closed, null, null, null));

        Assert.Equal(ErrorKind.Conflict, participant.ChangeAffiliation(_process, Choice("Government", "Europe"), T0.AddDays(1)).Error?.Kind);
    }
}
