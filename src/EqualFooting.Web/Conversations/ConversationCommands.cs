using System.Globalization;
using EqualFooting.Accounts;
using EqualFooting.Common;
using EqualFooting.Conversations;
using EqualFooting.Participation;
using EqualFooting.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Conversations;

/// <summary>A conversation with the process it belongs to and the acting user's standing there.</summary>
public sealed record ConversationContext(ProcessContext Found, Conversation Conversation);

/// <summary>What to import: the export read from its folder, the key that tells it apart, the title and where its participants count.</summary>
public sealed record PolisImport(PolisConversation Export, string Key, string Title, string StakeholderGroup = PolisImport.NotStated, string Region = PolisImport.NotStated)
{
    /// <summary>The stakeholder group and region of imported participants unless the operator names others: Pol.is asks for neither.</summary>
    public const string NotStated = "Not stated";
}

/// <summary>An imported conversation and what it holds.</summary>
public sealed record ImportedConversation(Conversation Conversation, int Statements, int Participants, int Votes);

/// <summary>Starting, closing, adding statements, moderating and voting, through the write path with <see cref="ConversationPolicy"/>.</summary>
public sealed class ConversationCommands(EqualFootingDb db, ProcessAccess processes, Writes writes, ConversationAnalyses analyses)
{
    public Task<Result<Conversation>> StartAsync(int processId, string? title, StatementModeration moderation, CancellationToken ct = default) =>
        writes.RunAsync<ProcessContext, Conversation>(
            token => processes.LoadAsync(processId, token),
            c => ConversationPolicy.Start(c.Actor, c.Process),
            (c, now) =>
            {
                var started = Conversation.Start(processId, title, moderation, now);
                if (started.Error is { } invalid)
                {
                    return invalid;
                }

                var conversation = started.Value;
                db.Conversations.Add(conversation);
                return Change.Recorded(conversation, processId, ConversationRecord.Started, () => new ConversationEntry(conversation.Id));
            },
            ct);

    public Task<Result<Conversation>> CloseAsync(int processId, int conversationId, CancellationToken ct = default) =>
        writes.RunAsync<ConversationContext, Conversation>(
            token => LoadAsync(processId, conversationId, token),
            c => ConversationPolicy.Close(c.Found.Actor, c.Found.Process),
            (c, now) => c.Conversation.Close(now) is { } refused
                ? refused
                : Change.Recorded(c.Conversation, processId, ConversationRecord.Closed, () => new ConversationEntry(conversationId)),
            ct);

    public Task<Result<Statement>> AddStatementAsync(int processId, int conversationId, string? text, CancellationToken ct = default) =>
        writes.RunAsync<ConversationContext, Statement>(
            token => LoadAsync(processId, conversationId, token),
            c => ConversationPolicy.Take(c.Found.Actor, c.Found.Process, c.Conversation),
            async (c, now) =>
            {
                var author = await ParticipantIdAsync(processId, c.Found.Actor.AccountId!, ct);
                var submitted = c.Conversation.Submit(author, text, now);
                if (submitted.Error is { } invalid)
                {
                    return invalid;
                }

                var statement = submitted.Value;
                db.Statements.Add(statement);
                return Change.Recorded(statement, processId, ConversationRecord.StatementAdded, () => new StatementEntry(conversationId, statement.Id, statement.Status.ToString()))
                    .Then(_ =>
                    {
                        analyses.Touch(conversationId);
                        return Task.CompletedTask;
                    });
            },
            ct);

    public Task<Result<Statement>> ModerateAsync(int processId, int conversationId, int statementId, StatementStatus status, CancellationToken ct = default) =>
        writes.RunAsync<ConversationContext, Statement>(
            token => LoadAsync(processId, conversationId, token),
            c => ConversationPolicy.Moderate(c.Found.Actor, c.Found.Process),
            async (c, now) =>
            {
                var statement = await db.Statements.FirstOrDefaultAsync(s => s.Id == statementId && s.ConversationId == conversationId, ct);
                if (statement is null)
                {
                    return Error.NotFound("No such statement in this conversation.");
                }

                return !statement.Moderate(status, now)
                    ? Change.None(statement)
                    : Change.Recorded(statement, processId, ConversationRecord.StatementModerated, () => new StatementModerationEntry(conversationId, statementId, status.ToString()))
                        .Then(_ =>
                        {
                            analyses.Touch(conversationId);
                            return Task.CompletedTask;
                        });
            },
            ct);

