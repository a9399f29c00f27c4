using EqualFooting.Participation;
using EqualFooting.Tests.Processes;

namespace EqualFooting.Tests.Participation;

public class ParticipationTableTests
{
    [Fact]
    public void Cells_rows_columns_and_the_grand_total_agree()
    {
        var process = ProcessTests.NewProcess();
        var g = process.StakeholderGroups;
        var r = process.Regions;

        var table = ParticipationTable.Build(g, r,
        [
            new(g[2].Id, r[0].Id, 5),
            new(g[2].Id, r[2].Id, 7),
            new(g[3].Id, r[0].Id, 1),
        ]);

        Assert.Equal(5, table.Cell(g[2].Id, r[0].Id));
        Assert.Equal(0, table.Cell(g[0].Id, r[0].Id));
        Assert.Equal(12, table.GroupTotals[g[2].Id]);
        Assert.Equal(6, table.RegionTotals[r[0].Id]);
        Assert.Equal(13, table.Total);
        Assert.Equal(table.Total, table.GroupTotals.Values.Sum());
        Assert.Equal(table.Total, table.RegionTotals.Values.Sum());
    }

    [Theory]
    [InlineData(null, null, 13)]
    [InlineData(2, null, 12)]
    [InlineData(null, 0, 6)]
    [InlineData(2, 0, 5)]
    [InlineData(0, null, 0)]
    [InlineData(3, 2, 0)]
    public void Count_is_the_total_of_a_list_filtered_by_group_region_or_both(int? group, int? region, int expected)
    {
        var process = ProcessTests.NewProcess();
        var g = process.StakeholderGroups;
        var r = process.Regions;

        var table = ParticipationTable.Build(g, r,
        [
            new(g[2].Id, r[0].Id, 5),
            new(g[2].Id, r[2].Id, 7),
            new(g[3].Id, r[0].Id, 1),
        ]);

        Assert.Equal(expected, table.Count(group is { } gi ? g[gi].Id : null, region is { } ri ? r[ri].Id : null));
    }

    [Fact]
    public void A_retired_group_stays_in_the_table_while_someone_holds_it()
    {
        var process = ProcessTests.NewProcess();
        var igo = process.StakeholderGroups[^1];
        var academia = process.StakeholderGroups[^2];
        process.Retire(igo, DateTimeOffset.UnixEpoch);
        process.Retire(academia, DateTimeOffset.UnixEpoch);

        var table = ParticipationTable.Build(process.StakeholderGroups, process.Regions, [new(igo.Id, process.Regions[0].Id, 2)]);

        var heading = Assert.Single(table.Groups, h => h.Id == igo.Id);
        Assert.True(heading.Retired);
        Assert.DoesNotContain(table.Groups, h => h.Id == academia.Id);
        Assert.Equal(2, table.Total);
    }

    [Fact]
    public void An_empty_process_has_all_active_headings_and_zero_totals()
    {
        var process = ProcessTests.NewProcess();

        var table = ParticipationTable.Build(process.StakeholderGroups, process.Regions, []);

        Assert.Equal(6, table.Groups.Count);
        Assert.Equal(5, table.Regions.Count);
        Assert.Equal(0, table.Total);
    }
}
