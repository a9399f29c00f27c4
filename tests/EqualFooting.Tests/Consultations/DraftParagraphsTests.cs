using EqualFooting.Consultations;

namespace EqualFooting.Tests.Consultations;

public class DraftParagraphsTests
{
    private const string HumanRights =
        "Human rights are universal as reflected in the Universal Declaration of Human Rights and that should underpin "
        + "Internet governance principles. Rights that people have offline must also be protected online.";

    private const string Expression =
        "Freedom of expression: everyone has the right to freedom of opinion and expression; this right includes freedom "
        + "to hold opinions without interference and to seek, receive and impart information and ideas through any media.";

    private const string Privacy =
        "Privacy: the right to privacy must be protected. This includes not being subject to arbitrary or unlawful "
        + "surveillance, collection, treatment and use of personal data.";

    private const string Multistakeholder =
        "Internet governance should be built on democratic, multistakeholder processes, ensuring the meaningful and "
        + "accountable participation of all stakeholders, including governments, the private sector, civil society, the "
        + "technical community, the academic community and users.";

    private static readonly string Draft = string.Join("\n\n",
        "# NETmundial Multistakeholder Statement",
        "## Internet governance principles",
        HumanRights,
        Expression,
        Privacy,
        "## Process principles",
        Multistakeholder);

    [Fact]
    public void Blocks_separated_by_blank_lines_are_paragraphs_and_headings_stand_alone()
    {
        var paragraphs = DraftParagraphs.Split(Draft);

        Assert.Equal(7, paragraphs.Count);
        Assert.Equal("# NETmundial Multistakeholder Statement", paragraphs[0]);
        Assert.Equal(Privacy, paragraphs[4]);
    }

    [Theory]
    [InlineData("# Title\nFirst paragraph\ncontinues here.", new[] { "# Title", "First paragraph\ncontinues here." })]
    [InlineData("Text before\n## Heading\nText after", new[] { "Text before", "## Heading", "Text after" })]
    [InlineData("Setext title\n============\n\nBody.", new[] { "Setext title\n============", "Body." })]
    [InlineData("#hashtag is not a heading", new[] { "#hashtag is not a heading" })]
    [InlineData("One\r\n\r\nTwo\rThree", new[] { "One", "Two\nThree" })]
    [InlineData("\n\n  \nOnly one.   \n\n\n", new[] { "Only one." })]
    [InlineData("", new string[0])]
    public void Splits_ordinary_text(string markdown, string[] expected)
    {
        Assert.Equal(expected, DraftParagraphs.Split(markdown));
    }

    [Fact]
    public void A_list_stays_one_paragraph_across_blank_lines_between_items()
    {
        const string markdown = "The principles are:\n- openness\n- accountability\n\n- inclusiveness\n\n  with a continued item\n\nAfter the list.";

        var paragraphs = DraftParagraphs.Split(markdown);

        Assert.Equal(["The principles are:\n- openness\n- accountability\n\n- inclusiveness\n\n  with a continued item", "After the list."], paragraphs);
    }

    [Fact]
    public void An_ordered_list_stays_one_paragraph()
    {
        const string markdown = "1. Consult\n\n2. Analyse the comments\n\n3) Publish the next version\n\nEnd.";

        Assert.Equal(["1. Consult\n\n2. Analyse the comments\n\n3) Publish the next version", "End."], DraftParagraphs.Split(markdown));
    }

    [Fact]
    public void A_block_quote_stays_one_paragraph()
    {
        const string markdown = "> It is not enough to say all stakeholders are welcome.\n>\n> We must make sure that participation is equally valued.\n\n> Second part of the same quotation.\n\nCommentary.";

        var paragraphs = DraftParagraphs.Split(markdown);

        Assert.Equal(2, paragraphs.Count);
        Assert.StartsWith("> It is not enough", paragraphs[0]);
        Assert.EndsWith("> Second part of the same quotation.", paragraphs[0]);
        Assert.Equal("Commentary.", paragraphs[1]);
    }

    [Theory]
    [InlineData("```")]
    [InlineData("~~~~")]
    public void A_fenced_code_block_with_blank_lines_is_not_split(string fence)
    {
        var markdown = $"Example:\n{fence}json\n{{\n  \"a\": 1,\n\n\n  \"b\": 2\n}}\n{fence}\nAfter the code.\n\nNext.";

        var paragraphs = DraftParagraphs.Split(markdown);

        Assert.Equal(["Example:", $"{fence}json\n{{\n  \"a\": 1,\n\n\n  \"b\": 2\n}}\n{fence}", "After the code.", "Next."], paragraphs);
    }

