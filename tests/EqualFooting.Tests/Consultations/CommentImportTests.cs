using EqualFooting.Common;
using EqualFooting.Consultations;

namespace EqualFooting.Tests.Consultations;

public class CommentImportTests
{
    private static readonly ImportTarget Target = new(
        new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["Government"] = 1, ["Civil society"] = 3 },
        new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["Africa"] = 10, ["Europe"] = 12 },
        new Dictionary<int, int> { [1] = 101, [2] = 102, [3] = 105 });

    private static IReadOnlyDictionary<string, int> Header(string line) => CommentImport.ReadHeader(Csv.Read(line).First()).Value;

    private static Result<ImportRow> Row(string header, string row) =>
        CommentImport.ReadRow(Csv.Read(row).Single(), 2, Header(header), Target);

    [Theory]
    [InlineData("author,stakeholder_group,region,text")]
    [InlineData("TEXT, Region ,Stakeholder_Group,Author,key,paragraph,country")]
    public void A_header_names_the_columns_in_any_order_and_case(string header)
    {
        var columns = Header(header);

        Assert.True(columns.ContainsKey("author") && columns.ContainsKey("text"));
    }

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("author,region,text", "lacks the required column(s) stakeholder_group")]
    [InlineData("author,stakeholder_group,region,text,email", "Unknown column \"email\"")]
    [InlineData("author,stakeholder_group,region,text,Text", "appears twice")]
    [InlineData("Amara,Civil society,Africa,Hello", "Unknown column \"Amara\"")]
    public void A_header_that_cannot_be_used_is_an_error_for_the_whole_file(string? header, string message)
    {
        var read = CommentImport.ReadHeader(header is null ? null : Csv.Read(header).First());

        Assert.Contains(message, read.Error!.Message);
    }

    [Fact]
    public void A_row_maps_names_to_ids_ignoring_case_and_the_paragraph_number_to_its_id()
    {
        var row = Row("author,stakeholder_group,region,country,paragraph,text", "Amara Okafor,civil SOCIETY,africa,NG,3,\"Please, consult early.\"").Value;

        Assert.Equal(("Amara Okafor", 3, 10, "NG", 105, "Please, consult early."), (row.Author, row.StakeholderGroupId, row.RegionId, row.Country, row.ParagraphId, row.Text));
        Assert.StartsWith("csv-", row.Key);
    }

    [Fact]
    public void An_empty_paragraph_is_a_comment_on_the_whole_draft_and_an_empty_country_is_none()
    {
        var row = Row("author,stakeholder_group,region,country,paragraph,text", "Ingrid,Government,Europe,,,On the whole draft.").Value;

        Assert.Null(row.ParagraphId);
        Assert.Null(row.Country);
    }

    [Theory]
    [InlineData(",Government,Europe,1,Text", "author", "empty")]
    [InlineData("Ana,Goverment,Europe,1,Text", "stakeholder_group", "No stakeholder group named \"Goverment\"")]
    [InlineData("Ana,Government,Mars,1,Text", "region", "No region named \"Mars\"")]
    [InlineData("Ana,Government,Europe,9,Text", "paragraph", "no paragraph 9")]
    [InlineData("Ana,Government,Europe,two,Text", "paragraph", "not a paragraph number")]
    [InlineData("Ana,Government,Europe,1,", "text", "empty")]
    [InlineData("Ana,Government,Europe,1", "", "has 4 field(s); the header has 5")]
    [InlineData("Ana,Government,Europe,1,Text,extra", "", "has 6 field(s)")]
    [InlineData("Ana,Gov\"ernment,Europe,1,Text", "", "double quote")]
    public void A_bad_row_names_its_field_and_reason(string line, string field, string reason)
    {
        var read = Row("author,stakeholder_group,region,paragraph,text", line);
        var rejection = CommentImport.Rejection(Csv.Read(line).Single(), 2, read.Error!);

        Assert.Equal(field, rejection.Field);
        Assert.Contains(reason, rejection.Reason);
        Assert.Equal(2, rejection.Row);
    }

    [Fact]
    public void Too_long_texts_are_rejected() =>
        Assert.Equal("text", Row("author,stakeholder_group,region,text", $"Ana,Government,Europe,{new string('x', Comment.TextMax + 1)}").Error!.Field);

    [Fact]
    public void The_default_key_depends_on_the_content_only()
    {
        const string header = "author,stakeholder_group,region,text";
        var a = Row(header, "Ana,Government,Europe,Same text").Value.Key;
        var again = CommentImport.ReadRow(Csv.Read("x\nAna,Government,Europe,Same text").Last(), 40, Header(header), Target).Value.Key;
        var other = Row(header, "Ana,Government,Europe,Other text").Value.Key;
        var crlf = Row(header, "Ana,Government,Europe,\"two\r\nlines\"").Value.Key;
        var lf = Row(header, "Ana,Government,Europe,\"two\nlines\"").Value.Key;

        Assert.Equal(a, again);
        Assert.NotEqual(a, other);
        Assert.Equal(crlf, lf);
        Assert.True(a.Length <= Comment.IdempotencyKeyMax);
    }

    [Fact]
    public void A_key_column_is_used_as_given() =>
        Assert.Equal("letter-17", Row("author,stakeholder_group,region,text,key", "Ana,Government,Europe,Text,letter-17").Value.Key);
}
