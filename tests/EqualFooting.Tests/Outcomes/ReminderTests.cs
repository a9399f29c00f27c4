using EqualFooting.Common;
using EqualFooting.Outcomes;

namespace EqualFooting.Tests.Outcomes;

public sealed class ReminderTests
{
    private static readonly DateTimeOffset Now = new(2011, 3, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly HashSet<(ReminderKind, int)> NoneSent = [];

    private static IReadOnlyList<DueReminder> Due(
        IEnumerable<OpenMilestone>? milestones = null,
        IEnumerable<PublishedOutcome>? published = null,
        IEnumerable<SentAdvice>? advice = null,
        IReadOnlySet<(ReminderKind, int)>? sent = null,
        DateTimeOffset? now = null) =>
        OutcomeReminders.Due(milestones ?? [], published ?? [], advice ?? [], sent ?? NoneSent, now ?? Now);

    // Due on the 14th, overdue from the 15th; a commitment done or dropped needs no reminder.
    [Theory]
    [InlineData("2011-03-14", CommitmentStatus.InProgress, true)]
    [InlineData("2011-03-15", CommitmentStatus.InProgress, false)]
    [InlineData("2011-03-16", CommitmentStatus.Planned, false)]
    [InlineData("2010-01-01", CommitmentStatus.Planned, true)]
    [InlineData("2010-01-01", CommitmentStatus.Done, false)]
    [InlineData("2010-01-01", CommitmentStatus.Dropped, false)]
    public void An_open_milestone_is_reminded_once_its_date_has_passed(string dueOn, CommitmentStatus status, bool due)
    {
        var reminders = Due(milestones: [new OpenMilestone(5, 2, 1, "Southeast rollout", DateOnly.Parse(dueOn, System.Globalization.CultureInfo.InvariantCulture), status)]);
        Assert.Equal(due, reminders.Count == 1);
        if (due)
        {
            Assert.Equal(new DueReminder(ReminderKind.MilestoneOverdue, 5, 1, 2, "Southeast rollout"), reminders[0]);
        }
    }

    [Fact]
    public void A_reminder_already_sent_is_not_due_again()
    {
        var milestone = new OpenMilestone(5, 2, 1, "Southeast rollout", new DateOnly(2010, 1, 1), CommitmentStatus.Planned);
        Assert.Empty(Due(milestones: [milestone], sent: new HashSet<(ReminderKind, int)> { (ReminderKind.MilestoneOverdue, 5) }));

        // The same id under another kind is another item.
        Assert.Single(Due(milestones: [milestone], sent: new HashSet<(ReminderKind, int)> { (ReminderKind.AdviceUnanswered, 5) }));
    }

    // Published on 2010-03-15 12:00: the first revisit from 2011-03-15 12:00 for a year, the second from 2012-03-15 12:00 for a year.
    [Theory]
    [InlineData("2011-03-15T11:59:59Z", null)]
    [InlineData("2011-03-15T12:00:00Z", 1)]
    [InlineData("2012-03-15T11:59:59Z", 1)]
    [InlineData("2012-03-15T12:00:00Z", 2)]
    [InlineData("2013-03-15T11:59:59Z", 2)]
    [InlineData("2013-03-15T12:00:00Z", null)]
    public void A_revisit_is_due_12_and_24_months_after_publication(string now, int? year) =>
        Assert.Equal(year, OutcomeReminders.Revisit(new DateTimeOffset(2010, 3, 15, 12, 0, 0, TimeSpan.Zero), DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(false, 1, ReminderKind.MessageRevisitYear1)]
    [InlineData(false, 2, ReminderKind.MessageRevisitYear2)]
    [InlineData(true, 1, ReminderKind.DecisionRevisitYear1)]
    [InlineData(true, 2, ReminderKind.DecisionRevisitYear2)]
    public void Messages_and_decisions_each_have_their_revisits(bool isDecision, int year, ReminderKind kind)
    {
        var published = new PublishedOutcome(isDecision, 9, 1, "Block port 25", Now.AddMonths(-12 * year));
        Assert.Equal(kind, Assert.Single(Due(published: [published])).Kind);
        Assert.Empty(Due(published: [published], sent: new HashSet<(ReminderKind, int)> { (kind, 9) }));
    }

    // Sent on 1 December 2010 with 90 days: pending until 1 March, reminded from 2 March; a response ends it.
    [Theory]
    [InlineData(AdviceStatus.Pending, 90, "2011-03-01", false)]
    [InlineData(AdviceStatus.Pending, 90, "2011-03-02", true)]
    [InlineData(AdviceStatus.Pending, 200, "2011-03-15", false)]
    [InlineData(AdviceStatus.Accepted, 90, "2011-03-15", false)]
    [InlineData(AdviceStatus.NoResponse, 90, "2011-03-15", false)]
    public void Advice_with_no_response_after_the_wait_is_reminded(AdviceStatus status, int days, string today, bool due)
    {
        var at = new DateTimeOffset(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), new TimeOnly(8, 0), TimeSpan.Zero);
        var advice = new SentAdvice(3, 1, "On port 25", new DateOnly(2010, 12, 1), status, days);
        Assert.Equal(due, Due(advice: [advice], now: at).Any(r => r.Kind == ReminderKind.AdviceUnanswered && r.ItemId == 3 && r.LinkId == 3));
    }

    [Fact]
    public void Dates_are_judged_in_utc_whatever_the_offset_of_now()
    {
        // 23:30 on the 14th in São Paulo is already the 15th in UTC: a milestone due on the 14th is overdue.
        var saoPaulo = new DateTimeOffset(2011, 3, 14, 23, 30, 0, TimeSpan.FromHours(-3));
        Assert.Single(Due(milestones: [new OpenMilestone(5, 2, 1, "m", new DateOnly(2011, 3, 14), CommitmentStatus.Planned)], now: saoPaulo));
    }
}

public sealed class IndicatorSeriesTests
{
    private static List<DatedValue> Series(int days, Func<int, double> value) =>
        [.. Enumerable.Range(0, days).Select(d => new DatedValue(new DateOnly(1990, 1, 1).AddDays(d), value(d)))];

