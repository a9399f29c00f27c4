using EqualFooting.Mail;

namespace EqualFooting.Tests.Mail;

public sealed class OutboxMessageTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(9, 256)]
    [InlineData(10, 360)]
    [InlineData(40, 360)]
    public void The_wait_after_a_failure_doubles_from_a_minute_up_to_six_hours(int attempts, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), OutboxMessage.Backoff(attempts));

    [Fact]
    public void A_new_message_is_due_at_once_and_a_failed_one_only_after_its_wait()
    {
        var message = OutboxMessage.Create("ana@example.org", "Reset", "Link", Now);
        Assert.True(message.IsDueAt(Now));

        message.MarkFailed("Connection refused", Now);

        Assert.Equal(1, message.Attempts);
        Assert.Equal("Connection refused", message.LastError);
        Assert.False(message.IsDueAt(Now.AddSeconds(59)));
        Assert.True(message.IsDueAt(Now.AddMinutes(1)));
    }

    [Fact]
    public void A_message_is_given_up_after_the_last_attempt_and_is_never_due_again()
    {
        var message = OutboxMessage.Create("ana@example.org", "Reset", "Link", Now);
        var at = Now;
        for (var i = 0; i < OutboxMessage.MaxAttempts; i++)
        {
            Assert.True(message.IsDueAt(at.AddHours(7)));
            message.MarkFailed(new string('x', 2_000), at);
            at = at.AddHours(7);
        }

        Assert.True(message.GivenUp);
        Assert.Null(message.NextAttemptAt);
        Assert.False(message.IsDueAt(at.AddYears(1)));
        Assert.Equal(OutboxMessage.ErrorMax, message.LastError!.Length);
    }

    [Fact]
    public void A_sent_message_is_not_due_and_not_given_up()
    {
        var message = OutboxMessage.Create("ana@example.org", "Reset", "Link", Now);
        message.MarkFailed("Timeout", Now);

        message.MarkSent(Now.AddMinutes(1));

        Assert.Equal(Now.AddMinutes(1), message.SentAt);
        Assert.False(message.IsDueAt(Now.AddDays(1)));
        Assert.False(message.GivenUp);
    }
}