    [Fact]
    public void A_shorter_fence_does_not_close_a_longer_one_and_an_unclosed_fence_runs_to_the_end()
    {
        const string markdown = "````\ncode\n```\n\n# not a heading\n\nstill code";

        Assert.Equal([markdown], DraftParagraphs.Split(markdown));
    }

    [Fact]
    public void A_fence_inside_a_list_item_belongs_to_the_list()
    {
        const string markdown = "- Run:\n\n  ```\n  step one\n\n  step two\n  ```\n- Done\n\nAfter.";

        var paragraphs = DraftParagraphs.Split(markdown);

        Assert.Equal(["- Run:\n\n  ```\n  step one\n\n  step two\n  ```\n- Done", "After."], paragraphs);
    }

    [Fact]
    public void An_indented_code_block_stays_one_paragraph()
    {
        const string markdown = "Intro.\n\n    line one\n\n    line two\n\nOutro.";

        Assert.Equal(["Intro.", "    line one\n\n    line two", "Outro."], DraftParagraphs.Split(markdown));
    }

    [Fact]
    public void First_version_is_numbered_from_one()
    {
        var paragraphs = DraftParagraphs.Number(Draft);

        Assert.Equal(Enumerable.Range(1, 7), paragraphs.Select(p => p.Id));
        Assert.Equal(Enumerable.Range(1, 7), paragraphs.Select(p => p.Number));
    }

    [Fact]
    public void Inserting_a_paragraph_at_the_top_keeps_every_old_id()
    {
        var v1 = DraftParagraphs.Number(Draft);
        var preamble = "This document is the outcome of an open consultation held in São Paulo in April 2014.";

        var v2 = DraftParagraphs.Revise(v1, preamble + "\n\n" + Draft);

        Assert.Equal(8, v2.Paragraphs[0].Id);
        Assert.Equal([8, 1, 2, 3, 4, 5, 6, 7], v2.Paragraphs.Select(p => p.Id));
        Assert.Equal(Enumerable.Range(1, 8), v2.Paragraphs.Select(p => p.Number));
        Assert.Equal([8], v2.AddedIds);
        Assert.Empty(v2.EditedIds);
        Assert.Empty(v2.Removed);
        Assert.Equal(9, v2.NextId);
    }

    [Fact]
    public void Splitting_a_paragraph_keeps_its_id_on_the_larger_first_part()
    {
        var v1 = DraftParagraphs.Number(Draft);
        var split = Draft.Replace(
            "and to seek, receive and impart information and ideas through any media.",
            "and to seek, receive and impart information.\n\nIdeas may be shared through any media.");

        var v2 = DraftParagraphs.Revise(v1, split);

        Assert.Equal([1, 2, 3, 4, 8, 5, 6, 7], v2.Paragraphs.Select(p => p.Id));
        Assert.Equal([4], v2.EditedIds);
        Assert.Equal([8], v2.AddedIds);
        Assert.Empty(v2.Removed);
    }

    [Fact]
    public void Merging_two_paragraphs_keeps_the_first_id_and_reports_the_second_removed()
    {
        var v1 = DraftParagraphs.Number(Draft);
        var merged = Draft.Replace(Expression + "\n\n" + Privacy, Expression + " " + Privacy);

        var v2 = DraftParagraphs.Revise(v1, merged);

        Assert.Equal([1, 2, 3, 4, 6, 7], v2.Paragraphs.Select(p => p.Id));
        Assert.Equal([4], v2.EditedIds);
        Assert.Equal([5], v2.Removed.Select(p => p.Id));
        Assert.Equal(Privacy, v2.Removed[0].Text);
        Assert.Empty(v2.AddedIds);
    }

    [Fact]
    public void Reordering_paragraphs_keeps_ids_and_changes_only_numbers()
    {
        var v1 = DraftParagraphs.Number(Draft);
        var reordered = Draft.Replace(Expression + "\n\n" + Privacy, Privacy + "\n\n" + Expression);

        var v2 = DraftParagraphs.Revise(v1, reordered);

        Assert.Equal([1, 2, 3, 5, 4, 6, 7], v2.Paragraphs.Select(p => p.Id));
        Assert.Equal(4, v2.Paragraphs.Single(p => p.Id == 5).Number);
        Assert.Empty(v2.EditedIds);
        Assert.Empty(v2.AddedIds);
        Assert.Empty(v2.Removed);
    }

