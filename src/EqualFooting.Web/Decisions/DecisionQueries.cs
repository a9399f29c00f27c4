using EqualFooting.Decisions;
using EqualFooting.Deliberation;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using EqualFooting.Web.Privacy;
using Microsoft.EntityFrameworkCore;
using Outcome = EqualFooting.Decisions.Outcome;

namespace EqualFooting.Web.Decisions;

public sealed record ProposalSummary(int Id, string Title, RuleKind Rule, ProposalStatus Status, Outcome? Outcome, bool ReversedOnAppeal, int? ParentId, DateTimeOffset CreatedAt);

public sealed record PositionLine(long Id, int ParticipantId, string Name, int StakeholderGroupId, string StakeholderGroup, int RegionId, string Region, Stance Stance, string? Reason, DateTimeOffset UpdatedAt, IReadOnlyList<ResponseLine> Responses);

public sealed record ResponseLine(ResponseKind Kind, string Text, DateTimeOffset At);

public sealed record MinorityViewLine(long Id, int ParticipantId, string Name, string StakeholderGroup, string Text, DateTimeOffset At);

public sealed record AppealLine(int Id, int ParticipantId, string Name, string Grounds, DateTimeOffset FiledAt, Ruling? Ruling, string? RulingReason, string? ReviewerName, DateTimeOffset? RuledAt);

public sealed record RuleChangeLine(int Round, RuleKind From, RuleKind To, string? Reason, DateTimeOffset At);

public sealed record GroupLine(int Id, string Name, bool Retired, int Members, StanceCounts Counts, StanceCounts Seated);

public sealed record RegionLine(int Id, string Name, StanceCounts Counts);

public sealed record ParticipantChoice(int Id, string Name, int StakeholderGroupId, bool IsMe);

public sealed record SeatLine(int Id, int ParticipantId, string Name, int StakeholderGroupId, string StakeholderGroup, DateTimeOffset From, DateTimeOffset Until, bool InOffice);

public sealed record DutyLine(Duty Duty, string Name);

public sealed record LinkLine(LinkKind Kind, int Id, string Href);

/// <summary>Everything the proposal page and <c>GET …/proposals/{id}</c> show.</summary>
public sealed record ProposalView(
    Proposal Proposal,
    DecisionRule Rule,
    IReadOnlyList<LinkLine> Links,
    IReadOnlyList<PositionLine> Positions,
    IReadOnlyList<GroupLine> ByGroup,
    IReadOnlyList<RegionLine> ByRegion,
    StanceCounts Total,
    IReadOnlyList<Verdict> Comparison,
    IReadOnlyList<MinorityViewLine> MinorityViews,
    IReadOnlyList<AppealLine> Appeals,
    IReadOnlyList<RuleChangeLine> RuleChanges,
    IReadOnlyList<ProposalSummary> Parts,
    IReadOnlyDictionary<int, string> GroupNames,
    int ProxyCount)
{
    /// <summary>Objections (disagree or block) with no recorded response: listed beside a rough-consensus ruling.</summary>
    public IEnumerable<PositionLine> Unanswered => Positions.Where(p => p.Stance is Stance.Disagree or Stance.Block && p.Responses.Count == 0);
}

/// <summary>Read models of proposals: the list, one proposal with its tallies and the rule comparison.</summary>
public sealed class DecisionQueries(EqualFootingDb db, PublicNames names)
{
    /// <summary>The current round's positions with proxies applied, counted against <paramref name="state"/>.</summary>
    public static async Task<Tally> TallyAsync(EqualFootingDb db, Proposal proposal, ClosingState state, CancellationToken ct)
    {
        var own = await db.ProposalPositions.AsNoTracking()
            .Where(x => x.ProposalId == proposal.Id && x.Round == proposal.Round)
            .Select(x => new CountedPosition(x.ParticipantId, x.StakeholderGroupId, x.Stance))
            .ToListAsync(ct);
        var proxies = proposal.Rule.ProxiesAllowed
            ? await db.ProposalProxies.AsNoTracking().Where(x => x.ProposalId == proposal.Id)
                .Join(db.Affiliations.Where(a => a.Until == null), x => x.FromParticipantId, a => a.ParticipantId, (x, a) => new Proxy(x.FromParticipantId, a.StakeholderGroupId, x.ToParticipantId))
                .ToListAsync(ct)
            : [];
        return Tally.Count(state.Rolls, Proxies.Apply(own, proxies), state.Seats);
    }

    public Task<List<ProposalSummary>> ListAsync(int processId, CancellationToken ct = default) =>
        db.Proposals.AsNoTracking().Where(p => p.ProcessId == processId).OrderByDescending(p => p.Id)
            .Select(p => new ProposalSummary(p.Id, p.Title, p.RuleKind, p.Status, p.Outcome, p.ReversedOnAppeal, p.ParentId, p.CreatedAt))
            .ToListAsync(ct);

