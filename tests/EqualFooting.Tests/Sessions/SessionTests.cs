using EqualFooting.Common;
using EqualFooting.Sessions;

namespace EqualFooting.Tests.Sessions;

/// <summary>A session's schedule, agenda and the stored form of its queue.</summary>
public class SessionTests
{
    private static readonly DateTimeOffset Nine = new(2014, 4, 23, 9, 0, 0, TimeSpan.FromHours(-3));

    private static Session NewSession(QueuePolicyKind kind = QueuePolicyKind.FirstComeFirstServed, QueuePolicySettings? settings = null) =>
        Session.Create(1, new SessionDetails("Opening plenary", Nine, Nine.AddHours(2), "Main hall"), kind, settings ?? QueuePolicySettings.None).Value;

    [Theory]
    [InlineData("", 0, 60, "title")]
    [InlineData("Plenary", 0, 0, "endsAt")]
    [InlineData("Plenary", 0, -30, "endsAt")]
    public void Bad_schedules_are_refused_naming_the_field(string title, int startOffset, int endOffset, string field)
    {
        var created = Session.Create(1, new SessionDetails(title, Nine.AddMinutes(startOffset), Nine.AddMinutes(endOffset)), QueuePolicyKind.FirstComeFirstServed, QueuePolicySettings.None);

        Assert.Equal(ErrorKind.Invalid, created.Error?.Kind);
        Assert.Equal(field, created.Error?.Field);
    }

    [Fact]
    public void Times_are_kept_in_utc()
    {
        Assert.Equal(TimeSpan.Zero, NewSession().StartsAt.Offset);
        Assert.Equal(Nine, NewSession().StartsAt);
    }

    [Fact]
    public void A_policy_needing_settings_is_refused_without_them()
    {
        var created = Session.Create(1, new SessionDetails("WSIS", Nine, Nine.AddHours(1)), QueuePolicyKind.WsisRule, QueuePolicySettings.None);

        Assert.Equal("governmentalGroupIds", created.Error?.Field);
    }

    [Fact]
    public void Policy_settings_survive_their_json()
    {
        var settings = new QueuePolicySettings(GroupOrder: [3, 1, 2], RemoteSlotsPerRound: 2);
        var session = NewSession(QueuePolicyKind.RoundRobinByGroup, settings);

        var policy = (RoundRobinByGroupPolicy)QueuePolicySettings.FromJson(session.PolicySettings).Build(session.PolicyKind).Value;

        Assert.Equal([3, 1, 2], policy.GroupOrder);
        Assert.Equal(2, policy.RemoteSlotsPerRound);
    }

    [Fact]
    public void Queue_actions_need_a_running_session()
    {
        var session = NewSession();

        Assert.Equal("The session has not started.", session.LiveQueue().Error?.Message);
        session.Start(Nine);
        Assert.True(session.LiveQueue().IsSuccess);
        session.End(Nine.AddHours(1));
        Assert.Equal(ErrorKind.Conflict, session.LiveQueue().Error?.Kind);
        Assert.Equal(ErrorKind.Conflict, session.End(Nine.AddHours(1))?.Kind);
    }

    [Fact]
    public void Every_change_moves_the_version_on()
    {
        var session = NewSession();
        var versions = new List<long> { session.Version };

        session.AddAgendaItem("Welcome", 10, 120);
        versions.Add(session.Version);
        session.Start(Nine);
        versions.Add(session.Version);
        var queue = session.Queue();
        queue.RaiseHand(new HandRaise(Speaker.Participant(7), 1, 1), Nine);
        session.Apply(queue);
        versions.Add(session.Version);

        Assert.Equal(versions.Distinct().Count(), versions.Count);
        Assert.True(versions.SequenceEqual(versions.Order()));
    }

    [Fact]
    public void A_restored_queue_is_the_queue_that_was_stored_and_never_reuses_an_entry_id()
    {
        var queue = SpeakingQueue.Open(1, new FirstComeFirstServedPolicy());
        var ana = Speaker.Participant(1);
        var bruno = Speaker.InRoom("Bruno").Value;
        queue.RaiseHand(new HandRaise(ana, 1, 1), Nine);
        queue.RaiseHand(new HandRaise(bruno, 2, 2), Nine.AddSeconds(5));
        queue.RaiseHand(new HandRaise(Speaker.Participant(3), 2, 2), Nine.AddSeconds(6));
        queue.LowerHand(Speaker.Participant(3), Nine.AddSeconds(7));
        queue.GiveFloor(bruno, Nine.AddSeconds(10), "Bruno's point answers the previous speaker.");

        var restored = SpeakingQueue.Restore(1, new FirstComeFirstServedPolicy(), queue.State);
        var next = restored.RaiseHand(new HandRaise(Speaker.Participant(4), 1, 1), Nine.AddSeconds(20)).Value;

        Assert.Equal(queue.Waiting, restored.Waiting.Take(1));
        Assert.Equal(queue.Interventions, restored.Interventions);
        Assert.Equal(queue.Overrides, restored.Overrides);
        Assert.Equal(queue.Log, restored.Log.Take(queue.Log.Count));
        Assert.Equal(4, next.Id);
        Assert.Equal(bruno, restored.Current?.Speaker);
    }

    [Fact]
    public void A_damaged_store_fails_loudly()
    {
        var entry = new QueueEntry(5, Speaker.Participant(1), 1, 1, null, false, HandKind.Normal, Nine);
        var state = new QueueState(true, null, null, LastEntryId: 3, [entry], [], [], []);

        Assert.Throws<InvalidOperationException>(() => SpeakingQueue.Restore(1, new FirstComeFirstServedPolicy(), state));
    }
}
