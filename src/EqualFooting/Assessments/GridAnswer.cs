namespace EqualFooting.Assessments;

/// <summary>
/// One participant's rating of one question of a grid (a unique index holds it to one), with an optional comment,
/// counted under the stakeholder group and region they held when they last gave it. It may change until the grid closes.
/// </summary>
public sealed class GridAnswer
{
    public const int CommentMax = 2_000;

    private GridAnswer()
    {
    }

    public long Id { get; private set; }

    public int GridId { get; private set; }

    public int ParticipantId { get; private set; }

    public int Question { get; private set; }

    public int Rating { get; private set; }

    public string? Comment { get; private set; }

    public int StakeholderGroupId { get; private set; }

    public int RegionId { get; private set; }

    public DateTimeOffset AnsweredAt { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }

    public static GridAnswer Give(int gridId, int participantId, int stakeholderGroupId, int regionId, GridRating rating, DateTimeOffset now) => new()
    {
        GridId = gridId,
        ParticipantId = participantId,
        Question = rating.Question,
        Rating = rating.Rating,
        Comment = rating.Comment,
        StakeholderGroupId = stakeholderGroupId,
        RegionId = regionId,
        AnsweredAt = now,
        ChangedAt = now,
    };

    /// <returns>False when nothing differs (nothing to write).</returns>
    public bool Change(int stakeholderGroupId, int regionId, GridRating rating, DateTimeOffset now)
    {
        if (Rating == rating.Rating && Comment == rating.Comment && StakeholderGroupId == stakeholderGroupId && RegionId == regionId)
        {
            return false;
        }

        Rating = rating.Rating;
        Comment = rating.Comment;
        StakeholderGroupId = stakeholderGroupId;
        RegionId = regionId;
        ChangedAt = now;
        return true;
    }
}

/// <summary>
/// The value a breakout group agreed for one question of a grid, entered by its rapporteur with a note ("say a few
/// words before giving the number"). One per group and question (a unique index); a later entry replaces it until the
/// grid closes. It counts under the group's region when the room was split by region.
/// </summary>
public sealed class GridConsensus
{
    private GridConsensus()
    {
    }

    public long Id { get; private set; }

    public int GridId { get; private set; }

    public int BreakoutId { get; private set; }

    public int GroupNumber { get; private set; }

    public int? RegionId { get; private set; }

    public int Question { get; private set; }

    public int Rating { get; private set; }

    public string? Note { get; private set; }

    public DateTimeOffset EnteredAt { get; private set; }

    public static GridConsensus Enter(int gridId, int breakoutId, int groupNumber, int? regionId, GridRating rating, DateTimeOffset now) => new()
    {
        GridId = gridId,
        BreakoutId = breakoutId,
        GroupNumber = groupNumber,
        RegionId = regionId,
        Question = rating.Question,
        Rating = rating.Rating,
        Note = rating.Comment,
        EnteredAt = now,
    };

    public bool Change(GridRating rating, DateTimeOffset now)
    {
        if (Rating == rating.Rating && Note == rating.Comment)
        {
            return false;
        }

        Rating = rating.Rating;
        Note = rating.Comment;
        EnteredAt = now;
        return true;
    }
}
