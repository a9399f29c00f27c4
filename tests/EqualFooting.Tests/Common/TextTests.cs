using EqualFooting.Common;

namespace EqualFooting.Tests.Common;

public sealed class TextTests
{
    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("bell\u0007")]
    [InlineData("escape \u001b[31m")]
    [InlineData("delete\u007f")]
    [InlineData("c1 \u0085 next line")]
    [InlineData("c1 \u009f")]
    public void Control_characters_are_refused_naming_the_field(string value)
    {
        var result = Text.Required("text", value, 100);

        Assert.Equal("text", result.Error?.Field);
        Assert.Contains("control characters", result.Error!.Message);
    }

    [Theory]
    [InlineData("two\nlines")]
    [InlineData("windows\r\nline")]
    [InlineData("tab\tseparated")]
    [InlineData("accents, é ü ñ, and emoji 🌍 and CJK 多方利益")]
    public void Line_breaks_tabs_and_any_printable_text_pass(string value)
    {
        Assert.Equal(value, Text.Required("text", value, 100).Value);
    }

    [Theory]
    [InlineData("name\uFFFE")]
    [InlineData("\uFFFFname")]
    [InlineData("a\uFDD0b")]
    [InlineData("a\uFDEFb")]
    [InlineData("plane one noncharacter \uD83F\uDFFE")]
    public void Noncharacters_and_unpaired_surrogates_are_refused_naming_the_field(string value)
    {
        var result = Text.Required("name", value, 100);

        Assert.Equal("name", result.Error?.Field);
        Assert.Contains("not text", result.Error!.Message);
        Assert.False(Text.IsText(value));
    }

    [Fact]
    public void Unpaired_surrogates_are_refused()
    {
        // Built in code: xunit turns an unpaired surrogate in [InlineData] into U+FFFD when it serialises the case.
        foreach (var value in new[] { "lone high " + (char)0xD800, "lone low " + (char)0xDC00 + " here", "reversed " + (char)0xDC00 + (char)0xD800 })
        {
            Assert.False(Text.IsText(value));
            Assert.Equal("name", Text.Required("name", value, 100).Error?.Field);
        }
    }

    [Theory]
    [InlineData("emoji 🌍 and 👩🏽‍💻 are pairs")]
    [InlineData("just below \uFDCF and above \uFDF0")]
    [InlineData("\uFFFD replacement character")]
    public void Surrogate_pairs_and_neighbours_of_the_noncharacters_are_text(string value)
    {
        Assert.True(Text.IsText(value));
        Assert.Equal(value, Text.Required("name", value, 100).Value);
    }

    [Fact]
    public void Text_longer_than_the_limit_is_refused_with_its_length()
    {
        var result = Text.Required("text", new string('x', 101), 100);

        Assert.Contains("at most 100 characters (it has 101)", result.Error!.Message);
    }
}