    /// <summary>
    /// Casts or changes the acting participant's vote. The unique index keeps one row per participant and statement:
    /// when two requests race, one inserts and the other reads the winner back. The analysis is told after the commit
    /// and recomputes later on its own worker, so a vote never waits for it.
    /// </summary>
    public Task<Result<StatementVote>> VoteAsync(int processId, int conversationId, int statementId, VoteChoice choice, CancellationToken ct = default) =>
        writes.RunAsync<ConversationContext, StatementVote>(
            token => LoadAsync(processId, conversationId, token),
            c => ConversationPolicy.Take(c.Found.Actor, c.Found.Process, c.Conversation),
            async (c, now) =>
            {
                var shown = await db.Statements.AnyAsync(s => s.Id == statementId && s.ConversationId == conversationId && s.Status == StatementStatus.Approved, ct);
                if (!shown)
                {
                    return Error.NotFound("No such statement to vote on in this conversation.");
                }

                var participant = (await ParticipantIdAsync(processId, c.Found.Actor.AccountId!, ct))!.Value;
                var existing = await db.StatementVotes.FirstOrDefaultAsync(v => v.StatementId == statementId && v.ParticipantId == participant, ct);
                if (existing is not null && !existing.Change(choice, now))
                {
                    return Change.None(existing);
                }

                var vote = existing ?? db.StatementVotes.Add(new StatementVote(conversationId, statementId, participant, choice, now)).Entity;
                return Change.Recorded(vote, processId, ConversationRecord.Voted, () => new VoteEntry(conversationId, statementId, VoteChoices.Name(choice)))
                    .Then(_ =>
                    {
                        analyses.Touch(conversationId);
                        return Task.CompletedTask;
                    })
                    .OnDuplicate(async token =>
                        await db.StatementVotes.AsNoTracking().FirstOrDefaultAsync(v => v.StatementId == statementId && v.ParticipantId == participant, token) is { } winner
                            ? (Result<StatementVote>?)winner
                            : null);
            },
            ct);

