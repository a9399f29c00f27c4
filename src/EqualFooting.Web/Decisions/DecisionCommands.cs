using EqualFooting.Common;
using EqualFooting.Decisions;
using EqualFooting.Deliberation;
using EqualFooting.Participation;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using Microsoft.EntityFrameworkCore;
using Outcome = EqualFooting.Decisions.Outcome;

namespace EqualFooting.Web.Decisions;

/// <summary>A proposal with its process and the actor's standing: what every proposal use case loads.</summary>
public sealed record ProposalContext(Process Process, Actor Actor, Proposal Proposal, Participant? Participant, bool IsReviewer);

public sealed record NewProposal(string? Title, string? Text, string? Question, DecisionRule Rule, IReadOnlyList<(LinkKind Kind, int Id)> Links, int AppealWindowDays, int EscalateAfterRounds);

/// <summary>Proposals, positions, closing, minority views, appeals and duties, each through the write path.</summary>
public sealed class DecisionCommands(EqualFootingDb db, ProcessAccess processes, Writes writes)
{
    public Task<Result<Proposal>> ProposeAsync(int processId, NewProposal input, CancellationToken ct = default) =>
        writes.RunAsync<ProcessContext, Proposal>(
            token => processes.LoadAsync(processId, token),
            c => DecisionPolicy.Propose(c.Actor, c.Process),
            (c, now) =>
            {
                var rule = Validate(c.Process, input.Rule);
                if (rule.Error is { } bad)
                {
                    return bad;
                }

                var created = Proposal.Create(processId, c.Actor.AccountId!, input.Title, input.Text, input.Question, rule.Value, input.Links, input.AppealWindowDays, input.EscalateAfterRounds, now);
                if (created.Error is { } invalid)
                {
                    return invalid;
                }

                var proposal = created.Value;
                db.Proposals.Add(proposal);
                return Change.Recorded(proposal, processId, DecisionRecord.Proposed, () => new ProposalEntry(proposal.Id, proposal.RuleKind.ToString(), proposal.ParentId));
            },
            ct);

    public Task<Result<Proposal>> ChangeRuleAsync(int processId, int proposalId, DecisionRule rule, string? reason, CancellationToken ct = default) =>
        writes.RunAsync<ProposalContext, Proposal>(
            token => LoadAsync(processId, proposalId, token),
            c => DecisionPolicy.Chair(c.Actor, c.Process, c.Proposal),
            async (c, now) =>
            {
                var valid = Validate(c.Process, rule);
                if (valid.Error is { } bad)
                {
                    return bad;
                }

                var p = c.Proposal;
                var from = p.RuleKind;
                var taken = await db.ProposalPositions.AnyAsync(x => x.ProposalId == p.Id && x.Round == p.Round, ct);
                var changed = p.ChangeRule(valid.Value, reason, taken);
                if (changed.Error is { } refused)
                {
                    return refused;
                }

                db.RuleChanges.Add(new RuleChange(p.Id, p.Round, from, p.RuleKind, reason?.Trim() is { Length: > 0 } r ? r : null, now));
                return Change.Recorded(p, processId, DecisionRecord.RuleChanged, () => new RuleChangeEntry(p.Id, from.ToString(), p.RuleKind.ToString(), p.Round, changed.Value))
                    .Claiming(Claim.Version(p));
            },
            ct,
            whenLost: Error.Conflict("The proposal changed at the same moment (closed, or its rule changed). Look at it again."));

    /// <summary>
    /// Takes or changes the actor's position in the current round. Every position takes the proposal's row lock
    /// while it is still open, so a position never lands after the chair's close; the unique index keeps one per
    /// participant and round, so 200 clicks at once store one.
    /// </summary>
    public Task<Result<ProposalPosition>> TakePositionAsync(int processId, int proposalId, Stance stance, string? reason, CancellationToken ct = default) =>
        writes.RunAsync<ProposalContext, ProposalPosition>(
            token => LoadAsync(processId, proposalId, token),
            c => DecisionPolicy.Participate(c.Actor, c.Process),
            async (c, now) =>
            {
                var p = c.Proposal;
                if (p.AcceptsPositions(now) is { } closed)
                {
                    return closed;
                }

                var position = Position.Create(stance, reason, reasonRequiredForBlock: p.RuleKind is RuleKind.Consensus or RuleKind.RoughConsensus);
                if (position.Error is { } invalid)
                {
                    return invalid;
                }

                var participant = c.Participant!;
                var existing = await db.ProposalPositions.FirstOrDefaultAsync(x => x.ProposalId == p.Id && x.Round == p.Round && x.ParticipantId == participant.Id, ct);
                ProposalPosition row;
                if (existing is not null)
                {
                    if (!existing.Change(position.Value, now))
                    {
                        return Change.None(existing);
                    }

                    row = existing;
                }
                else
                {
                    var current = participant.Current;
                    row = ProposalPosition.Take(p, participant.Id, current.StakeholderGroupId, current.RegionId, position.Value, now);
                    db.ProposalPositions.Add(row);
                }

                return Change.Recorded(row, processId, DecisionRecord.PositionTaken, () => new PositionEntry(p.Id, row.Round, row.ParticipantId, row.Stance.ToString(), row.StakeholderGroupId, row.RegionId))
                    .Claiming(new OpenProposalClaim(p.Id))
                    .OnDuplicate(async token =>
                    {
                        db.ChangeTracker.Clear();
                        return await db.ProposalPositions.AsNoTracking().FirstOrDefaultAsync(x => x.ProposalId == p.Id && x.Round == p.Round && x.ParticipantId == participant.Id, token) is { } winner
                            ? (Result<ProposalPosition>?)winner
                            : null;
                    });
            },
            ct);

