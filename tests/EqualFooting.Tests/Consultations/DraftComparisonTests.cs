using EqualFooting.Consultations;

namespace EqualFooting.Tests.Consultations;

public class DraftComparisonTests
{
    private const string Version1 =
        "# Roadmap for the future evolution of the Internet governance ecosystem\n\n"
        + "Internet governance should be carried out through a distributed, decentralised and multistakeholder ecosystem.\n\n"
        + "Stakeholders should have the opportunity to participate in discussions of interest to them.\n\n"
        + "The IGF mandate should be extended beyond 2015.\n\n"
        + "Enhanced cooperation should be implemented on a priority basis.";

    private const string Version2 =
        "# Roadmap for the future evolution of the Internet governance ecosystem\n\n"
        + "The IGF mandate should be extended beyond 2015, with stable and predictable funding.\n\n"
        + "Internet governance should be carried out through a distributed, decentralised and multistakeholder ecosystem.\n\n"
        + "Capacity building for developing countries needs dedicated funding.\n\n"
        + "Stakeholders should have the opportunity to participate in discussions of interest to them.";

    [Fact]
    public void Summarises_and_diffs_a_revision_paragraph_by_paragraph()
    {
        var v1 = DraftParagraphs.Number(Version1);
        var v2 = DraftParagraphs.Revise(v1, Version2).Paragraphs;

        var comparison = DraftComparison.Compare(v1, v2);

        Assert.Equal((3, 1, 1, 1), (comparison.Unchanged, comparison.Changed, comparison.Added, comparison.Removed));
        Assert.Equal(
            [
                (ParagraphChangeKind.Unchanged, 1, (int?)1, (int?)1),
                (ParagraphChangeKind.Changed, 4, 4, 2),
                (ParagraphChangeKind.Unchanged, 2, 2, 3),
                (ParagraphChangeKind.Added, 6, null, 4),
                (ParagraphChangeKind.Unchanged, 3, 3, 5),
                (ParagraphChangeKind.Removed, 5, 5, null),
            ],
            comparison.Paragraphs.Select(p => (p.Kind, p.ParagraphId, p.OldNumber, p.NewNumber)));

        var changed = comparison.Paragraphs[1];
        Assert.True(changed.Moved);
        Assert.Equal(
            [
                new DiffSegment(DiffKind.Equal, "The IGF mandate should be extended beyond 2015"),
                new DiffSegment(DiffKind.Inserted, ", with stable and predictable funding"),
                new DiffSegment(DiffKind.Equal, "."),
            ],
            changed.Segments);
        Assert.False(comparison.Paragraphs[2].Moved);
        Assert.False(comparison.Paragraphs[4].Moved);
    }

    [Fact]
    public void Paragraphs_removed_at_the_top_are_shown_first()
    {
        var v1 = DraftParagraphs.Number("Preamble to drop.\n\nKept paragraph.");
        var v2 = DraftParagraphs.Revise(v1, "Kept paragraph.").Paragraphs;

        var comparison = DraftComparison.Compare(v1, v2);

        Assert.Equal([ParagraphChangeKind.Removed, ParagraphChangeKind.Unchanged], comparison.Paragraphs.Select(p => p.Kind));
        Assert.Equal([new DiffSegment(DiffKind.Deleted, "Preamble to drop.")], comparison.Paragraphs[0].Segments);
    }

    [Fact]
    public void Swapping_two_paragraphs_marks_one_as_moved()
    {
        var v1 = DraftParagraphs.Number("A first.\n\nB second.\n\nC third.");
        var v2 = DraftParagraphs.Revise(v1, "A first.\n\nC third.\n\nB second.").Paragraphs;

        var comparison = DraftComparison.Compare(v1, v2);

        Assert.Equal(3, comparison.Unchanged);
        Assert.Single(comparison.Paragraphs, p => p.Moved);
    }

    [Fact]
    public void An_insertion_above_does_not_mark_the_rest_as_moved()
    {
        var v1 = DraftParagraphs.Number("A first.\n\nB second.");
        var v2 = DraftParagraphs.Revise(v1, "New top.\n\nA first.\n\nB second.").Paragraphs;

        var comparison = DraftComparison.Compare(v1, v2);

        Assert.DoesNotContain(comparison.Paragraphs, p => p.Moved);
        Assert.Equal(1, comparison.Added);
    }

    [Fact]
    public void Duplicate_ids_are_a_programming_error()
    {
        DraftParagraph[] twice = [new(1, 1, "a"), new(1, 2, "b")];

        Assert.Throws<ArgumentException>(() => DraftComparison.Compare(twice, []));
    }
}
