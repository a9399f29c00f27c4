using EqualFooting.Conversations;
using EqualFooting.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Conversations;

public sealed record ConversationSummary(int Id, string Title, bool IsOpen, StatementModeration Moderation, int Statements, int Votes);

public sealed record NextStatement(int Id, string Text, int Votes);

/// <summary>What the conversation pages read: the process's conversations, the next statement to vote on, the moderation queue.</summary>
public sealed class ConversationQueries(EqualFootingDb db)
{
    public Task<List<ConversationSummary>> ListAsync(int processId, CancellationToken ct) =>
        db.Conversations.AsNoTracking()
            .Where(c => c.ProcessId == processId)
            .OrderBy(c => c.Id)
            .Select(c => new ConversationSummary(
                c.Id,
                c.Title,
                c.ClosedAt == null,
                c.Moderation,
                db.Statements.Count(s => s.ConversationId == c.Id && s.Status == StatementStatus.Approved),
                db.StatementVotes.Count(v => v.ConversationId == c.Id)))
            .ToListAsync(ct);

    public Task<Conversation?> FindAsync(int processId, int conversationId, CancellationToken ct) =>
        db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId && c.ProcessId == processId, ct);

    /// <summary>
    /// The shown statement the participant has not voted on that has the fewest votes so far (oldest first among
    /// equals), so that coverage grows evenly across statements; null when they have voted on all.
    /// </summary>
    public async Task<NextStatement?> NextAsync(int conversationId, int? participantId, CancellationToken ct)
    {
        var next = await db.Statements.AsNoTracking()
            .Where(s => s.ConversationId == conversationId && s.Status == StatementStatus.Approved)
            .Where(s => participantId == null || !db.StatementVotes.Any(v => v.StatementId == s.Id && v.ParticipantId == participantId))
            .Select(s => new { s.Id, s.Text, Votes = db.StatementVotes.Count(v => v.StatementId == s.Id) })
            .OrderBy(s => s.Votes)
            .ThenBy(s => s.Id)
            .FirstOrDefaultAsync(ct);
        return next is null ? null : new NextStatement(next.Id, next.Text, next.Votes);
    }

    public Task<List<StatementText>> PendingAsync(int conversationId, CancellationToken ct) =>
        db.Statements.AsNoTracking()
            .Where(s => s.ConversationId == conversationId && s.Status == StatementStatus.Pending)
            .OrderBy(s => s.Id)
            .Select(s => new StatementText(s.Id, s.Text))
            .ToListAsync(ct);

    public Task<int?> ParticipantIdAsync(int processId, string? accountId, CancellationToken ct) =>
        accountId is null
            ? Task.FromResult<int?>(null)
            : db.Participants.Where(p => p.ProcessId == processId && p.AccountId == accountId).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
}
