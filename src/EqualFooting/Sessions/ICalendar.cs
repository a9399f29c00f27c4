using System.Globalization;
using System.Text;

namespace EqualFooting.Sessions;

/// <summary>What a calendar entry for a session says.</summary>
/// <param name="Uid">Globally unique and stable, so a calendar that imports the session again updates it instead of adding a copy.</param>
public sealed record CalendarEvent(
    string Uid,
    DateTimeOffset Stamp,
    DateTimeOffset Starts,
    DateTimeOffset Ends,
    string Summary,
    string? Location = null,
    string? Description = null,
    string? Url = null,
    bool Cancelled = false);

/// <summary>
/// Writes one event as an RFC 5545 iCalendar object: CRLF line ends, text values escaped (backslash, semicolon,
/// comma, line breaks), times in UTC, and content lines folded at 75 octets of UTF-8 without splitting a character.
/// </summary>
public static class ICalendar
{
    public const int MaxLineOctets = 75;

    public static string Write(CalendarEvent e)
    {
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//EqualFooting//Sessions//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            "UID:" + Escape(e.Uid),
            "DTSTAMP:" + Time(e.Stamp),
            "DTSTART:" + Time(e.Starts),
            "DTEND:" + Time(e.Ends),
            "SUMMARY:" + Escape(e.Summary),
        };
        if (!string.IsNullOrWhiteSpace(e.Location))
        {
            lines.Add("LOCATION:" + Escape(e.Location));
        }

        if (!string.IsNullOrWhiteSpace(e.Description))
        {
            lines.Add("DESCRIPTION:" + Escape(e.Description));
        }

        if (!string.IsNullOrWhiteSpace(e.Url))
        {
            // URL is of type URI, not TEXT: it is not escaped, only folded.
            lines.Add("URL:" + e.Url);
        }

        lines.Add("STATUS:" + (e.Cancelled ? "CANCELLED" : "CONFIRMED"));
        lines.Add("END:VEVENT");
        lines.Add("END:VCALENDAR");

        var sb = new StringBuilder();
        foreach (var line in lines)
        {
            Fold(line, sb);
        }

        return sb.ToString();
    }

    /// <summary>TEXT escaping of RFC 5545 section 3.3.11; other control characters are not allowed in TEXT and are dropped.</summary>
    public static string Escape(string value)
    {
        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case ';': sb.Append("\\;"); break;
                case ',': sb.Append("\\,"); break;
                case '\r':
                    if (i + 1 < value.Length && value[i + 1] == '\n')
                    {
                        i++;
                    }

                    sb.Append("\\n");
                    break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append(' '); break;
                default:
                    if (!char.IsControl(c))
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// Folds a content line (RFC 5545 section 3.1): no line longer than 75 octets, continuation lines start with one
    /// space, which counts towards their 75. Breaks fall between characters (a surrogate pair is one character), never
    /// inside a UTF-8 sequence.
    /// </summary>
    public static void Fold(string line, StringBuilder output)
    {
        var octets = 0;
        var limit = MaxLineOctets;
        for (var i = 0; i < line.Length; i++)
        {
            var width = char.IsHighSurrogate(line[i]) && i + 1 < line.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(line.AsSpan(i, width));
            if (octets + size > limit)
            {
                output.Append("\r\n ");
                octets = 1;
            }

            output.Append(line, i, width);
            octets += size;
            i += width - 1;
        }

        output.Append("\r\n");
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
}
