using EqualFooting.Decisions;
using EqualFooting.Deliberation;

namespace EqualFooting.Tests.Decisions;

/// <summary>Properties every counted rule must keep, checked on random rooms (seeded, so a failure repeats).</summary>
public sealed class DecisionRulePropertyTests
{
    private static readonly RuleKind[] Counted = [RuleKind.Consensus, RuleKind.Majority, RuleKind.StakeholderEqual, RuleKind.ConsentOfEveryGroup, RuleKind.Houses, RuleKind.SeatCouncil];

    private static (GroupRoll[] Rolls, CountedPosition[] Ballots, Dictionary<int, int> Seats) RandomRoom(Random random)
    {
        var groups = random.Next(1, 6);
        var rolls = Enumerable.Range(1, groups).Select(g => new GroupRoll(g, random.Next(0, 12), random.Next(8) == 0)).ToArray();
        var ballots = new List<CountedPosition>();
        var voter = 0;
        foreach (var roll in rolls)
        {
            var positions = random.Next(0, roll.Members + 1);
            for (var i = 0; i < positions; i++)
            {
                ballots.Add(new CountedPosition(++voter, roll.Id, (Stance)random.Next(4)));
            }
        }

        var seats = ballots.Where(_ => random.Next(3) == 0).ToDictionary(b => b.Voter, b => b.Group);
        return (rolls, [.. ballots], seats);
    }

    private static DecisionRule RandomRule(Random random, int groups) => new(
        RuleKind.Majority,
        new Threshold(random.Next(0, 5) / 4.0, random.Next(2) == 0),
        random.Next(0, 3) / 4.0,
        random.Next(0, 3) / 4.0,
        [new House("A", [.. Enumerable.Range(1, groups).Where(g => g % 2 == 1)]), new House("B", [.. Enumerable.Range(1, groups).Where(g => g % 2 == 0)])],
        random.Next(2) == 0 ? DecisionRule.GnsoOneHouse : null,
        Threshold.Majority,
        [.. Enumerable.Range(1, groups).Select(g => new GroupSeats(g, 3))]);

    [Fact]
    public void The_order_positions_arrive_in_never_changes_a_verdict()
    {
        var random = new Random(14);
        for (var run = 0; run < 300; run++)
        {
            var (rolls, ballots, seats) = RandomRoom(random);
            var rule = RandomRule(random, rolls.Length);
            var before = DecisionRules.Compare(rule, Tally.Count(rolls, ballots, seats));
            random.Shuffle(ballots);
            var after = DecisionRules.Compare(rule, Tally.Count(rolls, ballots, seats));
            Assert.Equal(before.Select(v => (v.Rule, v.Outcome, v.Because, v.For, v.Against)), after.Select(v => (v.Rule, v.Outcome, v.Because, v.For, v.Against)));
        }
    }

    [Fact]
    public void Turning_an_objection_into_agreement_never_undoes_an_adoption()
    {
        var random = new Random(7282);
        var checkedAny = 0;
        for (var run = 0; run < 500; run++)
        {
            var (rolls, ballots, seats) = RandomRoom(random);
            var objections = ballots.Select((b, i) => (b, i)).Where(x => x.b.Stance is Stance.Disagree or Stance.Block).Select(x => x.i).ToArray();
            if (objections.Length == 0)
            {
                continue;
            }

            var rule = RandomRule(random, rolls.Length);
            var changed = (CountedPosition[])ballots.Clone();
            var at = objections[random.Next(objections.Length)];
            changed[at] = changed[at] with { Stance = Stance.Agree };
            foreach (var kind in Counted)
            {
                var before = DecisionRules.Decide(rule with { Kind = kind }, Tally.Count(rolls, ballots, seats));
                var after = DecisionRules.Decide(rule with { Kind = kind }, Tally.Count(rolls, changed, seats));
                Assert.False(before.Adopted && !after.Adopted, $"{kind} undid an adoption when an objection turned to agreement (run {run}).");
                checkedAny++;
            }
        }

        Assert.True(checkedAny > 1000);
    }

    [Fact]
    public void A_tally_counts_every_position_once()
    {
        var random = new Random(1);
        for (var run = 0; run < 200; run++)
        {
            var (rolls, ballots, seats) = RandomRoom(random);
            var tally = Tally.Count(rolls, ballots, seats);
            Assert.Equal(ballots.Length, tally.All.Positions);
            Assert.Equal(seats.Count, tally.AllSeated.Positions);
            Assert.Equal(ballots.Count(b => b.Stance == Stance.Block), tally.Groups.Sum(g => g.Counts.Block));
        }
    }
}
