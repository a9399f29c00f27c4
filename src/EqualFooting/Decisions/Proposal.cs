using EqualFooting.Common;
using EqualFooting.Deliberation;

namespace EqualFooting.Decisions;

public enum ProposalStatus
{
    Open,
    Closed,

    /// <summary>Broken into smaller proposals linked to it ("bite size chunks"); it decides nothing itself.</summary>
    Split,
}

/// <summary>What fed a proposal, by kind and id: no compile-time tie to the features that own them.</summary>
public enum LinkKind
{
    Consultation,
    Session,
    Poll,
    Conversation,
}

/// <summary>
/// A proposal put to a process under an explicit decision rule. The rule is fixed before the first position and shown
/// to everyone; changing it afterwards needs a recorded reason and starts a new round, so no position taken under one
/// rule is counted under another. Positions are changeable until the chair closes; an appeal sent back opens another
/// round.
/// </summary>
public sealed class Proposal
{
    public const int TitleMax = Text.NameMax;
    public const int BodyMax = 20_000;
    public const int QuestionMax = 1_000;
    public const int ReasonMax = 2_000;
    public const int MaxLinks = 20;
    public const int MaxAppealWindowDays = 90;

    private readonly List<ProposalLink> _links = [];

    private Proposal()
    {
        Title = "";
        Body = "";
        Question = "";
        RuleJson = "";
        ChairAccountId = "";
    }

    public int Id { get; private set; }

    public int ProcessId { get; private set; }

    public string Title { get; private set; }

    public string Body { get; private set; }

    public string Question { get; private set; }

    public RuleKind RuleKind { get; private set; }

    /// <summary>The rule with all its settings, as JSON (<see cref="DecisionRule.ToJson"/>).</summary>
    public string RuleJson { get; private set; }

    public ProposalStatus Status { get; private set; }

    /// <summary>Goes up whenever positions are reset (a rule change, an appeal sent back): only the current round counts.</summary>
    public int Round { get; private set; } = 1;

    public string ChairAccountId { get; private set; }

    /// <summary>Set on escalation: a facilitator who may close and declare as the chair does.</summary>
    public string? FacilitatorAccountId { get; private set; }

    public int? ParentId { get; private set; }

    /// <summary>How long after closing an appeal may be filed; zero means no appeal.</summary>
    public int AppealWindowDays { get; private set; }

