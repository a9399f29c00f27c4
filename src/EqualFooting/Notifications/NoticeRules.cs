namespace EqualFooting.Notifications;

/// <summary>
/// When the swept notices are due, and what a daily digest holds. Pure: the time is an argument. Times are judged
/// in UTC, since a digest and a sweep are one per item for everyone.
/// </summary>
public static class NoticeRules
{
    /// <summary>How long before its close a followed consultation is announced as closing soon.</summary>
    public static readonly TimeSpan ClosingSoon = TimeSpan.FromDays(2);

    /// <summary>How long a new version stays news: someone who follows later is not told of old versions.</summary>
    public static readonly TimeSpan VersionNews = TimeSpan.FromDays(2);

    /// <summary>An open consultation whose close is at most <see cref="ClosingSoon"/> away.</summary>
    public static bool IsClosingSoon(DateTimeOffset opensAt, DateTimeOffset closesAt, DateTimeOffset now) =>
        now >= opensAt && now < closesAt && closesAt - now <= ClosingSoon;

    /// <summary>A version after the first, published in the last <see cref="VersionNews"/>.</summary>
    public static bool IsNewVersion(int number, DateTimeOffset publishedAt, DateTimeOffset now) =>
        number > 1 && publishedAt <= now && now - publishedAt <= VersionNews;

    /// <summary>
    /// The digest sent on <paramref name="now"/>'s day (UTC) holds the notices not yet mailed from before that day's
    /// midnight; a day the sweep missed is caught up in the next digest rather than lost.
    /// </summary>
    public static (DateOnly Day, DateTimeOffset Before) Digest(DateTimeOffset now)
    {
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        return (day, new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
    }
}
