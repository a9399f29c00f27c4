using EqualFooting.Common;
using EqualFooting.Participation;
using EqualFooting.Processes;
using EqualFooting.Sessions;
using EqualFooting.Tests.Processes;

namespace EqualFooting.Tests.Sessions;

public class SessionPolicyTests
{
    private static readonly DateTimeOffset Nine = new(2014, 4, 23, 9, 0, 0, TimeSpan.Zero);

    private static Actor ByName(string name) => name switch
    {
        "anonymous" => Actor.Anonymous,
        "account" => new Actor("acc", false, new HashSet<ProcessRole>(), false),
        "participant" => new Actor("acc", false, new HashSet<ProcessRole>(), true),
        "moderator" => new Actor("acc", false, new HashSet<ProcessRole> { ProcessRole.Moderator }, false),
        "convener" => new Actor("acc", false, new HashSet<ProcessRole> { ProcessRole.Convener }, false),
        "rapporteur" => new Actor("acc", false, new HashSet<ProcessRole> { ProcessRole.Rapporteur }, true),
        "admin" => new Actor("admin", true, new HashSet<ProcessRole>(), false),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static Session NewSession(bool remote = true) =>
        Session.Create(1, new SessionDetails("Plenary", Nine, Nine.AddHours(1), RemoteParticipation: remote), QueuePolicyKind.FirstComeFirstServed, QueuePolicySettings.None).Value;

    [Theory]
    [InlineData("anonymous", ErrorKind.Unauthenticated)]
    [InlineData("account", ErrorKind.Forbidden)]
    [InlineData("participant", ErrorKind.Forbidden)]
    [InlineData("rapporteur", ErrorKind.Forbidden)]
    [InlineData("moderator", null)]
    [InlineData("convener", null)]
    [InlineData("admin", null)]
    public void Who_runs_a_session(string actor, ErrorKind? expected) =>
        Assert.Equal(expected, SessionPolicy.Moderate(ByName(actor), ProcessTests.NewProcess(ProcessStatus.Open))?.Kind);

    [Theory]
    [InlineData("anonymous", ErrorKind.Unauthenticated)]
    [InlineData("participant", ErrorKind.Forbidden)]
    [InlineData("rapporteur", null)]
    [InlineData("moderator", null)]
    public void Who_sees_the_console(string actor, ErrorKind? expected) =>
        Assert.Equal(expected, SessionPolicy.ViewConsole(ByName(actor), ProcessTests.NewProcess(ProcessStatus.Open))?.Kind);

    [Theory]
    [InlineData("anonymous", false, true, ErrorKind.Unauthenticated)]
    [InlineData("account", false, true, ErrorKind.Conflict)]
    [InlineData("moderator", false, true, ErrorKind.Conflict)]
    [InlineData("participant", false, true, null)]
    [InlineData("participant", true, true, null)]
    [InlineData("participant", true, false, ErrorKind.Conflict)]
    [InlineData("participant", false, false, null)]
    public void Who_raises_a_hand(string actor, bool remoteHand, bool remoteAllowed, ErrorKind? expected) =>
        Assert.Equal(expected, SessionPolicy.RaiseOwnHand(ByName(actor), ProcessTests.NewProcess(ProcessStatus.Open), NewSession(remoteAllowed), remoteHand)?.Kind);

    [Fact]
    public void Sessions_of_a_draft_process_are_hidden_from_participants() =>
        Assert.Equal(ErrorKind.NotFound, SessionPolicy.View(ByName("participant"), ProcessTests.NewProcess(ProcessStatus.Draft))?.Kind);
}
