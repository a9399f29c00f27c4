using EqualFooting.Sessions;

namespace EqualFooting.Tests.Sessions;

public class SpeakingStatisticsTests
{
    private const int Government = 1;
    private const int Business = 2;
    private const int CivilSociety = 3;
    private const int Technical = 4;
    private const int Africa = 1;
    private const int Europe = 3;
    private const int LatinAmerica = 4;

    private static readonly DateTimeOffset Start = new(2013, 10, 24, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset Now = Start.AddHours(1);

    // group, region, gender, seconds (negative: in progress, started that many seconds before now)
    private static readonly (int Group, int Region, string? Gender, int Seconds)[] Session =
    [
        (Government, LatinAmerica, "male", 600),
        (CivilSociety, Africa, "female", 420),
        (Technical, LatinAmerica, "Female ", 300),
        (CivilSociety, Africa, "female", 240),
        (CivilSociety, Europe, null, 60),
        (Government, LatinAmerica, "male", -180),
    ];

    [Theory]
    [InlineData(Government, 2, 780)]
    [InlineData(CivilSociety, 3, 720)]
    [InlineData(Technical, 1, 300)]
    public void Per_stakeholder_group(int group, int interventions, int seconds)
    {
        var stats = SpeakingStatistics.Compute(Turns(), Now);
        Assert.Equal(new SpeakingTally(interventions, TimeSpan.FromSeconds(seconds)), stats.ByStakeholderGroup[group]);
        Assert.False(stats.ByStakeholderGroup.ContainsKey(Business));
    }

    [Theory]
    [InlineData(LatinAmerica, 3, 1080)]
    [InlineData(Africa, 2, 660)]
    [InlineData(Europe, 1, 60)]
    public void Per_region(int region, int interventions, int seconds)
    {
        var stats = SpeakingStatistics.Compute(Turns(), Now);
        Assert.Equal(new SpeakingTally(interventions, TimeSpan.FromSeconds(seconds)), stats.ByRegion[region]);
    }

    [Theory]
    [InlineData("male", 2, 780)]
    [InlineData("female", 3, 960)] // "Female " is the same declaration
    [InlineData(SpeakingStatistics.GenderNotDeclared, 1, 60)]
    public void Per_gender(string gender, int interventions, int seconds)
    {
        var stats = SpeakingStatistics.Compute(Turns(), Now);
        Assert.Equal(new SpeakingTally(interventions, TimeSpan.FromSeconds(seconds)), stats.ByGender[gender]);
        Assert.Equal(3, stats.ByGender.Count);
    }

    [Fact]
    public void The_total_counts_the_turn_in_progress_up_to_now()
    {
        var stats = SpeakingStatistics.Compute(Turns(), Now);
        Assert.Equal(new SpeakingTally(6, TimeSpan.FromSeconds(1800)), stats.Total);
    }

    [Theory]
    // Room: 10 government, 20 business, 60 civil society, 10 technical; 1800 s of floor over 6 turns.
    [InlineData(Government, 10, 780 / 1800.0, 2 / 6.0, 0.10)]
    [InlineData(Business, 20, 0.0, 0.0, 0.20)]
    [InlineData(CivilSociety, 60, 720 / 1800.0, 3 / 6.0, 0.60)]
    [InlineData(Technical, 10, 300 / 1800.0, 1 / 6.0, 0.10)]
    public void Share_of_the_floor_against_share_of_the_room(int group, int inRoom, double byTime, double byInterventions, double roomShare)
    {
        var shares = SpeakingStatistics.Compute(Turns(), Now).FloorShares(Room());

        var share = Assert.Single(shares, s => s.StakeholderGroupId == group);
        Assert.Equal(inRoom, share.InRoom);
        Assert.Equal(byTime, share.FloorShareByTime, 9);
        Assert.Equal(byInterventions, share.FloorShareByInterventions, 9);
        Assert.Equal(roomShare, share.RoomShare, 9);
        Assert.Equal(byTime / roomShare, share.Representation!.Value, 9);
    }

    [Fact]
    public void A_group_that_spoke_without_anyone_counted_in_the_room_has_no_representation_ratio()
    {
        var room = new Dictionary<int, int> { [CivilSociety] = 5 };

        var shares = SpeakingStatistics.Compute(Turns(), Now).FloorShares(room);

        Assert.Equal([Government, CivilSociety, Technical], shares.Select(s => s.StakeholderGroupId));
        Assert.Null(shares[0].Representation);
        Assert.Equal(0, shares[0].RoomShare);
    }

    [Fact]
    public void No_interventions_give_zero_shares()
    {
        var shares = SpeakingStatistics.Compute([], Now).FloorShares(Room());
        Assert.All(shares, s => Assert.Equal((0.0, 0.0), (s.FloorShareByTime, s.Representation!.Value)));
    }

    private static Dictionary<int, int> Room() => new() { [Government] = 10, [Business] = 20, [CivilSociety] = 60, [Technical] = 10 };

    private static List<Intervention> Turns()
    {
        var turns = new List<Intervention>();
        var at = Start;
        foreach (var (group, region, gender, seconds) in Session)
        {
            var started = seconds < 0 ? Now.AddSeconds(seconds) : at;
            DateTimeOffset? ended = seconds < 0 ? null : at.AddSeconds(seconds);
            turns.Add(new Intervention(turns.Count + 1, Speaker.Participant(turns.Count + 1), group, region, gender, false, HandKind.Normal, null, null, started, ended));
            at = ended ?? at;
        }

        return turns;
    }
}