    public Task<Result<ProposalProxy>> GiveProxyAsync(int processId, int proposalId, int toParticipantId, CancellationToken ct = default) =>
        writes.RunAsync<ProposalContext, ProposalProxy>(
            token => LoadAsync(processId, proposalId, token),
            c => DecisionPolicy.Participate(c.Actor, c.Process),
            async (c, now) =>
            {
                var p = c.Proposal;
                if (p.AcceptsPositions(now) is { } closed)
                {
                    return closed;
                }

                if (!p.Rule.ProxiesAllowed)
                {
                    return Error.Conflict("The convener does not allow proxies on this proposal.");
                }

                if (toParticipantId == c.Participant!.Id || !await db.Participants.AnyAsync(x => x.Id == toParticipantId && x.ProcessId == processId, ct))
                {
                    return Error.Invalid("to", "Name another participant of this process as your proxy.");
                }

                if (await db.ProposalProxies.AnyAsync(x => x.ProposalId == p.Id && x.FromParticipantId == c.Participant.Id, ct))
                {
                    return Error.Conflict("You have already named a proxy on this proposal.");
                }

                var proxy = new ProposalProxy(p.Id, c.Participant.Id, toParticipantId, now);
                db.ProposalProxies.Add(proxy);
                return Change.Recorded(proxy, processId, DecisionRecord.ProxyGiven, () => new ProxyEntry(p.Id, proxy.FromParticipantId, proxy.ToParticipantId))
                    .Claiming(new OpenProposalClaim(p.Id))
                    .OnDuplicate(_ => Task.FromResult<Result<ProposalProxy>?>(Error.Conflict("You have already named a proxy on this proposal.")));
            },
            ct);

    public Task<Result<ObjectionResponse>> AnswerObjectionAsync(int processId, int proposalId, long positionId, ResponseKind kind, string? text, CancellationToken ct = default) =>
        writes.RunAsync<ProposalContext, ObjectionResponse>(
            token => LoadAsync(processId, proposalId, token),
            c => DecisionPolicy.Chair(c.Actor, c.Process, c.Proposal),
            async (c, now) =>
            {
                var p = c.Proposal;
                if (!Enum.IsDefined(kind))
                {
                    return Error.Invalid("response", "Say whether the objection was addressed, accommodated or not accommodated.");
                }

                var clean = Text.Required("text", text, Proposal.ReasonMax);
                if (clean.Error is { } bad)
                {
                    return bad;
                }

                var objection = await db.ProposalPositions.FirstOrDefaultAsync(x => x.Id == positionId && x.ProposalId == p.Id, ct);
                if (objection is null || objection.Stance is not (Stance.Disagree or Stance.Block))
                {
                    return Error.Invalid("positionId", "Answer an objection (a disagree or block position) on this proposal.");
                }

                var response = new ObjectionResponse(positionId, p.Id, kind, clean.Value, now);
                db.ObjectionResponses.Add(response);
                return Change.Recorded(response, processId, DecisionRecord.ObjectionAnswered, () => new ResponseEntry(p.Id, positionId, kind.ToString()));
            },
            ct);

