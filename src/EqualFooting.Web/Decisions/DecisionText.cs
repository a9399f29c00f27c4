using EqualFooting.Decisions;
using EqualFooting.Deliberation;
using Microsoft.Extensions.Localization;
using Outcome = EqualFooting.Decisions.Outcome;

namespace EqualFooting.Web.Decisions;

/// <summary>The English words for the decision enums: the keys pages look up in the resource files.</summary>
public static class DecisionText
{
    /// <summary>What the proposal page says after a successful form.</summary>
    public static readonly IReadOnlyList<string> Notices =
    [
        "Your position is recorded.",
        "The proposal is closed.",
        "Your minority view is published with the decision.",
        "Your appeal is filed.",
        "The ruling is recorded.",
        "The response is recorded.",
        "Your proxy is named.",
        "The decision rule is changed.",
        "The proposal is handed to the facilitator.",
        "The proposal is split; its parts are listed below.",
    ];

    /// <summary>Every key these functions return, for the translation test.</summary>
    public static IEnumerable<string> All =>
        Enum.GetValues<RuleKind>().Select(Rule)
            .Concat(Enum.GetValues<Outcome>().Select(Outcome))
            .Concat(Enum.GetValues<ProposalStatus>().Select(Status))
            .Concat(Enum.GetValues<Because>().Select(Because))
            .Concat(Enum.GetValues<VoteUnit>().Select(Unit))
            .Concat(Enum.GetValues<Stance>().Select(Stance))
            .Concat(Enum.GetValues<Designation>().Select(Designation))
            .Concat(Enum.GetValues<Ruling>().Select(Ruling))
            .Concat(Enum.GetValues<ResponseKind>().Select(Response))
            .Concat(Enum.GetValues<LinkKind>().Select(Link))
            .Concat(Enum.GetValues<StatementStatus>().Select(Statement))
            .Concat(Notices)
            .Concat(StatementModel.Notices)
            .Concat(SeatsModel.Notices)
            .Concat(Enum.GetValues<Duty>().Select(Duty))
            .Distinct();

    /// <summary>The key in the reader's language.</summary>
    public static string In(this string key, IStringLocalizer localizer) => localizer[key];

    public static string Link(LinkKind kind) => kind switch
    {
        LinkKind.Consultation => "Consultation",
        LinkKind.Session => "Session",
        LinkKind.Poll => "Poll",
        _ => "Conversation",
    };

    public static string Rule(RuleKind kind) => kind switch
    {
        RuleKind.Consensus => "Consensus with blocks",
        RuleKind.RoughConsensus => "Rough consensus",
        RuleKind.Majority => "Majority",
        RuleKind.StakeholderEqual => "Stakeholder-equal",
        RuleKind.ConsentOfEveryGroup => "Consent of every group",
        RuleKind.Houses => "Houses",
        _ => "Seat council",
    };

    public static string Outcome(Outcome outcome) => outcome switch
    {
        EqualFooting.Decisions.Outcome.Adopted => "Adopted",
        EqualFooting.Decisions.Outcome.Rejected => "Not adopted",
        EqualFooting.Decisions.Outcome.Blocked => "Blocked",
        EqualFooting.Decisions.Outcome.NoQuorum => "No quorum",
        EqualFooting.Decisions.Outcome.AwaitingDeclaration => "Awaiting the chair's declaration",
        _ => "Not set up for this proposal",
    };

    public static string Duty(Duty duty) => duty == EqualFooting.Decisions.Duty.Reviewer ? "Reviewer of appeals" : "Facilitator";

    public static string Statement(StatementStatus status) => status switch
    {
        StatementStatus.Drafting => "Drafting: out for comment",
        StatementStatus.Ratifying => "Before the members for ratification",
        StatementStatus.Ratified => "Ratified",
        StatementStatus.NotRatified => "Not ratified",
        _ => "Sent",
    };

    public static string Status(ProposalStatus status) => status switch
    {
        ProposalStatus.Open => "Open for positions",
        ProposalStatus.Closed => "Closed",
        _ => "Split into smaller proposals",
    };

    public static string Because(Because because) => because switch
    {
        EqualFooting.Decisions.Because.ThresholdMet => "threshold met",
        EqualFooting.Decisions.Because.ThresholdNotMet => "threshold not met",
        EqualFooting.Decisions.Because.Tie => "a tie",
        EqualFooting.Decisions.Because.BlockStands => "a block stands",
        EqualFooting.Decisions.Because.NoSupport => "nobody agreed",
        EqualFooting.Decisions.Because.QuorumNotMet => "quorum not met",
        EqualFooting.Decisions.Because.GroupTurnoutNotMet => "a group's turnout is below the minimum",
        EqualFooting.Decisions.Because.GroupWithheldConsent => "a group withheld consent",
        EqualFooting.Decisions.Because.EveryGroupConsented => "every group consented",
        EqualFooting.Decisions.Because.NoCountedGroup => "no group counted",
        EqualFooting.Decisions.Because.EveryHouseMet => "every house met its threshold",
        EqualFooting.Decisions.Because.OneHouseAndTheOthersMet => "a strong share in one house and the others' thresholds",
        EqualFooting.Decisions.Because.HouseThresholdsNotMet => "house thresholds not met",
        EqualFooting.Decisions.Because.ChairDeclared => "declared by the chair",
        EqualFooting.Decisions.Because.ChairHasNotDeclared => "not counted: the chair declares it",
        EqualFooting.Decisions.Because.HousesNotSet => "no houses set",
        _ => "no seats set",
    };

    public static string Unit(VoteUnit unit) => unit switch
    {
        VoteUnit.Heads => "people",
        VoteUnit.GroupVotes => "group votes",
        VoteUnit.Groups => "group(s)",
        VoteUnit.Houses => "house votes",
        _ => "council seats",
    };

    public static string Stance(Stance stance) => stance switch
    {
        Deliberation.Stance.Agree => "Agree",
        Deliberation.Stance.Disagree => "Disagree",
        Deliberation.Stance.Abstain => "Abstain",
        _ => "Block",
    };

    public static string Designation(Designation d) => d switch
    {
        EqualFooting.Decisions.Designation.FullConsensus => "Full consensus",
        EqualFooting.Decisions.Designation.Consensus => "Consensus",
        EqualFooting.Decisions.Designation.StrongSupportButSignificantOpposition => "Strong support but significant opposition",
        _ => "Divergence",
    };

    public static string Ruling(Ruling r) => r switch
    {
        EqualFooting.Decisions.Ruling.Upheld => "Upheld",
        EqualFooting.Decisions.Ruling.SentBack => "Sent back for another round",
        _ => "Reversed",
    };

    public static string Response(ResponseKind r) => r switch
    {
        ResponseKind.Addressed => "Addressed",
        ResponseKind.Accommodated => "Accommodated",
        _ => "Not accommodated, with reasons",
    };
}
