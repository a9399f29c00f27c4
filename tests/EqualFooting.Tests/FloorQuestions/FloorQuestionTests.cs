using EqualFooting.Common;
using EqualFooting.FloorQuestions;

namespace EqualFooting.Tests.FloorQuestions;

public sealed class FloorQuestionTests
{
    private static readonly DateTimeOffset Now = new(2014, 6, 22, 9, 0, 0, TimeSpan.Zero);

    private static FloorQuestion Ask(int? session = 7, bool hold = false, int id = 0)
    {
        var q = FloorQuestion.Ask(1, session, null, "When will the IANA transition proposal be published?", 3, 1, 2, hold, Now).Value;
        typeof(FloorQuestion).GetProperty(nameof(FloorQuestion.Id))!.SetValue(q, id);
        return q;
    }

    [Fact]
    public void A_question_needs_text_and_is_held_when_the_setting_says_so()
    {
        Assert.Equal("text", FloorQuestion.Ask(1, null, null, " ", 3, 1, 2, false, Now).Error!.Field);
        Assert.Equal(QuestionStatus.Pending, Ask(hold: true).Status);
        Assert.Equal(QuestionStatus.Approved, Ask().Status);
        var held = Ask(hold: true);
        Assert.True(held.Approve().Value);
        Assert.False(held.Approve().Value);
    }

    [Fact]
    public void A_duplicate_merges_into_another_question_of_the_same_session()
    {
        var original = Ask(id: 1);
        var duplicate = Ask(id: 2);
        Assert.Equal("into", duplicate.MergeInto(duplicate).Error!.Field);
        Assert.Equal("into", duplicate.MergeInto(Ask(session: 8, id: 3)).Error!.Field);
        Assert.True(duplicate.MergeInto(original).Value);
        Assert.Equal(QuestionStatus.Merged, duplicate.Status);
        Assert.False(duplicate.MergeInto(original).Value);
        Assert.Equal(ErrorKind.Conflict, duplicate.MarkAnswered(7, 4, Now).Error!.Kind);
    }

    [Fact]
    public void The_answer_must_be_an_intervention_of_the_questions_session()
    {
        var q = Ask();
        Assert.Equal("intervention", q.MarkAnswered(8, 4, Now).Error!.Field);
        Assert.True(q.MarkAnswered(7, 4, Now).Value);
        Assert.False(q.MarkAnswered(7, 4, Now).Value);
        Assert.Equal(QuestionStatus.Answered, q.Status);
        Assert.Equal(4, q.AnsweredByIntervention);
    }
}
