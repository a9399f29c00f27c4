using EqualFooting.Consultations;

namespace EqualFooting.Tests.Consultations;

public class CampaignDetectorTests
{
    private const string FormLetter =
        "I am writing to ask the committee to strengthen the section on net neutrality in the draft statement. "
        + "The open Internet has allowed small businesses, community networks and independent media in my region to reach "
        + "people on an equal footing with the largest companies. Paragraph 14 should state clearly that operators must not "
        + "block, throttle or prioritise traffic for commercial gain, and that any exception for network management must be "
        + "transparent, proportionate and subject to independent review. Without these guarantees the promise of a single "
        + "global Internet will remain out of reach for the communities that need it most. I also ask that the final text "
        + "commit governments to publish their consultations on this issue in every language of the process.";

    private static readonly string[] Unrelated =
    [
        "The technical community is under-represented on the panels of this year's forum. Please invite more operators and registry staff.",
        "Paragraph 3 mixes two ideas: the role of governments in cybersecurity and the protection of critical infrastructure. Split it.",
        "Remote participation worked badly in the last session; the captions lagged by a minute and the queue ignored remote hands.",
        "We support the roadmap but the timeline for enhanced cooperation is unrealistic without dedicated funding for the secretariat.",
        "Why does the draft say nothing about the gender balance of speakers? Every panel should include women from the global South.",
        "Our university network has deployed IPv6 on all campuses; the statement should encourage operators to do the same by 2030.",
        "The definition of multistakeholder in the glossary is circular. Use the Tunis Agenda wording, which is broadly accepted.",
        "As a librarian I care about access to knowledge: please mention public libraries as places of meaningful connectivity.",
    ];

    [Fact]
    public void Form_letters_with_small_edits_end_up_in_one_campaign()
    {
        var comments = new List<CampaignInput>();
        var copies = Variants();
        for (var i = 0; i < copies.Length; i++)
        {
            comments.Add(new CampaignInput(100 + i, copies[i]));
        }

        for (var i = 0; i < Unrelated.Length; i++)
        {
            comments.Add(new CampaignInput(900 + i, Unrelated[i]));
        }

        var campaigns = CampaignDetector.Detect(Shuffle(comments, seed: 1));

        var campaign = Assert.Single(campaigns);
        Assert.Equal(Enumerable.Range(100, copies.Length).Select(i => (long)i).Order(), campaign.MemberIds.Order());
        Assert.Equal(copies.Length, campaign.Count);
    }

    [Fact]
    public void The_canonical_text_is_the_most_common_exact_text()
    {
        var comments = Variants().Select((t, i) => new CampaignInput(i, t)).ToList();
        comments.Add(new CampaignInput(50, FormLetter.ToUpperInvariant()));
        comments.Add(new CampaignInput(51, FormLetter.Replace(" ", "   \n")));

        var campaign = Assert.Single(CampaignDetector.Detect(comments));

        Assert.Equal(FormLetter, campaign.CanonicalText);
        Assert.Equal(0, campaign.CanonicalId);
        Assert.Equal(4, campaign.ExactCopies);
    }

    [Fact]
    public void Without_exact_copies_the_canonical_member_is_one_of_the_group()
    {
        var variants = Variants().Skip(1).Where(v => v != FormLetter).ToArray();
        var comments = variants.Select((t, i) => new CampaignInput(i, t)).ToList();

        var campaign = Assert.Single(CampaignDetector.Detect(comments));

        Assert.Contains(campaign.CanonicalId, campaign.MemberIds);
        Assert.Equal(variants[(int)campaign.CanonicalId], campaign.CanonicalText);
        Assert.Equal(1, campaign.ExactCopies);
    }

    [Fact]
    public void Unrelated_comments_on_the_same_topics_form_no_campaign()
    {
        var comments = Unrelated.Select((t, i) => new CampaignInput(i, t)).ToList();
        comments.Add(new CampaignInput(99, FormLetter));

        Assert.Empty(CampaignDetector.Detect(comments));
    }

    [Fact]
    public void Comments_quoting_the_same_passage_with_their_own_arguments_are_not_a_campaign()
    {
        const string quote = "Paragraph 14 should state clearly that operators must not block, throttle or prioritise traffic for commercial gain.";
        var comments = Unrelated.Select((t, i) => new CampaignInput(i, quote + " " + t)).ToList();

        Assert.Empty(CampaignDetector.Detect(comments));
    }

    [Fact]
    public void Exact_copies_differing_only_in_case_and_white_space_are_grouped_even_when_short()
    {
        CampaignInput[] comments =
        [
            new(1, "I support this draft."),
            new(2, "i support   this draft."),
            new(3, "I SUPPORT THIS DRAFT.\n"),
            new(4, "I support this draft!"),
            new(5, "I oppose this draft."),
            new(6, "I support the draft."),
            new(7, "Agreed"),
            new(8, "agreed!"),
            new(9, "Disagree"),
        ];

        var campaigns = CampaignDetector.Detect(comments);

        // "!" for "." changes the exact text but not the words; a text too short for a shingle is compared whole.
        Assert.Equal([[1L, 2, 3, 4], [7L, 8]], campaigns.Select(c => c.MemberIds.ToArray()));
        Assert.Equal(3, campaigns[0].ExactCopies);
        Assert.Equal(1, campaigns[0].CanonicalId);
    }

