using EqualFooting.Common;
using EqualFooting.Sessions;
using static EqualFooting.Tests.Sessions.QueueScript;

namespace EqualFooting.Tests.Sessions;

/// <summary>Each policy's rule as a table: hands waiting, turns so far, the order the policy gives.</summary>
public class QueuePolicyTests
{
    // Stakeholder groups as numbered in these tables.
    private const int Government = 1;
    private const int PrivateSector = 2;
    private const int CivilSociety = 3;
    private const int TechnicalCommunity = 4;
    private const int Academia = 5;
    private const int Intergovernmental = 6;

    private static readonly int[] NetmundialMicrophones = [Government, PrivateSector, CivilSociety, TechnicalCommunity];

    [Theory]
    [InlineData("", "")]
    [InlineData("ana:1 ben:2 cy:1", "ana ben cy")]
    [InlineData("ana:1@5 ben:2@1 cy:1@3", "ben cy ana")]
    [InlineData("ana:1@2 ben:2@2 cy:1@2", "ana ben cy")] // same instant: the order the queue received them
    [InlineData("ana:1 !ben:2 cy:3 !dan:1", "ben dan ana cy")]
    public void First_come_first_served(string waiting, string expected)
    {
        var order = new FirstComeFirstServedPolicy().Order(Context(waiting));
        Assert.Equal(expected, Names(order));
    }

    [Theory]
    [InlineData("ana:1 cy:2 ben:2 dan:3", "", "ana cy ben dan")]
    [InlineData("ana:1 cy:2 ben:2 dan:3", "ana:1 ben:2", "cy dan ana ben")]
    [InlineData("ana:1 ben:2", "ana:1 ben:2", "ana ben")]
    [InlineData("ana:1 !ben:2 cy:3", "ana:1", "ben cy ana")] // a point of order still goes first
    [InlineData("ana:1@9 cy:2@4 dan:3@1", "cy:2", "dan ana cy")]
    public void First_time_speakers_first(string waiting, string history, string expected)
    {
        var order = new FirstTimeSpeakersFirstPolicy().Order(Context(waiting, history));
        Assert.Equal(expected, Names(order));
    }

    [Theory]
    // One microphone per group in the configured order, earliest hand at each; a group's second hand waits a round.
    [InlineData(0, "a:3 b:3 c:1 d:2 e:1", "", "c d a e b")]
    // Remote slots come after the group microphones in every round.
    [InlineData(1, "a:1 b:2r c:2 d:1r e:3", "", "a c e b d")]
    [InlineData(2, "a:1r b:1r c:1r d:1", "", "d a b c")]
    // The round in progress is read from the turns so far: government and business have had their turn.
    [InlineData(0, "a:1 b:3 c:2 d:4", "x:1 y:2", "b d a c")]
    [InlineData(1, "a:1r b:2 c:1", "x:1 y:5r", "b c a")]
    // A group speaking twice opened a new round in which only government has spoken.
    [InlineData(0, "a:1 b:2", "x:1 y:2 z:1", "b a")]
    // Points of order take nobody's microphone.
    [InlineData(0, "a:2 b:1", "x:1 !y:2", "a b")]
    // Without remote slots, remote participants queue at their own group's microphone.
    [InlineData(0, "a:2r b:1", "", "b a")]
    // A group missing from the rotation still gets a microphone, after the configured ones.
    [InlineData(0, "a:9 b:2 c:1 d:5", "", "c b d a")]
    [InlineData(1, "!p:3 a:1 b:1r", "", "p a b")]
    public void Round_robin_across_groups(int remoteSlots, string waiting, string history, string expected)
    {
        var policy = RoundRobinByGroupPolicy.Create(NetmundialMicrophones, remoteSlots).Value;
        var order = policy.Order(Context(waiting, history));
        Assert.Equal(expected, Names(order));
    }

    [Theory]
    [InlineData(new[] { 1, 2, 1 }, 0, "groupOrder")]
    [InlineData(new[] { 1, 2 }, -1, "remoteSlotsPerRound")]
    [InlineData(new[] { 1, 2 }, 21, "remoteSlotsPerRound")]
    public void Round_robin_settings_are_checked(int[] groupOrder, int remoteSlots, string field)
    {
        var result = RoundRobinByGroupPolicy.Create(groupOrder, remoteSlots);
        Assert.Equal(ErrorKind.Invalid, result.Error?.Kind);
        Assert.Equal(field, result.Error?.Field);
    }

