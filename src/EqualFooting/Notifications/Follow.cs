namespace EqualFooting.Notifications;

/// <summary>What can be followed.</summary>
public enum FollowSubject
{
    /// <summary>A process: its consultations' notices come too.</summary>
    Process,

    /// <summary>One consultation.</summary>
    Consultation,
}

/// <summary>
/// An account following a process or a consultation, to be told of new versions and closings. Personal, like the
/// inbox: never in the record, never shown to others.
/// </summary>
public sealed class Follow(string accountId, FollowSubject subject, int subjectId, DateTimeOffset createdAt)
{
    public long Id { get; private set; }

    public string AccountId { get; private set; } = accountId;

    public FollowSubject Subject { get; private set; } = subject;

    public int SubjectId { get; private set; } = subjectId;

    public DateTimeOffset CreatedAt { get; private set; } = createdAt;
}

/// <summary>A daily digest sent: one row per (account, day), so several nodes sweeping at once send it once.</summary>
public sealed class NoticeDigest(string accountId, DateOnly day, int notices, DateTimeOffset sentAt)
{
    public long Id { get; private set; }

    public string AccountId { get; private set; } = accountId;

    public DateOnly Day { get; private set; } = day;

    public int Notices { get; private set; } = notices;

    public DateTimeOffset SentAt { get; private set; } = sentAt;
}
