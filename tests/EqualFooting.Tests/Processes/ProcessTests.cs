using EqualFooting.Common;
using EqualFooting.Processes;

namespace EqualFooting.Tests.Processes;

public class ProcessTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    internal static Process NewProcess(ProcessStatus status = ProcessStatus.Open)
    {
        var process = Process.Create(new ProcessDetails("IGF 2026 consultation", null, status, null, null, null), Now).Value;
        Ids.Assign(process);
        return process;
    }

    [Fact]
    public void A_new_process_has_the_default_groups_and_the_five_ICANN_regions()
    {
        var process = NewProcess();

        Assert.Equal(Process.DefaultStakeholderGroups, process.StakeholderGroups.Select(g => g.Name));
        Assert.Equal(["Africa", "Asia-Pacific", "Europe", "Latin America and Caribbean", "North America"], process.Regions.Select(r => r.Name));
        Assert.Equal(["en"], process.Languages);
    }

    [Theory]
    [InlineData(null, "name")]
    [InlineData("   ", "name")]
    public void A_process_needs_a_name(string? name, string field)
    {
        var result = Process.Create(new ProcessDetails(name, null, ProcessStatus.Draft, null, null, null), Now);

        Assert.Equal(ErrorKind.Invalid, result.Error?.Kind);
        Assert.Equal(field, result.Error?.Field);
    }

    [Theory]
    [InlineData(Text.NameMax, true)]
    [InlineData(Text.NameMax + 1, false)]
    public void Names_have_a_limit(int length, bool ok)
    {
        var result = Process.Create(new ProcessDetails(new string('x', length), null, ProcessStatus.Draft, null, null, null), Now);

        Assert.Equal(ok, result.IsSuccess);
    }

    [Theory]
    [InlineData(new[] { "en", "ES", "pt-br" }, new[] { "en", "es", "pt-BR" })]
    [InlineData(new[] { "fr", "fr", " " }, new[] { "fr" })]
    [InlineData(new string[0], new[] { "en" })]
    public void Languages_are_normalised(string[] given, string[] expected)
    {
        var process = Process.Create(new ProcessDetails("P", null, ProcessStatus.Draft, null, null, given), Now).Value;

        Assert.Equal(expected, process.Languages);
    }

    [Theory]
    [InlineData("english")]
    [InlineData("e")]
    [InlineData("<script>")]
    public void Bad_language_tags_are_refused_naming_the_field(string tag)
    {
        var result = Process.Create(new ProcessDetails("P", null, ProcessStatus.Draft, null, null, [tag]), Now);

        Assert.Equal("languages", result.Error?.Field);
    }

    [Fact]
    public void The_end_date_cannot_precede_the_start()
    {
        var result = Process.Create(new ProcessDetails("P", null, ProcessStatus.Draft, new DateOnly(2026, 5, 2), new DateOnly(2026, 5, 1), null), Now);

        Assert.Equal("endsOn", result.Error?.Field);
    }

    [Fact]
    public void A_failed_update_changes_nothing()
    {
        var process = NewProcess();

        var error = process.Update(new ProcessDetails("New name", "d", ProcessStatus.Closed, null, null, ["not a tag"]));

        Assert.NotNull(error);
        Assert.Equal("IGF 2026 consultation", process.Name);
        Assert.Equal(ProcessStatus.Open, process.Status);
    }

    [Fact]
    public void Adding_a_group_with_an_existing_name_conflicts_whatever_the_case()
    {
        var process = NewProcess();

        var result = process.AddStakeholderGroup("civil SOCIETY");

        Assert.Equal(ErrorKind.Conflict, result.Error?.Kind);
        Assert.Equal(6, process.StakeholderGroups.Count);
    }

    [Fact]
    public void Renaming_keeps_the_identity_of_the_group()
    {
        var process = NewProcess();
        var business = process.StakeholderGroups.Single(g => g.Name == "Private sector");
        var id = business.Id;

        Assert.Null(process.Rename(business, "Business"));

        Assert.Equal(id, business.Id);
        Assert.Equal("Business", business.Name);
    }

    [Fact]
    public void Renaming_to_a_sibling_name_conflicts()
    {
        var process = NewProcess();
        var africa = process.Regions[0];

        Assert.Equal(ErrorKind.Conflict, process.Rename(africa, "Europe")?.Kind);
        Assert.Equal("Africa", africa.Name);
    }

    [Fact]
    public void Retiring_marks_the_group_and_keeps_it_in_the_list()
    {
        var process = NewProcess();
        var igo = process.StakeholderGroups[^1];

        Assert.Null(process.Retire(igo, Now));

        Assert.True(igo.IsRetired);
        Assert.Contains(igo, process.StakeholderGroups);
    }

    [Fact]
    public void The_last_active_region_cannot_be_retired()
    {
        var process = NewProcess();
        foreach (var region in process.Regions.Skip(1))
        {
            Assert.Null(process.Retire(region, Now));
        }

        Assert.Equal(ErrorKind.Conflict, process.Retire(process.Regions[0], Now)?.Kind);
    }

    [Fact]
    public void A_retired_group_can_be_restored()
    {
        var process = NewProcess();
        var academia = process.StakeholderGroups.Single(g => g.Name == "Academia");
        process.Retire(academia, Now);

        process.Restore(academia);

        Assert.False(academia.IsRetired);
    }

    [Fact]
    public void A_retired_name_can_be_given_to_a_new_group_only_if_no_entry_has_it()
    {
        var process = NewProcess();
        var academia = process.StakeholderGroups.Single(g => g.Name == "Academia");
        process.Retire(academia, Now);

        // The retired entry still holds the name: history must stay unambiguous.
        Assert.Equal(ErrorKind.Conflict, process.AddStakeholderGroup("Academia").Error?.Kind);
    }
}