    [Fact]
    public void Empty_and_punctuation_only_comments_group_only_with_identical_ones()
    {
        CampaignInput[] comments = [new(1, ""), new(2, "   "), new(3, "+1"), new(4, "!!!"), new(5, "!!!"), new(6, "?")];

        var campaigns = CampaignDetector.Detect(comments);

        Assert.Equal([[1L, 2], [4L, 5]], campaigns.Select(c => c.MemberIds.ToArray()));
    }

    [Fact]
    public void The_similarity_estimate_tracks_the_true_jaccard_similarity()
    {
        var detector = new CampaignDetector();
        var words = FormLetter.Split(' ');
        foreach (var every in new[] { 3, 5, 8, 13, 30 })
        {
            var edited = words.Select((w, i) => i % every == 0 ? "changed" + i : w);
            var variant = string.Join(' ', edited);

            var truth = Jaccard(FormLetter, variant);
            var estimate = detector.EstimateSimilarity(FormLetter, variant);

            Assert.InRange(estimate, truth - 0.12, truth + 0.12);
        }
    }

    [Fact]
    public void The_threshold_setting_decides_which_pairs_are_joined()
    {
        // Every 9th word replaced: about 0.5 true similarity, so 0.3 joins the pair and 0.7 keeps it apart.
        var words = FormLetter.Split(' ');
        var variant = string.Join(' ', words.Select((w, i) => i % 9 == 4 ? "different" + i : w));
        var truth = Jaccard(FormLetter, variant);
        Assert.InRange(truth, 0.4, 0.6);
        CampaignInput[] pair = [new(1, FormLetter), new(2, variant)];

        Assert.Single(CampaignDetector.Detect(pair, new CampaignOptions { Threshold = truth - 0.2 }));
        Assert.Empty(CampaignDetector.Detect(pair, new CampaignOptions { Threshold = truth + 0.2 }));
    }

    [Fact]
    public void A_chain_of_similar_comments_is_one_campaign()
    {
        // Each step is a small edit of the previous one; the ends are further apart than the threshold allows directly.
        var words = FormLetter.Split(' ');
        var chain = new List<CampaignInput>();
        for (var step = 0; step < 12; step++)
        {
            var s = step;
            chain.Add(new CampaignInput(step, string.Join(' ', words.Select((w, i) => i < s * 4 && i % 2 == 0 ? "edited" + i : w))));
        }

        var detector = new CampaignDetector();
        Assert.True(detector.EstimateSimilarity(chain[0].Text, chain[^1].Text) < 0.8);

        var campaign = Assert.Single(CampaignDetector.Detect(chain));

        Assert.Equal(12, campaign.Count);
    }

    [Fact]
    public void The_same_seed_gives_the_same_campaigns_whatever_the_batching()
    {
        var comments = Shuffle(Variants().Select((t, i) => new CampaignInput(i, t)).Concat(Unrelated.Select((t, i) => new CampaignInput(500 + i, t))).ToList(), seed: 7);
        var options = new CampaignOptions { Seed = 12345, Threshold = 0.6 };

        var once = CampaignDetector.Detect(comments, options);
        var streamed = new CampaignDetector(options);
        streamed.Add(comments.Take(5).ToList());
        streamed.Add(comments.Skip(5).ToList());
        var twice = streamed.Detect(id => comments.Single(c => c.CommentId == id).Text);

        Assert.Equal(Describe(once), Describe(twice));
        Assert.Equal(Describe(once), Describe(CampaignDetector.Detect(comments, options)));
    }

