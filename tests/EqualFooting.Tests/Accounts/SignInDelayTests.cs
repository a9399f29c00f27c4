using EqualFooting.Accounts;

namespace EqualFooting.Tests.Accounts;

public sealed class SignInDelayTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 16, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, 0)]
    [InlineData(4, 1)]
    [InlineData(5, 2)]
    [InlineData(6, 4)]
    [InlineData(11, 128)]
    [InlineData(12, 256)]
    [InlineData(13, 300)]
    [InlineData(1_000, 300)]
    [InlineData(int.MaxValue, 300)]
    public void An_address_gets_three_free_failures_then_a_wait_doubling_from_a_second_up_to_five_minutes(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), SignInDelays.Default.ForAddress(failures));

    [Theory]
    [InlineData(10, 0)]
    [InlineData(11, 1)]
    [InlineData(20, 512)]
    [InlineData(22, 2048)]
    [InlineData(23, 3600)]
    [InlineData(500, 3600)]
    public void A_source_gets_ten_free_failures_then_a_wait_doubling_up_to_an_hour(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), SignInDelays.Default.ForSource(failures));

    [Fact]
    public void Each_failure_counts_and_sets_the_next_allowed_attempt()
    {
        var failure = new SignInFailure("k", SignInSubject.Address);
        for (var i = 0; i < 4; i++)
        {
            failure.Failed(Now, SignInDelays.Default);
        }

        Assert.Equal(4, failure.Count);
        Assert.True(failure.Waiting(Now));
        Assert.True(failure.Waiting(Now.AddSeconds(0.9)));
        Assert.False(failure.Waiting(Now.AddSeconds(1)));
    }

    [Fact]
    public void Failures_older_than_a_day_are_forgotten_and_the_count_starts_again()
    {
        var failure = new SignInFailure("k", SignInSubject.Source);
        for (var i = 0; i < 30; i++)
        {
            failure.Failed(Now, SignInDelays.Default);
        }

        failure.Failed(Now + SignInDelays.Memory + TimeSpan.FromSeconds(1), SignInDelays.Default);

        Assert.Equal(1, failure.Count);
        Assert.False(failure.Waiting(Now + SignInDelays.Memory + TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Every_failure_moves_the_version_so_two_requests_counting_at_once_cannot_both_win()
    {
        var failure = new SignInFailure("k", SignInSubject.Address);
        failure.Failed(Now, SignInDelays.Default);
        var first = failure.Version;
        failure.Failed(Now, SignInDelays.Default);
        Assert.NotEqual(first, failure.Version);
    }
}
