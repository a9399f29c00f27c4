using EqualFooting.Consultations;

namespace EqualFooting.Tests.Consultations;

public class CampaignIdentityTests
{
    private static Dictionary<long, long> Members(params (long Campaign, long[] Comments)[] campaigns) =>
        campaigns.SelectMany(c => c.Comments.Select(comment => (comment, c.Campaign))).ToDictionary(x => x.comment, x => x.Campaign);

    private static IReadOnlyList<IReadOnlyList<long>> Groups(params long[][] groups) => groups;

    [Fact]
    public void Nothing_stored_makes_every_group_new()
    {
        var mapping = CampaignIdentity.Match([], new Dictionary<long, long>(), Groups([1, 2], [3, 4, 5]));

        Assert.Equal([null, null], mapping.Continues);
        Assert.Empty(mapping.Retired);
    }

    [Fact]
    public void A_campaign_that_grew_keeps_its_id()
    {
        var mapping = CampaignIdentity.Match([7], Members((7, [1, 2, 3])), Groups([1, 2, 3, 10, 11, 12, 13]));

        Assert.Equal([7L], mapping.Continues);
        Assert.Empty(mapping.Retired);
    }

    [Fact]
    public void Re_detecting_the_same_groups_changes_nothing()
    {
        var stored = Members((7, [1, 2, 3]), (8, [4, 5]));

        var mapping = CampaignIdentity.Match([7, 8], stored, Groups([4, 5], [1, 2, 3]));

        Assert.Equal([8L, 7L], mapping.Continues);
        Assert.Empty(mapping.Retired);
    }

    [Fact]
    public void Two_campaigns_found_to_be_one_keep_the_larger_and_retire_the_other()
    {
        var mapping = CampaignIdentity.Match([7, 8], Members((7, [1, 2]), (8, [3, 4, 5])), Groups([1, 2, 3, 4, 5]));

        Assert.Equal([8L], mapping.Continues);
        Assert.Equal([7L], mapping.Retired);
    }

    [Fact]
    public void On_a_tie_the_older_campaign_is_kept()
    {
        var mapping = CampaignIdentity.Match([9, 8], Members((9, [1, 2]), (8, [3, 4])), Groups([1, 2, 3, 4]));

        Assert.Equal([8L], mapping.Continues);
        Assert.Equal([9L], mapping.Retired);
    }

    [Fact]
    public void A_split_campaign_lives_on_in_the_part_holding_most_of_it()
    {
        var mapping = CampaignIdentity.Match([7], Members((7, [1, 2, 3, 4, 5])), Groups([4, 5], [1, 2, 3]));

        Assert.Equal([null, 7L], mapping.Continues);
        Assert.Empty(mapping.Retired);
    }

    [Theory]
    [InlineData(new long[] { 1, 2 }, false)]        // exactly half of four: not the same campaign
    [InlineData(new long[] { 1, 2, 3 }, true)]      // more than half
    [InlineData(new long[] { 1, 9, 10 }, false)]
    public void A_group_continues_a_campaign_only_with_more_than_half_of_its_members(long[] group, bool continues)
    {
        var mapping = CampaignIdentity.Match([7], Members((7, [1, 2, 3, 4])), Groups(group));

        Assert.Equal(continues ? 7L : null, mapping.Continues[0]);
        Assert.Equal(continues ? [] : [7L], mapping.Retired);
    }

    [Fact]
    public void A_campaign_with_no_members_left_is_retired()
    {
        var mapping = CampaignIdentity.Match([7, 8], Members((8, [1, 2])), Groups([1, 2]));

        Assert.Equal([8L], mapping.Continues);
        Assert.Equal([7L], mapping.Retired);
    }

    [Fact]
    public void A_stored_campaign_continues_in_at_most_one_group_and_every_group_is_answered()
    {
        var random = new Random(3);
        for (var round = 0; round < 200; round++)
        {
            var stored = new Dictionary<long, long>();
            for (long comment = 1; comment <= 60; comment++)
            {
                if (random.Next(3) > 0)
                {
                    stored[comment] = 100 + random.Next(6);
                }
            }

            var groups = Enumerable.Range(1, 60).Select(i => (long)i).Where(_ => random.Next(4) > 0)
                .GroupBy(_ => random.Next(8)).Select(g => (IReadOnlyList<long>)g.ToList()).ToList();

            var mapping = CampaignIdentity.Match(stored.Values.Distinct().Append(200), stored, groups);

            Assert.Equal(groups.Count, mapping.Continues.Count);
            var kept = mapping.Continues.OfType<long>().ToList();
            Assert.Equal(kept.Count, kept.Distinct().Count());
            Assert.Empty(kept.Intersect(mapping.Retired));
            Assert.Equal(stored.Values.Distinct().Append(200).Order(), kept.Concat(mapping.Retired).Order());
        }
    }
}