    [Theory]
    // Budgets: government 300 s, business 300 s, civil society 120 s, anyone else none.
    [InlineData("a:1 b:2 c:3", "", "a b c")] // equal time left: raise order (c has less budget)
    [InlineData("a:1 b:2 c:3", "x:1/200 y:2/60", "b c a")] // left: business 240, civil society 120, government 100
    [InlineData("a:3 b:1 c:9", "x:3/150", "b a c")] // civil society and group 9 have no time left: last, in raise order
    [InlineData("a:1 b:2", "x:1/~250", "b a")] // the turn in progress counts up to now
    [InlineData("a:3 !b:3 c:1", "x:3/120", "b c a")]
    public void Speaking_time_budgets(string waiting, string history, string expected)
    {
        var policy = SpeakingTimeBudgetPolicy.FromSeconds(new Dictionary<int, int> { [1] = 300, [2] = 300, [3] = 120 }).Value;
        var order = policy.Order(Context(waiting, history));
        Assert.Equal(expected, Names(order));
    }

    [Fact]
    public void Speaking_time_budgets_show_the_time_left_per_group()
    {
        var policy = SpeakingTimeBudgetPolicy.FromSeconds(new Dictionary<int, int> { [1] = 300, [2] = 300, [3] = 120 }).Value;

        var left = policy.TimeLeft(History("x:1/200 y:2/60 z:3/150 w:9/30 v:2/~15"), Now);

        Assert.Equal(
            [
                new GroupTimeLeft(2, TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(75), TimeSpan.FromSeconds(225), TimeSpan.Zero),
                new GroupTimeLeft(1, TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(200), TimeSpan.FromSeconds(100), TimeSpan.Zero),
                new GroupTimeLeft(3, TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(150), TimeSpan.Zero, TimeSpan.FromSeconds(30)),
                new GroupTimeLeft(9, TimeSpan.Zero, TimeSpan.FromSeconds(30), TimeSpan.Zero, TimeSpan.FromSeconds(30)),
            ],
            left);
    }

    [Fact]
    public void A_default_budget_covers_groups_without_their_own()
    {
        var policy = SpeakingTimeBudgetPolicy.FromSeconds(new Dictionary<int, int> { [1] = 60 }, defaultSeconds: 90).Value;
        var order = policy.Order(Context("a:1 b:7"));
        Assert.Equal("b a", Names(order));
    }

    [Fact]
    public void A_negative_budget_is_refused()
    {
        var result = SpeakingTimeBudgetPolicy.FromSeconds(new Dictionary<int, int> { [1] = -5 });
        Assert.Equal("budgets", result.Error?.Field);
    }

    [Theory]
    [InlineData("a:3 b:1 c:2 d:6 e:3", "b d a c e")]
    [InlineData("!a:3 b:2 c:1", "a c b")]
    [InlineData("a:3 b:2", "a b")]
    [InlineData("a:1@9 b:6@2 c:4@1", "b a c")]
    public void Wsis_rule_governments_first_then_the_non_governmental_slot(string waiting, string expected)
    {
        var policy = WsisRulePolicy.Create([Government, Intergovernmental]).Value;
        var order = policy.Order(Context(waiting));
        Assert.Equal(expected, Names(order));
    }

    [Fact]
    public void Wsis_rule_needs_a_governmental_group()
    {
        Assert.Equal("governmentalGroupIds", WsisRulePolicy.Create([]).Error?.Field);
    }

    [Fact]
    public void Next_is_the_head_of_the_order_or_nobody()
    {
        var policy = new FirstComeFirstServedPolicy();
        Assert.Null(policy.Next(Context("")));
        Assert.Equal(P("b"), policy.Next(Context("a:1@5 b:2@1"))!.Speaker);
    }

    [Theory]
    [InlineData(false, false, false)]
    [InlineData(true, false, true)]
    [InlineData(true, true, false)]
    public void Only_first_time_speakers_first_may_admit_a_newcomer_to_a_closed_queue(bool allowed, bool hasSpoken, bool admitted)
    {
        var history = History(hasSpoken ? "sivasubramanian:3" : "adam:4");
        Assert.Equal(admitted, new FirstTimeSpeakersFirstPolicy(allowed).AdmitsWhenClosed(P("sivasubramanian"), history));
        Assert.False(new FirstComeFirstServedPolicy().AdmitsWhenClosed(P("sivasubramanian"), history));
    }

    [Fact]
    public void Academia_is_not_forgotten_by_a_rotation_configured_without_it()
    {
        var policy = RoundRobinByGroupPolicy.Create([Government, CivilSociety]).Value;
        var order = policy.Order(Context($"a:{Academia} b:{CivilSociety} c:{TechnicalCommunity} d:{Government}"));
        Assert.Equal("d b c a", Names(order));
    }
}
