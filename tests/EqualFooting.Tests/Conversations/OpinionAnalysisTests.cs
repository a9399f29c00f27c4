using EqualFooting.Conversations;

namespace EqualFooting.Tests.Conversations;

public sealed class OpinionAnalysisTests
{
    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    public void Finds_the_planted_groups_and_their_number(int groups, int seed)
    {
        var conversation = PlantedConversation.Generate(600, 60, groups, 0.5, seed);

        var map = OpinionAnalysis.Run(conversation.Matrix);

        var silhouettes = string.Join(", ", map.Silhouettes.Select(s => $"{s.Key}: {s.Value:0.000}"));
        Assert.True(groups == map.Groups.Count, $"{map.Groups.Count} groups; silhouettes {silhouettes}; ARI {conversation.Ari(map)}");
        Assert.True(conversation.Ari(map) >= 0.95, $"ARI {conversation.Ari(map)}");
        Assert.Equal(map.Silhouettes.Max(s => s.Value), map.Silhouettes[groups]);
    }

    [Fact]
    public void Participants_with_too_few_votes_are_set_aside()
    {
        var conversation = PlantedConversation.Generate(200, 40, 2, 0.5, 7);
        var few = conversation.Matrix.With([new CastVote(200, 1, VoteChoice.Agree), new CastVote(200, 2, VoteChoice.Disagree)]);

        var map = OpinionAnalysis.Run(few);

        Assert.Equal(201, map.Participants);
        Assert.Equal(-1, map.GroupOf(200));
        Assert.DoesNotContain(map.Points, p => p.Participant == 200);
        Assert.Equal(200, map.Points.Count);
    }

    [Fact]
    public void The_same_votes_give_the_same_map()
    {
        var conversation = PlantedConversation.Generate(300, 50, 3, 0.4, 11);

        var first = OpinionAnalysis.Run(conversation.Matrix);
        var second = OpinionAnalysis.Run(conversation.Matrix);

        Assert.Equal(first.Points, second.Points);
        Assert.Equal(first.Bridging.Select(b => b.Statement), second.Bridging.Select(b => b.Statement));
    }

    [Fact]
    public void An_update_continuing_from_the_previous_map_finds_the_same_groups()
    {
        var conversation = PlantedConversation.Generate(500, 50, 3, 0.4, 5);
        var before = OpinionAnalysis.Run(conversation.Matrix);
        var random = new Random(3);
        var more = Enumerable.Range(0, 100)
            .Select(_ => random.Next(500))
            .Select(p => new CastVote(p, random.Next(1, 50), conversation.Matrix.Get(p, 1) ?? VoteChoice.Pass))
            .ToList();
        var matrix = conversation.Matrix.With(more);

        var updated = OpinionAnalysis.Run(matrix, previous: before);
        var fresh = OpinionAnalysis.Run(matrix);

        Assert.Equal(3, updated.Groups.Count);
        var ids = updated.Points.Select(p => p.Participant).ToList();
        var ari = AdjustedRandIndex.Compute(ids.Select(updated.GroupOf).ToList(), ids.Select(fresh.GroupOf).ToList());
        Assert.True(ari >= 0.95, $"ARI {ari}; planted {conversation.Ari(updated)} and {conversation.Ari(fresh)}");
    }

    [Fact]
    public void A_statement_agreed_everywhere_bridges_and_shows_every_groups_rate()
    {
        var conversation = PlantedConversation.Generate(600, 40, 3, 0.5, 21);

        var map = OpinionAnalysis.Run(conversation.Matrix, stakeholderOf: conversation.Stakeholder);

        var top = map.Bridging[0];
        Assert.Equal(0, top.Statement);
        Assert.Equal(3, top.Rates.Count(r => r.Kind == GroupKind.Opinion));
        Assert.Equal(3, top.Rates.Count(r => r.Kind == GroupKind.Stakeholder));
        Assert.Equal(top.Rates.Min(r => r.AgreeRate), top.Score);
        Assert.All(top.Rates, r => Assert.True(r.AgreeRate > 0.8));
        Assert.All(map.Bridging, b => Assert.True(b.Score > 0.5));
    }

