namespace EqualFooting.Sessions;

public sealed record SpeakingTally(int Interventions, TimeSpan SpeakingTime)
{
    public static readonly SpeakingTally None = new(0, TimeSpan.Zero);

    public SpeakingTally Add(TimeSpan duration) => new(Interventions + 1, SpeakingTime + duration);
}

/// <summary>
/// A stakeholder group's share of the floor next to its share of the room: the number a convener needs to see
/// whether "all stakeholders are welcome" turned into all stakeholders being heard.
/// </summary>
/// <param name="FloorShareByTime">Its part of all speaking time, 0 to 1.</param>
/// <param name="FloorShareByInterventions">Its part of all interventions, 0 to 1.</param>
/// <param name="RoomShare">Its part of the people in the room, 0 to 1.</param>
/// <param name="Representation">Floor share by time over room share: 1 is proportional, below 1 under-heard; null when the group has nobody in the room.</param>
public sealed record GroupFloorShare(
    int StakeholderGroupId,
    int InRoom,
    SpeakingTally Spoken,
    double FloorShareByTime,
    double FloorShareByInterventions,
    double RoomShare,
    double? Representation);

/// <summary>Speaking time and interventions per stakeholder group, region and gender for a set of interventions.</summary>
public sealed class SpeakingStatistics
{
    /// <summary>The gender key for interventions whose speaker declared none (gender is always optional).</summary>
    public const string GenderNotDeclared = "";

    private SpeakingStatistics(
        SpeakingTally total,
        IReadOnlyDictionary<int, SpeakingTally> byGroup,
        IReadOnlyDictionary<int, SpeakingTally> byRegion,
        IReadOnlyDictionary<string, SpeakingTally> byGender)
    {
        Total = total;
        ByStakeholderGroup = byGroup;
        ByRegion = byRegion;
        ByGender = byGender;
    }

    public SpeakingTally Total { get; }

    public IReadOnlyDictionary<int, SpeakingTally> ByStakeholderGroup { get; }

    public IReadOnlyDictionary<int, SpeakingTally> ByRegion { get; }

    /// <summary>Keyed by the declared gender as written (trimmed), or <see cref="GenderNotDeclared"/>.</summary>
    public IReadOnlyDictionary<string, SpeakingTally> ByGender { get; }

    /// <param name="now">An intervention still in progress counts up to this moment, so live figures move with the speaker.</param>
    public static SpeakingStatistics Compute(IEnumerable<Intervention> interventions, DateTimeOffset now)
    {
        var total = SpeakingTally.None;
        var byGroup = new Dictionary<int, SpeakingTally>();
        var byRegion = new Dictionary<int, SpeakingTally>();
        var byGender = new Dictionary<string, SpeakingTally>(StringComparer.OrdinalIgnoreCase);
        foreach (var turn in interventions)
        {
            var duration = turn.Duration(now);
            total = total.Add(duration);
            byGroup[turn.StakeholderGroupId] = byGroup.GetValueOrDefault(turn.StakeholderGroupId, SpeakingTally.None).Add(duration);
            byRegion[turn.RegionId] = byRegion.GetValueOrDefault(turn.RegionId, SpeakingTally.None).Add(duration);
            var gender = string.IsNullOrWhiteSpace(turn.Gender) ? GenderNotDeclared : turn.Gender.Trim();
            byGender[gender] = byGender.GetValueOrDefault(gender, SpeakingTally.None).Add(duration);
        }

        return new SpeakingStatistics(total, byGroup, byRegion, byGender);
    }

    /// <summary>
    /// Each group's share of the floor beside its share of the room, for every group that is in the room or spoke,
    /// in group id order.
    /// </summary>
    /// <param name="roomCountsByGroup">How many people of each stakeholder group are in the room (remote included, if they count).</param>
    public IReadOnlyList<GroupFloorShare> FloorShares(IReadOnlyDictionary<int, int> roomCountsByGroup)
    {
        var inRoom = roomCountsByGroup.Values.Where(n => n > 0).Sum();
        return roomCountsByGroup.Keys.Union(ByStakeholderGroup.Keys)
            .Order()
            .Select(group =>
            {
                var people = Math.Max(0, roomCountsByGroup.GetValueOrDefault(group));
                var spoken = ByStakeholderGroup.GetValueOrDefault(group, SpeakingTally.None);
                var byTime = Share(spoken.SpeakingTime.Ticks, Total.SpeakingTime.Ticks);
                var roomShare = Share(people, inRoom);
                return new GroupFloorShare(
                    group,
                    people,
                    spoken,
                    byTime,
                    Share(spoken.Interventions, Total.Interventions),
                    roomShare,
                    roomShare > 0 ? byTime / roomShare : null);
            })
            .ToList();
    }

    private static double Share(double part, double whole) => whole > 0 ? part / whole : 0;
}
