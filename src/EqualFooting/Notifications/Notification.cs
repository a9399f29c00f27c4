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

    /// <summary>The committee gave my comment a disposition (the detail), with its reason.</summary>
    CommentDisposed,

    /// <summary>The committee disposed of a campaign my comment belongs to (the comment is mine; the item is the disposition's <see cref="NoticeFanout"/>).</summary>
    CampaignDisposed,

    /// <summary>Someone replied to my comment (the comment is the reply).</summary>
    CommentReplied,

    /// <summary>A consultation I follow published a new version (the item is the version's id, the detail its number).</summary>
    ConsultationVersionPublished,

    /// <summary>A consultation I follow closes soon (the item is the consultation).</summary>
    ConsultationClosingSoon,

    /// <summary>The report of a breakout group I am rapporteur of is due (the item is the session).</summary>
    BreakoutReportDue,

    /// <summary>I was given a role in a process (the detail).</summary>
    RoleGiven,
}

/// <summary>Whether and how an account is e-mailed about its notices.</summary>
public enum NoticeMail
{
    /// <summary>The inbox only.</summary>
    None,

    /// <summary>One message per notice, as it comes.</summary>
    Immediate,

    /// <summary>One message a day with the day's notices.</summary>
    Daily,
}

/// <summary>
/// One notice in an account's inbox. Written in the same transaction as what caused it, so a notice is never lost
/// nor sent for something that did not happen. It names things by id and carries the public reason, nothing more.
/// </summary>
public sealed class Notification
{
    public const int ReasonMax = 1000;
    public const int DetailMax = 64;

    /// <summary>The kinds a sweep sends once per (kind, item, account), which a unique index in the database holds to.</summary>
    public static readonly IReadOnlyList<NoticeKind> Swept = [NoticeKind.ConsultationVersionPublished, NoticeKind.ConsultationClosingSoon];

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

    /// <summary>A public fact the phrase needs: the disposition given, the role, the version number.</summary>
    public string? Detail { get; private set; }

    /// <summary>When an e-mail (immediate or in a digest) carried this notice; null while none has.</summary>
    public DateTimeOffset? MailedAt { get; private set; }

    private static string? Clip(string? text, int max) => text is not null && text.Length > max ? text[..max] : text;

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

    public static Notification AboutComment(string accountId, NoticeKind kind, int processId, int consultationId, long commentId, string? reason, DateTimeOffset now, string? detail = null) => new()
    {
        AccountId = accountId,
        Kind = kind,
        ProcessId = processId,
        ConsultationId = consultationId,
        CommentId = commentId,
        Reason = Clip(reason, ReasonMax),
        Detail = Clip(detail, DetailMax),
        CreatedAt = now,
    };

    /// <summary>A notice about something in a process (a role, a breakout report), named by <paramref name="itemId"/> and <paramref name="title"/>.</summary>
    public static Notification AboutProcess(string accountId, NoticeKind kind, int processId, int? itemId, string? title, string? detail, DateTimeOffset now) => new()
    {
        AccountId = accountId,
        Kind = kind,
        ProcessId = processId,
        ItemId = itemId,
        Reason = Clip(title, ReasonMax),
        Detail = Clip(detail, DetailMax),
        CreatedAt = now,
    };
}
