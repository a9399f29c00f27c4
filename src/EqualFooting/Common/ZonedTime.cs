using System.Globalization;

namespace EqualFooting.Common;

/// <summary>
/// Times are stored in UTC and shown in the reader's time zone, always with the zone named, because a participant in
/// São Paulo and a convener in Geneva reading "15:00" must not each assume their own clock.
/// </summary>
public static class ZonedTime
{
    /// <summary>
    /// The zone for an IANA id (e.g. "America/Sao_Paulo"); UTC for a missing or unknown id, or for a Windows name,
    /// so that a forged cookie can only ever fall back to the neutral zone.
    /// </summary>
    public static TimeZoneInfo Find(string? ianaId)
    {
        if (string.IsNullOrWhiteSpace(ianaId) || ianaId.Length > 64 || !IsIanaShaped(ianaId))
        {
            return TimeZoneInfo.Utc;
        }

        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(ianaId);
            return zone.HasIanaId ? zone : TimeZoneInfo.Utc;
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
        catch (InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }

    /// <summary>The name shown beside a time: the IANA id, or "UTC" for UTC and its aliases.</summary>
    public static string Name(TimeZoneInfo zone) =>
        zone.Id is "UTC" or "Etc/UTC" or "Etc/UCT" or "Etc/Universal" or "Etc/Zulu" or "Universal" or "Zulu" || zone == TimeZoneInfo.Utc ? "UTC" : zone.Id;

    /// <summary>"14 Mar 2026, 15:00 (America/Sao_Paulo)", with month names in <paramref name="culture"/>.</summary>
    public static string Format(DateTimeOffset instant, TimeZoneInfo zone, CultureInfo culture) =>
        $"{Local(instant, zone).ToString("d MMM yyyy, HH:mm", culture)} ({Name(zone)})";

    /// <summary>
    /// The calendar date in <paramref name="zone"/> at <paramref name="instant"/>: what "today" means for a reader there,
    /// against which plain dates (due dates, milestones) are judged. A plain date itself is never shifted by a zone.
    /// </summary>
    public static DateOnly Today(DateTimeOffset instant, TimeZoneInfo zone) => DateOnly.FromDateTime(Local(instant, zone));

    /// <summary>A plain date as text, in the culture's words, never converted between zones.</summary>
    public static string FormatDate(DateOnly date, CultureInfo culture) => date.ToString("d MMM yyyy", culture);

    /// <summary>The wall-clock time in <paramref name="zone"/>.</summary>
    public static DateTime Local(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).DateTime;

    /// <summary>Text for a datetime-local input: the wall-clock time in the zone, to the minute.</summary>
    public static string InputValue(DateTimeOffset instant, TimeZoneInfo zone) =>
        Local(instant, zone).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// The instant a wall-clock time typed in <paramref name="zone"/> means. A time skipped when the clocks go forward
    /// is read as the same distance past the change (02:30 in a gap from 02:00 to 03:00 is 03:30), as calendar software
    /// does; a time that happens twice when the clocks go back is the first of the two, the earlier instant, so a
    /// deadline never ends up later than the reader meant.
    /// </summary>
    public static DateTimeOffset ToUtc(DateTime wallClock, TimeZoneInfo zone)
    {
        var local = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            var gap = zone.GetAdjustmentRules()
                .Where(r => r.DateStart <= local.Date && local.Date <= r.DateEnd)
                .Select(r => r.DaylightDelta)
                .FirstOrDefault(d => d != TimeSpan.Zero);
            local = local.Add(gap == TimeSpan.Zero ? TimeSpan.FromHours(1) : gap.Duration());
        }

        if (zone.IsAmbiguousTime(local))
        {
            var offset = zone.GetAmbiguousTimeOffsets(local).Max();
            return new DateTimeOffset(local, offset).ToUniversalTime();
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    private static bool IsIanaShaped(string id) =>
        id.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+');
}
