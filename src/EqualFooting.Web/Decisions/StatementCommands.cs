using EqualFooting.Common;
using EqualFooting.Decisions;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Decisions;

/// <summary>A statement with its process, the actor and its latest ratification vote, if any.</summary>
public sealed record StatementContext(Process Process, Actor Actor, DecisionStatement Statement, Proposal? Latest);

/// <summary>Statements drafted in a consultation, ratified by a vote under a chosen rule and sent: each through the write path.</summary>
public sealed class StatementCommands(EqualFootingDb db, ProcessAccess processes, Writes writes)
{
    public Task<Result<DecisionStatement>> CreateAsync(int processId, string? title, string? recipient, int consultationId, CancellationToken ct = default) =>
        writes.RunAsync<ProcessContext, DecisionStatement>(
            token => processes.LoadAsync(processId, token),
            c => DecisionPolicy.Propose(c.Actor, c.Process),
            async (c, now) =>
            {
                if (!await db.Consultations.AnyAsync(x => x.Id == consultationId && x.ProcessId == processId, ct))
                {
                    return Error.Invalid("consultationId", "Choose a consultation of this process: the draft goes out for comment there.");
                }

                var created = DecisionStatement.Create(processId, consultationId, title, recipient, now);
                if (created.Error is { } bad)
                {
                    return bad;
                }

                var statement = created.Value;
                db.DecisionStatements.Add(statement);
                return Change.Recorded(statement, processId, StatementRecord.Drafted, () => new StatementEntry(statement.Id, consultationId));
            },
            ct);

    /// <summary>
    /// Puts the consultation's latest version to the members: a new proposal under <paramref name="rule"/>, taking
    /// positions for <paramref name="windowDays"/> days. Claims the statement, so two conveners at once open one vote.
    /// </summary>
    public Task<Result<StatementRatification>> PutToRatificationAsync(int processId, int statementId, DecisionRule rule, int windowDays, int appealWindowDays, CancellationToken ct = default) =>
        writes.RunAsync<StatementContext, StatementRatification>(
            token => LoadAsync(processId, statementId, token),
            c => DecisionPolicy.Propose(c.Actor, c.Process),
            async (c, now) =>
            {
                var s = c.Statement;
                var latestVersion = await db.Consultations.Where(x => x.Id == s.ConsultationId).Select(x => x.LatestVersion).FirstAsync(ct);
                if (s.MayPutToRatification(c.Latest, latestVersion, windowDays) is { } refused)
                {
                    return refused;
                }

                var valid = DecisionCommands.Validate(c.Process, rule);
                if (valid.Error is { } bad)
                {
                    return bad;
                }

                var question = $"Ratify version {latestVersion} of “{s.Title}” and send it to {s.Recipient}?";
                var created = Proposal.Create(processId, c.Actor.AccountId!, s.Title, "", question[..Math.Min(question.Length, Proposal.QuestionMax)], valid.Value, [(LinkKind.Consultation, s.ConsultationId)], appealWindowDays, 3, now, positionsCloseAt: now.AddDays(windowDays));
                if (created.Error is { } invalid)
                {
                    return invalid;
                }

                var ratification = StatementRatification.Of(s, created.Value, latestVersion, now);
                db.Proposals.Add(created.Value);
                db.StatementRatifications.Add(ratification);
                return Change.Recorded(ratification, processId, StatementRecord.PutToRatification, () => new RatificationEntry(s.Id, ratification.ProposalId, latestVersion, rule.Kind.ToString()))
                    .Claiming(Claim.Version(s));
            },
            ct,
            whenLost: Error.Conflict("Someone else put this statement to the members at the same moment."));

    /// <summary>Marks a ratified statement as sent to its recipient, once.</summary>
    public Task<Result<DecisionStatement>> SendAsync(int processId, int statementId, string? via, CancellationToken ct = default) =>
        writes.RunAsync<StatementContext, DecisionStatement>(
            token => LoadAsync(processId, statementId, token),
            c => DecisionPolicy.Propose(c.Actor, c.Process),
            (c, now) =>
            {
                var s = c.Statement;
                if (s.Send(c.Latest, via, now) is { } refused)
                {
                    return refused;
                }

                return Change.Recorded(s, processId, StatementRecord.Sent, () => new SentEntry(s.Id, c.Latest!.Id))
                    .Claiming(Claim.Version(s));
            },
            ct,
            whenLost: Error.Conflict("Someone else sent or changed this statement at the same moment."));

    private async Task<Result<StatementContext>> LoadAsync(int processId, int statementId, CancellationToken ct)
    {
        var found = await processes.LoadAsync(processId, ct);
        if (found.Error is { } error)
        {
            return error;
        }

        var statement = await db.DecisionStatements.FirstOrDefaultAsync(s => s.Id == statementId && s.ProcessId == processId, ct);
        if (statement is null)
        {
            return Error.NotFound("No such statement.");
        }

        var latest = await db.StatementRatifications.Where(r => r.StatementId == statementId).OrderByDescending(r => r.Id)
            .Select(r => r.Proposal).AsNoTracking().FirstOrDefaultAsync(ct);
        return new StatementContext(found.Value.Process, found.Value.Actor, statement, latest);
    }
}