    /// <summary>After this many rounds without a decision, the chair may escalate to a facilitator or split the proposal.</summary>
    public int EscalateAfterRounds { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When set (a statement's ratification window), positions are refused after it; the chair then closes.</summary>
    public DateTimeOffset? PositionsCloseAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public Outcome? Outcome { get; private set; }

    public Because? Because { get; private set; }

    /// <summary>Set when an appeal reversed the decision: the outcome shown is the reversed one.</summary>
    public bool ReversedOnAppeal { get; private set; }

    public Designation? Designation { get; private set; }

    public string? Rationale { get; private set; }

    /// <summary>The rolls and seat holders as they stood at closing, as JSON, so the comparison never drifts with later joins.</summary>
    public string? ClosingJson { get; private set; }

    /// <summary>Claimed by closing, rule changes, rulings, escalation and splitting: of two at once, one wins.</summary>
    public long Version { get; private set; }

    /// <summary>Taken (a row lock, never refused) by every position in its transaction, only while the proposal is open.</summary>
    public long PositionsTaken { get; private set; }

    public IReadOnlyList<ProposalLink> Links => _links;

    public DecisionRule Rule => DecisionRule.FromJson(RuleJson);

    public bool IsClosed => Status != ProposalStatus.Open;

    public static Result<Proposal> Create(int processId, string chairAccountId, string? title, string? body, string? question, DecisionRule rule, IEnumerable<(LinkKind Kind, int Id)> links, int appealWindowDays, int escalateAfterRounds, DateTimeOffset now, int? parentId = null, DateTimeOffset? positionsCloseAt = null)
    {
        var t = Text.Required("title", title, TitleMax);
        if (t.Error is { } e1)
        {
            return e1;
        }

        var b = Text.Optional("text", body, BodyMax);
        if (b.Error is { } e2)
        {
            return e2;
        }

        var q = Text.Required("question", question, QuestionMax);
        if (q.Error is { } e3)
        {
            return e3;
        }

        if (appealWindowDays is < 0 or > MaxAppealWindowDays)
        {
            return Error.Invalid("appealWindowDays", $"The appeal window is between 0 and {MaxAppealWindowDays} days.");
        }

        if (positionsCloseAt is { } until && until <= now)
        {
            return Error.Invalid("windowDays", "The window for positions must end in the future.");
        }

        if (escalateAfterRounds is < 0 or > 100)
        {
            return Error.Invalid("escalateAfterRounds", "Escalation comes after 0 to 100 rounds (0: any time).");
        }

        var distinct = links.Distinct().ToList();
        if (distinct.Count > MaxLinks)
        {
            return Error.Invalid("links", $"At most {MaxLinks} links.");
        }

        if (distinct.Any(l => !Enum.IsDefined(l.Kind) || l.Id <= 0))
        {
            return Error.Invalid("links", "A link names a consultation, session, poll or conversation by its id.");
        }

        var proposal = new Proposal
        {
            ProcessId = processId,
            ChairAccountId = chairAccountId,
            Title = t.Value,
            Body = b.Value ?? "",
            Question = q.Value,
            RuleKind = rule.Kind,
            RuleJson = rule.ToJson(),
            AppealWindowDays = appealWindowDays,
            EscalateAfterRounds = escalateAfterRounds,
            CreatedAt = now,
            ParentId = parentId,
            PositionsCloseAt = positionsCloseAt,
        };
        proposal._links.AddRange(distinct.Select(l => new ProposalLink(l.Kind, l.Id)));
        return proposal;
    }

    public bool Chairs(string? accountId) => accountId is not null && (accountId == ChairAccountId || accountId == FacilitatorAccountId);

    public Error? AcceptsPositions(DateTimeOffset now) =>
        Status != ProposalStatus.Open ? Error.Conflict("This proposal is closed: positions can no longer be taken or changed.")
        : PositionsCloseAt is { } until && now >= until ? Error.Conflict("The window for positions has closed; the chair will close the proposal.")
        : null;

    /// <summary>
    /// Sets a new rule. Before any position of the round, it simply replaces the old one. Afterwards it needs a reason,
    /// and starts a new round: positions taken under the old rule are kept in the history but no longer counted.
    /// </summary>
    /// <returns>Whether positions were reset.</returns>
    public Result<bool> ChangeRule(DecisionRule rule, string? reason, bool positionsTaken)
    {
        if (Status != ProposalStatus.Open)
        {
            return Error.Conflict("This proposal is closed: its rule can no longer change.");
        }

        var clean = Text.Optional("reason", reason, ReasonMax);
        if (clean.Error is { } bad)
        {
            return bad;
        }

        if (positionsTaken && clean.Value is null)
        {
            return Error.Invalid("reason", "Positions have been taken: changing the rule now needs a reason, and every position is reset.");
        }

        RuleKind = rule.Kind;
        RuleJson = rule.ToJson();
        if (positionsTaken)
        {
            Round++;
        }

        return positionsTaken;
    }

    /// <summary>Checks that the proposal can close now: open, and under rough consensus with the chair's declaration and rationale.</summary>
    public Result<RoughDeclaration?> CheckClose(RoughDeclaration? declaration)
    {
        if (Status != ProposalStatus.Open)
        {
            return Error.Conflict("This proposal is already closed.");
        }

        if (RuleKind != RuleKind.RoughConsensus)
        {
            return (RoughDeclaration?)null;
        }

        if (declaration is null || !Enum.IsDefined(declaration.Designation))
        {
            return Error.Invalid("designation", "Under rough consensus the chair declares the outcome: full consensus, consensus, strong support but significant opposition, or divergence.");
        }

        var rationale = Text.Required("rationale", declaration.Rationale, ReasonMax);
        return rationale.Error is { } bad ? bad : declaration with { Rationale = rationale.Value };
    }

    /// <summary>Closes with the outcome of the proposal's own rule, on a declaration that passed <see cref="CheckClose"/>.</summary>
    public Verdict Close(Tally tally, string closingJson, RoughDeclaration? declaration, DateTimeOffset now)
    {
        var verdict = DecisionRules.Decide(Rule, tally, declaration);
        Status = ProposalStatus.Closed;
        ClosedAt = now;
        Outcome = verdict.Outcome;
        Because = verdict.Because;
        Designation = declaration?.Designation;
        Rationale = declaration?.Rationale;
        ClosingJson = closingJson;
        return verdict;
    }

    public Error? AcceptsAppeal(DateTimeOffset now) =>
        Status != ProposalStatus.Closed || ClosedAt is not { } closed ? Error.Conflict("Only a closed proposal can be appealed.")
        : AppealWindowDays == 0 ? Error.Conflict("This proposal takes no appeals.")
        : now > closed.AddDays(AppealWindowDays) ? Error.Conflict("The appeal window has closed.")
        : null;

    /// <summary>Applies a ruling that changes the decision: reversed flips it, sent back opens another round.</summary>
    public void Apply(Ruling ruling)
    {
        switch (ruling)
        {
            case Ruling.Reversed:
                ReversedOnAppeal = !ReversedOnAppeal;
                Outcome = Outcome == Decisions.Outcome.Adopted ? Decisions.Outcome.Rejected : Decisions.Outcome.Adopted;
                break;
            case Ruling.SentBack:
                Status = ProposalStatus.Open;
                Round++;
                ClosedAt = null;
                Outcome = null;
                Because = null;
                Designation = null;
                Rationale = null;
                ClosingJson = null;
                ReversedOnAppeal = false;
                break;
        }
    }

    public Error? MayEscalate() =>
        Status == ProposalStatus.Split ? Error.Conflict("This proposal was split.")
        : Round <= EscalateAfterRounds ? Error.Conflict($"A proposal can be escalated or split after {EscalateAfterRounds} rounds; this is round {Round}.")
        : Outcome == Decisions.Outcome.Adopted ? Error.Conflict("This proposal was adopted; there is nothing to escalate.")
        : null;

    public Error? Escalate(string facilitatorAccountId)
    {
        if (MayEscalate() is { } refused)
        {
            return refused;
        }

        if (facilitatorAccountId == ChairAccountId)
        {
            return Error.Invalid("facilitator", "The facilitator must be someone other than the chair.");
        }

        FacilitatorAccountId = facilitatorAccountId;
        return null;
    }

    public Error? MarkSplit()
    {
        if (MayEscalate() is { } refused)
        {
            return refused;
        }

        Status = ProposalStatus.Split;
        return null;
    }
}

public sealed class ProposalLink(LinkKind kind, int targetId)
{
    public int ProposalId { get; private set; }

    public LinkKind Kind { get; private set; } = kind;

    public int TargetId { get; private set; } = targetId;
}

/// <summary>One participant's position on a proposal in one round, under the group and region they declared when taking it.</summary>
public sealed class ProposalPosition
{
    private ProposalPosition()
    {
    }

    public long Id { get; private set; }

    public int ProposalId { get; private set; }

    public int Round { get; private set; }

    public int ParticipantId { get; private set; }

    public int StakeholderGroupId { get; private set; }

    public int RegionId { get; private set; }

    public Stance Stance { get; private set; }

    public string? Reason { get; private set; }

    public DateTimeOffset TakenAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static ProposalPosition Take(Proposal proposal, int participantId, int groupId, int regionId, Position position, DateTimeOffset now) => new()
    {
        ProposalId = proposal.Id,
        Round = proposal.Round,
        ParticipantId = participantId,
        StakeholderGroupId = groupId,
        RegionId = regionId,
        Stance = position.Stance,
        Reason = position.Reason,
        TakenAt = now,
        UpdatedAt = now,
    };

    /// <returns>False when nothing changed (the same position again).</returns>
    public bool Change(Position position, DateTimeOffset now)
    {
        if (position.Stance == Stance && position.Reason == Reason)
        {
            return false;
        }

        Stance = position.Stance;
        Reason = position.Reason;
        UpdatedAt = now;
        return true;
    }
}

/// <summary>A named proxy on one proposal: the giver's position is the holder's, counted under the giver's group.</summary>
public sealed class ProposalProxy(int proposalId, int fromParticipantId, int toParticipantId, DateTimeOffset at)
{
    public long Id { get; private set; }

    public int ProposalId { get; private set; } = proposalId;

    public int FromParticipantId { get; private set; } = fromParticipantId;

    public int ToParticipantId { get; private set; } = toParticipantId;

    public DateTimeOffset At { get; private set; } = at;
}

public enum ResponseKind
{
    Addressed,
    Accommodated,
    NotAccommodated,
}

/// <summary>Rough consensus: the chair's recorded response to one objection (a disagree or block position).</summary>
public sealed class ObjectionResponse(long positionId, int proposalId, ResponseKind kind, string text, DateTimeOffset at)
{
    public long Id { get; private set; }

    public long PositionId { get; private set; } = positionId;

    public int ProposalId { get; private set; } = proposalId;

    public ResponseKind Kind { get; private set; } = kind;

    public string Text { get; private set; } = text;

    public DateTimeOffset At { get; private set; } = at;
}

/// <summary>A minority view, attached by someone who dissented and published with the decision.</summary>
public sealed class MinorityView(int proposalId, int participantId, string text, DateTimeOffset at)
{
    public const int TextMax = 10_000;

    public long Id { get; private set; }

    public int ProposalId { get; private set; } = proposalId;

    public int ParticipantId { get; private set; } = participantId;

    public string Text { get; private set; } = text;

    public DateTimeOffset At { get; private set; } = at;
}

public enum Ruling
{
    Upheld,
    SentBack,
    Reversed,
}

/// <summary>An appeal against a decision, with its grounds and, once ruled, the reviewer's ruling and reasons.</summary>
public sealed class Appeal(int proposalId, int participantId, string grounds, DateTimeOffset filedAt)
{
    public const int TextMax = 10_000;

    public int Id { get; private set; }

    public int ProposalId { get; private set; } = proposalId;

    public int ParticipantId { get; private set; } = participantId;

    public string Grounds { get; private set; } = grounds;

    public DateTimeOffset FiledAt { get; private set; } = filedAt;

    public Ruling? Ruling { get; private set; }

    public string? RulingReason { get; private set; }

    public string? ReviewerAccountId { get; private set; }

    public DateTimeOffset? RuledAt { get; private set; }

    /// <summary>Claimed by a ruling: two reviewers ruling at once cannot both rule.</summary>
    public long Version { get; private set; }

    public Error? Rule(Ruling ruling, string reason, string reviewerAccountId, DateTimeOffset now)
    {
        if (Ruling is not null)
        {
            return Error.Conflict("This appeal has already been ruled on.");
        }

        Ruling = ruling;
        RulingReason = reason;
        ReviewerAccountId = reviewerAccountId;
        RuledAt = now;
        return null;
    }
}

public enum Duty
{
    /// <summary>Rules on appeals; never on a proposal they chair.</summary>
    Reviewer,

    /// <summary>Takes over a proposal escalated after too many rounds.</summary>
    Facilitator,
}

/// <summary>A decision duty a convener hands to an account in a process.</summary>
public sealed class DecisionDuty(int processId, string accountId, Duty duty, DateTimeOffset at)
{
    public int Id { get; private set; }

    public int ProcessId { get; private set; } = processId;

    public string AccountId { get; private set; } = accountId;

    public Duty Duty { get; private set; } = duty;

    public DateTimeOffset At { get; private set; } = at;
}

/// <summary>A council seat held by a participant for a stakeholder group, for a term.</summary>
public sealed class SeatHolder(int processId, int participantId, int stakeholderGroupId, DateTimeOffset from, DateTimeOffset until)
{
    public int Id { get; private set; }

    public int ProcessId { get; private set; } = processId;

    public int ParticipantId { get; private set; } = participantId;

    public int StakeholderGroupId { get; private set; } = stakeholderGroupId;

    public DateTimeOffset From { get; private set; } = from;

    public DateTimeOffset Until { get; private set; } = until;

    public bool InOffice(DateTimeOffset at) => at >= From && at < Until;
}

/// <summary>A change of rule after positions were taken: the reason is kept, and the round it started.</summary>
public sealed class RuleChange(int proposalId, int round, RuleKind from, RuleKind to, string? reason, DateTimeOffset at)
{
    public long Id { get; private set; }

    public int ProposalId { get; private set; } = proposalId;

    /// <summary>The round the new rule applies from.</summary>
    public int Round { get; private set; } = round;

    public RuleKind From { get; private set; } = from;

    public RuleKind To { get; private set; } = to;

    public string? Reason { get; private set; } = reason;

    public DateTimeOffset At { get; private set; } = at;
}

/// <summary>What the tally needs beyond the positions, frozen when a proposal closes: the groups' headcounts and the seat holders in office.</summary>
public sealed record ClosingState(IReadOnlyList<GroupRoll> Rolls, IReadOnlyDictionary<int, int> Seats)
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this, Json);

    public static ClosingState FromJson(string json) =>
        System.Text.Json.JsonSerializer.Deserialize<ClosingState>(json, Json) ?? throw new InvalidOperationException("A stored closing state is empty.");
}