    /// <summary>
    /// Closes the proposal under its rule. The close claims the proposal's version (of two chairs at once, one wins and
    /// the other gets 409), then counts under that claim: a position either committed before it, and is counted, or
    /// waits on the proposal's row and finds it closed.
    /// </summary>
    public Task<Result<Proposal>> CloseAsync(int processId, int proposalId, RoughDeclaration? declaration, CancellationToken ct = default) =>
        writes.RunAsync<ProposalContext, Proposal>(
            token => LoadAsync(processId, proposalId, token),
            c => DecisionPolicy.Chair(c.Actor, c.Process, c.Proposal),
            (c, now) =>
            {
                var p = c.Proposal;
                var checkedDeclaration = p.CheckClose(declaration);
                if (checkedDeclaration.Error is { } refused)
                {
                    return refused;
                }

                return Change.Recorded(p, processId, DecisionRecord.Closed, () => new ClosedEntry(p.Id, p.Round, p.RuleKind.ToString(), p.Outcome.ToString()!, p.Designation?.ToString()))
                    .Claiming(Claim.Version(p))
                    .Doing(async token =>
                    {
                        var state = await ClosingStateAsync(c.Process, now, token);
                        var tally = await DecisionQueries.TallyAsync(db, p, state, token);
                        p.Close(tally, state.ToJson(), checkedDeclaration.Value, now);
                    });
            },
            ct,
            whenLost: Error.Conflict("Someone else closed or changed this proposal at the same moment."));

    public Task<Result<MinorityView>> AttachMinorityViewAsync(int processId, int proposalId, string? text, CancellationToken ct = default) =>
        writes.RunAsync<ProposalContext, MinorityView>(
            token => LoadAsync(processId, proposalId, token),
            c => DecisionPolicy.Participate(c.Actor, c.Process),
            async (c, now) =>
            {
                var p = c.Proposal;
                if (p.Status != ProposalStatus.Closed)
                {
                    return Error.Conflict("A minority view is attached once the proposal is decided.");
                }

                var clean = Text.Required("text", text, MinorityView.TextMax);
                if (clean.Error is { } bad)
                {
                    return bad;
                }

                // Dissent is from the decision: against an adoption, those who objected; otherwise, those who agreed.
                var mine = await db.ProposalPositions.Where(x => x.ProposalId == p.Id && x.Round == p.Round && x.ParticipantId == c.Participant!.Id).Select(x => (Stance?)x.Stance).FirstOrDefaultAsync(ct);
                var dissented = p.Outcome == Outcome.Adopted ? mine is Stance.Disagree or Stance.Block : mine is Stance.Agree;
                if (!dissented)
                {
                    return Error.Forbidden("Only those who took a position against the decision can attach a minority view.");
                }

                var view = new MinorityView(p.Id, c.Participant!.Id, clean.Value, now);
                db.MinorityViews.Add(view);
                return Change.Recorded(view, processId, DecisionRecord.MinorityViewAttached, () => new MinorityViewEntry(p.Id, view.Id, view.ParticipantId));
            },
            ct);

    public Task<Result<Appeal>> FileAppealAsync(int processId, int proposalId, string? grounds, CancellationToken ct = default) =>
        writes.RunAsync<ProposalContext, Appeal>(
            token => LoadAsync(processId, proposalId, token),
            c => DecisionPolicy.Participate(c.Actor, c.Process),
            (c, now) =>
            {
                var p = c.Proposal;
                if (p.AcceptsAppeal(now) is { } refused)
                {
                    return refused;
                }

                var clean = Text.Required("grounds", grounds, Appeal.TextMax);
                if (clean.Error is { } bad)
                {
                    return bad;
                }

                var appeal = new Appeal(p.Id, c.Participant!.Id, clean.Value, now);
                db.Appeals.Add(appeal);
                return Change.Recorded(appeal, processId, DecisionRecord.AppealFiled, () => new AppealEntry(p.Id, appeal.Id, appeal.ParticipantId));
            },
            ct);

    /// <summary>Rules on an appeal. The ruling claims the appeal and the proposal, so two reviewers at once cannot both rule.</summary>
    public Task<Result<Appeal>> RuleAsync(int processId, int proposalId, int appealId, Ruling ruling, string? reason, CancellationToken ct = default) =>
        writes.RunAsync<ProposalContext, Appeal>(
            token => LoadAsync(processId, proposalId, token),
            c => DecisionPolicy.Review(c.Actor, c.Process, c.Proposal, c.IsReviewer),
            async (c, now) =>
            {
                if (!Enum.IsDefined(ruling))
                {
                    return Error.Invalid("ruling", "Rule upheld, sent back or reversed.");
                }

                var clean = Text.Required("reason", reason, Appeal.TextMax);
                if (clean.Error is { } bad)
                {
                    return bad;
                }

                var p = c.Proposal;
                var appeal = await db.Appeals.FirstOrDefaultAsync(a => a.Id == appealId && a.ProposalId == p.Id, ct);
                if (appeal is null)
                {
                    return Error.NotFound("No such appeal on this proposal.");
                }

                if (appeal.Rule(ruling, clean.Value, c.Actor.AccountId!, now) is { } refused)
                {
                    return refused;
                }

                if (ruling != Ruling.Upheld && p.Status != ProposalStatus.Closed)
                {
                    return Error.Conflict("The proposal is no longer closed: another appeal sent it back.");
                }

                p.Apply(ruling);
                return Change.Recorded(appeal, processId, DecisionRecord.AppealRuled, () => new RulingEntry(p.Id, appeal.Id, ruling.ToString()))
                    .Claiming(Claim.Version(appeal), Claim.Version(p));
            },
            ct,
            whenLost: Error.Conflict("Someone else ruled or changed this proposal at the same moment."));

