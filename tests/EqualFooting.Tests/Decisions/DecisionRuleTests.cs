using EqualFooting.Common;
using EqualFooting.Decisions;
using EqualFooting.Deliberation;

namespace EqualFooting.Tests.Decisions;

public sealed class DecisionRuleTests
{
    // Groups 1..4: government, business, civil society, technical community.
    private static readonly int[] Active = [1, 2, 3, 4];

    /// <summary>Builds a tally from "group:agree/disagree/abstain/block of members" specs, e.g. "1:3/1/0/0 of 5".</summary>
    internal static Tally Room(params string[] specs) => Room(null, specs);

    internal static Tally Room(IReadOnlyDictionary<int, int>? seats, params string[] specs)
    {
        var rolls = new List<GroupRoll>();
        var ballots = new List<CountedPosition>();
        var voter = 0;
        foreach (var spec in specs)
        {
            var retired = spec.EndsWith(" retired", StringComparison.Ordinal);
            var parts = spec.Replace(" retired", "", StringComparison.Ordinal).Split([':', '/', ' '], StringSplitOptions.RemoveEmptyEntries);
            var group = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
            var counts = parts[1..5].Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            var members = parts.Length > 6 ? int.Parse(parts[6], System.Globalization.CultureInfo.InvariantCulture) : counts.Sum();
            rolls.Add(new GroupRoll(group, members, retired));
            for (var s = 0; s < 4; s++)
            {
                for (var i = 0; i < counts[s]; i++)
                {
                    ballots.Add(new CountedPosition(++voter, group, (Stance)s));
                }
            }
        }

        return Tally.Count(rolls, ballots.ToArray(), seats);
    }

    private static DecisionRule Rule(RuleKind kind, double threshold = 0.5, bool atLeast = false, double quorum = 0, double turnout = 0) =>
        new(kind, new Threshold(threshold, atLeast), quorum, turnout);