    public async Task<ProposalView?> ViewAsync(Process process, int proposalId, DateTimeOffset now, CancellationToken ct = default)
    {
        var proposal = await db.Proposals.AsNoTracking().Include(p => p.Links).FirstOrDefaultAsync(p => p.Id == proposalId && p.ProcessId == process.Id, ct);
        if (proposal is null)
        {
            return null;
        }

        var groups = process.StakeholderGroups.ToDictionary(g => g.Id, g => g.Name);
        var regions = process.Regions.ToDictionary(r => r.Id, r => r.Name);
        var rule = proposal.Rule;

        var rows = await (
            from x in db.ProposalPositions.AsNoTracking()
            where x.ProposalId == proposal.Id && x.Round == proposal.Round
            orderby x.Id
            select new { x.Id, x.ParticipantId, x.StakeholderGroupId, x.RegionId, x.Stance, x.Reason, x.UpdatedAt })
            .ToListAsync(ct);
        var responses = (await db.ObjectionResponses.AsNoTracking().Where(r => r.ProposalId == proposal.Id).OrderBy(r => r.Id).ToListAsync(ct))
            .ToLookup(r => r.PositionId, r => new ResponseLine(r.Kind, r.Text, r.At));
        var views = await (
            from v in db.MinorityViews.AsNoTracking()
            where v.ProposalId == proposal.Id
            orderby v.Id
            select new { v.Id, v.ParticipantId, v.Text, v.At, Group = db.Affiliations.Where(a => a.ParticipantId == v.ParticipantId && a.Until == null).Select(a => a.StakeholderGroupId).FirstOrDefault() })
            .ToListAsync(ct);
        var appealRows = await db.Appeals.AsNoTracking().Where(a => a.ProposalId == proposal.Id).OrderBy(a => a.Id).ToListAsync(ct);

        // Names only as the process's privacy settings and each participant's own choice allow, resolved here at read time.
        var who = await names.NamesAsync(process.Id, rows.Select(r => r.ParticipantId).Concat(views.Select(v => v.ParticipantId)).Concat(appealRows.Select(a => a.ParticipantId)), ct);
        var reviewers = await names.AccountNamesAsync(process.Id, [.. appealRows.Select(a => a.ReviewerAccountId).OfType<string>().Distinct()], ct);
        string Name(int participantId) => who.GetValueOrDefault(participantId, "");

        var positions = rows.Select(r => new PositionLine(r.Id, r.ParticipantId, Name(r.ParticipantId), r.StakeholderGroupId, groups.GetValueOrDefault(r.StakeholderGroupId, "?"), r.RegionId, regions.GetValueOrDefault(r.RegionId, "?"), r.Stance, r.Reason, r.UpdatedAt, [.. responses[r.Id]])).ToList();

        // An open proposal is counted against today's rolls and seats; a closed one against those it closed with.
        var state = proposal.ClosingJson is { } json ? ClosingState.FromJson(json) : await StateAsync(db, process, now, ct);
        var tally = await TallyAsync(db, proposal, state, ct);
        var declaration = proposal.Designation is { } d ? new RoughDeclaration(d, proposal.Rationale ?? "") : null;
        var comparison = DecisionRules.Compare(rule, tally, declaration);

        var byGroup = tally.Groups.Select(g => new GroupLine(g.Id, groups.GetValueOrDefault(g.Id, "?"), g.Retired, g.Members, g.Counts, g.Seated)).ToList();
        var byRegion = process.Regions.OrderBy(r => r.Position).Select(r => new RegionLine(r.Id, r.Name, Count(positions.Where(p => p.RegionId == r.Id)))).ToList();

        var appeals = appealRows.Select(a => new AppealLine(a.Id, a.ParticipantId, Name(a.ParticipantId), a.Grounds, a.FiledAt, a.Ruling, a.RulingReason, a.ReviewerAccountId is { } r ? reviewers.GetValueOrDefault(r) : null, a.RuledAt)).ToList();
        var changes = await db.RuleChanges.AsNoTracking().Where(r => r.ProposalId == proposal.Id).OrderBy(r => r.Id)
            .Select(r => new RuleChangeLine(r.Round, r.From, r.To, r.Reason, r.At)).ToListAsync(ct);
        var parts = await db.Proposals.AsNoTracking().Where(p => p.ParentId == proposal.Id).OrderBy(p => p.Id)
            .Select(p => new ProposalSummary(p.Id, p.Title, p.RuleKind, p.Status, p.Outcome, p.ReversedOnAppeal, p.ParentId, p.CreatedAt)).ToListAsync(ct);
        var proxies = await db.ProposalProxies.CountAsync(x => x.ProposalId == proposal.Id, ct);
        var links = proposal.Links.OrderBy(l => l.Kind).ThenBy(l => l.TargetId).Select(l => new LinkLine(l.Kind, l.TargetId, Href(process.Id, l))).ToList();

        return new ProposalView(
            proposal,
            rule,
            links,
            positions,
            byGroup,
            byRegion,
            tally.All,
            comparison,
            [.. views.Select(v => new MinorityViewLine(v.Id, v.ParticipantId, Name(v.ParticipantId), groups.GetValueOrDefault(v.Group, "?"), v.Text, v.At))],
            appeals,
            changes,
            parts,
            groups,
            proxies);
    }

