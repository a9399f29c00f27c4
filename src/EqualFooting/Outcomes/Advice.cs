using EqualFooting.Common;

namespace EqualFooting.Outcomes;

public enum AdviceStatus
{
    /// <summary>Not sent yet, or sent and awaiting the recipient's response.</summary>
    Pending,
    Accepted,
    Partly,
    Rejected,

    /// <summary>The process has stopped waiting: no response came.</summary>
    NoResponse,
}

/// <summary>
/// Advice sent to a body (the Board, a ministry, a regulator), which may choose "to listen to us or not" (seed 000):
/// the text or a link to the ratified statement, the recipient, the date sent, the response and its date, what was
/// implemented, and a status. A response needs advice that was sent (409 otherwise).
/// </summary>
public sealed class Advice
{
    public const int TitleMax = Text.NameMax;
    public const int TextMax = 10_000;
    public const int UrlMax = 2_000;

    private Advice()
    {
        Title = "";
        Recipient = "";
    }

    public int Id { get; private set; }

    public int ProcessId { get; private set; }

    public string Title { get; private set; }

    public string? Body { get; private set; }

    public string? Link { get; private set; }

    public string Recipient { get; private set; }

    public DateOnly? SentOn { get; private set; }

    public AdviceStatus Status { get; private set; }

    public string? Response { get; private set; }

    public DateOnly? RespondedOn { get; private set; }

    public string? Implemented { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public long Version { get; private set; }

    public bool IsSent => SentOn is not null;

    public static Result<Advice> Create(int processId, string? title, string? text, string? link, string? recipient, DateTimeOffset now)
    {
        var t = Text.Required("title", title, TitleMax);
        if (t.Error is { } e1)
        {
            return e1;
        }

        var r = Text.Required("recipient", recipient, TitleMax);
        if (r.Error is { } e2)
        {
            return e2;
        }

        var b = Text.Optional("text", text, TextMax);
        if (b.Error is { } e3)
        {
            return e3;
        }

        var l = link?.Trim();
        if (string.IsNullOrEmpty(l))
        {
            l = null;
        }
        else if (l.Length > UrlMax || !Uri.TryCreate(l, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return Error.Invalid("link", "The link is a web address (http or https).");
        }

        if (b.Value is null && l is null)
        {
            return Error.Invalid("text", "Give the advice's text or a link to the ratified statement.");
        }

        return new Advice { ProcessId = processId, Title = t.Value, Body = b.Value, Link = l, Recipient = r.Value, Status = AdviceStatus.Pending, CreatedAt = now };
    }

    /// <summary>Records the date the advice went out; false when it was already recorded with that date.</summary>
    public Result<bool> Send(DateOnly? on)
    {
        if (on is not { } date)
        {
            return Error.Invalid("sentOn", "Give the date the advice was sent.");
        }

        if (SentOn == date)
        {
            return false;
        }

        if (SentOn is not null)
        {
            return Error.Conflict("The advice was already sent on another date.");
        }

        SentOn = date;
        return true;
    }

    /// <summary>The recipient's response: only on advice that was sent (409), never dated before it was sent (400).</summary>
    public Result<bool> RecordResponse(AdviceStatus status, string? response, DateOnly? on, string? implemented)
    {
        if (SentOn is not { } sent)
        {
            return Error.Conflict("This advice has not been sent, so it has no response to record.");
        }

        if (status == AdviceStatus.Pending || !Enum.IsDefined(status))
        {
            return Error.Invalid("status", "Choose accepted, partly, rejected or noResponse.");
        }

        var text = Text.Optional("response", response, TextMax);
        if (text.Error is { } e1)
        {
            return e1;
        }

        var done = Text.Optional("implemented", implemented, TextMax);
        if (done.Error is { } e2)
        {
            return e2;
        }

        if (status != AdviceStatus.NoResponse && on is null)
        {
            return Error.Invalid("respondedOn", "Give the date of the response.");
        }

        if (on is { } date && date < sent)
        {
            return Error.Invalid("respondedOn", $"A response cannot predate the advice (sent {sent:yyyy-MM-dd}).");
        }

        if (Status == status && Response == text.Value && RespondedOn == on && Implemented == done.Value)
        {
            return false;
        }

        Status = status;
        Response = text.Value;
        RespondedOn = on;
        Implemented = done.Value;
        return true;
    }

    /// <summary>Sent, still pending, and sent more than <paramref name="days"/> days before <paramref name="today"/>: time for a reminder.</summary>
    public bool AwaitsResponse(DateOnly today, int days) => SentOn is { } sent && Unanswered(Status, sent, today, days);

    /// <summary>Still pending more than <paramref name="days"/> days after it was sent: sent on the 1st with 90 days, flagged from the 91st.</summary>
    public static bool Unanswered(AdviceStatus status, DateOnly sentOn, DateOnly today, int days) =>
        status == AdviceStatus.Pending && sentOn.AddDays(days) < today;
}

/// <summary>How much advice was heeded: counts by status over advice that was sent.</summary>
public sealed record AdviceTally(int Sent, int Pending, int Accepted, int Partly, int Rejected, int NoResponse)
{
    /// <summary>Accepted and partly accepted over the advice that got an answer or was given up on; null when none did.</summary>
    public double? HeededShare => Sent - Pending == 0 ? null : (Accepted + Partly) / (double)(Sent - Pending);

    /// <summary>From counts grouped by (sent, status), as a grouped query returns them.</summary>
    public static AdviceTally FromCounts(IEnumerable<(bool Sent, AdviceStatus Status, int Count)> counts)
    {
        var sent = counts.Where(c => c.Sent).ToList();
        int Count(AdviceStatus s) => sent.Where(c => c.Status == s).Sum(c => c.Count);
        return new AdviceTally(sent.Sum(c => c.Count), Count(AdviceStatus.Pending), Count(AdviceStatus.Accepted), Count(AdviceStatus.Partly), Count(AdviceStatus.Rejected), Count(AdviceStatus.NoResponse));
    }

    public static AdviceTally Of(IEnumerable<(bool Sent, AdviceStatus Status)> advice)
    {
        var sent = advice.Where(a => a.Sent).Select(a => a.Status).ToList();
        return new AdviceTally(
            sent.Count,
            sent.Count(s => s == AdviceStatus.Pending),
            sent.Count(s => s == AdviceStatus.Accepted),
            sent.Count(s => s == AdviceStatus.Partly),
            sent.Count(s => s == AdviceStatus.Rejected),
            sent.Count(s => s == AdviceStatus.NoResponse));
    }
}
