using EqualFooting.Common;

namespace EqualFooting.Moderation;

/// <summary>
/// Someone signed in asking the moderators to look at a comment, with a reason. One report per account and comment
/// (a unique index), so reporting twice changes nothing. The reporter's stakeholder group is kept so the queue can show
/// who reports, by group: a coordinated campaign of reports is then visible.
/// </summary>
public sealed class ContentReport
{
    public const int ReasonMax = 1000;

    private ContentReport()
    {
        ReporterAccountId = "";
        Reason = "";
    }

    public long Id { get; private set; }

    public int ProcessId { get; private set; }

    public long CommentId { get; private set; }

    public string ReporterAccountId { get; private set; }

    /// <summary>The reporter's stakeholder group in the process when they reported, or null when they had not joined it.</summary>
    public int? ReporterStakeholderGroupId { get; private set; }

    public string Reason { get; private set; }

    public DateTimeOffset ReportedAt { get; private set; }

    /// <summary>Set when a moderator hides or restores the comment: the report has been dealt with.</summary>
    public DateTimeOffset? SettledAt { get; internal set; }

    public static Result<ContentReport> Create(int processId, long commentId, string reporterAccountId, string commentAuthorAccountId, int? reporterGroupId, string? reason, DateTimeOffset now)
    {
        if (reporterAccountId == commentAuthorAccountId)
        {
            return Error.Conflict("You cannot report your own comment; withdraw it instead.");
        }

        var clean = Text.Required("reason", reason, ReasonMax);
        if (clean.Error is { } invalid)
        {
            return invalid;
        }

        return new ContentReport
        {
            ProcessId = processId,
            CommentId = commentId,
            ReporterAccountId = reporterAccountId,
            ReporterStakeholderGroupId = reporterGroupId,
            Reason = clean.Value,
            ReportedAt = now,
        };
    }
}

/// <summary>
/// A comment hidden by the moderators of its process. Readers see "Hidden by the moderators: reason" instead of its
/// text; the committee still sees it, and the record keeps every hiding and restoring. Restoring removes the row.
/// </summary>
public sealed class CommentHiding
{
    public const int ReasonMax = 1000;

    private CommentHiding()
    {
        Reason = "";
        ByAccountId = "";
    }

    public long CommentId { get; private set; }

    public int ProcessId { get; private set; }

    public string Reason { get; private set; }

    public string ByAccountId { get; private set; }

    public DateTimeOffset HiddenAt { get; private set; }

    public static Result<CommentHiding> Create(int processId, long commentId, string byAccountId, string? reason, DateTimeOffset now)
    {
        var clean = Text.Required("reason", reason, ReasonMax);
        return clean.Error is { } invalid
            ? invalid
            : new CommentHiding { ProcessId = processId, CommentId = commentId, ByAccountId = byAccountId, Reason = clean.Value, HiddenAt = now };
    }
}
