using EqualFooting.Conversations;

namespace EqualFooting.Tests.Conversations;

/// <summary>
/// An update continues from the previous map: the co-vote sums are changed only where votes changed, the PCA and the
/// base clusters start from where they were. These properties check, over many random conversations and batches of
/// votes, that what an update finds equals what a full computation of the same votes finds.
/// </summary>
public sealed class IncrementalUpdateTests
{
    /// <summary>Random votes: new, changed, repeated, by new participants and on new statements, and some voters crossing the 7-vote threshold.</summary>
    private static List<CastVote> Batch(Random random, VoteMatrix matrix, int count, int newParticipants, int newStatements)
    {
        var participants = matrix.Participants + newParticipants;
        var statements = matrix.Statements + newStatements;
        return [.. Enumerable.Range(0, count).Select(_ => new CastVote(random.Next(participants), random.Next(statements), (VoteChoice)(random.Next(3) - 1)))];
    }

    private static int[] Kept(VoteMatrix matrix, int threshold) => [.. Enumerable.Range(0, matrix.Participants).Where(p => matrix.VotesOf(p) >= threshold)];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Co_vote_sums_changed_in_place_equal_sums_counted_afresh(int seed)
    {
        var random = new Random(seed);
        // Sparse enough (a fifth of the cells) that many voters sit near the threshold and cross it.
        var matrix = PlantedConversation.Generate(300, 40, 3, 0.2, seed).Matrix;
        const int threshold = 7;
        var sums = CoVotes.Build(matrix, Kept(matrix, threshold));
        for (var round = 0; round < 5; round++)
        {
            var next = matrix.With(Batch(random, matrix, 40, newParticipants: round % 2, newStatements: round == 3 ? 2 : 0));

            var updated = sums.Update(matrix, p => matrix.VotesOf(p) >= threshold, next, p => next.VotesOf(p) >= threshold);

            Assert.NotNull(updated);
            var fresh = CoVotes.Build(next, Kept(next, threshold));
            Assert.Equal(fresh.Means(), updated.Means());
            var means = fresh.Means();
            var expected = fresh.Gram(means);
            var actual = updated.Gram(means);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.Equal(expected[i], actual[i], 9);
            }

            (matrix, sums) = (next, updated);
        }
    }

    [Fact]
    public void The_table_an_update_started_from_is_spent_and_a_second_update_from_it_declines_so_the_map_counts_afresh()
    {
        var matrix = PlantedConversation.Generate(200, 30, 2, 0.5, 2).Matrix;
        var sums = CoVotes.Build(matrix, Kept(matrix, 7));
        var next = matrix.With(Batch(new Random(1), matrix, 50, 0, 0));
        var other = matrix.With(Batch(new Random(2), matrix, 50, 0, 0));

        Assert.NotNull(sums.Update(matrix, p => matrix.VotesOf(p) >= 7, next, p => next.VotesOf(p) >= 7));
        // The storage now holds next's sums, so continuing the first map again must not read it.
        Assert.Null(sums.Update(matrix, p => matrix.VotesOf(p) >= 7, other, p => other.VotesOf(p) >= 7));

        // Through the analysis: an earlier map continued twice still ends with the sums of a fresh count.
        var first = OpinionAnalysis.Run(matrix);
        OpinionAnalysis.Run(next, previous: first);
        var again = OpinionAnalysis.Run(other, previous: first);
        var fresh = CoVotes.Build(other, Kept(other, 7));
        Assert.NotNull(again.State.CoVotes);
        Assert.Equal(fresh.Means(), again.State.CoVotes.Means());
        Assert.Equal(fresh.Gram(fresh.Means()), again.State.CoVotes.Gram(fresh.Means()));
    }

    [Fact]
    public void Continuing_a_map_a_second_time_after_its_table_and_places_were_taken_over_gives_the_same_map()
    {
        var conversation = PlantedConversation.Generate(400, 30, 3, 0.5, 21);
        var first = OpinionAnalysis.Run(conversation.Matrix, stakeholderOf: conversation.Stakeholder);
        var next = conversation.Matrix.With(Batch(new Random(3), conversation.Matrix, 60, 2, 0));

        var once = OpinionAnalysis.Run(next, stakeholderOf: conversation.Stakeholder, previous: first);
        // The first update took the co-vote table and the places over; this one counts afresh and starts without carried bounds.
        var twice = OpinionAnalysis.Run(next, stakeholderOf: conversation.Stakeholder, previous: first);

        Assert.Equal(once.Points, twice.Points);
        Assert.Equal(once.Groups.Select(g => (g.Size, g.CentreX, g.CentreY)), twice.Groups.Select(g => (g.Size, g.CentreX, g.CentreY)));
        Assert.Equal(once.Bridging.Select(b => (b.Statement, b.Score)), twice.Bridging.Select(b => (b.Statement, b.Score)));
    }

    [Fact]
    public void When_most_rows_change_the_update_declines_and_the_map_is_counted_afresh()
    {
        var conversation = PlantedConversation.Generate(300, 30, 3, 0.5, 9);
        var matrix = conversation.Matrix;
        // Every participant's statements renumbered: all rows differ.
        var shifted = VoteMatrix.Build(300, 31, [.. Enumerable.Range(0, 300).SelectMany(p => Enumerable.Range(0, 30)
            .Where(j => matrix.Get(p, j) is not null).Select(j => new CastVote(p, j + 1, matrix.Get(p, j)!.Value)))]);
        var sums = CoVotes.Build(matrix, Kept(matrix, 7));

        Assert.Null(sums.Update(matrix, p => matrix.VotesOf(p) >= 7, shifted, p => shifted.VotesOf(p) >= 7));

        var before = OpinionAnalysis.Run(matrix);
        var updated = OpinionAnalysis.Run(shifted, previous: before);
        var fresh = OpinionAnalysis.Run(shifted);
        Assert.Equal(fresh.Points.Select(p => p.Participant), updated.Points.Select(p => p.Participant));
        Assert.Equal(1.0, Ari(updated, fresh), 6);
    }

    [Theory]
    [InlineData(2, 11)]
    [InlineData(3, 12)]
    [InlineData(4, 13)]
    [InlineData(3, 14)]
    [InlineData(2, 15)]
    public void A_chain_of_updates_ends_where_a_full_computation_of_the_same_votes_does(int groups, int seed)
    {
        var conversation = PlantedConversation.Generate(800, 60, groups, 0.4, seed);
        var stakeholders = conversation.Stakeholder;
        var random = new Random(seed);
        var matrix = conversation.Matrix;
        var map = OpinionAnalysis.Run(matrix, stakeholderOf: stakeholders);
        for (var round = 0; round < 4; round++)
        {
            // Votes that follow each voter's planted side, so the groups stay what they are.
            var batch = Enumerable.Range(0, 100).Select(_ =>
            {
                var p = random.Next(matrix.Participants);
                var j = random.Next(1, matrix.Statements);
                var same = Enumerable.Range(0, 800).First(q => conversation.Planted[q] == conversation.Planted[p] && matrix.Get(q, j) is not null);
                return new CastVote(p, j, matrix.Get(same, j)!.Value);
            }).ToList();
            matrix = matrix.With(batch);
            map = OpinionAnalysis.Run(matrix, stakeholderOf: stakeholders, previous: map);
        }

        var fresh = OpinionAnalysis.Run(matrix, stakeholderOf: stakeholders);

        Assert.Equal(fresh.Groups.Count, map.Groups.Count);
        Assert.Equal(fresh.Points.Select(p => p.Participant), map.Points.Select(p => p.Participant));
        Assert.True(Ari(map, fresh) >= 0.99, $"ARI {Ari(map, fresh)}");
        // The two components capture the same variance (Σ x² and Σ y² over the points are the two variances).
        Assert.Equal(1.0, map.Points.Sum(p => p.X * p.X) / fresh.Points.Sum(p => p.X * p.X), 4);
        Assert.Equal(1.0, map.Points.Sum(p => p.Y * p.Y) / fresh.Points.Sum(p => p.Y * p.Y), 3);
        // Places agree up to the PCA's tolerance on every axis the planted groups spread along (with two groups the
        // second axis is noise, its direction ill-defined, and both runs are right).
        var spread = fresh.Points.Max(p => Math.Abs(p.X)) + fresh.Points.Max(p => Math.Abs(p.Y));
        foreach (var (a, b) in map.Points.Zip(fresh.Points))
        {
            var apart = Math.Abs(a.X - b.X) + (groups > 2 ? Math.Abs(a.Y - b.Y) : 0);
            Assert.True(apart <= 0.01 * spread, $"participant {a.Participant}: ({a.X}, {a.Y}) against ({b.X}, {b.Y})");
        }

        // Bridging and divisive statements: the same scores, rank by rank, to two decimals (a near tie may swap two statements).
        Assert.Equal(fresh.Bridging.Count, map.Bridging.Count);
        foreach (var (a, b) in map.Bridging.Zip(fresh.Bridging))
        {
            Assert.Equal(b.Score, a.Score, 0.02);
        }

        Assert.Equal(fresh.Divisive.Count, map.Divisive.Count);
        foreach (var (a, b) in map.Divisive.Zip(fresh.Divisive))
        {
            Assert.Equal(b.Spread, a.Spread, 0.02);
        }
    }

    private static double Ari(OpinionMap a, OpinionMap b)
    {
        var ids = a.Points.Select(p => p.Participant).ToList();
        return AdjustedRandIndex.Compute(ids.Select(a.GroupOf).ToList(), ids.Select(b.GroupOf).ToList());
    }
}

