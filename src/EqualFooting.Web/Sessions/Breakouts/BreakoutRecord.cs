using EqualFooting.Record;
using Payload = System.Collections.Generic.IReadOnlyDictionary<string, object?>;

namespace EqualFooting.Web.Sessions.Breakouts;

/// <summary>The record entries of breakout rounds and their reports. Payloads name people by id only.</summary>
public static class BreakoutRecord
{
    public static readonly RecordAction<Payload> Created = new("breakout.created", "split the room into breakout groups");

    public static readonly RecordAction<Payload> MemberMoved = new("breakout.member-moved", "moved someone between breakout groups");

    public static readonly RecordAction<Payload> RapporteurChosen = new("breakout.rapporteur-chosen", "chose a breakout group's rapporteur");

    public static readonly RecordAction<Payload> ReportSaved = new("breakout.report-saved", "saved a breakout group's report");

    public static readonly RecordAction<Payload> Reported = new("breakout.reported", "sent a breakout group's report");

    public static readonly RecordAction<Payload> ReminderSent = new("breakout.reminder-sent", "reminded a breakout group of its report");

    public static IEnumerable<RecordAction> All =>
    [
        Created,
        MemberMoved,
        RapporteurChosen,
        ReportSaved,
        Reported,
        ReminderSent,
    ];
}