    [Fact]
    public void A_short_series_is_drawn_whole()
    {
        var values = Series(100, d => d);
        Assert.Same(values, IndicatorSeries.Downsample(values, 50));
    }

    [Fact]
    public void A_long_series_keeps_every_spike_and_its_ends_in_date_order()
    {
        var values = Series(10_000, d => d switch { 1234 => 1e6, 8765 => -1e6, _ => d % 7 });
        var drawn = IndicatorSeries.Downsample(values, 656);
        Assert.InRange(drawn.Count, 656, 656 * 4);
        Assert.Contains(new DatedValue(values[1234].On, 1e6), drawn);
        Assert.Contains(new DatedValue(values[8765].On, -1e6), drawn);
        Assert.Equal(values[0], drawn[0]);
        Assert.Equal(values[^1], drawn[^1]);
        Assert.True(drawn.Zip(drawn.Skip(1)).All(p => p.First.On < p.Second.On));
        Assert.Equal(values.Max(v => v.Value), drawn.Max(v => v.Value));
        Assert.Equal(values.Min(v => v.Value), drawn.Min(v => v.Value));
    }

    [Fact]
    public void Every_value_kept_is_one_of_the_series()
    {
        var values = Series(5_000, d => Math.Sin(d / 50.0) * 100);
        var all = values.ToHashSet();
        Assert.All(IndicatorSeries.Downsample(values, 100), v => Assert.Contains(v, all));
    }
}

public sealed class AdviceTallyCountTests
{
    [Fact]
    public void Grouped_counts_tally_as_the_rows_do()
    {
        (bool, AdviceStatus)[] rows =
        [
            (false, AdviceStatus.Pending), (true, AdviceStatus.Pending), (true, AdviceStatus.Accepted), (true, AdviceStatus.Accepted),
            (true, AdviceStatus.Partly), (true, AdviceStatus.Rejected), (true, AdviceStatus.NoResponse),
        ];
        var grouped = rows.GroupBy(r => r).Select(g => (g.Key.Item1, g.Key.Item2, g.Count()));
        Assert.Equal(AdviceTally.Of(rows), AdviceTally.FromCounts(grouped));
    }
}

public sealed class PlainDateTests
{
    [Fact]
    public void Today_is_the_date_in_the_reader_zone()
    {
        var instant = new DateTimeOffset(2011, 3, 15, 1, 30, 0, TimeSpan.Zero);
        Assert.Equal(new DateOnly(2011, 3, 15), ZonedTime.Today(instant, TimeZoneInfo.Utc));
        Assert.Equal(new DateOnly(2011, 3, 14), ZonedTime.Today(instant, ZonedTime.Find("America/Sao_Paulo")));
        Assert.Equal(new DateOnly(2011, 3, 15), ZonedTime.Today(instant, ZonedTime.Find("Asia/Tokyo")));
    }

    [Fact]
    public void A_plain_date_reads_the_same_in_every_zone() =>
        Assert.Equal("15 Mar 2011", ZonedTime.FormatDate(new DateOnly(2011, 3, 15), System.Globalization.CultureInfo.InvariantCulture));
}
