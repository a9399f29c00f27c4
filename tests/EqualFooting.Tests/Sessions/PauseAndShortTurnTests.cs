using EqualFooting.Common;
using EqualFooting.Sessions;
using Microsoft.Extensions.Time.Testing;
using static EqualFooting.Tests.Sessions.QueueScript;

namespace EqualFooting.Tests.Sessions;

/// <summary>Pausing a speaker, interposed questions and follow-ups, and the warning before the time runs out (issue 12).</summary>
public class PauseAndShortTurnTests
{
    private const int SessionId = 7;
    private const int CivilSociety = 3;
    private const int Europe = 3;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2014, 6, 22, 9, 0, 0, TimeSpan.Zero));

    private DateTimeOffset Now => _time.GetUtcNow();

    [Theory]
    // A script of seconds: 'p' pauses, 'r' resumes, a number advances the clock; then the reading and the time spoken.
    // script, elapsed seconds shown at the end, paused at the end
    [InlineData("30", 30, false)]
    [InlineData("30 p 20", 30, true)]
    [InlineData("30 p 20 r 10", 40, false)]
    [InlineData("30 p 20 r 10 p 5 r 5", 45, false)]
    [InlineData("p 60 r 15", 15, false)]
    [InlineData("10 p p 10 r r 10", 20, false)]
    public void The_timer_stops_while_paused_and_restarts_where_it_was(string script, int elapsedSeconds, bool paused)
    {
        var queue = Speaking(TimeSpan.FromMinutes(2));
        foreach (var step in script.Split(' '))
        {
            switch (step)
            {
                case "p":
                    Assert.True(queue.Pause(Now).IsSuccess);
                    break;
                case "r":
                    Assert.True(queue.Resume(Now).IsSuccess);
                    break;
                default:
                    _time.Advance(TimeSpan.FromSeconds(int.Parse(step, System.Globalization.CultureInfo.InvariantCulture)));
                    break;
            }
        }

        var reading = queue.Timer(_time)!;

        Assert.Equal(TimeSpan.FromSeconds(elapsedSeconds), reading.Elapsed);
        Assert.Equal(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(elapsedSeconds), reading.Remaining);
        Assert.Equal(paused, reading.Paused);
    }

    [Fact]
    public void Pausing_twice_or_resuming_a_running_turn_changes_nothing_and_is_logged_once()
    {
        var queue = Speaking(null);

        Assert.True(queue.Pause(Now).Value);
        Assert.False(queue.Pause(Now).Value);
        Assert.True(queue.Resume(Now).Value);
        Assert.False(queue.Resume(Now).Value);

        Assert.Equal([QueueEventKind.InterventionPaused, QueueEventKind.InterventionResumed], queue.Log.TakeLast(2).Select(e => e.Kind));
        Assert.Single(queue.Log, e => e.Kind == QueueEventKind.InterventionPaused);
    }

    [Fact]
    public void Pausing_with_nobody_at_the_floor_is_a_conflict()
    {
        var queue = SpeakingQueue.Open(SessionId, new FirstComeFirstServedPolicy());

        Assert.Equal(ErrorKind.Conflict, queue.Pause(Now).Error?.Kind);
        Assert.Equal(ErrorKind.Conflict, queue.Resume(Now).Error?.Kind);
    }

    [Fact]
    public void A_turn_ended_while_paused_counts_only_the_time_spoken_and_survives_a_restore()
    {
        var queue = Speaking(TimeSpan.FromMinutes(2));
        _time.Advance(TimeSpan.FromSeconds(40));
        queue.Pause(Now);
        _time.Advance(TimeSpan.FromMinutes(3));
        var ended = queue.EndIntervention(Now).Value;

        var restored = SpeakingQueue.Restore(SessionId, new FirstComeFirstServedPolicy(), queue.State);

        Assert.Equal(TimeSpan.FromSeconds(40), ended.Duration(Now.AddHours(1)));
        Assert.Equal(TimeSpan.FromMinutes(3), ended.Paused);
        Assert.False(ended.IsPaused);
        Assert.Equal(TimeSpan.FromSeconds(40), restored.Interventions[^1].Duration(Now));
    }

    [Fact]
    public void Interposed_questions_and_follow_ups_come_after_points_of_order_and_before_ordinary_hands_whatever_the_policy()
    {
        var queue = Speaking(TimeSpan.FromMinutes(3), new FirstTimeSpeakersFirstPolicy());
        queue.RaiseHand(Hand("carlos"), Now);
        _time.Advance(TimeSpan.FromSeconds(1));
        queue.RaiseHand(Hand("fatima", kind: HandKind.FollowUp), Now);
        _time.Advance(TimeSpan.FromSeconds(1));
        queue.RaiseHand(Hand("adam", kind: HandKind.InterposedQuestion), Now);
        _time.Advance(TimeSpan.FromSeconds(1));
        queue.RaiseHand(Hand("sergio", kind: HandKind.PointOfOrder), Now);
        _time.Advance(TimeSpan.FromSeconds(1));
        queue.RaiseHand(Hand("lianna", kind: HandKind.InterposedQuestion), Now);

        Assert.Equal("sergio adam lianna fatima carlos", Names(queue.Order(Now)));
    }

    [Theory]
    // kind, allotted seconds of the turn (the agenda item gives 180)
    [InlineData(HandKind.Normal, 180)]
    [InlineData(HandKind.PointOfOrder, 180)]
    [InlineData(HandKind.InterposedQuestion, 45)]
    [InlineData(HandKind.FollowUp, 20)]
    public void Short_turns_get_the_session_s_own_time(HandKind kind, int allottedSeconds)
    {
        var shortTurns = new ShortTurns(TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(20));
        var queue = SpeakingQueue.Open(SessionId, new FirstComeFirstServedPolicy(), shortTurns);
        queue.StartAgendaItem(1, TimeSpan.FromMinutes(3), Now);
        queue.RaiseHand(Hand("erick"), Now);
        queue.GiveFloorToNext(Now);
        queue.RaiseHand(Hand("zahra", kind: kind), Now);

        var turn = queue.GiveFloorToNext(Now).Value;

        Assert.Equal(kind, turn.Kind);
        Assert.Equal(TimeSpan.FromSeconds(allottedSeconds), turn.Allotted);
    }

    [Fact]
    public void By_default_an_interposed_question_has_a_minute_and_a_follow_up_thirty_seconds()
    {
        Assert.Equal(ShortTurns.Default, QueuePolicySettings.None.ShortTurns);
        Assert.Equal(new ShortTurns(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(30)), ShortTurns.Default);
        Assert.Equal("interposedQuestionSeconds", new QueuePolicySettings(InterposedQuestionSeconds: 0).Build(QueuePolicyKind.FirstComeFirstServed).Error?.Field);
        Assert.Equal("followUpSeconds", new QueuePolicySettings(FollowUpSeconds: 3601).Build(QueuePolicyKind.FirstComeFirstServed).Error?.Field);
        Assert.Equal("warningSeconds", new QueuePolicySettings(WarningSeconds: -1).Build(QueuePolicyKind.FirstComeFirstServed).Error?.Field);
    }

    [Fact]
    public void An_interposed_question_needs_someone_at_the_floor_a_follow_up_a_turn_and_neither_enters_a_closed_queue()
    {
        var queue = SpeakingQueue.Open(SessionId, new FirstComeFirstServedPolicy());

        Assert.Equal(ErrorKind.Conflict, queue.RaiseHand(Hand("adam", kind: HandKind.InterposedQuestion), Now).Error?.Kind);
        Assert.Equal(ErrorKind.Conflict, queue.RaiseHand(Hand("adam", kind: HandKind.FollowUp), Now).Error?.Kind);

        queue.RaiseHand(Hand("erick"), Now);
        queue.GiveFloorToNext(Now);
        queue.Close(Now);

        Assert.Equal(ErrorKind.Conflict, queue.RaiseHand(Hand("adam", kind: HandKind.InterposedQuestion), Now).Error?.Kind);
        Assert.Equal(ErrorKind.Conflict, queue.RaiseHand(Hand("adam", kind: HandKind.FollowUp), Now).Error?.Kind);
        Assert.True(queue.RaiseHand(Hand("adam", kind: HandKind.PointOfOrder), Now).IsSuccess);

        queue.Reopen(Now);
        queue.EndIntervention(Now);
        Assert.Equal(ErrorKind.Conflict, queue.RaiseHand(Hand("adam", kind: HandKind.InterposedQuestion), Now).Error?.Kind);
        Assert.True(queue.RaiseHand(Hand("adam", kind: HandKind.FollowUp), Now).IsSuccess);
        Assert.Equal(ErrorKind.Invalid, queue.RaiseHand(Hand("adam", kind: (HandKind)42), Now).Error?.Kind);
    }

    [Theory]
    // allotted s, warning setting s, elapsed s, paused: warning starts at, is warning now
    [InlineData(180, 30, 149, 30, false)]
    [InlineData(180, 30, 150, 30, true)]
    [InlineData(180, 30, 179, 30, true)]
    [InlineData(180, 30, 180, 30, false)] // time is up: over time, not a warning
    [InlineData(180, 30, 200, 30, false)]
    [InlineData(30, 30, 10, 7.5, false)] // a follow-up's warning is its last quarter
    [InlineData(30, 30, 23, 7.5, true)]
    [InlineData(600, 60, 541, 60, true)]
    public void The_warning_starts_before_the_time_runs_out(int allotted, int warning, int elapsed, double startsAt, bool isWarning)
    {
        var turn = new Intervention(1, P("erick"), CivilSociety, Europe, null, false, HandKind.Normal, null, TimeSpan.FromSeconds(allotted), Now);

        var reading = InterventionTimer.Read(turn, Now.AddSeconds(elapsed), TimeSpan.FromSeconds(warning));

        Assert.Equal(TimeSpan.FromSeconds(startsAt), reading.WarningAt);
        Assert.Equal(isWarning, reading.IsWarning);
    }

    [Fact]
    public void A_turn_without_a_limit_never_warns()
    {
        var turn = new Intervention(1, P("erick"), CivilSociety, Europe, null, false, HandKind.Normal, null, null, Now);

        var reading = InterventionTimer.Read(turn, Now.AddHours(1));

        Assert.Null(reading.WarningAt);
        Assert.False(reading.IsWarning);
    }

    private SpeakingQueue Speaking(TimeSpan? allotted, QueuePolicy? policy = null)
    {
        var queue = SpeakingQueue.Open(SessionId, policy ?? new FirstComeFirstServedPolicy());
        if (allotted is { } a)
        {
            queue.StartAgendaItem(1, a, Now);
        }

        queue.RaiseHand(Hand("erick"), Now);
        queue.GiveFloorToNext(Now);
        return queue;
    }

    private static HandRaise Hand(string name, HandKind kind = HandKind.Normal) =>
        new(P(name), CivilSociety, Europe, Kind: kind);
}
