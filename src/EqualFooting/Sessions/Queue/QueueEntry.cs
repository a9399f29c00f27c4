namespace EqualFooting.Sessions;

public enum HandKind
{
    Normal,

    /// <summary>A procedural objection: it goes before every other hand, whatever the policy.</summary>
    PointOfOrder,

    /// <summary>A short question to the speaker at the floor: it goes after points of order and before follow-ups and ordinary hands, with its own time.</summary>
    InterposedQuestion,

    /// <summary>A short reply to what was just said: it goes after interposed questions and before ordinary hands, with its own time.</summary>
    FollowUp,
}

/// <summary>The time an interposed question and a follow-up get, a setting of the session (60 and 30 seconds by default).</summary>
public sealed record ShortTurns(TimeSpan InterposedQuestion, TimeSpan FollowUp)
{
    public const int DefaultInterposedQuestionSeconds = 60;
    public const int DefaultFollowUpSeconds = 30;

    public static readonly ShortTurns Default = new(TimeSpan.FromSeconds(DefaultInterposedQuestionSeconds), TimeSpan.FromSeconds(DefaultFollowUpSeconds));
}

/// <summary>
/// What a hand carries when it goes up. Group, region and gender are the speaker's declaration at that moment,
/// copied so that a later change of affiliation does not rewrite who held the floor for whom.
/// </summary>
/// <param name="Remote">For a participant only: a hub is always remote and an in-room person never is, whatever this says.</param>
public sealed record HandRaise(
    Speaker Speaker,
    int StakeholderGroupId,
    int RegionId,
    string? Gender = null,
    bool Remote = false,
    HandKind Kind = HandKind.Normal);

/// <summary>A raised hand waiting in a speaking queue.</summary>
/// <param name="Id">Assigned by the queue in raising order; breaks ties between hands raised in the same instant.</param>
public sealed record QueueEntry(
    long Id,
    Speaker Speaker,
    int StakeholderGroupId,
    int RegionId,
    string? Gender,
    bool Remote,
    HandKind Kind,
    DateTimeOffset RaisedAt)
{
    /// <summary>The order hands went up: the tie-breaker of every policy, so equal inputs give equal orders.</summary>
    public static readonly IComparer<QueueEntry> RaiseOrder = Comparer<QueueEntry>.Create((a, b) =>
    {
        var byTime = a.RaisedAt.CompareTo(b.RaisedAt);
        return byTime != 0 ? byTime : a.Id.CompareTo(b.Id);
    });
}
