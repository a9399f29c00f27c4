namespace EqualFooting.Notifications;

/// <summary>What a notice is about; each kind has one phrase, put into words when the inbox is read.</summary>
public enum NoticeKind
{
    /// <summary>The moderators hid one of my comments (with their reason).</summary>
    ContentHidden,

    /// <summary>The moderators restored one of my comments (with their reason).</summary>
    ContentRestored,

    /// <summary>A milestone of a commitment in a process I convene went overdue (the item is the commitment).</summary>
    MilestoneOverdue,

    /// <summary>A year since a message of a process I convene was published: time to revisit what happened.</summary>
    MessageRevisitYear1,

    /// <summary>Two years since a message was published.</summary>
    MessageRevisitYear2,

    /// <summary>A year since a decision was taken (the item is the proposal).</summary>
    DecisionRevisitYear1,

    /// <summary>Two years since a decision was taken.</summary>
    DecisionRevisitYear2,

    /// <summary>Advice sent by a process I convene has had no response within the process's waiting time.</summary>
    AdviceUnanswered,
}

/// <summary>
/// One notice in an account's inbox. Written in the same transaction as what caused it, so a notice is never lost
/// nor sent for something that did not happen. It names things by id and carries the public reason, nothing more.
/// </summary>
public sealed class Notification
{
    public const int ReasonMax = 1000;

    private Notification()
    {
        AccountId = "";
    }

    public long Id { get; private set; }

    public string AccountId { get; private set; }

    public NoticeKind Kind { get; private set; }

    public int? ProcessId { get; private set; }

    public int? ConsultationId { get; private set; }

    public long? CommentId { get; private set; }

    public string? Reason { get; private set; }

    /// <summary>The outcome item a reminder is about (commitment, message, proposal or advice, by <see cref="Kind"/>).</summary>
    public int? ItemId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>A reminder about an outcome item; <paramref name="title"/> is the item's public title.</summary>
    public static Notification AboutOutcome(string accountId, NoticeKind kind, int processId, int itemId, string title, DateTimeOffset now) => new()
    {
        AccountId = accountId,
        Kind = kind,
        ProcessId = processId,
        ItemId = itemId,
        Reason = title.Length > ReasonMax ? title[..ReasonMax] : title,
        CreatedAt = now,
    };

    public static Notification AboutComment(string accountId, NoticeKind kind, int processId, int consultationId, long commentId, string? reason, DateTimeOffset now) => new()
    {
        AccountId = accountId,
        Kind = kind,
        ProcessId = processId,
        ConsultationId = consultationId,
        CommentId = commentId,
        Reason = reason,
        CreatedAt = now,
    };
}
