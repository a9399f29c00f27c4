using EqualFooting.FloorQuestions;

namespace EqualFooting.Tests.FloorQuestions;

public sealed class QuestionOrderTests
{
    private static readonly DateTimeOffset T = new(2014, 6, 22, 9, 0, 0, TimeSpan.Zero);

    private static RankedQuestion Q(int id, int group, int ownVotes, int otherVotes = 0, int minute = 0) =>
        new(id, group, new Dictionary<int, int> { [group] = ownVotes, [99] = otherVotes }, T.AddMinutes(minute + id));

    [Fact]
    public void By_votes_puts_the_most_voted_first_then_the_oldest()
    {
        var order = QuestionOrder.ByVotes([Q(1, 1, 2), Q(2, 1, 5), Q(3, 2, 2)]);
        Assert.Equal([2, 1, 3], order.Select(q => q.Id));
    }

    [Fact]
    public void Balanced_takes_one_question_from_each_group_in_turn()
    {
        // Civil society (1) is large and votes a lot; government (2) and academia (3) ask fewer questions.
        RankedQuestion[] questions = [Q(1, 1, 40), Q(2, 1, 35), Q(3, 1, 30), Q(4, 2, 3), Q(5, 3, 2), Q(6, 2, 1)];

        var order = QuestionOrder.Balanced(questions).Select(q => q.Id).ToList();

        Assert.Equal([1, 4, 5, 2, 6, 3], order);
        Assert.Equal([1, 2, 3, 4, 5, 6], QuestionOrder.ByVotes(questions).Select(q => q.Id));
    }

    [Fact]
    public void Balanced_ranks_within_a_group_by_that_groups_own_votes()
    {
        // Question 1 got many votes from another group, question 2 more from its own.
        var order = QuestionOrder.Balanced([Q(1, 1, ownVotes: 1, otherVotes: 50), Q(2, 1, ownVotes: 4)]);
        Assert.Equal([2, 1], order.Select(q => q.Id));
    }

    [Fact]
    public void Every_question_appears_once_in_either_order()
    {
        var random = new Random(7);
        var questions = Enumerable.Range(1, 60).Select(i => Q(i, random.Next(1, 6), random.Next(0, 20), random.Next(0, 20))).ToList();
        Assert.Equal(Enumerable.Range(1, 60), QuestionOrder.Balanced(questions).Select(q => q.Id).Order());
        Assert.Equal(Enumerable.Range(1, 60), QuestionOrder.ByVotes(questions).Select(q => q.Id).Order());
    }
}