    public Task<Result<Proposal>> EscalateAsync(int processId, int proposalId, string? facilitatorEmail, CancellationToken ct = default) =>
        writes.RunAsync<ProposalContext, Proposal>(
            token => LoadAsync(processId, proposalId, token),
            c => DecisionPolicy.Chair(c.Actor, c.Process, c.Proposal),
            async (c, now) =>
            {
                var p = c.Proposal;
                var normalised = facilitatorEmail?.Trim().ToUpperInvariant();
                var facilitatorAccountId = normalised is null ? null : await db.Users.Where(u => u.NormalizedEmail == normalised).Select(u => u.Id).FirstOrDefaultAsync(ct);
                if (facilitatorAccountId is null || !await db.DecisionDuties.AnyAsync(d => d.ProcessId == processId && d.AccountId == facilitatorAccountId && d.Duty == Duty.Facilitator, ct))
                {
                    return Error.Invalid("facilitator", "Name one of the process's facilitators.");
                }

                if (p.Escalate(facilitatorAccountId) is { } refused)
                {
                    return refused;
                }

                return Change.Recorded(p, processId, DecisionRecord.Escalated, () => new EscalationEntry(p.Id, facilitatorAccountId))
                    .Claiming(Claim.Version(p));
            },
            ct,
            whenLost: Error.Conflict("Someone else changed this proposal at the same moment."));

    /// <summary>Splits a stuck proposal into smaller ones under the same rule, each linked to it; the parent decides nothing more.</summary>
    public Task<Result<IReadOnlyList<Proposal>>> SplitAsync(int processId, int proposalId, IReadOnlyList<(string? Title, string? Question)> parts, CancellationToken ct = default) =>
        writes.RunAsync<ProposalContext, IReadOnlyList<Proposal>>(
            token => LoadAsync(processId, proposalId, token),
            c => DecisionPolicy.Chair(c.Actor, c.Process, c.Proposal),
            (c, now) =>
            {
                var p = c.Proposal;
                if (parts.Count is < 2 or > 10)
                {
                    return Error.Invalid("parts", "Split into 2 to 10 smaller proposals.");
                }

                var children = new List<Proposal>();
                foreach (var (title, question) in parts)
                {
                    var child = Proposal.Create(processId, p.ChairAccountId, title, p.Body, question, p.Rule, p.Links.Select(l => (l.Kind, l.TargetId)), p.AppealWindowDays, p.EscalateAfterRounds, now, p.Id);
                    if (child.Error is { } bad)
                    {
                        return bad with { Field = "parts" };
                    }

                    children.Add(child.Value);
                }

                if (p.MarkSplit() is { } refused)
                {
                    return refused;
                }

                db.Proposals.AddRange(children);
                return Change.Recorded<IReadOnlyList<Proposal>, SplitEntry>(children, processId, DecisionRecord.Split, () => new SplitEntry(p.Id, [.. children.Select(x => x.Id)]))
                    .Claiming(Claim.Version(p));
            },
            ct,
            whenLost: Error.Conflict("Someone else changed this proposal at the same moment."));

