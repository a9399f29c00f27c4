using EqualFooting.Conversations;

namespace EqualFooting.Tests.Conversations;

/// <summary>
/// A generated conversation with planted opinion groups (up to four): two independent questions divide the room, each
/// group takes a side on each (groups 0–3 are the sides 00, 10, 01, 11), and every statement is about one of the two
/// questions, agreed by one side and rejected by the other. Each participant votes on a random share of the
/// statements. Statement 0 is agreed by nearly everyone.
/// </summary>
internal sealed record PlantedConversation(VoteMatrix Matrix, int[] Planted, int[] Stakeholder)
{
    public static PlantedConversation Generate(int participants, int statements, int groups, double voteShare, int seed, int stakeholders = 3)
    {
        var random = new Random(seed);
        var lean = new double[groups, statements];
        var polarity = Enumerable.Range(0, statements).Select(_ => random.Next(2)).ToArray();
        for (var g = 0; g < groups; g++)
        {
            for (var j = 0; j < statements; j++)
            {
                var side = (g >> (j % 2)) & 1;
                lean[g, j] = j == 0 ? 0.95 : (side == polarity[j] ? 0.85 : 0.1);
            }
        }

        var planted = new int[participants];
        var stakeholder = new int[participants];
        var votes = new List<CastVote>();
        for (var p = 0; p < participants; p++)
        {
            planted[p] = p % groups;
            stakeholder[p] = random.Next(stakeholders);
            for (var j = 0; j < statements; j++)
            {
                if (j != 0 && random.NextDouble() > voteShare)
                {
                    continue;
                }

                var u = random.NextDouble();
                var choice = u < lean[planted[p], j] ? VoteChoice.Agree : (u < lean[planted[p], j] + 0.05 ? VoteChoice.Pass : VoteChoice.Disagree);
                votes.Add(new CastVote(p, j, choice));
            }
        }

        return new PlantedConversation(VoteMatrix.Build(participants, statements, votes), planted, stakeholder);
    }

    public double Ari(OpinionMap map)
    {
        var clustered = map.Points.Select(p => p.Participant).ToList();
        return AdjustedRandIndex.Compute(clustered.Select(p => Planted[p]).ToList(), clustered.Select(map.GroupOf).ToList());
    }
}
