using EqualFooting.Balance;

namespace EqualFooting.Tests.Balance;

public class BalanceIndicesTests
{
    private static readonly string[] Groups = ["Government", "Private sector", "Civil society", "Technical community", "Academia"];

    private static BalanceMeasure Measure(params long[] counts) =>
        BalanceMeasure.Of("registrations", Groups, Groups.Zip(counts).ToDictionary(x => x.First, x => x.Second));

    [Theory]
    [InlineData(new long[] { 10, 10, 10, 10, 10 }, 1.0)]
    [InlineData(new long[] { 7, 7 }, 1.0)]
    [InlineData(new long[] { 50, 0, 0, 0, 0 }, 0.0)]
    [InlineData(new long[] { 1, 1, 0, 0 }, 0.5)]
    public void Evenness_is_one_when_even_and_zero_when_one_group_has_everything(long[] counts, double expected) =>
        Assert.Equal(expected, BalanceIndices.Evenness(counts)!.Value, 9);

    [Theory]
    [InlineData(new long[] { })]
    [InlineData(new long[] { 5 })]
    [InlineData(new long[] { 0, 0, 0 })]
    public void Evenness_is_undefined_without_two_groups_or_without_counts(long[] counts) =>
        Assert.Null(BalanceIndices.Evenness(counts));

    [Fact]
    public void Evenness_stays_within_zero_and_one_and_does_not_depend_on_scale()
    {
        var random = new Random(16);
        for (var i = 0; i < 500; i++)
        {
            var counts = Enumerable.Range(0, random.Next(2, 8)).Select(_ => (long)random.Next(0, 1000)).ToArray();
            var evenness = BalanceIndices.Evenness(counts);
            if (counts.Sum() == 0)
            {
                Assert.Null(evenness);
                continue;
            }

            Assert.InRange(evenness!.Value, 0, 1);
            Assert.Equal(evenness.Value, BalanceIndices.Evenness([.. counts.Select(c => c * 7)])!.Value, 9);
        }
    }

    [Fact]
    public void A_missing_group_lowers_evenness()
    {
        Assert.True(BalanceIndices.Evenness([10, 10, 10, 0])! < BalanceIndices.Evenness([10, 10, 10])!);
    }

    [Theory]
    [InlineData(new long[] { 40, 10, 20 }, 4.0)]
    [InlineData(new long[] { 40, 0, 20 }, 2.0)]
    [InlineData(new long[] { 3, 3 }, 1.0)]
    public void The_largest_to_smallest_ratio_ignores_absent_groups(long[] counts, double expected) =>
        Assert.Equal(expected, BalanceIndices.LargestToSmallest(counts));

    [Fact]
    public void The_largest_to_smallest_ratio_is_undefined_when_nobody_is_present() =>
        Assert.Null(BalanceIndices.LargestToSmallest([0, 0]));

    [Theory]
    [InlineData(0.5, 0.25, 2.0)]
    [InlineData(0.1, 0.2, 0.5)]
    [InlineData(0.2, 0.2, 1.0)]
    public void Voice_against_presence_is_the_share_of_the_floor_over_the_share_present(double voice, double presence, double expected) =>
        Assert.Equal(expected, BalanceIndices.VoiceAgainstPresence(voice, presence)!.Value, 9);

    [Fact]
    public void Voice_against_presence_is_undefined_for_a_group_not_present()
    {
        Assert.Null(BalanceIndices.VoiceAgainstPresence(0.3, 0));
        var ratios = BalanceIndices.VoiceAgainstPresence(Measure(0, 50, 50, 0, 0), Measure(0, 25, 75, 0, 0));
        Assert.Equal([null, 2.0, 50.0 / 75, null, null], ratios.Select(r => r.Ratio).ToArray());
    }

    [Fact]
    public void The_igf_today_warns_that_business_and_the_technical_community_are_missing()
    {
        // Civil society dominates, government is thin, business and the technical community are absent (domain item 8).
        var measure = Measure(5, 0, 80, 0, 15);
        Assert.Equal(["Private sector", "Technical community"], measure.Missing);
        var warnings = BalanceIndices.Warnings(measure, BalanceIndices.DefaultThreshold);
        Assert.Equal(["Government", "Private sector", "Technical community"], warnings.Select(w => w.Group).ToArray());
        Assert.Equal([false, true, true], warnings.Select(w => w.Absent).ToArray());
    }

    [Fact]
    public void A_measure_that_counts_nothing_warns_of_nothing()
    {
        var measure = Measure(0, 0, 0, 0, 0);
        Assert.Empty(BalanceIndices.Warnings(measure, 0.1));
        Assert.Empty(measure.Missing);
        Assert.Equal(0, measure.Total);
    }

    [Fact]
    public void Shares_add_up_to_one()
    {
        var measure = Measure(3, 5, 7, 11, 13);
        Assert.Equal(1.0, measure.Groups.Sum(g => g.Share), 9);
        Assert.Equal(39, measure.Total);
    }

    [Theory]
    [InlineData(new long[] { 100, 1, 1, 1, 1, 1, 1, 1, 1, 1 }, 100.0 / 109)]
    [InlineData(new long[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }, 0.1)]
    [InlineData(new long[] { 5 }, 1.0)]
    [InlineData(new long[] { 9, 1, 0, 0 }, 0.9)]
    public void The_most_active_tenth_share_counts_at_least_one_person(long[] acts, double expected) =>
        Assert.Equal(expected, BalanceIndices.TopTenthShare(acts)!.Value, 9);

    [Fact]
    public void The_most_active_tenth_share_is_undefined_when_nobody_acted() =>
        Assert.Null(BalanceIndices.TopTenthShare([0, 0]));
}