    [Fact]
    public void A_statement_one_stakeholder_group_rejects_does_not_bridge()
    {
        // Statement 0 is agreed across the opinion groups; make stakeholder group 2 disagree with it.
        var conversation = PlantedConversation.Generate(600, 40, 3, 0.5, 21);
        var changes = Enumerable.Range(0, 600).Where(p => conversation.Stakeholder[p] == 2).Select(p => new CastVote(p, 0, VoteChoice.Disagree)).ToList();
        var matrix = conversation.Matrix.With(changes);

        var withGroups = OpinionAnalysis.Run(matrix, stakeholderOf: conversation.Stakeholder);
        var withoutGroups = OpinionAnalysis.Run(matrix, new OpinionSettings { BridgingCount = 40 });

        Assert.DoesNotContain(withGroups.Bridging, b => b.Statement == 0);
        Assert.Contains(withoutGroups.Bridging, b => b.Statement == 0);
    }

    [Fact]
    public void Divisive_and_representative_statements_are_the_ones_the_groups_split_on()
    {
        var conversation = PlantedConversation.Generate(400, 30, 2, 0.6, 8);

        var map = OpinionAnalysis.Run(conversation.Matrix);

        Assert.NotEmpty(map.Divisive);
        foreach (var d in map.Divisive)
        {
            Assert.True(d.Spread >= 1.0, $"statement {d.Statement} spread {d.Spread}");
        }

        foreach (var group in map.Groups)
        {
            Assert.NotEmpty(group.Representative);
            Assert.All(group.Representative, r => Assert.True(r.GroupRate > r.OtherRate));
        }
    }

    [Fact]
    public void The_sparse_pca_matches_a_dense_one_built_the_plain_way()
    {
        var conversation = PlantedConversation.Generate(120, 12, 3, 0.5, 4);
        var matrix = conversation.Matrix;
        var rows = Enumerable.Range(0, 120).ToArray();
        var means = new double[12];
        var counts = new int[12];
        foreach (var p in rows)
        {
            for (var j = 0; j < 12; j++)
            {
                if (matrix.Get(p, j) is { } v)
                {
                    means[j] += (int)v;
                    counts[j]++;
                }
            }
        }

        for (var j = 0; j < 12; j++)
        {
            means[j] /= counts[j];
        }

        // Dense: impute the mean, centre, covariance, eigenvectors.
        var dense = new double[120, 12];
        foreach (var p in rows)
        {
            for (var j = 0; j < 12; j++)
            {
                dense[p, j] = (matrix.Get(p, j) is { } v ? (int)v : means[j]) - means[j];
            }
        }

        var cov = new double[12 * 12];
        for (var a = 0; a < 12; a++)
        {
            for (var b = 0; b < 12; b++)
            {
                for (var p = 0; p < 120; p++)
                {
                    cov[(a * 12) + b] += dense[p, a] * dense[p, b];
                }
            }
        }

        var (values, vectors) = SymmetricEigen.Jacobi(cov, 12);
        foreach (var gram in new[] { CoVotes.Build(matrix, rows).Gram(means), null })
        {
            var sparse = SparsePca.Compute(matrix, rows, means, null, 500, 1e-12, 1, gram);

            Assert.Equal(values[0], sparse.Variances[0], 6);
            Assert.Equal(values[1], sparse.Variances[1], 6);
            for (var t = 0; t < 2; t++)
            {
                var dot = Enumerable.Range(0, 12).Sum(j => vectors[(j * 12) + t] * sparse.Directions[(j * SparsePca.Block) + t]);
                Assert.Equal(1.0, Math.Abs(dot), 6);
            }
        }
    }
}
