using System.Text;
using EqualFooting.Consultations;

namespace EqualFooting.Tests.Consultations;

public class WordDiffTests
{
    public static TheoryData<string, string> Pairs => new()
    {
        { "The draft should protect privacy.", "The draft must protect privacy online." },
        { "", "A new paragraph." },
        { "An old paragraph.", "" },
        { "Same text.", "Same text." },
        { "Two  spaces,\tand a tab.", "Two spaces, and\na newline." },
        { "Rights offline; rights online!", "Rights offline — and rights online?" },
        { "a b c d e f g", "g f e d c b a" },
        { "Participação multissetorial é essencial.", "A participação multissetorial é essencial 👍." },
        { "governments, the private sector, civil society", "governments, civil society, the private sector and academia" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Segments_rebuild_both_texts_exactly(string before, string after)
    {
        var segments = WordDiff.Compare(before, after);

        Assert.Equal(before, Join(segments, DiffKind.Deleted));
        Assert.Equal(after, Join(segments, DiffKind.Inserted));
        Assert.DoesNotContain(segments, s => s.Text.Length == 0);
        for (var i = 1; i < segments.Count; i++)
        {
            Assert.False(segments[i].Kind == segments[i - 1].Kind, "Adjacent segments of the same kind should be joined.");
        }
    }

    [Fact]
    public void A_changed_word_shows_as_deleted_then_inserted()
    {
        var segments = WordDiff.Compare("The draft should protect privacy.", "The draft must protect privacy online.");

        Assert.Equal(
            [
                new DiffSegment(DiffKind.Equal, "The draft "),
                new DiffSegment(DiffKind.Deleted, "should"),
                new DiffSegment(DiffKind.Inserted, "must"),
                new DiffSegment(DiffKind.Equal, " protect privacy"),
                new DiffSegment(DiffKind.Inserted, " online"),
                new DiffSegment(DiffKind.Equal, "."),
            ],
            segments);
    }

    [Fact]
    public void Consecutive_changed_words_read_as_one_change()
    {
        var segments = WordDiff.Compare("ensure the quick brown review of comments", "ensure the slow red review of comments");

        Assert.Equal(
            [
                new DiffSegment(DiffKind.Equal, "ensure the "),
                new DiffSegment(DiffKind.Deleted, "quick brown"),
                new DiffSegment(DiffKind.Inserted, "slow red"),
                new DiffSegment(DiffKind.Equal, " review of comments"),
            ],
            segments);
    }

    [Fact]
    public void Punctuation_is_its_own_token()
    {
        var segments = WordDiff.Compare("open, transparent and accountable", "open; transparent and accountable");

        Assert.Equal(
            [
                new DiffSegment(DiffKind.Equal, "open"),
                new DiffSegment(DiffKind.Deleted, ","),
                new DiffSegment(DiffKind.Inserted, ";"),
                new DiffSegment(DiffKind.Equal, " transparent and accountable"),
            ],
            segments);
    }

    [Fact]
    public void Case_changes_count_as_changes()
    {
        var segments = WordDiff.Compare("internet governance", "Internet governance");

        Assert.Equal(DiffKind.Deleted, segments[0].Kind);
        Assert.Equal("internet", segments[0].Text);
    }

    [Fact]
    public void Identical_texts_are_one_equal_segment()
    {
        Assert.Equal([new DiffSegment(DiffKind.Equal, "Unchanged.")], WordDiff.Compare("Unchanged.", "Unchanged."));
        Assert.Empty(WordDiff.Compare("", ""));
    }

    [Fact]
    public void A_rewrite_beyond_the_edit_bound_is_shown_as_replaced()
    {
        var before = string.Join(' ', Enumerable.Range(0, 1_500).Select(i => "old" + i));
        var after = string.Join(' ', Enumerable.Range(0, 1_500).Select(i => "new" + i));

        var segments = WordDiff.Compare(before, after);

        Assert.Equal([new DiffSegment(DiffKind.Deleted, before), new DiffSegment(DiffKind.Inserted, after)], segments);
    }

    [Fact]
    public void Diffs_are_minimal_on_a_long_paragraph_with_scattered_edits()
    {
        var words = Enumerable.Range(0, 400).Select(i => "w" + (i % 37)).ToArray();
        var before = string.Join(' ', words);
        var edited = (string[])words.Clone();
        edited[10] = "changed";
        edited[200] = "changed";
        edited[390] = "changed";
        var after = string.Join(' ', edited);

        var segments = WordDiff.Compare(before, after);

        Assert.Equal(["w10", "w15", "w20"], segments.Where(s => s.Kind == DiffKind.Deleted).Select(s => s.Text));
        Assert.Equal(["changed", "changed", "changed"], segments.Where(s => s.Kind == DiffKind.Inserted).Select(s => s.Text));
    }

    private static string Join(IEnumerable<DiffSegment> segments, DiffKind other)
    {
        var sb = new StringBuilder();
        foreach (var s in segments)
        {
            if (s.Kind == DiffKind.Equal || s.Kind == other)
            {
                sb.Append(s.Text);
            }
        }

        return sb.ToString();
    }
}
