using EqualFooting.Common;
using EqualFooting.Participation;
using EqualFooting.Processes;

namespace EqualFooting.Tests.Processes;

public class ProcessPolicyTests
{
    private static Actor Someone(params ProcessRole[] roles) => new("acc", false, roles.ToHashSet(), false);

    private static readonly Actor Admin = new("admin", true, new HashSet<ProcessRole>(), false);

    public static TheoryData<string, ProcessStatus, ErrorKind?> EditCases => new()
    {
        { "anonymous", ProcessStatus.Open, ErrorKind.Unauthenticated },
        { "participant", ProcessStatus.Open, ErrorKind.Forbidden },
        { "moderator", ProcessStatus.Open, ErrorKind.Forbidden },
        { "convener", ProcessStatus.Open, null },
        { "admin", ProcessStatus.Closed, null },
        { "participant", ProcessStatus.Draft, ErrorKind.NotFound },
        { "committee", ProcessStatus.Draft, ErrorKind.Forbidden },
        { "convener", ProcessStatus.Draft, null },
    };

    private static Actor ByName(string name) => name switch
    {
        "anonymous" => Actor.Anonymous,
        "participant" => Someone() with { IsParticipant = true },
        "moderator" => Someone(ProcessRole.Moderator),
        "committee" => Someone(ProcessRole.CommitteeMember),
        "convener" => Someone(ProcessRole.Convener),
        "admin" => Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(EditCases))]
    public void Who_may_edit_a_process(string actor, ProcessStatus status, ErrorKind? expected)
    {
        var process = ProcessTests.NewProcess(status);

        Assert.Equal(expected, ProcessPolicy.Edit(ByName(actor), process)?.Kind);
        Assert.Equal(expected, ProcessPolicy.AssignRoles(ByName(actor), process)?.Kind);
        Assert.Equal(expected, ProcessPolicy.ManageCategories(ByName(actor), process)?.Kind);
    }

    [Theory]
    [InlineData("anonymous", ProcessStatus.Open, null)]
    [InlineData("anonymous", ProcessStatus.Closed, null)]
    [InlineData("anonymous", ProcessStatus.Draft, ErrorKind.NotFound)]
    [InlineData("participant", ProcessStatus.Draft, ErrorKind.NotFound)]
    [InlineData("committee", ProcessStatus.Draft, null)]
    [InlineData("admin", ProcessStatus.Draft, null)]
    public void Reading_is_public_except_drafts(string actor, ProcessStatus status, ErrorKind? expected) =>
        Assert.Equal(expected, ProcessPolicy.View(ByName(actor), ProcessTests.NewProcess(status))?.Kind);

    [Theory]
    [InlineData("anonymous", false, ErrorKind.Unauthenticated)]
    [InlineData("participant", false, ErrorKind.Forbidden)]
    [InlineData("participant", true, null)]
    [InlineData("admin", false, null)]
    public void Who_may_create_a_process(string actor, bool openCreation, ErrorKind? expected) =>
        Assert.Equal(expected, ProcessPolicy.Create(ByName(actor), openCreation)?.Kind);

    [Theory]
    [InlineData("anonymous", ErrorKind.Unauthenticated)]
    [InlineData("moderator", null)]
    public void Joining_needs_an_account(string actor, ErrorKind? expected) =>
        Assert.Equal(expected, ProcessPolicy.Join(ByName(actor), ProcessTests.NewProcess())?.Kind);

    [Theory]
    [InlineData("moderator", ErrorKind.Conflict)]
    [InlineData("participant", null)]
    public void Changing_affiliation_needs_membership(string actor, ErrorKind? expected) =>
        Assert.Equal(expected, ProcessPolicy.ChangeAffiliation(ByName(actor), ProcessTests.NewProcess())?.Kind);
}
