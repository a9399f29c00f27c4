namespace EqualFooting.Sessions;

/// <summary>What the moderator's timer shows for one intervention at one moment.</summary>
/// <param name="Remaining">Time left of the allotted time; null when the agenda item sets no limit.</param>
/// <param name="Overtime">Time spoken past the allotted time; zero when within it or when there is no limit.</param>
public sealed record TimerReading(TimeSpan Elapsed, TimeSpan? Allotted, TimeSpan? Remaining, TimeSpan Overtime)
{
    public bool IsOvertime => Overtime > TimeSpan.Zero;
}

/// <summary>
/// The intervention timer. "Now" always comes from a <see cref="TimeProvider"/> or the caller, never from the
/// clock, so a test can stand at any second of a turn and the server and every screen agree on the reading.
/// </summary>
public static class InterventionTimer
{
    public static TimerReading Read(Intervention intervention, TimeProvider time) =>
        Read(intervention, time.GetUtcNow());

    public static TimerReading Read(Intervention intervention, DateTimeOffset now)
    {
        var elapsed = intervention.Duration(now);
        if (intervention.Allotted is not { } allotted)
        {
            return new TimerReading(elapsed, null, null, TimeSpan.Zero);
        }

        return elapsed <= allotted
            ? new TimerReading(elapsed, allotted, allotted - elapsed, TimeSpan.Zero)
            : new TimerReading(elapsed, allotted, TimeSpan.Zero, elapsed - allotted);
    }
}
