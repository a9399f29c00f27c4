using System.Text;
using EqualFooting.Common;

namespace EqualFooting.Tests.Common;

public class CsvTests
{
    private static List<CsvRecord> Read(string text) => Csv.Read(text).ToList();

    [Theory]
    [InlineData("a,b,c", new[] { "a", "b", "c" })]
    [InlineData("a,,c", new[] { "a", "", "c" })]
    [InlineData(",", new[] { "", "" })]
    [InlineData("\"a,b\",c", new[] { "a,b", "c" })]
    [InlineData("\"say \"\"hi\"\"\",x", new[] { "say \"hi\"", "x" })]
    [InlineData("\"\",x", new[] { "", "x" })]
    [InlineData("\"line 1\nline 2\",x", new[] { "line 1\nline 2", "x" })]
    [InlineData("\"line 1\r\nline 2\",x", new[] { "line 1\r\nline 2", "x" })]
    [InlineData(" spaced , kept ", new[] { " spaced ", " kept " })]
    [InlineData("São Paulo,Côte d’Ivoire,日本", new[] { "São Paulo", "Côte d’Ivoire", "日本" })]
    public void Reads_fields_as_RFC_4180_says(string text, string[] expected)
    {
        var record = Assert.Single(Read(text));

        Assert.Null(record.Error);
        Assert.Equal(expected, record.Fields);
    }

    [Theory]
    [InlineData("h1,h2\r\na,b\r\nc,d\r\n")]
    [InlineData("h1,h2\na,b\nc,d\n")]
    [InlineData("h1,h2\na,b\nc,d")]
    [InlineData("h1,h2\n\na,b\n\n\nc,d\n\n")]
    public void Records_end_at_CRLF_or_LF_and_blank_lines_are_skipped(string text)
    {
        var records = Read(text);

        Assert.Equal([["h1", "h2"], ["a", "b"], ["c", "d"]], records.Select(r => r.Fields.ToArray()).ToArray());
    }

    [Fact]
    public void Records_know_the_line_they_start_on_even_after_embedded_line_breaks()
    {
        var records = Read("h\n\"one\ntwo\nthree\"\nnext\n\nlast");

        Assert.Equal([1, 2, 5, 7], records.Select(r => r.Line));
    }

    [Fact]
    public void A_byte_order_mark_is_not_part_of_the_first_column()
    {
        var withBom = Csv.DecodeUtf8([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("author,text\n")]);

        Assert.Equal("author", Read(withBom!)[0].Fields[0]);
        Assert.Equal("author", Read("\uFEFFauthor,text")[0].Fields[0]);
    }

    [Fact]
    public void Bytes_that_are_not_UTF_8_are_refused() =>
        Assert.Null(Csv.DecodeUtf8([0x61, 0xE9, 0x2C, 0x62])); // "aé,b" in Latin-1

    [Theory]
    [InlineData("a,b\"c,d\nnext,row", "double quote inside a field")]
    [InlineData("\"a\"b,c\nnext,row", "Text after the closing quote")]
    public void A_malformed_record_is_reported_and_reading_resumes_at_the_next_line(string text, string reason)
    {
        var records = Read(text);

        Assert.Equal(2, records.Count);
        Assert.Contains(reason, records[0].Error);
        Assert.Equal(1, records[0].Line);
        Assert.Null(records[1].Error);
        Assert.Equal(["next", "row"], records[1].Fields);
        Assert.Equal(2, records[1].Line);
    }

    [Fact]
    public void A_quote_never_closed_is_reported_from_the_line_it_opened_on()
    {
        var records = Read("h\nok\n\"open\nmore,lines\n");

        Assert.Equal(3, records.Count);
        Assert.Equal(3, records[2].Line);
        Assert.Contains("opened on line 3 is never closed", records[2].Error);
    }

    [Fact]
    public void Ragged_rows_keep_their_own_field_count()
    {
        var records = Read("a,b,c\n1,2\n1,2,3,4");

        Assert.Equal([3, 2, 4], records.Select(r => r.Fields.Count));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("with, comma")]
    [InlineData("with \"quotes\"")]
    [InlineData("two\nlines")]
    [InlineData("")]
    public void Quoted_fields_read_back_the_same(string value) =>
        Assert.Equal(value, Read(Csv.Quote(value) + ",end")[0].Fields[0]);
}
