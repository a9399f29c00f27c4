using EqualFooting.Record;

namespace EqualFooting.Web.Decisions;

/// <summary>
/// The record entries of proposals and decisions. Payloads carry ids, kinds and outcomes only: texts, reasons,
/// grounds and names stay in their tables and are resolved when read.
/// </summary>
public static class DecisionRecord
{
    public static readonly RecordAction<ProposalEntry> Proposed = new("proposal.created", "put a proposal");
    public static readonly RecordAction<RuleChangeEntry> RuleChanged = new("proposal.rule-changed", "changed a proposal's decision rule");
    public static readonly RecordAction<PositionEntry> PositionTaken = new("proposal.position-taken", "took a position on a proposal");
    public static readonly RecordAction<ProxyEntry> ProxyGiven = new("proposal.proxy-given", "handed their position on a proposal to a named proxy");
    public static readonly RecordAction<ResponseEntry> ObjectionAnswered = new("proposal.objection-answered", "answered an objection");
    public static readonly RecordAction<ClosedEntry> Closed = new("proposal.closed", "closed a proposal");
    public static readonly RecordAction<MinorityViewEntry> MinorityViewAttached = new("proposal.minority-view-attached", "attached a minority view");
    public static readonly RecordAction<AppealEntry> AppealFiled = new("proposal.appeal-filed", "appealed a decision");
    public static readonly RecordAction<RulingEntry> AppealRuled = new("proposal.appeal-ruled", "ruled on an appeal");
    public static readonly RecordAction<EscalationEntry> Escalated = new("proposal.escalated", "escalated a proposal to a facilitator");
    public static readonly RecordAction<SplitEntry> Split = new("proposal.split", "split a proposal");
    public static readonly RecordAction<DutyEntry> DutyAssigned = new("decision.duty-assigned", "appointed a reviewer or facilitator");
    public static readonly RecordAction<SeatEntry> SeatAppointed = new("decision.seat-appointed", "appointed a seat holder");

    public static IEnumerable<RecordAction> All =>
        [Proposed, RuleChanged, PositionTaken, ProxyGiven, ObjectionAnswered, Closed, MinorityViewAttached, AppealFiled, AppealRuled, Escalated, Split, DutyAssigned, SeatAppointed];
}

public sealed record ProposalEntry(int Proposal, string Rule, int? Parent);

public sealed record RuleChangeEntry(int Proposal, string From, string To, int Round, bool PositionsReset);

public sealed record PositionEntry(int Proposal, int Round, int Participant, string Stance, int StakeholderGroupId, int RegionId);

public sealed record ProxyEntry(int Proposal, int From, int To);

public sealed record ResponseEntry(int Proposal, long Position, string Response);

public sealed record ClosedEntry(int Proposal, int Round, string Rule, string Outcome, string? Designation);

public sealed record MinorityViewEntry(int Proposal, long MinorityView, int Participant);

public sealed record AppealEntry(int Proposal, int Appeal, int Participant);

public sealed record RulingEntry(int Proposal, int Appeal, string Ruling);

public sealed record EscalationEntry(int Proposal, string Facilitator);

public sealed record SplitEntry(int Proposal, IReadOnlyList<int> Parts);

public sealed record DutyEntry(string Account, string Duty);

public sealed record SeatEntry(int SeatHolder, int Participant, int StakeholderGroupId);

/// <summary>The record entries of statements: ids, version numbers and rule kinds only.</summary>
public static class StatementRecord
{
    public static readonly RecordAction<StatementEntry> Drafted = new("statement.drafted", "started a statement from a consultation");
    public static readonly RecordAction<RatificationEntry> PutToRatification = new("statement.put-to-ratification", "put a statement's version to the members for ratification");
    public static readonly RecordAction<SentEntry> Sent = new("statement.sent", "marked a ratified statement as sent");

    public static IEnumerable<RecordAction> All => [Drafted, PutToRatification, Sent];
}

public sealed record StatementEntry(int Statement, int Consultation);

public sealed record RatificationEntry(int Statement, int Proposal, int Version, string Rule);

public sealed record SentEntry(int Statement, int Proposal);
