using EqualFooting.Record;

namespace EqualFooting.Web.Conversations;

/// <summary>The record entries of conversations. Payloads hold ids and public facts only; statement texts stay in their rows.</summary>
public static class ConversationRecord
{
    public static readonly RecordAction<ConversationEntry> Started = new("conversation.started", "started a conversation");

    public static readonly RecordAction<ConversationEntry> Closed = new("conversation.closed", "closed a conversation");

    public static readonly RecordAction<StatementEntry> StatementAdded = new("conversation.statement-added", "added a statement to a conversation");

    public static readonly RecordAction<StatementModerationEntry> StatementModerated = new("conversation.statement-moderated", "moderated a statement");

    public static readonly RecordAction<VoteEntry> Voted = new("conversation.voted", "voted on a statement");

    public static readonly RecordAction<ImportEntry> Imported = new("conversation.imported", "imported a conversation from another tool");

    public static IEnumerable<RecordAction> All => [Started, Closed, StatementAdded, StatementModerated, Voted, Imported];
}

public sealed record ConversationEntry(int Conversation);

public sealed record StatementEntry(int Conversation, int Statement, string Status);

public sealed record StatementModerationEntry(int Conversation, int Statement, string Status);

public sealed record VoteEntry(int Conversation, int Statement, string Choice);

/// <summary>An import: where from and how much; the placeholder accounts and their votes are not listed one by one.</summary>
public sealed record ImportEntry(int Conversation, string Source, int Statements, int Participants, int Votes);