    [Fact]
    public void Editing_words_keeps_the_id_and_marks_the_paragraph_edited()
    {
        var v1 = DraftParagraphs.Number(Draft);
        var edited = Draft.Replace("must be protected. This includes", "must be respected and protected, offline and online. This includes");

        var v2 = DraftParagraphs.Revise(v1, edited);

        Assert.Equal(Enumerable.Range(1, 7), v2.Paragraphs.Select(p => p.Id));
        Assert.Equal([5], v2.EditedIds);
        Assert.Contains("respected and protected", v2.Paragraphs[4].Text);
    }

    [Fact]
    public void Several_edits_at_once_are_told_apart()
    {
        var v1 = DraftParagraphs.Number(Draft);
        var rewritten = "Cybersecurity: stakeholders should cooperate to prevent attacks on critical infrastructure and to respond to incidents.";
        var v2Text = string.Join("\n\n",
            "# NETmundial Multistakeholder Statement",
            "## Principles",
            Expression.Replace("any media", "any media and regardless of frontiers"),
            HumanRights,
            rewritten,
            "## Process principles",
            Multistakeholder);

        var v2 = DraftParagraphs.Revise(v1, v2Text);

        // The shortened heading is still mostly the old one; the privacy paragraph was replaced outright.
        Assert.Equal([1, 2, 4, 3, 8, 6, 7], v2.Paragraphs.Select(p => p.Id));
        Assert.Equal([2, 4], v2.EditedIds);
        Assert.Equal([8], v2.AddedIds);
        Assert.Equal([5], v2.Removed.Select(p => p.Id));
    }

    [Fact]
    public void Removed_ids_are_never_handed_out_again()
    {
        var v1 = DraftParagraphs.Number("Alpha beta gamma.\n\nDelta epsilon zeta.");
        var v2 = DraftParagraphs.Revise(v1, "Alpha beta gamma.");
        Assert.Equal(3, v2.NextId);

        var v3 = DraftParagraphs.Revise(v2.Paragraphs, "Alpha beta gamma.\n\nSomething entirely new here.", v2.NextId);

        Assert.Equal([1, 3], v3.Paragraphs.Select(p => p.Id));
        Assert.Equal(4, v3.NextId);
    }

    [Fact]
    public void Identical_paragraphs_keep_distinct_ids_in_order()
    {
        var v1 = DraftParagraphs.Number("[Reserved]\n\nText.\n\n[Reserved]");

        var v2 = DraftParagraphs.Revise(v1, "Text.\n\n[Reserved]\n\n[Reserved]");

        Assert.Equal([2, 1, 3], v2.Paragraphs.Select(p => p.Id));
    }

    [Fact]
    public void An_old_id_goes_to_the_better_match_even_when_a_weaker_one_comes_first()
    {
        var v1 = DraftParagraphs.Number("the committee will publish all comments received and the reasons for each disposition");

        var v2 = DraftParagraphs.Revise(v1,
            "the committee will publish all comments received\n\n"
            + "the committee will publish all comments received and the reasons for every disposition");

        Assert.Equal([2, 1], v2.Paragraphs.Select(p => p.Id));
    }

    [Theory]
    [InlineData(0.5, true)]
    [InlineData(0.9, false)]
    public void The_similarity_setting_decides_whether_an_edit_keeps_its_id(double similarity, bool keeps)
    {
        var v1 = DraftParagraphs.Number("Governments should consult all stakeholders before adopting new rules on the Internet.");

        var v2 = DraftParagraphs.Revise(v1, "Governments must consult every stakeholder group before adopting any rules on the Internet.", similarity: similarity);

        Assert.Equal(keeps, v2.Paragraphs[0].Id == 1);
    }

    [Theory]
    [InlineData("# Principles", true)]
    [InlineData("### Roadmap ###", true)]
    [InlineData("   ## Indented up to three spaces", true)]
    [InlineData("Principles\n==========", true)]
    [InlineData("Roadmap\n---", true)]
    [InlineData("#hashtag is text, not a heading", false)]
    [InlineData("####### seven is too many", false)]
    [InlineData("    # four spaces is code", false)]
    [InlineData("Human rights apply online as offline.", false)]
    [InlineData("- a list\n- of two", false)]
    [InlineData("First line\nsecond line\n---", false)]
    public void Headings_are_told_from_paragraphs(string text, bool heading) =>
        Assert.Equal(heading, DraftParagraphs.IsHeading(text));
}
