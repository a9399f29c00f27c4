using EqualFooting.Notifications;

namespace EqualFooting.Tests.Notifications;

public sealed class NoticeRulesTests
{
    private static readonly DateTimeOffset Now = new(2014, 4, 23, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(-10, 24, true)] // open, closes in a day
    [InlineData(-10, 48, true)] // exactly two days away
    [InlineData(-10, 49, false)] // not yet
    [InlineData(-10, 0, false)] // closed at this instant
    [InlineData(-10, -1, false)] // closed
    [InlineData(1, 24, false)] // not open yet
    public void A_consultation_closes_soon_within_two_days_while_open(int opensInHours, int closesInHours, bool soon) =>
        Assert.Equal(soon, NoticeRules.IsClosingSoon(Now.AddHours(opensInHours), Now.AddHours(closesInHours), Now));

    [Theory]
    [InlineData(2, -1, true)]
    [InlineData(2, -48, true)]
    [InlineData(2, -49, false)] // old news: a later follower is not told
    [InlineData(1, -1, false)] // the first version is the consultation opening, not a new version
    [InlineData(3, 1, false)] // not yet published
    public void A_version_after_the_first_is_news_for_two_days(int number, int publishedHoursAgo, bool news) =>
        Assert.Equal(news, NoticeRules.IsNewVersion(number, Now.AddHours(publishedHoursAgo), Now));

    [Fact]
    public void The_digest_of_a_day_holds_what_came_before_its_midnight_in_UTC()
    {
        var (day, before) = NoticeRules.Digest(new DateTimeOffset(2014, 4, 24, 1, 30, 0, TimeSpan.FromHours(3)));
        Assert.Equal(new DateOnly(2014, 4, 23), day);
        Assert.Equal(new DateTimeOffset(2014, 4, 23, 0, 0, 0, TimeSpan.Zero), before);
    }
}
