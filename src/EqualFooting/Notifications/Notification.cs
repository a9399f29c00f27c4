namespace EqualFooting.Notifications;

/// <summary>What a notice is about; each kind has one phrase, put into words when the inbox is read.</summary>
public enum NoticeKind
{
    /// <summary>The moderators hid one of my comments (with their reason).</summary>
    ContentHidden,

    /// <summary>The moderators restored one of my comments (with their reason).</summary>
    ContentRestored,
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

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ReadAt { get; set; }

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
