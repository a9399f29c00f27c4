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

    /// <summary>
    /// With writes each batch into the shared store in place (rows growing past their room move, the store grows and
    /// compacts); every matrix of the chain, and of a branch from an earlier one, must still read exactly its own votes.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Batches_written_in_place_leave_every_matrix_reading_what_a_fresh_build_of_its_votes_reads(int seed)
    {
        var random = new Random(seed);
        var all = Votes(random, 300, 30, 20);
        var matrix = VoteMatrix.Build(30, 20, all);
        var chain = new List<(VoteMatrix Matrix, List<CastVote> Votes)> { (matrix, [.. all]) };
        var continued = new HashSet<VoteMatrix>(ReferenceEqualityComparer.Instance);
        for (var round = 0; round < 12; round++)
        {
            // Some rounds add many votes to a few rows (rows outgrow their room), some touch many rows; some add participants and statements.
            var batch = round % 3 == 0
                ? Votes(random, 80, 3 + round, 20 + round)
                : Votes(random, 25, 30 + round, 20 + round);
            // Now and then branch from an earlier matrix instead of the newest.
            var from = round % 4 == 3 ? chain[random.Next(chain.Count)] : chain[^1];
            // A matrix With was already called on is branched from by a copy.
            var newest = continued.Add(from.Matrix);
            var votes = from.Votes.Concat(batch).ToList();
            var next = from.Matrix.With(batch);
            chain.Add((next, votes));

            var changed = next.ChangedSince(from.Matrix);
            foreach (var (m, v) in chain)
            {
                AssertReads(VoteMatrix.Build(m.Participants, m.Statements, v), m);
            }

            // The rows named as changed cover every row that differs; a branch is a copy, with no rows to name.
            if (!newest)
            {
                Assert.Null(changed);
                continue;
            }

            Assert.NotNull(changed);
            for (var p = 0; p < next.Participants; p++)
            {
                if (p >= from.Matrix.Participants ? next.VotesOf(p) > 0 : !Row(next, p).SequenceEqual(Row(from.Matrix, p)))
                {
                    Assert.Contains(p, changed);
                }
            }
        }

        // Over two steps the changed rows are the union; between unrelated matrices there are none to name.
        var two = chain[^1].Matrix.With(Votes(random, 5, 30, 20)).With(Votes(random, 5, 30, 20));
        Assert.Equal(chain[^1].Matrix.ChangedSince(chain[^1].Matrix), []);
        Assert.True(two.ChangedSince(chain[^1].Matrix)!.Count >= 5);
        Assert.Null(chain[0].Matrix.ChangedSince(chain[^1].Matrix));
        // The bulk readers' view of an earlier matrix is a copy holding its own votes.
        var first = chain[0].Matrix.Flat();
        Assert.NotSame(chain[0].Matrix, first);
        AssertReads(VoteMatrix.Build(30, 20, chain[0].Votes), first);
    }

    private static List<CastVote> Votes(Random random, int count, int participants, int statements) =>
        [.. Enumerable.Range(0, count).Select(_ => new CastVote(random.Next(participants), random.Next(statements), (VoteChoice)(random.Next(3) - 1)))];

    private static (int, VoteChoice)[] Row(VoteMatrix matrix, int p) =>
        [.. Enumerable.Range(0, matrix.Statements).Where(j => matrix.Get(p, j) is not null).Select(j => (j, matrix.Get(p, j)!.Value))];

    private static void AssertReads(VoteMatrix expected, VoteMatrix actual)
    {
        Assert.Equal(expected.Participants, actual.Participants);
        Assert.Equal(expected.Statements, actual.Statements);
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.StatementsVoted, actual.StatementsVoted);
        Assert.Equal(expected.Votes(), actual.Votes());
        for (var p = 0; p < expected.Participants; p++)
        {
            Assert.Equal(expected.VotesOf(p), actual.VotesOf(p));
        }
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