    /// <summary>
    /// The process's participants as readers may see them, for choosing a proxy or a seat holder, with the one signed
    /// in marked so a form can leave them out.
    /// </summary>
    public async Task<List<ParticipantChoice>> ParticipantsAsync(int processId, string? accountId, CancellationToken ct = default)
    {
        var rows = await db.Participants.AsNoTracking().Where(p => p.ProcessId == processId).OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.AccountId, Group = db.Affiliations.Where(a => a.ParticipantId == p.Id && a.Until == null).Select(a => a.StakeholderGroupId).FirstOrDefault() })
            .ToListAsync(ct);
        var who = await names.NamesAsync(processId, rows.Select(r => r.Id), ct);
        return [.. rows.Select(r => new ParticipantChoice(r.Id, who.GetValueOrDefault(r.Id, ""), r.Group, r.AccountId == accountId))];
    }

    /// <summary>A process's council seat holders, current and past, named as the privacy settings allow.</summary>
    public async Task<List<SeatLine>> SeatsAsync(Process process, DateTimeOffset now, CancellationToken ct = default)
    {
        var seats = await db.SeatHolders.AsNoTracking().Where(s => s.ProcessId == process.Id).OrderBy(s => s.StakeholderGroupId).ThenBy(s => s.From).ToListAsync(ct);
        var who = await names.NamesAsync(process.Id, seats.Select(s => s.ParticipantId), ct);
        var groups = process.StakeholderGroups.ToDictionary(g => g.Id, g => g.Name);
        return [.. seats.Select(s => new SeatLine(s.Id, s.ParticipantId, who.GetValueOrDefault(s.ParticipantId, ""), s.StakeholderGroupId, groups.GetValueOrDefault(s.StakeholderGroupId, "?"), s.From, s.Until, s.InOffice(now)))];
    }

    /// <summary>The process's reviewers and facilitators, named as the privacy settings allow.</summary>
    public async Task<List<DutyLine>> DutiesAsync(int processId, CancellationToken ct = default)
    {
        var duties = await db.DecisionDuties.AsNoTracking().Where(d => d.ProcessId == processId).OrderBy(d => d.Duty).ThenBy(d => d.Id).ToListAsync(ct);
        var who = await names.AccountNamesAsync(processId, [.. duties.Select(d => d.AccountId).Distinct()], ct);
        return [.. duties.Select(d => new DutyLine(d.Duty, who.GetValueOrDefault(d.AccountId, "")))];
    }

    /// <summary>Links by kind and id: the features that own them are not referenced, only their public addresses.</summary>
    private static string Href(int processId, ProposalLink l) => l.Kind switch
    {
        LinkKind.Consultation => $"/consultations/{l.TargetId}",
        LinkKind.Session => $"/sessions/{l.TargetId}",
        LinkKind.Poll => $"/polls/{l.TargetId}",
        _ => $"/processes/{processId}/conversations/{l.TargetId}",
    };

    private static StanceCounts Count(IEnumerable<PositionLine> lines)
    {
        int a = 0, d = 0, ab = 0, b = 0;
        foreach (var l in lines)
        {
            switch (l.Stance)
            {
                case Stance.Agree: a++; break;
                case Stance.Disagree: d++; break;
                case Stance.Abstain: ab++; break;
                case Stance.Block: b++; break;
            }
        }

        return new StanceCounts(a, d, ab, b);
    }

    /// <summary>Today's rolls and seats; shared with the close, so what the page shows while open is what the close will count.</summary>
    public static async Task<ClosingState> StateAsync(EqualFootingDb db, Process process, DateTimeOffset now, CancellationToken ct)
    {
        var members = await db.Affiliations.Where(a => a.ProcessId == process.Id && a.Until == null)
            .GroupBy(a => a.StakeholderGroupId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var rolls = process.StakeholderGroups.OrderBy(g => g.Position).Select(g => new GroupRoll(g.Id, members.GetValueOrDefault(g.Id), g.IsRetired)).ToList();
        var seats = (await db.SeatHolders.AsNoTracking().Where(s => s.ProcessId == process.Id).ToListAsync(ct))
            .Where(s => s.InOffice(now)).GroupBy(s => s.ParticipantId).ToDictionary(s => s.Key, s => s.First().StakeholderGroupId);
        return new ClosingState(rolls, seats);
    }
}
