using EqualFooting.Sessions;
using Microsoft.Extensions.Time.Testing;

namespace EqualFooting.Tests.Sessions;

public class InterventionTimerTests
{
    private static readonly DateTimeOffset Start = new(2014, 6, 22, 10, 15, 0, TimeSpan.Zero);

    [Theory]
    // allotted s, elapsed s, remaining s (-1: no limit), overtime s
    [InlineData(180, 0, 180, 0)]
    [InlineData(180, 90, 90, 0)]
    [InlineData(180, 180, 0, 0)]
    [InlineData(180, 181, 0, 1)]
    [InlineData(180, 420, 0, 240)]
    [InlineData(-1, 420, -1, 0)]
    public void Elapsed_remaining_and_overtime(int allottedSeconds, int elapsedSeconds, int remainingSeconds, int overtimeSeconds)
    {
        TimeSpan? allotted = allottedSeconds < 0 ? null : TimeSpan.FromSeconds(allottedSeconds);
        var turn = Turn(allotted);
        var time = new FakeTimeProvider(Start);
        time.Advance(TimeSpan.FromSeconds(elapsedSeconds));

        var reading = InterventionTimer.Read(turn, time);

        Assert.Equal(TimeSpan.FromSeconds(elapsedSeconds), reading.Elapsed);
        Assert.Equal(allotted, reading.Allotted);
        Assert.Equal(remainingSeconds < 0 ? null : TimeSpan.FromSeconds(remainingSeconds), reading.Remaining);
        Assert.Equal(TimeSpan.FromSeconds(overtimeSeconds), reading.Overtime);
        Assert.Equal(overtimeSeconds > 0, reading.IsOvertime);
    }

    [Fact]
    public void An_ended_intervention_stops_the_timer()
    {
        var turn = Turn(TimeSpan.FromMinutes(2)) with { EndedAt = Start.AddMinutes(3) };

        var reading = InterventionTimer.Read(turn, Start.AddHours(5));

        Assert.Equal(TimeSpan.FromMinutes(3), reading.Elapsed);
        Assert.Equal(TimeSpan.FromMinutes(1), reading.Overtime);
    }

    [Fact]
    public void A_reading_before_the_start_shows_nothing_elapsed()
    {
        Assert.Equal(TimeSpan.Zero, InterventionTimer.Read(Turn(TimeSpan.FromMinutes(2)), Start.AddSeconds(-2)).Elapsed);
    }

    private static Intervention Turn(TimeSpan? allotted) =>
        new(1, Speaker.Participant(1), 1, 1, null, false, HandKind.Normal, 3, allotted, Start);
}
