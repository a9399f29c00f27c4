namespace EqualFooting.Sessions;

/// <summary>
/// One turn at the floor. The speaker's group, region and gender are those declared when the hand went up, so the
/// statistics of a session stay what they were even if someone changes affiliation afterwards.
/// </summary>
/// <param name="AgendaItemId">The agenda item under discussion when the turn started, if the session has an agenda.</param>
/// <param name="Allotted">The time each speaker was given on that agenda item, copied so the timer needs nothing else.</param>
/// <param name="EndedAt">Null while the speaker still has the floor.</param>
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
    DateTimeOffset? EndedAt = null)
{
    public bool IsOngoing => EndedAt is null;

    /// <summary>The length of the turn, counting an ongoing one up to <paramref name="now"/>; never negative.</summary>
    public TimeSpan Duration(DateTimeOffset now)
    {
        var end = EndedAt ?? now;
        return end > StartedAt ? end - StartedAt : TimeSpan.Zero;
    }
}
