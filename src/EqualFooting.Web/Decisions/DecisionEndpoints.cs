using EqualFooting.Common;
using EqualFooting.Decisions;
using EqualFooting.Deliberation;
using Outcome = EqualFooting.Decisions.Outcome;

namespace EqualFooting.Web.Decisions;

public sealed record HouseRequest(string? Name, int[]? Groups);

public sealed record SeatsRequest(int Group, int Seats);

/// <summary>A decision rule as the API and the forms send it; fractions between 0 and 1.</summary>
public sealed record RuleRequest(
    string? Kind,
    double? Threshold,
    bool? AtLeast,
    double? Quorum,
    double? GroupTurnout,
    HouseRequest[]? Houses,
    double? OneHouse,
    double? OtherHouses,
    SeatsRequest[]? Seats,
    bool? ProxiesAllowed)
{
    public Result<DecisionRule> ToRule()
    {
        if (!Enum.TryParse<RuleKind>(Kind?.Trim(), ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(Kind, out _))
        {
            return Error.Invalid("rule.kind", "Choose a decision rule: consensus, roughConsensus, majority, stakeholderEqual, consentOfEveryGroup, houses or seatCouncil.");
        }

        return new DecisionRule(
            kind,
            new Threshold(Threshold ?? 0.5, AtLeast ?? false),
            Quorum ?? 0,
            GroupTurnout ?? 0,
            Houses?.Select(h => new House(h.Name ?? "", h.Groups ?? [])).ToList(),
            OneHouse is { } one ? new Threshold(one) : null,
            OtherHouses is { } other ? new Threshold(other) : null,
            Seats?.Select(s => new GroupSeats(s.Group, s.Seats)).ToList(),
            ProxiesAllowed ?? false);
    }
}

public sealed record LinkRequest(string? Kind, int Id);

public sealed record ProposalRequest(string? Title, string? Text, string? Question, RuleRequest? Rule, LinkRequest[]? Links, int? AppealWindowDays, int? EscalateAfterRounds)
{
    public Result<NewProposal> ToNew()
    {
        if (Rule is null)
        {
            return Error.Invalid("rule", "Choose the decision rule before the first position is taken.");
        }

        var rule = Rule.ToRule();
        if (rule.Error is { } bad)
        {
            return bad;
        }

        var links = new List<(LinkKind, int)>();
        foreach (var l in Links ?? [])
        {
            if (!Enum.TryParse<LinkKind>(l.Kind?.Trim(), ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(l.Kind, out _))
            {
                return Error.Invalid("links", "A link is to a consultation, session, poll or conversation.");
            }

            links.Add((kind, l.Id));
        }

        return new NewProposal(Title, Text, Question, rule.Value, links, AppealWindowDays ?? 14, EscalateAfterRounds ?? 3);
    }
}

public sealed record RuleChangeRequest(RuleRequest? Rule, string? Reason);

public sealed record PositionRequest(string? Stance, string? Reason);

public sealed record ProxyRequest(int? To);

public sealed record ResponseRequest(string? Response, string? Text);

public sealed record CloseRequest(string? Designation, string? Rationale);

public sealed record TextRequest(string? Text);

public sealed record AppealRequest(string? Grounds);

public sealed record RulingRequest(string? Ruling, string? Reason);

public sealed record EscalateRequest(string? Facilitator);

public sealed record SplitPart(string? Title, string? Question);

public sealed record SplitRequest(SplitPart[]? Parts);

public sealed record DutyRequest(string? Email, string? Duty);

public sealed record SeatRequest(int? ParticipantId, int? StakeholderGroupId, DateTimeOffset? From, DateTimeOffset? Until);

public sealed record PositionDto(long Id, int ProposalId, int Round, int ParticipantId, int StakeholderGroupId, int RegionId, Stance Stance, string? Reason, DateTimeOffset UpdatedAt)
{
    public static PositionDto Of(ProposalPosition p) => new(p.Id, p.ProposalId, p.Round, p.ParticipantId, p.StakeholderGroupId, p.RegionId, p.Stance, p.Reason, p.UpdatedAt);
}

public sealed record ProposalDto(int Id, int ProcessId, string Title, string Text, string Question, RuleKind RuleKind, DecisionRule Rule, ProposalStatus Status, int Round, Outcome? Outcome, Because? Because, bool ReversedOnAppeal, Designation? Designation, string? Rationale, int? ParentId, int AppealWindowDays, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt)
{
    public static ProposalDto Of(Proposal p) => new(p.Id, p.ProcessId, p.Title, p.Body, p.Question, p.RuleKind, p.Rule, p.Status, p.Round, p.Outcome, p.Because, p.ReversedOnAppeal, p.Designation, p.Rationale, p.ParentId, p.AppealWindowDays, p.CreatedAt, p.ClosedAt);
}

public sealed record ProposalDetailDto(
    ProposalDto Proposal,
    IReadOnlyList<LinkLine> Links,
    IReadOnlyList<PositionLine> Positions,
    IReadOnlyList<GroupLine> ByStakeholderGroup,
    IReadOnlyList<RegionLine> ByRegion,
    StanceCounts Total,
    IReadOnlyList<Verdict> Comparison,
    IReadOnlyList<PositionLine> UnansweredObjections,
    IReadOnlyList<MinorityViewLine> MinorityViews,
    IReadOnlyList<AppealLine> Appeals,
    IReadOnlyList<RuleChangeLine> RuleChanges,
    IReadOnlyList<ProposalSummary> Parts)
{
    public static ProposalDetailDto Of(ProposalView v) => new(ProposalDto.Of(v.Proposal), v.Links, v.Positions, v.ByGroup, v.ByRegion, v.Total, v.Comparison, [.. v.Unanswered], v.MinorityViews, v.Appeals, v.RuleChanges, v.Parts);
}

public static class DecisionEndpoints
{
    public static void MapDecisionEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/processes/{id:int}").WithTags("Decisions");
        var one = api.MapGroup("/proposals/{pid:int}");

        api.MapGet("/proposals", async (int id, ProcessAccess processes, DecisionQueries queries, CancellationToken ct) =>
        {
            var found = await processes.ViewAsync(id, ct);
            return found.Error is { } error ? Problems.ToResult(error) : Results.Ok(await queries.ListAsync(id, ct));
        }).WithName("ListProposals").WithSummary("Lists a process's proposals, newest first.").ProducesProblem(404);

        api.MapPost("/proposals", async (int id, ProposalRequest request, DecisionCommands commands, CancellationToken ct) =>
        {
            var input = request.ToNew();
            return input.Error is { } bad
                ? Problems.ToResult(bad)
                : Problems.ToResult(await commands.ProposeAsync(id, input.Value, ct), p => Results.Created($"/api/processes/{id}/proposals/{p.Id}", ProposalDto.Of(p)));
        }).WithName("CreateProposal").WithSummary("Puts a proposal to the process under a decision rule chosen now.").ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(429);

        one.MapGet("", async (int id, int pid, ProcessAccess processes, DecisionQueries queries, TimeProvider clock, CancellationToken ct) =>
        {
            var found = await processes.ViewAsync(id, ct);
            if (found.Error is { } error)
            {
                return Problems.ToResult(error);
            }

            var view = await queries.ViewAsync(found.Value.Process, pid, clock.GetUtcNow(), ct);
            return view is null ? Problems.ToResult(Error.NotFound("No such proposal.")) : Results.Ok(ProposalDetailDto.Of(view));
        }).WithName("GetProposal").WithSummary("A proposal with its positions, tallies by stakeholder group and region, the rule comparison, minority views and appeals.").ProducesProblem(404);

        one.MapPut("/rule", async (int id, int pid, RuleChangeRequest request, DecisionCommands commands, CancellationToken ct) =>
        {
            if (request.Rule is null)
            {
                return Problems.ToResult(Error.Invalid("rule", "Send the new rule."));
            }

            var rule = request.Rule.ToRule();
            return rule.Error is { } bad
                ? Problems.ToResult(bad)
                : Problems.ToResult(await commands.ChangeRuleAsync(id, pid, rule.Value, request.Reason, ct), p => Results.Ok(ProposalDto.Of(p)));
        }).WithName("ChangeProposalRule").WithSummary("Changes the decision rule; after the first position it needs a reason and resets positions.").ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429);

        one.MapPut("/positions/me", async (int id, int pid, PositionRequest request, DecisionCommands commands, CancellationToken ct) =>
        {
            var stance = Position.ParseStance(request.Stance);
            return stance.Error is { } bad
                ? Problems.ToResult(bad)
                : Problems.ToResult(await commands.TakePositionAsync(id, pid, stance.Value, request.Reason, ct), p => Results.Ok(PositionDto.Of(p)));
        }).WithName("TakePosition").WithSummary("Takes or changes the caller's position on an open proposal.").ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429);

        one.MapPost("/proxy", async (int id, int pid, ProxyRequest request, DecisionCommands commands, CancellationToken ct) =>
            request.To is not { } to
                ? Problems.ToResult(Error.Invalid("to", "Name the participant who carries your position."))
                : Problems.ToResult(await commands.GiveProxyAsync(id, pid, to, ct), p => Results.Ok(new { p.Id, p.FromParticipantId, p.ToParticipantId })))
            .WithName("GiveProxy").WithSummary("Hands the caller's position on this proposal to a named participant, where the rule allows proxies.").ProducesProblem(400).ProducesProblem(401).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429);

        one.MapPost("/objections/{positionId:long}/response", async (int id, int pid, long positionId, ResponseRequest request, DecisionCommands commands, CancellationToken ct) =>
            !Enum.TryParse<ResponseKind>(request.Response, ignoreCase: true, out var kind) || int.TryParse(request.Response, out _)
                ? Problems.ToResult(Error.Invalid("response", "Say whether the objection was addressed, accommodated or not accommodated."))
                : Problems.ToResult(await commands.AnswerObjectionAsync(id, pid, positionId, kind, request.Text, ct), r => Results.Ok(new ResponseLine(r.Kind, r.Text, r.At))))
            .WithName("AnswerObjection").WithSummary("Records the chair's response to an objection (rough consensus).").ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(429);

        one.MapPost("/close", async (int id, int pid, CloseRequest? request, DecisionCommands commands, CancellationToken ct) =>
        {
            RoughDeclaration? declaration = null;
            if (request?.Designation is { } d)
            {
                if (!Enum.TryParse<Designation>(d, ignoreCase: true, out var designation) || int.TryParse(d, out _))
                {
                    return Problems.ToResult(Error.Invalid("designation", "Declare full consensus, consensus, strong support but significant opposition, or divergence."));
                }

                declaration = new RoughDeclaration(designation, request.Rationale ?? "");
            }

            return Problems.ToResult(await commands.CloseAsync(id, pid, declaration, ct), p => Results.Ok(ProposalDto.Of(p)));
        }).WithName("CloseProposal").WithSummary("Closes the proposal and decides it under its rule; of two chairs at once, one wins.").ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429);

        one.MapPost("/minority-views", async (int id, int pid, TextRequest request, DecisionCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.AttachMinorityViewAsync(id, pid, request.Text, ct), v => Results.Created($"/api/processes/{id}/proposals/{pid}", new { v.Id, v.ParticipantId, v.Text, v.At })))
            .WithName("AttachMinorityView").WithSummary("Attaches a minority view by someone who dissented; published with the decision.").ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429);

        one.MapPost("/appeals", async (int id, int pid, AppealRequest request, DecisionCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.FileAppealAsync(id, pid, request.Grounds, ct), a => Results.Created($"/api/processes/{id}/proposals/{pid}", new { a.Id, a.ProposalId, a.Grounds, a.FiledAt })))
            .WithName("FileAppeal").WithSummary("Appeals a decision within the proposal's appeal window.").ProducesProblem(400).ProducesProblem(401).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429);

        one.MapPost("/appeals/{aid:int}/ruling", async (int id, int pid, int aid, RulingRequest request, DecisionCommands commands, CancellationToken ct) =>
            !Enum.TryParse<Ruling>(request.Ruling?.Replace(" ", "", StringComparison.Ordinal), ignoreCase: true, out var ruling) || int.TryParse(request.Ruling, out _)
                ? Problems.ToResult(Error.Invalid("ruling", "Rule upheld, sentBack or reversed."))
                : Problems.ToResult(await commands.RuleAsync(id, pid, aid, ruling, request.Reason, ct), a => Results.Ok(new { a.Id, a.Ruling, a.RulingReason, a.RuledAt })))
            .WithName("RuleOnAppeal").WithSummary("A reviewer who does not chair the proposal rules on an appeal: upheld, sent back or reversed.").ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429);

        one.MapPost("/escalate", async (int id, int pid, EscalateRequest request, DecisionCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.EscalateAsync(id, pid, request.Facilitator, ct), p => Results.Ok(ProposalDto.Of(p))))
            .WithName("EscalateProposal").WithSummary("Hands a proposal stuck for the set number of rounds to a facilitator.").ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429);

        one.MapPost("/split", async (int id, int pid, SplitRequest request, DecisionCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.SplitAsync(id, pid, [.. (request.Parts ?? []).Select(p => (p.Title, p.Question))], ct), parts => Results.Ok(parts.Select(ProposalDto.Of))))
            .WithName("SplitProposal").WithSummary("Splits a stuck proposal into smaller proposals linked to it.").ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429);

        api.MapPost("/decision-duties", async (int id, DutyRequest request, DecisionCommands commands, CancellationToken ct) =>
            !Enum.TryParse<Duty>(request.Duty, ignoreCase: true, out var duty) || int.TryParse(request.Duty, out _)
                ? Problems.ToResult(Error.Invalid("duty", "Choose reviewer or facilitator."))
                : Problems.ToResult(await commands.AssignDutyAsync(id, request.Email, duty, ct), d => Results.Ok(new { d.Id, d.AccountId, d.Duty })))
            .WithName("AssignDecisionDuty").WithSummary("Appoints a reviewer of appeals or a facilitator.").ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(429);

        api.MapPost("/seats", async (int id, SeatRequest request, DecisionCommands commands, CancellationToken ct) =>
            request.ParticipantId is not { } participant ? Problems.ToResult(Error.Invalid("participantId", "Choose a participant."))
            : request.StakeholderGroupId is not { } group ? Problems.ToResult(Error.Invalid("stakeholderGroupId", "Choose the group whose seat it is."))
            : request.From is not { } from ? Problems.ToResult(Error.Invalid("from", "A term has a start."))
            : request.Until is not { } until ? Problems.ToResult(Error.Invalid("until", "A term has an end."))
            : Problems.ToResult(await commands.AppointSeatAsync(id, participant, group, from, until, ct), s => Results.Ok(new { s.Id, s.ParticipantId, s.StakeholderGroupId, s.From, s.Until })))
            .WithName("AppointSeatHolder").WithSummary("Appoints a seat holder for a stakeholder group, for a term (seat council).").ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429);
    }
}
