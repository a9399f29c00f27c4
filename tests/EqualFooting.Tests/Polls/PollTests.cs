using EqualFooting.Common;
using EqualFooting.Deliberation;
using EqualFooting.Polls;

namespace EqualFooting.Tests.Polls;

public sealed class PollTests
{
    private static readonly DateTimeOffset Now = new(2014, 6, 22, 9, 0, 0, TimeSpan.Zero);

    private static Poll Make(PollDefinition d) => Poll.Create(1, null, d, Now).Value;

    [Theory]
    [InlineData(null, "question")]
    [InlineData("  ", "question")]
    public void A_poll_needs_a_question(string? question, string field) =>
        Assert.Equal(field, Poll.Create(1, null, new PollDefinition(question, PollKind.SenseCheck), Now).Error!.Field);

    [Fact]
    public void Choice_polls_need_two_distinct_options_and_likert_scales_start_at_0_or_1()
    {
        Assert.Equal("options", Poll.Create(1, null, new PollDefinition("Q", PollKind.SingleChoice, ["Only"]), Now).Error!.Field);
        Assert.Equal("options", Poll.Create(1, null, new PollDefinition("Q", PollKind.SingleChoice, ["Yes", "yes"]), Now).Error!.Field);
        Assert.Equal("kind", Poll.Create(1, null, new PollDefinition("Q", null), Now).Error!.Field);
        Assert.Equal("scaleMin", Poll.Create(1, null, new PollDefinition("Q", PollKind.Likert, ScaleMin: 2), Now).Error!.Field);
        Assert.Equal("labels", Poll.Create(1, null, new PollDefinition("Q", PollKind.Likert, ScaleMin: 1, Labels: ["a", "b"]), Now).Error!.Field);
        var likert = Make(new PollDefinition("Q", PollKind.Likert, ScaleMin: 0, DontKnow: true));
        Assert.Equal(["0", "1", "2", "3", "4", "5", "Don't know"], likert.Categories);
        Assert.Equal(["Agree", "Disagree", "Abstain", "Block"], Make(new PollDefinition("Q", PollKind.SenseCheck)).Categories);
    }

    [Theory]
    [InlineData(1, 0, false)]
    [InlineData(1, 6, false)]
    [InlineData(1, 1, true)]
    [InlineData(0, 0, true)]
    [InlineData(0, 5, true)]
    [InlineData(0, -1, false)]
    public void A_rating_must_be_on_the_scale(int min, int rating, bool valid)
    {
        var poll = Make(new PollDefinition("Q", PollKind.Likert, ScaleMin: min));
        var answer = poll.Read(new AnswerInput(Rating: rating));
        Assert.Equal(valid, answer.IsSuccess);
        if (!valid)
        {
            Assert.Equal("rating", answer.Error!.Field);
        }
        else
        {
            Assert.Equal(1 << (rating - min), answer.Value.Mask);
        }
    }

    [Fact]
    public void Dont_know_is_its_own_category_only_when_allowed()
    {
        var with = Make(new PollDefinition("Q", PollKind.Likert, DontKnow: true));
        var without = Make(new PollDefinition("Q", PollKind.Likert));
        Assert.Equal(1 << 5, with.Read(new AnswerInput(DontKnow: true)).Value.Mask);
        Assert.Equal("rating", without.Read(new AnswerInput(DontKnow: true)).Error!.Field);
    }

    [Fact]
    public void Choices_are_checked_against_the_options_and_single_choice_takes_one()
    {
        var single = Make(new PollDefinition("Q", PollKind.SingleChoice, ["A", "B", "C"]));
        var multiple = Make(new PollDefinition("Q", PollKind.MultipleChoice, ["A", "B", "C"]));
        Assert.Equal("choices", single.Read(new AnswerInput([0, 1])).Error!.Field);
        Assert.Equal("choices", single.Read(new AnswerInput([3])).Error!.Field);
        Assert.Equal("choices", single.Read(new AnswerInput([])).Error!.Field);
        Assert.Equal(0b101, multiple.Read(new AnswerInput([0, 2, 2])).Value.Mask);
    }

    [Fact]
    public void A_sense_check_reads_a_position()
    {
        var poll = Make(new PollDefinition("Q", PollKind.SenseCheck));
        var block = poll.Read(new AnswerInput(Stance: "block", Reason: "Not without the RIRs"));
        Assert.Equal(Stance.Block, block.Value.Stance);
        Assert.Equal(1 << (int)Stance.Block, block.Value.Mask);
        Assert.Equal("Not without the RIRs", block.Value.Reason);
        Assert.Equal("stance", poll.Read(new AnswerInput(Stance: "perhaps")).Error!.Field);
    }

    [Fact]
    public void Settings_change_until_the_first_ballot_then_conflict()
    {
        var poll = Make(new PollDefinition("Q", PollKind.SenseCheck));
        Assert.True(poll.ChangeSettings(anonymous: false, resultsWhileOpen: false).Value);
        Assert.False(poll.ChangeSettings(anonymous: false, resultsWhileOpen: false).Value);
        typeof(Poll).GetProperty(nameof(Poll.HasBallots))!.SetValue(poll, true);
        Assert.Equal(ErrorKind.Conflict, poll.ChangeSettings(anonymous: true, resultsWhileOpen: false).Error!.Kind);
    }

    [Fact]
    public void A_timed_poll_stops_taking_ballots_at_its_end()
    {
        var poll = Poll.Create(1, 7, new PollDefinition("Sense of the room", PollKind.SenseCheck), Now, Now.AddSeconds(60)).Value;
        Assert.True(poll.IsOpenAt(Now.AddSeconds(59)));
        Assert.False(poll.IsOpenAt(Now.AddSeconds(60)));
        Assert.True(poll.Close(Now.AddSeconds(90)).Value);
        Assert.Equal(Now.AddSeconds(60), poll.ClosedAt);
        Assert.False(poll.Close(Now.AddSeconds(91)).Value);
    }
}
