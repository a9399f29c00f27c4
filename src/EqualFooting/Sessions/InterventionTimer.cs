namespace EqualFooting.Sessions;

/// <summary>What the moderator's timer shows for one intervention at one moment.</summary>
/// <param name="Remaining">Time left of the allotted time; null when the agenda item sets no limit.</param>
/// <param name="Overtime">Time spoken past the allotted time; zero when within it or when there is no limit.</param>
/// <param name="Paused">The moderator paused the turn: the timer stands still until it resumes.</param>
/// <param name="WarningAt">How much time left starts the warning that the time is running out; null when there is no limit.</param>
public sealed record TimerReading(TimeSpan Elapsed, TimeSpan? Allotted, TimeSpan? Remaining, TimeSpan Overtime, bool Paused = false, TimeSpan? WarningAt = null)
{
    public bool IsOvertime => Overtime > TimeSpan.Zero;

    /// <summary>Within the last stretch of the allotted time, before it runs out.</summary>
    public bool IsWarning => Remaining is { } left && WarningAt is { } at && left > TimeSpan.Zero && left <= at;
}

/// <summary>
/// The intervention timer. "Now" always comes from a <see cref="TimeProvider"/> or the caller, never from the
/// clock, so a test can stand at any second of a turn and the server and every screen agree on the reading.
/// </summary>
public static class InterventionTimer
{
    /// <summary>The warning's default: the last 30 seconds.</summary>
    public static readonly TimeSpan DefaultWarning = TimeSpan.FromSeconds(30);

    public static TimerReading Read(Intervention intervention, TimeProvider time, TimeSpan? warning = null) =>
        Read(intervention, time.GetUtcNow(), warning);

    public static TimerReading Read(Intervention intervention, DateTimeOffset now, TimeSpan? warning = null)
    {
        var elapsed = intervention.Duration(now);
        if (intervention.Allotted is not { } allotted)
        {
            return new TimerReading(elapsed, null, null, TimeSpan.Zero, intervention.IsPaused);
        }

        var warningAt = WarningAt(allotted, warning ?? DefaultWarning);
        return elapsed <= allotted
            ? new TimerReading(elapsed, allotted, allotted - elapsed, TimeSpan.Zero, intervention.IsPaused, warningAt)
            : new TimerReading(elapsed, allotted, TimeSpan.Zero, elapsed - allotted, intervention.IsPaused, warningAt);
    }

    /// <summary>
    /// When the warning starts: the session's warning time before the end, but never before the last quarter of the
    /// turn, so a 30-second follow-up is not "nearly over" from its first word.
    /// </summary>
    public static TimeSpan WarningAt(TimeSpan allotted, TimeSpan warning)
    {
        var quarter = allotted / 4;
        return warning < quarter ? warning : quarter;
    }
}