    /// <summary>
    /// Imports a Pol.is export as a closed conversation of the process: its shown statements (approved, with their
    /// Pol.is ids), one participant per Pol.is participant on a placeholder account that nobody can sign in to
    /// (<see cref="Account.Placeholder"/>), in the stakeholder group and region named (by default "Not stated", added
    /// to the process when it lacks them: Pol.is asks nobody for either), and each participant's last vote on each
    /// statement. One write and one record entry; the same export again in the same process is refused (409), which
    /// the unique index on (process, import key) also holds for two imports at once.
    /// </summary>
    public Task<Result<ImportedConversation>> ImportPolisAsync(int processId, PolisImport import, CancellationToken ct = default) =>
        writes.RunAsync<ProcessContext, ImportedConversation>(
            token => processes.LoadAsync(processId, token),
            c => ConversationPolicy.Start(c.Actor, c.Process),
            async (c, now) =>
            {
                ArgumentNullException.ThrowIfNull(import);
                if (!c.Process.AcceptsParticipants)
                {
                    return Error.Conflict("The process is not open: imported participants join it as anyone else does, so open it first.");
                }

                if (await AlreadyImportedAsync(processId, import.Key, ct) is { } existing)
                {
                    return existing;
                }

                foreach (var statement in import.Export.Statements)
                {
                    if (Text.Required("text", statement.Text, Statement.ImportedTextMax).Error is { } bad)
                    {
                        return Error.Invalid(PolisExport.CommentsFile, $"{PolisExport.CommentsFile} line {statement.Line}: comment {statement.CommentId}: {bad.Message}");
                    }
                }

                var group = Category(c.Process.StakeholderGroups, import.StakeholderGroup, c.Process.AddStakeholderGroup, "stakeholderGroup", "stakeholder group");
                var region = Category(c.Process.Regions, import.Region, c.Process.AddRegion, "region", "region");
                if ((group.Error ?? region.Error) is { } missing)
                {
                    return missing;
                }

                var started = Conversation.Import(processId, import.Title, import.Key, now);
                if (started.Error is { } invalid)
                {
                    return invalid;
                }

                var conversation = db.Conversations.Add(started.Value).Entity;
                var export = import.Export;
                var people = export.VoterIds.Union(export.Statements.Select(s => s.AuthorId).Where(a => a >= 0)).ToList();
                var result = new ImportedConversation(conversation, export.Statements.Count, people.Count, export.Matrix.Count);
                var change = Change.Recorded(result, processId, ConversationRecord.Imported, () => new ImportEntry(conversation.Id, "polis", result.Statements, result.Participants, result.Votes))
                    .Doing(async token =>
                    {
                        // Ids first (the conversation, any new group or region), then rows that point at them, all in the one transaction.
                        await db.SaveChangesAsync(token);
                        var choice = new AffiliationChoice(group.Value.Id, region.Value.Id);
                        var participants = new Dictionary<int, Participant>(people.Count);
                        foreach (var id in people)
                        {
                            var key = string.Create(CultureInfo.InvariantCulture, $"{conversation.Id}-{id}");
                            var account = db.Users.Add(Account.Placeholder("polis", key, string.Create(CultureInfo.InvariantCulture, $"Pol.is participant {id}"), now)).Entity;
                            participants[id] = db.Participants.Add(Participant.Join(c.Process, account.Id, choice, now).Value).Entity;
                        }

                        await db.SaveChangesAsync(token);
                        var statements = export.Statements
                            .Select(s => db.Statements.Add(conversation.ImportStatement(participants.TryGetValue(s.AuthorId, out var author) ? author.Id : null, s.CommentId, s.Text, now).Value).Entity)
                            .ToList();
                        await db.SaveChangesAsync(token);
                        db.StatementVotes.AddRange(export.Matrix.Votes().Select(v =>
                            new StatementVote(conversation.Id, statements[v.Statement].Id, participants[export.VoterIds[v.Participant]].Id, v.Choice, now)));
                    })
                    .Then(_ =>
                    {
                        analyses.Touch(conversation.Id);
                        return Task.CompletedTask;
                    })
                    .OnDuplicate(async token => await AlreadyImportedAsync(processId, import.Key, token) is { } winner ? (Result<ImportedConversation>?)winner : null);
                return group.Value.Id == 0 || region.Value.Id == 0 ? change.Claiming(Claim.Structure(c.Process)) : change;
            },
            ct);

    private async Task<Error?> AlreadyImportedAsync(int processId, string key, CancellationToken ct) =>
        await db.Conversations.AsNoTracking().Where(x => x.ProcessId == processId && x.ImportKey == key).Select(x => (int?)x.Id).FirstOrDefaultAsync(ct) is { } id
            ? Error.Conflict($"This export was already imported into this process as conversation {id}.")
            : null;

    /// <summary>The group or region of that name; the default "Not stated" is added when the process lacks it, any other name must exist.</summary>
    private static Result<T> Category<T>(IEnumerable<T> existing, string name, Func<string, Result<T>> add, string field, string what)
        where T : EqualFooting.Processes.Category
    {
        var found = existing.FirstOrDefault(x => !x.IsRetired && string.Equals(x.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
        return found is not null ? found
            : string.Equals(name.Trim(), PolisImport.NotStated, StringComparison.OrdinalIgnoreCase) ? add(PolisImport.NotStated)
            : Error.Invalid(field, $"This process has no {what} named \"{name}\".");
    }

    private async Task<Result<ConversationContext>> LoadAsync(int processId, int conversationId, CancellationToken ct)
    {
        var found = await processes.LoadAsync(processId, ct);
        if (found.Error is { } error)
        {
            return error;
        }

        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == conversationId && c.ProcessId == processId, ct);
        return conversation is null ? Error.NotFound("No such conversation in this process.") : new ConversationContext(found.Value, conversation);
    }

    private Task<int?> ParticipantIdAsync(int processId, string accountId, CancellationToken ct) =>
        db.Participants.Where(p => p.ProcessId == processId && p.AccountId == accountId).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
}
