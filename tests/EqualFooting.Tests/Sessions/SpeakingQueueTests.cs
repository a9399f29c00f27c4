using EqualFooting.Common;
using EqualFooting.Sessions;
using Microsoft.Extensions.Time.Testing;
using static EqualFooting.Tests.Sessions.QueueScript;

namespace EqualFooting.Tests.Sessions;

/// <summary>The queue of the ATLAS II session in seed 000, replayed: Leon Sanchez moderating, hands from the room and from Adobe Connect.</summary>
public class SpeakingQueueTests
{
    private const int SessionId = 2;
    private const int CivilSociety = 3;
    private const int Technical = 4;
    private const int Europe = 3;
    private const int LatinAmerica = 4;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2014, 6, 22, 9, 0, 0, TimeSpan.FromHours(1)));

    private DateTimeOffset Now => _time.GetUtcNow();

    [Fact]
    public void Raising_a_hand_twice_keeps_one_place()
    {
        var queue = SpeakingQueue.Open(SessionId, new FirstComeFirstServedPolicy());

        var first = queue.RaiseHand(Hand("evan"), Now).Value;
        _time.Advance(TimeSpan.FromSeconds(20));
        var again = queue.RaiseHand(Hand("evan"), Now).Value;

        Assert.Same(first, again);
        Assert.Single(queue.Waiting);
        Assert.Single(queue.Log, e => e.Kind == QueueEventKind.HandRaised);
    }

    [Fact]
    public void The_moderator_gives_the_floor_to_the_suggested_speaker()
    {
        var queue = SpeakingQueue.Open(SessionId, new FirstComeFirstServedPolicy());
        queue.RaiseHand(Hand("erick", group: Technical, region: LatinAmerica, gender: "male"), Now);
        queue.RaiseHand(Hand("lianna"), Now);
        _time.Advance(TimeSpan.FromMinutes(1));

        var turn = queue.GiveFloorToNext(Now).Value;

        Assert.Equal(P("erick"), turn.Speaker);
        Assert.Equal((Technical, LatinAmerica, "male", HandKind.Normal), (turn.StakeholderGroupId, turn.RegionId, turn.Gender, turn.Kind));
        Assert.Equal(Now, turn.StartedAt);
        Assert.Same(turn, queue.Current);
        Assert.Equal([P("lianna")], queue.Waiting.Select(e => e.Speaker));
        Assert.Empty(queue.Overrides);
        Assert.Equal(QueueEventKind.FloorGiven, queue.Log[^1].Kind);
    }

    [Fact]
    public void Giving_the_floor_to_someone_not_in_the_queue_is_invalid()
    {
        var queue = SpeakingQueue.Open(SessionId, new FirstComeFirstServedPolicy());
        queue.RaiseHand(Hand("zahra"), Now);

        var result = queue.GiveFloor(P("alberto"), Now, "he asked");

        Assert.Equal(ErrorKind.Invalid, result.Error?.Kind);
        Assert.Equal("speaker", result.Error?.Field);
        Assert.Empty(queue.Interventions);
        Assert.Single(queue.Waiting);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Passing_over_the_suggested_speaker_needs_a_reason(string? reason)
    {
        var queue = SpeakingQueue.Open(SessionId, new FirstComeFirstServedPolicy());
        queue.RaiseHand(Hand("zahra"), Now);
        queue.RaiseHand(Hand("alejandro"), Now);

        var result = queue.GiveFloor(P("alejandro"), Now, reason);

        Assert.Equal("reason", result.Error?.Field);
        Assert.Empty(queue.Interventions);
        Assert.Equal(2, queue.Waiting.Count);
    }

    [Fact]
    public void An_override_is_recorded_with_its_reason()
    {
        var queue = SpeakingQueue.Open(SessionId, new FirstComeFirstServedPolicy());
        queue.RaiseHand(Hand("zahra"), Now);
        queue.RaiseHand(Hand("alejandro"), Now);

        var turn = queue.GiveFloor(P("alejandro"), Now, "  Direct reply to the question put to him  ").Value;

        var recorded = Assert.Single(queue.Overrides);
        Assert.Equal(new FloorOverride(turn.Id, P("zahra"), P("alejandro"), "Direct reply to the question put to him", Now), recorded);
        Assert.Equal(QueueEventKind.FloorGivenOutOfTurn, queue.Log[^1].Kind);
        Assert.Equal("Direct reply to the question put to him", queue.Log[^1].Reason);
        Assert.Equal([P("zahra")], queue.Waiting.Select(e => e.Speaker));
    }

    [Fact]
    public void A_point_of_order_jumps_the_queue_and_is_logged_as_such()
    {
        var queue = SpeakingQueue.Open(SessionId, new FirstTimeSpeakersFirstPolicy());
        queue.RaiseHand(Hand("carlos"), Now);
        queue.RaiseHand(Hand("adam"), Now);
        _time.Advance(TimeSpan.FromSeconds(5));
        queue.RaiseHand(Hand("sergio", kind: HandKind.PointOfOrder), Now);

        Assert.Equal(P("sergio"), queue.Suggested(Now)!.Speaker);
        var turn = queue.GiveFloorToNext(Now).Value;

        Assert.Equal(HandKind.PointOfOrder, turn.Kind);
        Assert.Equal(QueueEventKind.PointOfOrderHeard, queue.Log[^1].Kind);
        Assert.Equal(P("carlos"), queue.Suggested(Now)!.Speaker);
    }

    [Fact]
    public void A_point_of_order_is_a_separate_request_from_a_hand_already_up()
    {
        var queue = SpeakingQueue.Open(SessionId, new FirstComeFirstServedPolicy());
        queue.RaiseHand(Hand("sergio"), Now);
        queue.RaiseHand(Hand("sergio", kind: HandKind.PointOfOrder), Now);
        queue.RaiseHand(Hand("sergio", kind: HandKind.PointOfOrder), Now);

        Assert.Equal([HandKind.Normal, HandKind.PointOfOrder], queue.Waiting.Select(e => e.Kind));
        Assert.True(queue.LowerHand(P("sergio"), Now));
        Assert.Empty(queue.Waiting);
    }

    [Fact]
    public void A_closed_queue_refuses_new_hands_but_not_points_of_order()
    {
        var queue = SpeakingQueue.Open(SessionId, new FirstComeFirstServedPolicy());
        queue.RaiseHand(Hand("adam"), Now);
        queue.Close(Now);

        Assert.Equal(ErrorKind.Conflict, queue.RaiseHand(Hand("siva"), Now).Error?.Kind);
        Assert.True(queue.RaiseHand(Hand("adam"), Now).IsSuccess); // already in: still the same place
        Assert.True(queue.RaiseHand(Hand("ellen", kind: HandKind.PointOfOrder), Now).IsSuccess);

        queue.Reopen(Now);
        Assert.True(queue.RaiseHand(Hand("siva"), Now).IsSuccess);
        Assert.Equal(
            [QueueEventKind.HandRaised, QueueEventKind.QueueClosed, QueueEventKind.HandRaised, QueueEventKind.QueueReopened, QueueEventKind.HandRaised],
            queue.Log.Select(e => e.Kind));
    }

    /// <summary>Seed 000, line 1800: "I said that the queue was closed, but since [he] hasn't spoken this session…".</summary>
    [Theory]
    [InlineData(true, "siva", true)]
    [InlineData(true, "adam", false)]
    [InlineData(false, "siva", false)]
    public void A_closed_queue_may_let_in_someone_who_has_not_spoken(bool moderatorAllows, string who, bool admitted)
    {
        var queue = SpeakingQueue.Open(SessionId, new FirstTimeSpeakersFirstPolicy(moderatorAllows));
        queue.RaiseHand(Hand("adam"), Now);
        queue.GiveFloorToNext(Now);
        queue.Close(Now);

        var result = queue.RaiseHand(Hand(who), Now);

        Assert.Equal(admitted, result.IsSuccess);
        if (admitted)
        {
            Assert.Equal(QueueEventKind.HandRaisedWhileClosed, queue.Log[^1].Kind);
        }
    }

    [Fact]
    public void Lowering_a_hand_that_is_not_up_is_harmless()
    {
        var queue = SpeakingQueue.Open(SessionId, new FirstComeFirstServedPolicy());
        queue.RaiseHand(Hand("ellen"), Now);

        Assert.True(queue.LowerHand(P("ellen"), Now));
        Assert.False(queue.LowerHand(P("ellen"), Now));
        Assert.Empty(queue.Waiting);
        Assert.Single(queue.Log, e => e.Kind == QueueEventKind.HandLowered);
    }

    [Fact]
    public void Giving_the_floor_ends_the_intervention_in_progress()
    {
        var queue = SpeakingQueue.Open(SessionId, new FirstComeFirstServedPolicy());
        queue.RaiseHand(Hand("alejandro"), Now);
        queue.RaiseHand(Hand("evan"), Now);
        queue.GiveFloorToNext(Now);
        _time.Advance(TimeSpan.FromMinutes(7));

        queue.GiveFloorToNext(Now);

        Assert.Equal(TimeSpan.FromMinutes(7), queue.Interventions[0].Duration(Now));
        Assert.False(queue.Interventions[0].IsOngoing);
        Assert.Equal(P("evan"), queue.Current!.Speaker);
    }

    [Fact]
    public void Ending_when_nobody_has_the_floor_is_a_conflict()
    {
        var queue = SpeakingQueue.Open(SessionId, new FirstComeFirstServedPolicy());
        Assert.Equal(ErrorKind.Conflict, queue.EndIntervention(Now).Error?.Kind);
        Assert.Equal(ErrorKind.Conflict, queue.GiveFloorToNext(Now).Error?.Kind);
    }

    [Fact]
    public void A_clock_step_backwards_never_makes_a_negative_turn()
    {
        var queue = SpeakingQueue.Open(SessionId, new FirstComeFirstServedPolicy());
        queue.RaiseHand(Hand("leon"), Now);
        queue.GiveFloorToNext(Now);

        var ended = queue.EndIntervention(Now.AddSeconds(-3)).Value;

        Assert.Equal(TimeSpan.Zero, ended.Duration(Now));
    }

    [Fact]
    public void Turns_never_overlap_when_a_later_command_carries_an_earlier_time()
    {
        var queue = SpeakingQueue.Open(SessionId, new FirstComeFirstServedPolicy());
        queue.RaiseHand(Hand("leon"), Now);
        queue.RaiseHand(Hand("evan"), Now);
        queue.GiveFloorToNext(Now);
        queue.EndIntervention(Now.AddSeconds(30));

        var evan = queue.GiveFloorToNext(Now.AddSeconds(29)).Value;

        Assert.Equal(Now.AddSeconds(30), evan.StartedAt);
    }

    [Fact]
    public void An_override_reason_has_a_length_limit()
    {
        var queue = SpeakingQueue.Open(SessionId, new FirstComeFirstServedPolicy());
        queue.RaiseHand(Hand("zahra"), Now);
        queue.RaiseHand(Hand("alejandro"), Now);

        var result = queue.GiveFloor(P("alejandro"), Now, new string('x', SpeakingQueue.ReasonMax + 1));

        Assert.Equal("reason", result.Error?.Field);
        Assert.Contains("at most 500 characters", result.Error?.Message);
    }

    [Fact]
    public void The_timer_reads_the_allotted_time_of_the_agenda_item()
    {
        var queue = SpeakingQueue.Open(SessionId, new FirstComeFirstServedPolicy());
        Assert.Null(queue.StartAgendaItem(7, TimeSpan.FromMinutes(3), Now));
        queue.RaiseHand(Hand("alejandro"), Now);
        queue.GiveFloorToNext(Now);
        Assert.Equal((7, TimeSpan.FromMinutes(3)), (queue.Current!.AgendaItemId, queue.Current.Allotted));

        _time.Advance(TimeSpan.FromSeconds(150));
        Assert.Equal(new TimerReading(TimeSpan.FromSeconds(150), TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(30), TimeSpan.Zero, WarningAt: TimeSpan.FromSeconds(30)), queue.Timer(_time));

        _time.Advance(TimeSpan.FromSeconds(100));
        Assert.Equal(TimeSpan.FromSeconds(70), queue.Timer(_time)!.Overtime);
        Assert.True(queue.Timer(_time)!.IsOvertime);

        queue.EndIntervention(Now);
        Assert.Null(queue.Timer(_time));
    }

    [Fact]
    public void The_allotted_time_must_be_positive()
    {
        var queue = SpeakingQueue.Open(SessionId, new FirstComeFirstServedPolicy());
        Assert.Equal("allotted", queue.StartAgendaItem(1, TimeSpan.Zero, Now)?.Field);
        Assert.Null(queue.StartAgendaItem(1, null, Now));
    }

    [Fact]
    public void People_in_the_room_and_remote_hubs_hold_places_like_participants()
    {
        var queue = SpeakingQueue.Open(SessionId, new FirstComeFirstServedPolicy());
        var robert = Speaker.InRoom("Robert,  table 3").Value;
        var hub = Speaker.Hub(12, "Remote hub, Nairobi");

        queue.RaiseHand(new HandRaise(robert, CivilSociety, Europe, Remote: true), Now);
        queue.RaiseHand(new HandRaise(Speaker.InRoom("robert, TABLE 3").Value, CivilSociety, Europe), Now);
        queue.RaiseHand(new HandRaise(hub, CivilSociety, Europe), Now);

        Assert.Equal([robert, hub], queue.Waiting.Select(e => e.Speaker));
        Assert.Equal([false, true], queue.Waiting.Select(e => e.Remote));
        Assert.Equal("Remote hub, Nairobi", queue.GiveFloor(hub, Now, "the hub has been waiting since yesterday").Value.Speaker.Name);
    }

    [Fact]
    public void An_in_room_speaker_needs_a_name()
    {
        Assert.Equal("name", Speaker.InRoom("  ").Error?.Field);
    }

    [Fact]
    public void Changing_the_policy_reorders_the_hands_already_waiting()
    {
        var queue = SpeakingQueue.Open(SessionId, new FirstComeFirstServedPolicy());
        queue.RaiseHand(Hand("ngo", group: CivilSociety), Now);
        queue.RaiseHand(Hand("minister", group: 1), Now);

        queue.ChangePolicy(WsisRulePolicy.Create([1]).Value, Now);

        Assert.Equal("minister ngo", Names(queue.Order(Now)));
        Assert.Equal(QueueEventKind.PolicyChanged, queue.Log[^1].Kind);
    }

    [Fact]
    public void The_log_is_numbered_without_gaps()
    {
        var queue = SpeakingQueue.Open(SessionId, new FirstComeFirstServedPolicy());
        queue.RaiseHand(Hand("a"), Now);
        queue.RaiseHand(Hand("b"), Now);
        queue.GiveFloorToNext(Now);
        queue.LowerHand(P("b"), Now);
        queue.EndIntervention(Now);
        queue.Close(Now);

        Assert.Equal(Enumerable.Range(1, 6).Select(n => (long)n), queue.Log.Select(e => e.Sequence));
    }

    private static HandRaise Hand(string name, int group = CivilSociety, int region = Europe, string? gender = null, HandKind kind = HandKind.Normal) =>
        new(P(name), group, region, gender, Kind: kind);
}
