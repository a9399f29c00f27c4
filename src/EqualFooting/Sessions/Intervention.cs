namespace EqualFooting.Sessions;

/// <summary>
/// One turn at the floor. The speaker's group, region and gender are those declared when the hand went up, so the
/// statistics of a session stay what they were even if someone changes affiliation afterwards.
/// </summary>
/// <param name="AgendaItemId">The agenda item under discussion when the turn started, if the session has an agenda.</param>
/// <param name="Allotted">The time each speaker was given on that agenda item, copied so the timer needs nothing else.</param>
/// <param name="EndedAt">Null while the speaker still has the floor.</param>
/// <param name="Paused">Time the moderator held the turn paused, in pauses already resumed (or ended); it does not count as spoken.</param>
/// <param name="PausedAt">When the pause under way began; null while the timer runs.</param>
public sealed record Intervention(
    long Id,
    Speaker Speaker,
    int StakeholderGroupId,
    int RegionId,
    string? Gender,
    bool Remote,
    HandKind Kind,
    int? AgendaItemId,
    TimeSpan? Allotted,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt = null,
    TimeSpan Paused = default,
    DateTimeOffset? PausedAt = null)
{
    public bool IsOngoing => EndedAt is null;

    public bool IsPaused => IsOngoing && PausedAt is not null;

    /// <summary>
    /// The time spoken, counting an ongoing turn up to <paramref name="now"/> (or up to its pause) and leaving out the
    /// time it was paused; never negative.
    /// </summary>
    public TimeSpan Duration(DateTimeOffset now)
    {
        var end = EndedAt ?? PausedAt ?? now;
        var spoken = end - StartedAt - Paused;
        return spoken > TimeSpan.Zero ? spoken : TimeSpan.Zero;
    }
}
