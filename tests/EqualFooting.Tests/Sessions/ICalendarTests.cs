using System.Text;
using EqualFooting.Sessions;

namespace EqualFooting.Tests.Sessions;

public class ICalendarTests
{
    private static readonly DateTimeOffset Start = new(2014, 4, 23, 9, 0, 0, TimeSpan.FromHours(-3));

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b;c", "a\\,b\\;c")]
    [InlineData("back\\slash", "back\\\\slash")]
    [InlineData("two\nlines", "two\\nlines")]
    [InlineData("windows\r\nbreak", "windows\\nbreak")]
    [InlineData("tab\there", "tab here")]
    [InlineData("bell\u0007", "bell")]
    public void Text_is_escaped(string value, string expected) => Assert.Equal(expected, ICalendar.Escape(value));

    [Fact]
    public void Times_are_utc_and_lines_end_with_crlf()
    {
        var ics = ICalendar.Write(new CalendarEvent("session-1@example.org", Start, Start, Start.AddHours(2), "Opening, day 1"));

        Assert.Contains("DTSTART:20140423T120000Z\r\n", ics);
        Assert.Contains("DTEND:20140423T140000Z\r\n", ics);
        Assert.Contains("SUMMARY:Opening\\, day 1\r\n", ics);
        Assert.StartsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", ics);
        Assert.EndsWith("END:VEVENT\r\nEND:VCALENDAR\r\n", ics);
        Assert.DoesNotContain("\n", ics.Replace("\r\n", ""));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(74)]
    [InlineData(75)]
    [InlineData(76)]
    [InlineData(300)]
    public void Long_lines_fold_at_75_octets_and_unfold_to_the_original(int length)
    {
        var line = "DESCRIPTION:" + string.Concat(Enumerable.Range(0, length).Select(i => i % 3 == 0 ? "é" : i % 7 == 0 ? "😀" : "a"));
        var sb = new StringBuilder();

        ICalendar.Fold(line, sb);
        var folded = sb.ToString();

        var physical = folded.Split("\r\n")[..^1];
        Assert.All(physical, l => Assert.True(Encoding.UTF8.GetByteCount(l) <= ICalendar.MaxLineOctets, l));
        Assert.All(physical.Skip(1), l => Assert.StartsWith(" ", l));
        Assert.All(physical, l => Assert.False(char.IsHighSurrogate(l[^1]), "a surrogate pair was split"));
        Assert.Equal(line, folded.Replace("\r\n ", "").TrimEnd('\r', '\n'));
    }
}
