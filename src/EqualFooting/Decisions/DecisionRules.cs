namespace EqualFooting.Decisions;

public enum Outcome
{
    Adopted,
    Rejected,
    Blocked,
    NoQuorum,

    /// <summary>Rough consensus is not counted: it waits for the chair's declaration.</summary>
    AwaitingDeclaration,

    /// <summary>The rule needs settings the proposal does not have (houses, seats).</summary>
    NotConfigured,
}

/// <summary>Why a rule decided as it did; pages turn it into a sentence in the reader's language.</summary>
public enum Because
{
    ThresholdMet,
    ThresholdNotMet,
    Tie,
    BlockStands,
    NoSupport,
    QuorumNotMet,
    GroupTurnoutNotMet,
    GroupWithheldConsent,
    EveryGroupConsented,
    NoCountedGroup,
    EveryHouseMet,
    OneHouseAndTheOthersMet,
    HouseThresholdsNotMet,
    ChairDeclared,
    ChairHasNotDeclared,
    HousesNotSet,
    SeatsNotSet,
}

/// <summary>ICANN GNSO Working Group Guidelines (3.6), the designations a chair gives a rough-consensus call.</summary>
public enum Designation
{
    FullConsensus,
    Consensus,
    StrongSupportButSignificantOpposition,
    Divergence,
}

/// <summary>The chair's declaration under rough consensus: a designation and the written rationale.</summary>
public sealed record RoughDeclaration(Designation Designation, string Rationale)
{
    public bool Adopts => Designation is Designation.FullConsensus or Designation.Consensus;
}

/// <summary>A house's line: its positions summed over its groups and whether it met its threshold.</summary>
public sealed record HouseShare(string Name, StanceCounts Counts, bool Met, bool MetStrong);

/// <summary>A group's vote under stakeholder-equal: its internal share of support, or why it was left out.</summary>
public sealed record GroupVote(int Group, double? Share, GroupStanding Standing);

public enum GroupStanding
{
    Counted,
    Retired,
    Empty,
    AllAbstained,
    TurnoutNotMet,
    Withheld,
}

/// <summary>
/// What one rule decides on a tally. <see cref="For"/> and <see cref="Against"/> are in the rule's own unit (heads,
/// group votes, groups, houses or seats: <see cref="Unit"/>), so "seven beat fourteen" reads off the table.
/// </summary>
public sealed record Verdict(
    RuleKind Rule,
    Outcome Outcome,
    Because Because,
    double For,
    double Against,
    VoteUnit Unit,
    int? Group = null,
    IReadOnlyList<GroupVote>? Groups = null,
    IReadOnlyList<HouseShare>? Houses = null)
{
    public bool Adopted => Outcome == Outcome.Adopted;
}

public enum VoteUnit
{
    Heads,
    GroupVotes,
    Groups,
    Houses,
    Seats,
}

/// <summary>The seven rules as pure functions of a tally and a rule's settings.</summary>
public static class DecisionRules
{
    public static IReadOnlyList<RuleKind> All { get; } = Enum.GetValues<RuleKind>();

