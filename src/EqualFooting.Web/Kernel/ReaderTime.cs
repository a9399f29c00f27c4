using System.Globalization;
using System.Net;
using EqualFooting.Common;
using Microsoft.AspNetCore.Html;

namespace EqualFooting.Web.Kernel;

/// <summary>
/// The reader's time zone, from a cookie set by the time-zone page (without JavaScript) or by
/// <c>wwwroot/js/timezone.js</c> from the browser's own setting. Like the culture, it is ambient for the request, so
/// every page shows times the same way without each one passing the zone along; an unknown or forged cookie means UTC.
/// </summary>
public static class ReaderTime
{
    public const string CookieName = "ef-tz";

    private static readonly AsyncLocal<TimeZoneInfo?> CurrentZone = new();

    /// <summary>The zone of the request being handled; UTC outside a request.</summary>
    public static TimeZoneInfo Zone => CurrentZone.Value ?? TimeZoneInfo.Utc;

    public static string ZoneName => ZonedTime.Name(Zone);

    public static IApplicationBuilder UseReaderTimeZone(this IApplicationBuilder app) =>
        app.Use(async (ctx, next) =>
        {
            CurrentZone.Value = ZonedTime.Find(ctx.Request.Cookies[CookieName]);
            await next();
        });

    /// <summary>Sets the zone for code that runs outside a request, and for tests.</summary>
    public static void Use(TimeZoneInfo zone) => CurrentZone.Value = zone;

    /// <summary>A UTC instant as a &lt;time&gt; element: machine-readable UTC, read in the reader's zone, zone named.</summary>
    public static IHtmlContent Tag(DateTimeOffset t) =>
        new HtmlString($"<time datetime=\"{t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}\">{WebUtility.HtmlEncode(Text(t))}</time>");

    public static string Text(DateTimeOffset t) => ZonedTime.Format(t, Zone, CultureInfo.CurrentCulture);

    /// <summary>
    /// A plain date (a due date, a milestone) as a &lt;time&gt; element: the same calendar day in every zone, in the
    /// reader's culture. Only "today", against which it is judged, depends on the reader's zone (<see cref="Today"/>).
    /// </summary>
    public static IHtmlContent Tag(DateOnly d) =>
        new HtmlString($"<time datetime=\"{d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}\">{WebUtility.HtmlEncode(ZonedTime.FormatDate(d, CultureInfo.CurrentCulture))}</time>");

    /// <summary>Today's date in the reader's zone at <paramref name="now"/>.</summary>
    public static DateOnly Today(DateTimeOffset now) => ZonedTime.Today(now, Zone);

    /// <summary>The value for a datetime-local input, in the reader's zone.</summary>
    public static string Input(DateTimeOffset? t) => t is { } v ? ZonedTime.InputValue(v, Zone) : "";

    /// <summary>A datetime-local value typed by the reader, as the UTC instant it means in their zone.</summary>
    public static DateTimeOffset? ToUtc(DateTime? typed) => typed is { } t ? ZonedTime.ToUtc(t, Zone) : null;

    /// <summary>The IANA zones the system knows, for the chooser.</summary>
    public static IReadOnlyList<string> Zones { get; } =
        [.. TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId && ZonedTime.Name(z) == z.Id).Select(z => z.Id).Append("UTC").Distinct().Order(StringComparer.Ordinal)];
}