public sealed class IncrementalUpdateVoteByVoteTests
{
    /// <summary>
    /// A small conversation as the web worker sees it: voters arrive one by one and vote on every statement, the
    /// analysis continuing from its last map after each vote. Two camps, each voter passing on a different statement.
    /// </summary>
    [Theory]
    [InlineData(1.0, 1)]
    [InlineData(0.3, 2)]
    [InlineData(0.1, 3)]
    [InlineData(0.05, 4)]
    [InlineData(0.2, 5)]
    [InlineData(0.1, 6)]
    [InlineData(0.1, 7)]
    [InlineData(0.05, 8)]
    public void Continuing_after_every_single_vote_ends_where_a_full_computation_does(double share, int seed)
    {
        var random = new Random(seed);
        var votes = new List<CastVote>();
        OpinionMap? map = null;
        VoteMatrix? matrix = null;
        for (var p = 0; p < 12; p++)
        {
            for (var i = 0; i < 7; i++)
            {
                var camp = p < 6;
                var choice = i == 0 ? VoteChoice.Agree : (i - 1) == p % 6 ? VoteChoice.Pass : ((i - 1) % 2 == 0) == camp ? VoteChoice.Agree : VoteChoice.Disagree;
                votes.Add(new CastVote(p, i, choice));
                matrix = VoteMatrix.Build(p + 1, 7, votes);
                if (p + 1 > 2 && random.NextDouble() < share)
                {
                    map = OpinionAnalysis.Run(matrix, previous: map);
                }
            }
        }

        // The worker's last computation, after the last vote, continues from whichever it made before.
        map = OpinionAnalysis.Run(matrix!, previous: map);
        var fresh = OpinionAnalysis.Run(matrix!);

        Assert.Equal(2, fresh.Groups.Count);
        Assert.Equal(fresh.Groups.Count, map!.Groups.Count);
        Assert.Equal(1.0, AdjustedRandIndex.Compute(fresh.Points.Select(p => p.Group).ToList(), map.Points.Select(p => p.Group).ToList()), 9);
    }
}
