using EqualFooting.Conversations;

namespace EqualFooting.Tests.Conversations;

public sealed class VoteMatrixTests
{
    [Fact]
    public void A_later_vote_on_the_same_statement_replaces_the_earlier()
    {
        var matrix = VoteMatrix.Build(2, 3, [
            new CastVote(0, 2, VoteChoice.Agree),
            new CastVote(0, 0, VoteChoice.Pass),
            new CastVote(0, 2, VoteChoice.Disagree),
            new CastVote(1, 1, VoteChoice.Agree),
        ]);

        Assert.Equal(3, matrix.Count);
        Assert.Equal(VoteChoice.Disagree, matrix.Get(0, 2));
        Assert.Equal(VoteChoice.Pass, matrix.Get(0, 0));
        Assert.Null(matrix.Get(0, 1));
        Assert.Equal(2, matrix.VotesOf(0));
    }

    [Fact]
    public void With_changes_votes_and_grows_the_matrix()
    {
        var matrix = VoteMatrix.Build(1, 2, [new CastVote(0, 0, VoteChoice.Agree)]);

        var next = matrix.With([new CastVote(0, 0, VoteChoice.Disagree), new CastVote(2, 4, VoteChoice.Pass)]);

        Assert.Equal(3, next.Participants);
        Assert.Equal(5, next.Statements);
        Assert.Equal(VoteChoice.Disagree, next.Get(0, 0));
        Assert.Equal(VoteChoice.Pass, next.Get(2, 4));
        Assert.Equal(0, next.VotesOf(1));
        Assert.Equal(VoteChoice.Agree, matrix.Get(0, 0));
    }

    [Fact]
    public void A_vote_outside_the_matrix_or_of_another_value_is_refused()
    {
        Assert.Throws<ArgumentException>(() => VoteMatrix.Build(1, 1, [new CastVote(0, 1, VoteChoice.Agree)]));
        Assert.Throws<ArgumentException>(() => VoteMatrix.Build(1, 1, [new CastVote(0, 0, (VoteChoice)2)]));
    }
}

public sealed class AdjustedRandIndexTests
{
    [Theory]
    [InlineData(new[] { 0, 0, 1, 1 }, new[] { 1, 1, 0, 0 }, 1.0)]
    [InlineData(new[] { 0, 0, 0, 0 }, new[] { 5, 5, 5, 5 }, 1.0)]
    [InlineData(new[] { 0, 0, 1, 1 }, new[] { 0, 1, 0, 1 }, -0.5)]
    // scikit-learn's adjusted_rand_score([0, 0, 1, 2], [0, 0, 1, 1]) = 0.5714285714285715
    [InlineData(new[] { 0, 0, 1, 2 }, new[] { 0, 0, 1, 1 }, 0.5714285714285715)]
    public void Matches_known_values(int[] a, int[] b, double expected) =>
        Assert.Equal(expected, AdjustedRandIndex.Compute(a, b), 12);
}
