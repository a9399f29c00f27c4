using EqualFooting.Common;
using EqualFooting.Conversations;
using EqualFooting.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Conversations;

/// <summary>A conversation with the process it belongs to and the acting user's standing there.</summary>
public sealed record ConversationContext(ProcessContext Found, Conversation Conversation);

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
