namespace EqualFooting.Notifications;

/// <summary>
/// "Campaign C was given disposition D": one row written in the disposition's own transaction instead of one notice
/// per member comment, so a 12,000-member campaign costs its request one insert. A background worker expands it after
/// the commit into the members' notices and marks it done; a row still pending after a restart is expanded by the next
/// pass, on any node. The members are the comments whose history rows this disposition wrote: their ids lie in
/// (<see cref="HistoryAfter"/>, <see cref="HistoryLast"/>] and carry <see cref="DecidedAt"/> and <see cref="DecidedBy"/>,
/// so a later change of the campaign's membership changes nothing about who is told.
/// </summary>
public sealed class NoticeFanout
{
    private NoticeFanout()
    {
        Detail = "";
        Reason = "";
        DecidedBy = "";
    }

    public int Id { get; private set; }

    public NoticeKind Kind { get; private set; }

    public int ProcessId { get; private set; }

    public int ConsultationId { get; private set; }

    public long CampaignId { get; private set; }

    /// <summary>The disposition given, as the notices' detail.</summary>
    public string Detail { get; private set; }

    /// <summary>The public reason, clipped to what a notice holds.</summary>
    public string Reason { get; private set; }

    /// <summary>The committee member's account: their own comments get no notice.</summary>
    public string DecidedBy { get; private set; }

    public DateTimeOffset DecidedAt { get; private set; }

    /// <summary>The highest history row id committed before this disposition's own (its rows come after it).</summary>
    public long HistoryAfter { get; private set; }

    /// <summary>The highest history row id once this disposition's rows were written.</summary>
    public long HistoryLast { get; private set; }

    /// <summary>When its notices were written; null while pending.</summary>
    public DateTimeOffset? DoneAt { get; private set; }

    public static NoticeFanout CampaignDisposed(int processId, int consultationId, long campaignId, string disposition, string reason, string decidedBy, DateTimeOffset decidedAt, long historyAfter, long historyLast) => new()
    {
        Kind = NoticeKind.CampaignDisposed,
        ProcessId = processId,
        ConsultationId = consultationId,
        CampaignId = campaignId,
        Detail = disposition.Length > Notification.DetailMax ? disposition[..Notification.DetailMax] : disposition,
        Reason = reason.Length > Notification.ReasonMax ? reason[..Notification.ReasonMax] : reason,
        DecidedBy = decidedBy,
        DecidedAt = decidedAt,
        HistoryAfter = historyAfter,
        HistoryLast = historyLast,
    };
}
