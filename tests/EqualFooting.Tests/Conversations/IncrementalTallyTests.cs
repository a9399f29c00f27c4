using EqualFooting.Conversations;

namespace EqualFooting.Tests.Conversations;

/// <summary>
/// The two exact shortcuts of an update: <see cref="VoteMatrix.With"/> rebuilds only the rows with changes, and the
/// statement tally counts again only the participants whose votes or groups changed. Both must equal doing it all again.
/// </summary>
public sealed class IncrementalTallyTests
{
    private static List<CastVote> RandomVotes(Random random, int count, int participants, int statements) =>
        Enumerable.Range(0, count)
            .Select(_ => new CastVote(random.Next(participants), random.Next(statements), (VoteChoice)(sbyte)(random.Next(3) - 1)))
            .ToList();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void With_equals_building_the_matrix_from_every_vote_in_order(int seed)
    {
        var random = new Random(seed);
        var all = RandomVotes(random, 400, 40, 25);
        var matrix = VoteMatrix.Build(40, 25, all);
        for (var round = 0; round < 5; round++)
        {
            // Changed votes, repeats within the batch, and new participants and statements.
            var batch = RandomVotes(random, 60, 40 + (round * 3), 25 + round);
            all.AddRange(batch);
            matrix = matrix.With(batch);
            var built = VoteMatrix.Build(matrix.Participants, matrix.Statements, all);

            Assert.Equal(built.Count, matrix.Count);
            for (var p = 0; p < built.Participants; p++)
            {
                for (var j = 0; j < built.Statements; j++)
                {
                    Assert.Equal(built.Get(p, j), matrix.Get(p, j));
                }
            }
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void An_updated_tally_equals_a_fresh_count_when_votes_opinion_groups_and_stakeholder_groups_change(int seed)
    {
        var random = new Random(seed);
        const int Participants = 60, Statements = 20, Groups = 3, Stakeholders = 4;
        var matrix = VoteMatrix.Build(Participants, Statements, RandomVotes(random, 700, Participants, Statements));
        var groupOf = Enumerable.Range(0, Participants).Select(_ => random.Next(-1, Groups)).ToArray();
        var stakeholderOf = Enumerable.Range(0, Participants).Select(_ => random.Next(-1, Stakeholders)).ToArray();
        var tally = StatementTally.Count(matrix, groupOf, Groups, stakeholderOf, Stakeholders);
        for (var round = 0; round < 4; round++)
        {
            var next = matrix.With(RandomVotes(random, 30, Participants + round, Statements));
            var nextGroupOf = Enumerable.Range(0, next.Participants).Select(p => p < groupOf.Length && random.Next(5) > 0 ? groupOf[p] : random.Next(-1, Groups)).ToArray();
            var nextStakeholderOf = Enumerable.Range(0, next.Participants).Select(p => p < stakeholderOf.Length && random.Next(5) > 0 ? stakeholderOf[p] : random.Next(-1, Stakeholders)).ToArray();

            var updated = StatementTally.Update(tally, matrix, groupOf, stakeholderOf, next, nextGroupOf, Groups, nextStakeholderOf, Stakeholders);

            Assert.NotNull(updated);
            Assert.Equal(StatementTally.Count(next, nextGroupOf, Groups, nextStakeholderOf, Stakeholders).Counts, updated.Counts);
            (tally, matrix, groupOf, stakeholderOf) = (updated, next, nextGroupOf, nextStakeholderOf);
        }
    }

    [Fact]
    public void A_tally_of_another_shape_is_not_updated_but_counted_afresh()
    {
        var matrix = VoteMatrix.Build(3, 2, [new CastVote(0, 0, VoteChoice.Agree)]);
        var tally = StatementTally.Count(matrix, [0, 0, 1], 2, null, 0);

        Assert.Null(StatementTally.Update(tally, matrix, [0, 0, 1], null, matrix, [0, 1, 2], 3, null, 0));
        Assert.Null(StatementTally.Update(tally, matrix, [0, 0, 1], null, matrix.With([new CastVote(0, 2, VoteChoice.Pass)]), [0, 0, 1], 2, null, 0));
    }
}
