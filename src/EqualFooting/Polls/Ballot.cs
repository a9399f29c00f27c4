using EqualFooting.Deliberation;

namespace EqualFooting.Polls;

/// <summary>
/// One participant's answer to one poll (a unique index holds it to one), counted under the stakeholder group and
/// region they held when they last cast it. It may be changed until the poll closes.
/// </summary>
public sealed class Ballot
{
    private Ballot()
    {
    }

    public long Id { get; private set; }

    public int PollId { get; private set; }

    public int ParticipantId { get; private set; }

    public int StakeholderGroupId { get; private set; }

    public int RegionId { get; private set; }

    /// <summary>One bit per answer category (<see cref="Poll.Categories"/>) the ballot counts in.</summary>
    public int Choices { get; private set; }

    public int? Rating { get; private set; }

    public Stance? Stance { get; private set; }

    public string? Reason { get; private set; }

    public DateTimeOffset CastAt { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }

    public static Ballot Cast(int pollId, int participantId, int stakeholderGroupId, int regionId, Answer answer, DateTimeOffset now) => new()
    {
        PollId = pollId,
        ParticipantId = participantId,
        StakeholderGroupId = stakeholderGroupId,
        RegionId = regionId,
        Choices = answer.Mask,
        Rating = answer.Rating,
        Stance = answer.Stance,
        Reason = answer.Reason,
        CastAt = now,
        ChangedAt = now,
    };

    /// <returns>False when the answer and affiliation are the same as before (nothing to write).</returns>
    public bool Change(int stakeholderGroupId, int regionId, Answer answer, DateTimeOffset now)
    {
        if (Choices == answer.Mask && Rating == answer.Rating && Stance == answer.Stance && Reason == answer.Reason
            && StakeholderGroupId == stakeholderGroupId && RegionId == regionId)
        {
            return false;
        }

        StakeholderGroupId = stakeholderGroupId;
        RegionId = regionId;
        Choices = answer.Mask;
        Rating = answer.Rating;
        Stance = answer.Stance;
        Reason = answer.Reason;
        ChangedAt = now;
        return true;
    }
}

/// <summary>
/// A show of hands counted by a moderator for people in the room without a device: the counts per answer category
/// for one stakeholder group (and one region, where the room was counted by region). Kept apart from ballots in
/// every result; a new count for the same group and region replaces the earlier one.
/// </summary>
public sealed class HandCount
{
    public const int MaxCount = 1_000_000;

    private HandCount()
    {
    }

    public long Id { get; private set; }

    public int PollId { get; private set; }

    public int StakeholderGroupId { get; private set; }

    public int? RegionId { get; private set; }

    /// <summary>One count per <see cref="Poll.Categories"/> entry.</summary>
    public List<int> Counts { get; private set; } = [];

    public DateTimeOffset CountedAt { get; private set; }

    public static HandCount Create(int pollId, int stakeholderGroupId, int? regionId, IReadOnlyList<int> counts, DateTimeOffset now) => new()
    {
        PollId = pollId,
        StakeholderGroupId = stakeholderGroupId,
        RegionId = regionId,
        Counts = [.. counts],
        CountedAt = now,
    };

    public void Recount(IReadOnlyList<int> counts, DateTimeOffset now)
    {
        Counts = [.. counts];
        CountedAt = now;
    }
}