    public static Verdict Decide(DecisionRule rule, Tally tally, RoughDeclaration? declaration = null) => rule.Kind switch
    {
        RuleKind.Consensus => Consensus(rule, tally),
        RuleKind.RoughConsensus => RoughConsensus(tally, declaration),
        RuleKind.Majority => Majority(rule, tally),
        RuleKind.StakeholderEqual => StakeholderEqual(rule, tally),
        RuleKind.ConsentOfEveryGroup => ConsentOfEveryGroup(rule, tally),
        RuleKind.Houses => Houses(rule, tally),
        RuleKind.SeatCouncil => SeatCouncil(rule, tally),
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule.Kind, "Unknown decision rule."),
    };

    /// <summary>
    /// The rule comparison: what each of the seven rules decides on the same tally with the same settings (the
    /// proposal's own rule first), so a result that depends on the rule is visible.
    /// </summary>
    public static IReadOnlyList<Verdict> Compare(DecisionRule rule, Tally tally, RoughDeclaration? declaration = null)
    {
        var verdicts = new List<Verdict>(All.Count) { Decide(rule, tally, declaration) };
        foreach (var kind in All)
        {
            if (kind != rule.Kind)
            {
                verdicts.Add(Decide(rule with { Kind = kind }, tally, declaration));
            }
        }

        return verdicts;
    }

    private static bool QuorumMet(double quorum, int positions, int eligible) =>
        quorum <= 0 || new Threshold(quorum, AtLeast: true).MetBy(positions, eligible);

    private static Verdict Heads(RuleKind kind, Outcome outcome, Because because, StanceCounts c) =>
        new(kind, outcome, because, c.Agree, c.Objecting, VoteUnit.Heads);

    private static Verdict Consensus(DecisionRule rule, Tally t)
    {
        var c = t.All;
        return !QuorumMet(rule.Quorum, c.Positions, t.Eligible) ? Heads(RuleKind.Consensus, Outcome.NoQuorum, Because.QuorumNotMet, c)
            : c.Block > 0 ? Heads(RuleKind.Consensus, Outcome.Blocked, Because.BlockStands, c)
            : c.Agree == 0 ? Heads(RuleKind.Consensus, Outcome.Rejected, Because.NoSupport, c)
            : Heads(RuleKind.Consensus, Outcome.Adopted, Because.ThresholdMet, c);
    }

    private static Verdict RoughConsensus(Tally t, RoughDeclaration? declaration) =>
        declaration is null
            ? Heads(RuleKind.RoughConsensus, Outcome.AwaitingDeclaration, Because.ChairHasNotDeclared, t.All)
            : Heads(RuleKind.RoughConsensus, declaration.Adopts ? Outcome.Adopted : Outcome.Rejected, Because.ChairDeclared, t.All);

    private static Verdict Majority(DecisionRule rule, Tally t)
    {
        var c = t.All;
        if (!QuorumMet(rule.Quorum, c.Positions, t.Eligible))
        {
            return Heads(RuleKind.Majority, Outcome.NoQuorum, Because.QuorumNotMet, c);
        }

        if (rule.Threshold.MetBy(c.Agree, c.Counted))
        {
            return Heads(RuleKind.Majority, Outcome.Adopted, Because.ThresholdMet, c);
        }

        return Heads(RuleKind.Majority, Outcome.Rejected, c.Counted > 0 && c.Agree == c.Objecting ? Because.Tie : c.Counted == 0 ? Because.NoSupport : Because.ThresholdNotMet, c);
    }

    /// <summary>How a group stands before its vote is read: retired and empty groups have none; low turnout stops the rule.</summary>
    private static GroupStanding Standing(DecisionRule rule, GroupTally g) =>
        g.Retired ? GroupStanding.Retired
        : g.Eligible == 0 ? GroupStanding.Empty
        : rule.GroupTurnout > 0 && !new Threshold(rule.GroupTurnout, AtLeast: true).MetBy(g.Counts.Positions, g.Eligible) ? GroupStanding.TurnoutNotMet
        : g.Counts.Counted == 0 ? GroupStanding.AllAbstained
        : GroupStanding.Counted;

    private static Verdict StakeholderEqual(DecisionRule rule, Tally t)
    {
        var votes = new List<GroupVote>(t.Groups.Count);
        int? lowTurnout = null;
        double sum = 0;
        var counted = 0;
        foreach (var g in t.Groups)
        {
            var standing = Standing(rule, g);
            var share = standing == GroupStanding.Counted ? g.Counts.Support : null;
            votes.Add(new GroupVote(g.Id, share, standing));
            if (standing == GroupStanding.TurnoutNotMet)
            {
                lowTurnout ??= g.Id;
            }
            else if (share is { } s)
            {
                sum += s;
                counted++;
            }
        }

        if (lowTurnout is { } low)
        {
            return new(RuleKind.StakeholderEqual, Outcome.NoQuorum, Because.GroupTurnoutNotMet, sum, counted - sum, VoteUnit.GroupVotes, low, votes);
        }

        if (counted == 0)
        {
            return new(RuleKind.StakeholderEqual, Outcome.Rejected, Because.NoCountedGroup, 0, 0, VoteUnit.GroupVotes, Groups: votes);
        }

        var average = sum / counted;
        var adopted = rule.Threshold.MetBy(average);
        var because = adopted ? Because.ThresholdMet : Math.Abs(sum - (counted - sum)) < 1e-12 ? Because.Tie : Because.ThresholdNotMet;
        return new(RuleKind.StakeholderEqual, adopted ? Outcome.Adopted : Outcome.Rejected, because, sum, counted - sum, VoteUnit.GroupVotes, Groups: votes);
    }

    private static Verdict ConsentOfEveryGroup(DecisionRule rule, Tally t)
    {
        var votes = new List<GroupVote>(t.Groups.Count);
        int? lowTurnout = null;
        int? withheld = null;
        var consenting = 0;
        var deciding = 0;
        foreach (var g in t.Groups)
        {
            var standing = Standing(rule, g);
            if (standing is GroupStanding.Counted or GroupStanding.AllAbstained)
            {
                // A group consents by its own threshold; one where everybody abstained has not consented.
                deciding++;
                if (rule.Threshold.MetBy(g.Counts.Agree, g.Counts.Counted))
                {
                    consenting++;
                }
                else
                {
                    standing = GroupStanding.Withheld;
                    withheld ??= g.Id;
                }
            }
            else if (standing == GroupStanding.TurnoutNotMet)
            {
                lowTurnout ??= g.Id;
            }

            votes.Add(new GroupVote(g.Id, g.Counts.Support, standing));
        }

        return lowTurnout is { } low ? new(RuleKind.ConsentOfEveryGroup, Outcome.NoQuorum, Because.GroupTurnoutNotMet, consenting, deciding - consenting, VoteUnit.Groups, low, votes)
            : deciding == 0 ? new(RuleKind.ConsentOfEveryGroup, Outcome.Rejected, Because.NoCountedGroup, 0, 0, VoteUnit.Groups, Groups: votes)
            : withheld is { } w ? new(RuleKind.ConsentOfEveryGroup, Outcome.Rejected, Because.GroupWithheldConsent, consenting, deciding - consenting, VoteUnit.Groups, w, votes)
            : new(RuleKind.ConsentOfEveryGroup, Outcome.Adopted, Because.EveryGroupConsented, consenting, 0, VoteUnit.Groups, Groups: votes);
    }

    private static Verdict Houses(DecisionRule rule, Tally t)
    {
        if (rule.Houses is not { Count: > 0 } houses)
        {
            return new(RuleKind.Houses, Outcome.NotConfigured, Because.HousesNotSet, 0, 0, VoteUnit.Houses);
        }

        if (!QuorumMet(rule.Quorum, t.All.Positions, t.Eligible))
        {
            return new(RuleKind.Houses, Outcome.NoQuorum, Because.QuorumNotMet, 0, 0, VoteUnit.Houses);
        }

        var lines = new List<HouseShare>(houses.Count);
        foreach (var house in houses)
        {
            var counts = StanceCounts.None;
            foreach (var id in house.Groups)
            {
                if (t.Group(id) is { } g)
                {
                    counts = counts.Plus(g.Counts);
                }
            }

            var met = rule.Threshold.MetBy(counts.Agree, counts.Counted);
            var strong = rule.OneHouse is { } one && one.MetBy(counts.Agree, counts.Counted);
            lines.Add(new HouseShare(house.Name, counts, met, strong));
        }

        var passing = lines.Count(h => h.Met);
        if (passing == lines.Count)
        {
            return new(RuleKind.Houses, Outcome.Adopted, Because.EveryHouseMet, passing, 0, VoteUnit.Houses, Houses: lines);
        }

        // The GNSO's alternative: a strong share in one house carries it if every other house reaches its own bar.
        var others = rule.OtherHouses ?? Threshold.Majority;
        if (rule.OneHouse is not null)
        {
            for (var i = 0; i < lines.Count; i++)
            {
                if (lines[i].MetStrong && lines.Where((_, j) => j != i).All(h => others.MetBy(h.Counts.Agree, h.Counts.Counted)))
                {
                    return new(RuleKind.Houses, Outcome.Adopted, Because.OneHouseAndTheOthersMet, passing, lines.Count - passing, VoteUnit.Houses, Houses: lines);
                }
            }
        }

        return new(RuleKind.Houses, Outcome.Rejected, Because.HouseThresholdsNotMet, passing, lines.Count - passing, VoteUnit.Houses, Houses: lines);
    }

    private static Verdict SeatCouncil(DecisionRule rule, Tally t)
    {
        var seats = rule.Seats?.Sum(s => Math.Max(0, s.Seats)) ?? 0;
        if (seats == 0)
        {
            return new(RuleKind.SeatCouncil, Outcome.NotConfigured, Because.SeatsNotSet, 0, 0, VoteUnit.Seats);
        }

        var c = t.AllSeated;
        Verdict Seats(Outcome o, Because b) => new(RuleKind.SeatCouncil, o, b, c.Agree, c.Objecting, VoteUnit.Seats);
        return !QuorumMet(rule.Quorum, c.Positions, seats) ? Seats(Outcome.NoQuorum, Because.QuorumNotMet)
            : rule.Threshold.MetBy(c.Agree, c.Counted) ? Seats(Outcome.Adopted, Because.ThresholdMet)
            : Seats(Outcome.Rejected, c.Counted > 0 && c.Agree == c.Objecting ? Because.Tie : c.Counted == 0 ? Because.NoSupport : Because.ThresholdNotMet);
    }
}