    /// <summary>Appoints the account with <paramref name="email"/> (as roles are handed out) to a decision duty.</summary>
    public Task<Result<DecisionDuty>> AssignDutyAsync(int processId, string? email, Duty duty, CancellationToken ct = default) =>
        writes.RunAsync<ProcessContext, DecisionDuty>(
            token => processes.LoadAsync(processId, token),
            c => DecisionPolicy.Appoint(c.Actor, c.Process),
            async (c, now) =>
            {
                if (!Enum.IsDefined(duty))
                {
                    return Error.Invalid("duty", "Choose reviewer or facilitator.");
                }

                var normalised = email?.Trim().ToUpperInvariant();
                var accountId = normalised is null ? null : await db.Users.Where(u => u.NormalizedEmail == normalised).Select(u => u.Id).FirstOrDefaultAsync(ct);
                if (accountId is null)
                {
                    return Error.Invalid("email", "No account has this e-mail address.");
                }

                if (await db.DecisionDuties.FirstOrDefaultAsync(d => d.ProcessId == processId && d.AccountId == accountId && d.Duty == duty, ct) is { } held)
                {
                    return Change.None(held);
                }

                var row = new DecisionDuty(processId, accountId, duty, now);
                db.DecisionDuties.Add(row);
                return Change.Recorded(row, processId, DecisionRecord.DutyAssigned, () => new DutyEntry(accountId, duty.ToString()))
                    .OnDuplicate(async token => await db.DecisionDuties.AsNoTracking().FirstOrDefaultAsync(d => d.ProcessId == processId && d.AccountId == accountId && d.Duty == duty, token) is { } w ? (Result<DecisionDuty>?)w : null);
            },
            ct);

    public Task<Result<SeatHolder>> AppointSeatAsync(int processId, int participantId, int groupId, DateTimeOffset from, DateTimeOffset until, CancellationToken ct = default) =>
        writes.RunAsync<ProcessContext, SeatHolder>(
            token => processes.LoadAsync(processId, token),
            c => DecisionPolicy.Appoint(c.Actor, c.Process),
            async (c, now) =>
            {
                if (!c.Process.StakeholderGroups.Any(g => g.Id == groupId && !g.IsRetired))
                {
                    return Error.Invalid("stakeholderGroupId", "Choose an active stakeholder group of this process.");
                }

                if (!await db.Participants.AnyAsync(p => p.Id == participantId && p.ProcessId == processId, ct))
                {
                    return Error.Invalid("participantId", "Choose a participant of this process.");
                }

                if (until <= from)
                {
                    return Error.Invalid("until", "A term ends after it starts.");
                }

                var seat = new SeatHolder(processId, participantId, groupId, from.ToUniversalTime(), until.ToUniversalTime());
                db.SeatHolders.Add(seat);
                return Change.Recorded(seat, processId, DecisionRecord.SeatAppointed, () => new SeatEntry(seat.Id, participantId, groupId))
                    .Claiming(Claim.Structure(c.Process))
                    .OnDuplicate(_ => Task.FromResult<Result<SeatHolder>?>(Error.Conflict("This participant already holds a seat from that date.")));
            },
            ct);

    private Task<ClosingState> ClosingStateAsync(Process process, DateTimeOffset now, CancellationToken ct) =>
        DecisionQueries.StateAsync(db, process, now, ct);

    internal static Result<DecisionRule> Validate(Process process, DecisionRule rule) =>
        rule.Validate(
            [.. process.StakeholderGroups.Where(g => !g.IsRetired).Select(g => g.Id)],
            [.. process.StakeholderGroups.Select(g => g.Id)]);

    private async Task<Result<ProposalContext>> LoadAsync(int processId, int proposalId, CancellationToken ct)
    {
        var found = await processes.LoadAsync(processId, ct);
        if (found.Error is { } error)
        {
            return error;
        }

        var proposal = await db.Proposals.Include(p => p.Links).FirstOrDefaultAsync(p => p.Id == proposalId && p.ProcessId == processId, ct);
        if (proposal is null)
        {
            return Error.NotFound("No such proposal.");
        }

        var actor = found.Value.Actor;
        Participant? participant = null;
        var reviewer = false;
        if (actor.AccountId is { } account)
        {
            participant = await db.Participants.Include(p => p.Affiliations).FirstOrDefaultAsync(p => p.ProcessId == processId && p.AccountId == account, ct);
            reviewer = await db.DecisionDuties.AnyAsync(d => d.ProcessId == processId && d.AccountId == account && d.Duty == Duty.Reviewer, ct);
        }

        return new ProposalContext(found.Value.Process, actor, proposal, participant, reviewer);
    }
}

/// <summary>
/// A position's claim on its proposal: bumps a counter on the proposal's row only while it is open. It takes the
/// row's write lock until the commit and is never refused by other positions; a close that committed first makes it
/// lose, and the write starts again, sees the proposal closed and answers 409.
/// </summary>
internal sealed class OpenProposalClaim(int proposalId) : Claim
{
    public override async Task<bool> TakeAsync(EqualFootingDb db, CancellationToken ct) =>
        await db.Proposals.Where(p => p.Id == proposalId && p.Status == ProposalStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.PositionsTaken, p => p.PositionsTaken + 1), ct) == 1;

    public override Task<bool> MovedOnAsync(EqualFootingDb db, CancellationToken ct) => Task.FromResult(false);
}
