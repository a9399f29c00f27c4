using EqualFooting.Record;

namespace EqualFooting.Web.Moderation;

/// <summary>
/// Moderation is public: every hiding and restoring is in the process's record with the moderator (by account), the
/// comment (by id) and the reason. A report is recorded by comment id; the reason a reporter gave stays in the
/// moderators' queue.
/// </summary>
public static class ModerationRecord
{
    public static readonly RecordAction<ReportEntry> Reported = new("comment.reported", "reported a comment to the moderators");

    public static readonly RecordAction<HidingEntry> Hidden = new("comment.hidden", "hid a comment");

    public static readonly RecordAction<HidingEntry> Restored = new("comment.restored", "restored a hidden comment");

    public static IEnumerable<RecordAction> All => [Reported, Hidden, Restored];
}

public sealed record ReportEntry(long Comment, long Report);

public sealed record HidingEntry(long Comment, string Reason);
