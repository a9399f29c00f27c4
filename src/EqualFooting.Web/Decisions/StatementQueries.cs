using EqualFooting.Decisions;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using Microsoft.EntityFrameworkCore;
using Outcome = EqualFooting.Decisions.Outcome;

namespace EqualFooting.Web.Decisions;

public sealed record StatementSummary(int Id, string Title, string Recipient, StatementStatus Status, DateTimeOffset? SentAt);

/// <summary>One published version of the statement's draft, with its comments and how many the drafters answered.</summary>
public sealed record StatementVersionLine(int Number, DateTimeOffset PublishedAt, int Comments, int Answered, string Href);

/// <summary>One vote to ratify a version: the proposal that decided it.</summary>
public sealed record RatificationLine(int ProposalId, int Version, RuleKind Rule, ProposalStatus Status, Outcome? Outcome, DateTimeOffset? PositionsCloseAt, DateTimeOffset At);

public sealed record StatementView(
    DecisionStatement Statement,
    StatementStatus Status,
    int ConsultationId,
    string ConsultationTitle,
    IReadOnlyList<StatementVersionLine> Versions,
    IReadOnlyList<RatificationLine> Ratifications,
    ProposalView? LatestVote);

/// <summary>Read models of statements: the list, and one statement with every version, the dispositions and the tally of its votes.</summary>
public sealed class StatementQueries(EqualFootingDb db, DecisionQueries decisions)
{
    public async Task<List<StatementSummary>> ListAsync(int processId, CancellationToken ct = default)
    {
        var rows = await db.DecisionStatements.AsNoTracking().Where(s => s.ProcessId == processId).OrderByDescending(s => s.Id)
            .Select(s => new { Statement = s, Latest = db.StatementRatifications.Where(r => r.StatementId == s.Id).OrderByDescending(r => r.Id).Select(r => r.Proposal).FirstOrDefault() })
            .ToListAsync(ct);
        return [.. rows.Select(r => new StatementSummary(r.Statement.Id, r.Statement.Title, r.Statement.Recipient, r.Statement.StatusGiven(r.Latest), r.Statement.SentAt))];
    }

    public async Task<StatementView?> ViewAsync(Process process, int statementId, DateTimeOffset now, CancellationToken ct = default)
    {
        var statement = await db.DecisionStatements.AsNoTracking().FirstOrDefaultAsync(s => s.Id == statementId && s.ProcessId == process.Id, ct);
        if (statement is null)
        {
            return null;
        }

        var consultation = await db.Consultations.AsNoTracking().Where(c => c.Id == statement.ConsultationId).Select(c => new { c.Id, c.Title }).FirstAsync(ct);
        var published = await db.DraftVersions.AsNoTracking().Where(v => v.ConsultationId == consultation.Id).OrderBy(v => v.Number)
            .Select(v => new { v.Number, v.PublishedAt }).ToListAsync(ct);
        var comments = await db.Comments.AsNoTracking().Where(c => c.ConsultationId == consultation.Id && c.ParentId == null && c.WithdrawnAt == null)
            .GroupBy(c => c.VersionNumber)
            .Select(g => new { Version = g.Key, Count = g.Count(), Answered = g.Count(c => c.Dispositions.Any()) })
            .ToDictionaryAsync(g => g.Version, ct);
        var versions = published.Select(v => new StatementVersionLine(
            v.Number,
            v.PublishedAt,
            comments.TryGetValue(v.Number, out var n) ? n.Count : 0,
            comments.TryGetValue(v.Number, out var m) ? m.Answered : 0,
            $"/consultations/{consultation.Id}?version={v.Number}")).ToList();

        var ratifications = await db.StatementRatifications.AsNoTracking().Where(r => r.StatementId == statementId).OrderBy(r => r.Id)
            .Select(r => new RatificationLine(r.ProposalId, r.VersionNumber, r.Proposal.RuleKind, r.Proposal.Status, r.Proposal.Outcome, r.Proposal.PositionsCloseAt, r.At))
            .ToListAsync(ct);
        var latest = ratifications.Count == 0 ? null : await decisions.ViewAsync(process, ratifications[^1].ProposalId, now, ct);
        return new StatementView(statement, statement.StatusGiven(latest?.Proposal), consultation.Id, consultation.Title, versions, ratifications, latest);
    }
}