    public static TheoryData<string, RuleKind, double, bool, double, double, string[], Outcome, Because> Cases => new()
    {
        // Consensus with blocks.
        { "one block stops it", RuleKind.Consensus, 0.5, false, 0, 0, ["1:9/0/0/1"], Outcome.Blocked, Because.BlockStands },
        { "disagreement without a block does not", RuleKind.Consensus, 0.5, false, 0, 0, ["1:1/5/0/0"], Outcome.Adopted, Because.ThresholdMet },
        { "nobody agrees", RuleKind.Consensus, 0.5, false, 0, 0, ["1:0/0/3/0"], Outcome.Rejected, Because.NoSupport },
        { "consensus quorum fails", RuleKind.Consensus, 0.5, false, 0.5, 0, ["1:2/0/0/0 of 10"], Outcome.NoQuorum, Because.QuorumNotMet },
        { "no positions at all", RuleKind.Consensus, 0.5, false, 0, 0, ["1:0/0/0/0 of 4"], Outcome.Rejected, Because.NoSupport },

        // Majority and supermajority.
        { "simple majority", RuleKind.Majority, 0.5, false, 0, 0, ["1:3/2/0/0"], Outcome.Adopted, Because.ThresholdMet },
        { "a tie is not a majority", RuleKind.Majority, 0.5, false, 0, 0, ["1:2/1/0/1"], Outcome.Rejected, Because.Tie },
        { "abstentions stand aside", RuleKind.Majority, 0.5, false, 0, 0, ["1:2/1/10/0"], Outcome.Adopted, Because.ThresholdMet },
        { "two-thirds at least: exactly 2 of 3", RuleKind.Majority, 2.0 / 3, true, 0, 0, ["1:2/1/0/0"], Outcome.Adopted, Because.ThresholdMet },
        { "more than two-thirds: 2 of 3 is not", RuleKind.Majority, 2.0 / 3, false, 0, 0, ["1:2/1/0/0"], Outcome.Rejected, Because.ThresholdNotMet },
        { "quorum exactly met", RuleKind.Majority, 0.5, false, 0.5, 0, ["1:3/2/0/0 of 10"], Outcome.Adopted, Because.ThresholdMet },
        { "quorum one short", RuleKind.Majority, 0.5, false, 0.5, 0, ["1:3/1/0/0 of 10"], Outcome.NoQuorum, Because.QuorumNotMet },
        { "abstentions count towards quorum", RuleKind.Majority, 0.5, false, 0.5, 0, ["1:1/0/4/0 of 10"], Outcome.Adopted, Because.ThresholdMet },
        { "nobody took a side", RuleKind.Majority, 0.5, false, 0, 0, ["1:0/0/2/0"], Outcome.Rejected, Because.NoSupport },
        { "unanimity as threshold 1 at least", RuleKind.Majority, 1, true, 0, 0, ["1:5/1/0/0"], Outcome.Rejected, Because.ThresholdNotMet },

        // Stakeholder-equal: seven beat fourteen.
        { "small groups outweigh a big one", RuleKind.StakeholderEqual, 0.5, false, 0, 0, ["1:3/0/0/0", "2:4/0/0/0", "3:0/14/0/0"], Outcome.Adopted, Because.ThresholdMet },
        { "group shares average to a tie", RuleKind.StakeholderEqual, 0.5, false, 0, 0, ["1:1/0/0/0", "2:0/1/0/0"], Outcome.Rejected, Because.Tie },
        { "a group below its turnout stops it", RuleKind.StakeholderEqual, 0.5, false, 0, 0.5, ["1:5/0/0/0 of 5", "2:1/0/0/0 of 4"], Outcome.NoQuorum, Because.GroupTurnoutNotMet },
        { "an empty group is left out", RuleKind.StakeholderEqual, 0.5, false, 0, 0.5, ["1:3/1/0/0", "2:0/0/0/0 of 0"], Outcome.Adopted, Because.ThresholdMet },
        { "a retired group is left out", RuleKind.StakeholderEqual, 0.5, false, 0, 0.5, ["1:3/1/0/0", "2:0/9/0/0 retired"], Outcome.Adopted, Because.ThresholdMet },
        { "a group that all abstained is left out", RuleKind.StakeholderEqual, 0.5, false, 0, 0, ["1:1/2/0/0", "2:0/0/3/0"], Outcome.Rejected, Because.ThresholdNotMet },
        { "no group counted", RuleKind.StakeholderEqual, 0.5, false, 0, 0, ["1:0/0/3/0", "2:0/0/0/0 of 0"], Outcome.Rejected, Because.NoCountedGroup },

        // Consent of every group.
        { "every group agrees", RuleKind.ConsentOfEveryGroup, 0.5, false, 0, 0, ["1:2/1/0/0", "2:1/0/0/0", "3:5/4/0/0"], Outcome.Adopted, Because.EveryGroupConsented },
        { "one group withholds", RuleKind.ConsentOfEveryGroup, 0.5, false, 0, 0, ["1:9/0/0/0", "2:1/1/0/0"], Outcome.Rejected, Because.GroupWithheldConsent },
        { "a group that only abstains has not consented", RuleKind.ConsentOfEveryGroup, 0.5, false, 0, 0, ["1:9/0/0/0", "2:0/0/2/0"], Outcome.Rejected, Because.GroupWithheldConsent },
        { "consent: empty and retired groups left out", RuleKind.ConsentOfEveryGroup, 0.5, false, 0, 0, ["1:2/0/0/0", "2:0/0/0/0 of 0", "3:0/5/0/0 retired"], Outcome.Adopted, Because.EveryGroupConsented },
        { "consent: turnout per group", RuleKind.ConsentOfEveryGroup, 0.5, false, 0, 0.6, ["1:2/0/0/0 of 3", "2:1/0/0/0 of 2"], Outcome.NoQuorum, Because.GroupTurnoutNotMet },
        { "consent: no groups at all", RuleKind.ConsentOfEveryGroup, 0.5, false, 0, 0, [], Outcome.Rejected, Because.NoCountedGroup },

        // Rough consensus is never counted.
        { "rough consensus waits for the chair", RuleKind.RoughConsensus, 0.5, false, 0, 0, ["1:20/0/0/0"], Outcome.AwaitingDeclaration, Because.ChairHasNotDeclared },

        // Houses and seats without settings.
        { "houses not set", RuleKind.Houses, 0.5, false, 0, 0, ["1:1/0/0/0"], Outcome.NotConfigured, Because.HousesNotSet },
        { "seats not set", RuleKind.SeatCouncil, 0.5, false, 0, 0, ["1:1/0/0/0"], Outcome.NotConfigured, Because.SeatsNotSet },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_rule_decides_as_its_definition_says(string why, RuleKind kind, double threshold, bool atLeast, double quorum, double turnout, string[] room, Outcome outcome, Because because)
    {
        var verdict = DecisionRules.Decide(Rule(kind, threshold, atLeast, quorum, turnout), Room(room));
        Assert.True(outcome == verdict.Outcome && because == verdict.Because, $"{why}: expected {outcome}/{because}, got {verdict.Outcome}/{verdict.Because}");
    }

    private static readonly IReadOnlyList<House> Gnso =
    [
        new("Contracted parties", [1, 2]),
        new("Non-contracted parties", [3, 4]),
    ];

    [Theory]
    [InlineData("majority of each house", "1:2/1/0/0", "2:1/0/0/0", "3:5/4/0/0", "4:1/0/0/0", Outcome.Adopted, Because.EveryHouseMet)]
    [InlineData("one house passes, the other fails", "1:4/3/0/0", "2:0/0/0/0 of 0", "3:3/2/0/0", "4:0/14/0/0 of 14", Outcome.Rejected, Because.HouseThresholdsNotMet)]
    [InlineData("75% of one and a majority of the other", "1:7/0/0/0", "2:1/1/0/0", "3:6/4/0/0", "4:0/0/0/0 of 0", Outcome.Adopted, Because.EveryHouseMet)]
    [InlineData("one house short", "1:7/0/0/0", "2:0/0/0/0 of 0", "3:5/5/0/0", "4:0/0/0/0 of 0", Outcome.Rejected, Because.HouseThresholdsNotMet)]
    [InlineData("a house with nobody counting fails", "1:7/0/0/0", "2:0/0/0/0 of 0", "3:0/0/0/0 of 3", "4:0/0/0/0 of 0", Outcome.Rejected, Because.HouseThresholdsNotMet)]
    public void Houses_count_each_house_on_its_own(string why, string g1, string g2, string g3, string g4, Outcome outcome, Because because)
    {
        var rule = new DecisionRule(RuleKind.Houses, Threshold.Majority, Houses: Gnso, OneHouse: DecisionRule.GnsoOneHouse, OtherHouses: Threshold.Majority);
        var verdict = DecisionRules.Decide(rule, Room(g1, g2, g3, g4));
        Assert.True(outcome == verdict.Outcome && because == verdict.Because, $"{why}: {verdict.Outcome}/{verdict.Because}");
        Assert.Equal(2, verdict.Houses!.Count);
    }

    [Fact]
    public void The_gnso_supermajority_passes_on_three_quarters_of_one_house_and_a_majority_of_the_other()
    {
        // Two-thirds of each house, or more than three-quarters of one and a majority of the other.
        var rule = new DecisionRule(RuleKind.Houses, new Threshold(2.0 / 3, AtLeast: true), Houses: Gnso, OneHouse: new Threshold(0.75), OtherHouses: Threshold.Majority);
        var strongAndMajority = DecisionRules.Decide(rule, Room("1:4/0/0/0", "2:0/0/0/0 of 0", "3:3/2/0/0", "4:0/0/0/0 of 0"));
        Assert.Equal((Outcome.Adopted, Because.OneHouseAndTheOthersMet), (strongAndMajority.Outcome, strongAndMajority.Because));

        var strongAndMinority = DecisionRules.Decide(rule, Room("1:4/0/0/0", "2:0/0/0/0 of 0", "3:2/3/0/0", "4:0/0/0/0 of 0"));
        Assert.Equal(Outcome.Rejected, strongAndMinority.Outcome);

        var noAlternative = DecisionRules.Decide(rule with { OneHouse = null }, Room("1:4/0/0/0", "2:0/0/0/0 of 0", "3:3/2/0/0", "4:0/0/0/0 of 0"));
        Assert.Equal(Outcome.Rejected, noAlternative.Outcome);
    }

    [Fact]
    public void The_seat_council_counts_only_seat_holders_in_office()
    {
        // Voters are numbered in the order the room lists them: 1-3 agree in group 1, 4-8 disagree in group 2.
        var seats = new Dictionary<int, int> { [1] = 1, [2] = 1, [4] = 2 };
        var rule = new DecisionRule(RuleKind.SeatCouncil, Threshold.Majority, Quorum: 0.5, Seats: [new GroupSeats(1, 3), new GroupSeats(2, 3)]);
        var verdict = DecisionRules.Decide(rule, Room(seats, "1:3/0/0/0", "2:0/5/0/0"));
        Assert.Equal((Outcome.Adopted, 2.0, 1.0, VoteUnit.Seats), (verdict.Outcome, verdict.For, verdict.Against, verdict.Unit));

        // The same room by head rejects it.
        Assert.Equal(Outcome.Rejected, DecisionRules.Decide(rule with { Kind = RuleKind.Majority }, Room(seats, "1:3/0/0/0", "2:0/5/0/0")).Outcome);

        // Three of six seats have spoken: half is the quorum, so two would not do.
        var fewer = new Dictionary<int, int> { [1] = 1, [4] = 2 };
        Assert.Equal(Outcome.NoQuorum, DecisionRules.Decide(rule, Room(fewer, "1:3/0/0/0", "2:0/5/0/0")).Outcome);
    }

    [Fact]
    public void Rough_consensus_follows_the_chairs_designation()
    {
        var room = Room("1:3/2/0/1");
        var rule = Rule(RuleKind.RoughConsensus);
        Assert.Equal(Outcome.Adopted, DecisionRules.Decide(rule, room, new RoughDeclaration(Designation.Consensus, "Objections were addressed.")).Outcome);
        Assert.Equal(Outcome.Adopted, DecisionRules.Decide(rule, room, new RoughDeclaration(Designation.FullConsensus, "No objection stands.")).Outcome);
        Assert.Equal(Outcome.Rejected, DecisionRules.Decide(rule, room, new RoughDeclaration(Designation.StrongSupportButSignificantOpposition, "Split.")).Outcome);
        Assert.Equal(Outcome.Rejected, DecisionRules.Decide(rule, room, new RoughDeclaration(Designation.Divergence, "No agreement.")).Outcome);
    }

    [Fact]
    public void The_comparison_shows_every_rule_with_the_chosen_one_first()
    {
        var rule = new DecisionRule(RuleKind.Majority, Threshold.Majority, Houses: Gnso, Seats: [new GroupSeats(1, 2)]);
        var verdicts = DecisionRules.Compare(rule, Room("1:3/0/0/0", "2:4/0/0/0", "3:0/14/0/0", "4:0/0/0/0 of 0"));
        Assert.Equal(7, verdicts.Count);
        Assert.Equal(RuleKind.Majority, verdicts[0].Rule);
        Assert.Equal(DecisionRules.All.Order(), verdicts.Select(v => v.Rule).Order());

        // Seven for, fourteen against by head; the groups, counted equally, adopt it.
        Assert.Equal((Outcome.Rejected, 7.0, 14.0), (verdicts[0].Outcome, verdicts[0].For, verdicts[0].Against));
        var equal = verdicts.Single(v => v.Rule == RuleKind.StakeholderEqual);
        Assert.Equal((Outcome.Adopted, 2.0, 1.0), (equal.Outcome, equal.For, equal.Against));
        Assert.Equal(GroupStanding.Empty, equal.Groups!.Single(g => g.Group == 4).Standing);
    }

    [Fact]
    public void Positions_under_unknown_groups_count_by_head_only()
    {
        var tally = Tally.Count([new GroupRoll(1, 2)], new[] { new CountedPosition(1, 1, Stance.Agree), new CountedPosition(2, 99, Stance.Disagree), new CountedPosition(3, -5, Stance.Block) });
        Assert.Equal(new StanceCounts(1, 1, 0, 1), tally.All);
        Assert.Equal(new StanceCounts(0, 1, 0, 1), tally.Outside);
        Assert.Equal(4, tally.Eligible);
    }

    [Fact]
    public void Named_proxies_count_under_the_givers_group_and_never_override_or_chain()
    {
        CountedPosition[] own = [new(1, 1, Stance.Agree), new(2, 2, Stance.Disagree)];
        Proxy[] proxies =
        [
            new(3, 3, 1), // counts as agree in group 3
            new(2, 2, 1), // 2 took a position of their own: it stands
            new(4, 3, 5), // 5 took no position: nothing to carry
            new(5, 3, 4), // a cycle carries nothing either
            new(3, 3, 2), // a second proxy from 3 is ignored
        ];
        var all = Proxies.Apply(own, proxies);
        Assert.Equal([new(1, 1, Stance.Agree), new(2, 2, Stance.Disagree), new(3, 3, Stance.Agree)], all);
    }

    [Theory]
    [InlineData(-0.1, 0, 0, "threshold")]
    [InlineData(1.5, 0, 0, "threshold")]
    [InlineData(double.NaN, 0, 0, "threshold")]
    [InlineData(0.5, -1, 0, "quorum")]
    [InlineData(0.5, 0, 2, "groupTurnout")]
    public void Settings_outside_zero_to_one_are_refused(double threshold, double quorum, double turnout, string field)
    {
        var result = new DecisionRule(RuleKind.Majority, new Threshold(threshold), quorum, turnout).Validate(Active, Active);
        Assert.Equal(ErrorKind.Invalid, result.Error!.Kind);
        Assert.Equal(field, result.Error.Field);
    }

    [Fact]
    public void Houses_must_cover_every_active_group_once()
    {
        Assert.True(new DecisionRule(RuleKind.Houses, Threshold.Majority, Houses: Gnso).Validate(Active, Active).IsSuccess);
        Assert.Equal("houses", new DecisionRule(RuleKind.Houses, Threshold.Majority).Validate(Active, Active).Error!.Field);
        Assert.Equal("houses", new DecisionRule(RuleKind.Houses, Threshold.Majority, Houses: [new("A", [1, 2]), new("B", [3])]).Validate(Active, Active).Error!.Field);
        Assert.Equal("houses", new DecisionRule(RuleKind.Houses, Threshold.Majority, Houses: [new("A", [1, 2]), new("B", [2, 3, 4])]).Validate(Active, Active).Error!.Field);
        Assert.Equal("houses", new DecisionRule(RuleKind.Houses, Threshold.Majority, Houses: [new("A", [1, 2]), new("B", [3, 4, 9])]).Validate(Active, Active).Error!.Field);
        Assert.Equal("houses", new DecisionRule(RuleKind.Houses, Threshold.Majority, Houses: [new("A", [1, 2]), new(" ", [3, 4])]).Validate(Active, Active).Error!.Field);
        Assert.Equal("houses", new DecisionRule(RuleKind.Houses, Threshold.Majority, Houses: Gnso, OneHouse: new Threshold(1.2)).Validate(Active, Active).Error!.Field);

        // A retired group need not sit in a house, but may.
        Assert.True(new DecisionRule(RuleKind.Houses, Threshold.Majority, Houses: [new("A", [1, 2]), new("B", [3])]).Validate([1, 2, 3], Active).IsSuccess);
    }

    [Fact]
    public void Seats_go_to_known_groups_once_and_add_up_to_one_at_least()
    {
        Assert.True(new DecisionRule(RuleKind.SeatCouncil, Threshold.Majority, Seats: [new(1, 9), new(2, 4)]).Validate(Active, Active).IsSuccess);
        Assert.Equal("seats", new DecisionRule(RuleKind.SeatCouncil, Threshold.Majority).Validate(Active, Active).Error!.Field);
        Assert.Equal("seats", new DecisionRule(RuleKind.SeatCouncil, Threshold.Majority, Seats: [new(1, 0)]).Validate(Active, Active).Error!.Field);
        Assert.Equal("seats", new DecisionRule(RuleKind.SeatCouncil, Threshold.Majority, Seats: [new(7, 3)]).Validate(Active, Active).Error!.Field);
        Assert.Equal("seats", new DecisionRule(RuleKind.SeatCouncil, Threshold.Majority, Seats: [new(1, 3), new(1, 2)]).Validate(Active, Active).Error!.Field);
        Assert.Equal("seats", new DecisionRule(RuleKind.SeatCouncil, Threshold.Majority, Seats: [new(1, -1), new(2, 3)]).Validate(Active, Active).Error!.Field);
    }

    [Fact]
    public void A_rule_survives_its_json_form()
    {
        var rule = new DecisionRule(RuleKind.Houses, new Threshold(2.0 / 3, true), 0.25, 0.1, Gnso, DecisionRule.GnsoOneHouse, Threshold.Majority, [new(1, 3)], ProxiesAllowed: true);
        var back = DecisionRule.FromJson(rule.ToJson());
        Assert.Equal(rule.ToJson(), back.ToJson());
        Assert.Equal(rule.Houses![1].Groups, back.Houses![1].Groups);
        Assert.Contains("\"houses\"", rule.ToJson(), StringComparison.Ordinal);
    }
}
