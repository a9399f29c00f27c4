using System.Globalization;
using EqualFooting.Common;

namespace EqualFooting.Tests.Common;

public class ZonedTimeTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    [Theory]
    [InlineData("America/Sao_Paulo", "America/Sao_Paulo")]
    [InlineData("Europe/Berlin", "Europe/Berlin")]
    [InlineData("Asia/Kolkata", "Asia/Kolkata")]
    [InlineData("UTC", "UTC")]
    [InlineData("Etc/UTC", "UTC")]
    [InlineData(null, "UTC")]
    [InlineData("", "UTC")]
    [InlineData("Mars/Olympus_Mons", "UTC")]
    [InlineData("../../etc/passwd", "UTC")]
    [InlineData("Europe/Berlin; path=/", "UTC")]
    [InlineData("W. Europe Standard Time", "UTC")]
    public void Finds_IANA_zones_and_falls_back_to_UTC(string? id, string expected) =>
        Assert.Equal(expected, ZonedTime.Name(ZonedTime.Find(id)));

    [Theory]
    [InlineData("2026-03-14T18:00:00Z", "America/Sao_Paulo", "14 Mar 2026, 15:00 (America/Sao_Paulo)")]
    [InlineData("2026-03-14T18:00:00Z", "UTC", "14 Mar 2026, 18:00 (UTC)")]
    [InlineData("2026-03-14T18:00:00Z", "Asia/Kolkata", "14 Mar 2026, 23:30 (Asia/Kolkata)")]
    [InlineData("2026-03-14T23:30:00Z", "Pacific/Auckland", "15 Mar 2026, 12:30 (Pacific/Auckland)")]
    // Either side of the European change to summer time (29 March 2026, 01:00 UTC).
    [InlineData("2026-03-29T00:59:00Z", "Europe/Berlin", "29 Mar 2026, 01:59 (Europe/Berlin)")]
    [InlineData("2026-03-29T01:00:00Z", "Europe/Berlin", "29 Mar 2026, 03:00 (Europe/Berlin)")]
    // Back to winter time (25 October 2026, 01:00 UTC): 02:30 happens twice.
    [InlineData("2026-10-25T00:30:00Z", "Europe/Berlin", "25 Oct 2026, 02:30 (Europe/Berlin)")]
    [InlineData("2026-10-25T01:30:00Z", "Europe/Berlin", "25 Oct 2026, 02:30 (Europe/Berlin)")]
    public void Formats_in_the_zone_and_names_it(string utc, string zone, string expected) =>
        Assert.Equal(expected, ZonedTime.Format(DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture), ZonedTime.Find(zone), English));

    [Fact]
    public void Month_names_follow_the_culture() =>
        Assert.Equal(
            "14 mars 2026, 15:00 (America/Sao_Paulo)",
            ZonedTime.Format(new DateTimeOffset(2026, 3, 14, 18, 0, 0, TimeSpan.Zero), ZonedTime.Find("America/Sao_Paulo"), CultureInfo.GetCultureInfo("fr")));

    [Theory]
    [InlineData("2026-03-14T15:00", "America/Sao_Paulo", "2026-03-14T18:00:00Z")]
    [InlineData("2026-07-01T12:00", "Europe/Berlin", "2026-07-01T10:00:00Z")]
    [InlineData("2026-01-01T12:00", "Europe/Berlin", "2026-01-01T11:00:00Z")]
    [InlineData("2026-07-01T12:00", "UTC", "2026-07-01T12:00:00Z")]
    // 02:30 does not exist in Berlin on 29 March 2026: read as 03:30 summer time.
    [InlineData("2026-03-29T02:30", "Europe/Berlin", "2026-03-29T01:30:00Z")]
    // 02:30 happens twice on 25 October 2026: the first, summer-time one.
    [InlineData("2026-10-25T02:30", "Europe/Berlin", "2026-10-25T00:30:00Z")]
    // New York skips 02:00–03:00 on 8 March 2026.
    [InlineData("2026-03-08T02:15", "America/New_York", "2026-03-08T07:15:00Z")]
    // Lord Howe Island moves its clocks by half an hour (4 October 2026, 02:00 → 02:30).
    [InlineData("2026-10-04T02:10", "Australia/Lord_Howe", "2026-10-03T15:40:00Z")]
    public void Reads_a_typed_wall_clock_time_in_the_zone(string typed, string zone, string expectedUtc)
    {
        var utc = ZonedTime.ToUtc(DateTime.Parse(typed, CultureInfo.InvariantCulture), ZonedTime.Find(zone));

        Assert.Equal(DateTimeOffset.Parse(expectedUtc, CultureInfo.InvariantCulture), utc);
        Assert.Equal(TimeSpan.Zero, utc.Offset);
    }

    [Theory]
    [InlineData("2026-03-14T18:00:00Z", "America/Sao_Paulo", "2026-03-14T15:00")]
    [InlineData("2026-10-25T01:30:00Z", "Europe/Berlin", "2026-10-25T02:30")]
    public void Fills_a_datetime_local_input_in_the_zone(string utc, string zone, string expected) =>
        Assert.Equal(expected, ZonedTime.InputValue(DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture), ZonedTime.Find(zone)));

    [Fact]
    public void A_typed_time_round_trips_outside_the_changes()
    {
        var zone = ZonedTime.Find("America/Sao_Paulo");
        var instant = new DateTimeOffset(2026, 5, 20, 13, 45, 0, TimeSpan.Zero);

        Assert.Equal(instant, ZonedTime.ToUtc(ZonedTime.Local(instant, zone), zone));
    }
}