    [Fact]
    public void Grouping_stops_between_its_steps_for_the_caller_and_finds_the_same_campaigns()
    {
        var comments = Shuffle(Variants().Select((t, i) => new CampaignInput(i, t)).Concat(Unrelated.Select((t, i) => new CampaignInput(500 + i, t))).ToList(), seed: 7);
        var stops = 0;
        var options = new CampaignOptions { BetweenSteps = () => stops++ };

        var detector = new CampaignDetector(options);
        detector.Add(comments);
        var found = detector.Detect(id => comments.Single(c => c.CommentId == id).Text);

        // After the exact copies, then after every band.
        Assert.Equal(1 + detector.Bands, stops);
        Assert.Equal(Describe(CampaignDetector.Detect(comments)), Describe(found));
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void Any_seed_finds_the_same_clear_campaign(ulong seed)
    {
        var comments = Variants().Select((t, i) => new CampaignInput(i, t)).Concat(Unrelated.Select((t, i) => new CampaignInput(500 + i, t))).ToList();

        var campaign = Assert.Single(CampaignDetector.Detect(comments, new CampaignOptions { Seed = seed }));

        Assert.Equal(Variants().Length, campaign.Count);
    }

    [Fact]
    public void Estimates_are_the_same_on_every_machine()
    {
        // Pinned so that the AVX-512, AVX2 and scalar paths (DOTNET_EnableAVX512F=0, DOTNET_EnableHWIntrinsic=0) must agree.
        var detector = new CampaignDetector(new CampaignOptions { Seed = 42 });

        var estimate = detector.EstimateSimilarity(FormLetter, Variants()[6]);

        Assert.Equal(0.898039, Math.Round(estimate, 6));
    }

    [Fact]
    public void Minimum_members_filters_small_groups()
    {
        CampaignInput[] comments = [new(1, FormLetter), new(2, FormLetter), new(3, "Same words here."), new(4, "same words here.")];

        var campaigns = CampaignDetector.Detect(comments, new CampaignOptions { MinimumMembers = 3 });

        Assert.Empty(campaigns);
    }

    [Fact]
    public void Campaigns_come_largest_first_with_members_in_comment_order()
    {
        var comments = new List<CampaignInput>();
        for (var i = 0; i < 3; i++)
        {
            comments.Add(new CampaignInput(10 + i, Unrelated[0]));
        }

        for (var i = 0; i < 5; i++)
        {
            comments.Add(new CampaignInput(20 + i, Unrelated[1]));
        }

        var campaigns = CampaignDetector.Detect(comments);

        Assert.Equal([5, 3], campaigns.Select(c => c.Count));
        Assert.Equal([20L, 21, 22, 23, 24], campaigns[0].MemberIds);
    }

    [Theory]
    [InlineData(0.8, 18, 7)]
    [InlineData(0.5, 42, 3)]
    [InlineData(0.9, 10, 12)]
    public void Bands_and_rows_follow_the_threshold(double threshold, int bands, int rows)
    {
        var detector = new CampaignDetector(new CampaignOptions { Threshold = threshold });

        Assert.Equal((bands, rows), (detector.Bands, detector.Rows));
        Assert.True(1 - Math.Pow(1 - Math.Pow(threshold, rows), bands) >= 0.95);
    }

    [Theory]
    [InlineData(0.0, 3, 128, 2)]
    [InlineData(1.1, 3, 128, 2)]
    [InlineData(0.8, 0, 128, 2)]
    [InlineData(0.8, 3, 100, 2)]
    [InlineData(0.8, 3, 128, 1)]
    public void Nonsense_options_are_refused(double threshold, int shingle, int functions, int minimum)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CampaignDetector(new CampaignOptions
        {
            Threshold = threshold,
            ShingleSize = shingle,
            HashFunctions = functions,
            MinimumMembers = minimum,
        }));
    }

    [Fact]
    public void Nothing_added_means_no_campaigns()
    {
        Assert.Empty(new CampaignDetector().Detect());
    }

    /// <summary>Copies of the letter as people send them: untouched, with a personal opening, a word swapped, a word dropped, a signature.</summary>
    private static string[] Variants() =>
    [
        FormLetter,
        FormLetter,
        "My name is Amina Diallo and " + char.ToLowerInvariant(FormLetter[0]) + FormLetter[1..],
        FormLetter.Replace("strengthen", "reinforce"),
        FormLetter.Replace("small businesses, ", ""),
        FormLetter + " Sincerely, Jean Dubois",
        "Dear members of the committee, " + FormLetter.Replace("must not", "should never"),
        FormLetter.Replace("in my region", "in the Pacific"),
        "As a teacher from Quito, " + FormLetter.Replace("I also ask", "I ask"),
        FormLetter.Replace("independent review", "regular independent review") + " Thank you, Kwame.",
    ];

    private static List<CampaignInput> Shuffle(List<CampaignInput> items, int seed)
    {
        var random = new Random(seed);
        var copy = items.ToList();
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(copy));
        return copy;
    }

    private static string Describe(IReadOnlyList<Campaign> campaigns) =>
        string.Join(" | ", campaigns.Select(c => $"{c.CanonicalId}:{c.ExactCopies}:{string.Join(',', c.MemberIds)}:{c.CanonicalText}"));

    private static double Jaccard(string a, string b)
    {
        var sa = Shingles(a);
        var sb = Shingles(b);
        return (double)sa.Intersect(sb).Count() / sa.Union(sb).Count();
    }

    private static HashSet<string> Shingles(string text)
    {
        var words = System.Text.RegularExpressions.Regex.Matches(text.ToLowerInvariant(), @"[\p{L}\p{Nd}]+").Select(m => m.Value).ToArray();
        return Enumerable.Range(0, words.Length - 2).Select(i => $"{words[i]} {words[i + 1]} {words[i + 2]}").ToHashSet();
    }
}
