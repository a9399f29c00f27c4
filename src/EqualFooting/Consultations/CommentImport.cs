using System.Security.Cryptography;
using System.Text;
using EqualFooting.Common;

namespace EqualFooting.Consultations;

/// <summary>A row of an import file that was not stored, and why.</summary>
/// <param name="Row">The row as a spreadsheet numbers it: the header is row 1.</param>
/// <param name="Line">The line of the file the row starts on (differs from the row when fields hold line breaks).</param>
public sealed record ImportRejection(int Row, int Line, string Field, string Reason);

/// <summary>A row ready to store: names already resolved to this process's stakeholder group and region.</summary>
/// <param name="ParagraphId">Null for a comment on the whole draft.</param>
public sealed record ImportRow(int Row, int Line, string Author, int StakeholderGroupId, int RegionId, string? Country, int? ParagraphId, string Text, string Key);

/// <summary>What the file's rows are checked against: the process's groups and regions and the latest version's paragraphs.</summary>
/// <param name="Paragraphs">Paragraph number (as shown on the draft) to paragraph id, in the latest version.</param>
public sealed record ImportTarget(IReadOnlyDictionary<string, int> StakeholderGroups, IReadOnlyDictionary<string, int> Regions, IReadOnlyDictionary<int, int> Paragraphs);

/// <summary>
/// Reading comments that came by e-mail or on paper from a CSV file with a header row. Columns, in any order, names
/// matched without regard to case: <c>author</c>, <c>stakeholder_group</c>, <c>region</c> and <c>text</c> are
/// required; <c>country</c>, <c>paragraph</c> (the number shown on the latest version; empty for the whole draft)
/// and <c>key</c> (an idempotency key) are optional. Group and region are matched by name, ignoring case.
/// </summary>
public static class CommentImport
{
    public static readonly IReadOnlyList<string> Required = ["author", "stakeholder_group", "region", "text"];
    public static readonly IReadOnlyList<string> Optional = ["country", "paragraph", "key"];

    /// <summary>Column name to index, or why the header cannot be used (then nothing in the file is stored).</summary>
    public static Result<IReadOnlyDictionary<string, int>> ReadHeader(CsvRecord? header)
    {
        if (header is null)
        {
            return Error.Invalid("header", "The file is empty: it needs a header row naming the columns.");
        }

        if (header.Error is { } malformed)
        {
            return Error.Invalid("header", $"The header row (line {header.Line}) is malformed: {malformed}");
        }

        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var name = header.Fields[i].Trim();
            if (!Required.Contains(name, StringComparer.OrdinalIgnoreCase) && !Optional.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                return Error.Invalid("header", $"Unknown column \"{name}\" in the header row. The columns are: {string.Join(", ", Required.Concat(Optional))}.");
            }

            if (!columns.TryAdd(name, i))
            {
                return Error.Invalid("header", $"The column \"{name}\" appears twice in the header row.");
            }
        }

        var missing = Required.Where(r => !columns.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            return Error.Invalid("header", $"The header row lacks the required column(s) {string.Join(", ", missing)}. The columns are: {string.Join(", ", Required.Concat(Optional))}.");
        }

        return columns;
    }

    /// <summary>One data record checked against the target: the row to store, or the first problem found in it.</summary>
    public static Result<ImportRow> ReadRow(CsvRecord record, int row, IReadOnlyDictionary<string, int> columns, ImportTarget target)
    {
        if (record.Error is { } malformed)
        {
            return Error.Invalid("", malformed);
        }

        if (record.Fields.Count != columns.Count)
        {
            return Error.Invalid("", $"The row has {record.Fields.Count} field(s); the header has {columns.Count}.");
        }

        string Field(string name) => columns.TryGetValue(name, out var i) ? record.Fields[i].Trim() : "";

        var author = Field("author");
        if (author.Length == 0)
        {
            return Error.Invalid("author", "The author's name is empty.");
        }

        if (author.Length > Common.Text.NameMax)
        {
            return Error.Invalid("author", $"The author's name is longer than {Common.Text.NameMax} characters.");
        }

        if (!target.StakeholderGroups.TryGetValue(Field("stakeholder_group"), out var group))
        {
            return Error.Invalid("stakeholder_group", $"No stakeholder group named \"{Field("stakeholder_group")}\" in this process; it has: {string.Join(", ", target.StakeholderGroups.Keys)}.");
        }

        if (!target.Regions.TryGetValue(Field("region"), out var region))
        {
            return Error.Invalid("region", $"No region named \"{Field("region")}\" in this process; it has: {string.Join(", ", target.Regions.Keys)}.");
        }

        var country = Field("country");
        if (country.Length > Comment.CountryMax)
        {
            return Error.Invalid("country", $"The country is longer than {Comment.CountryMax} characters.");
        }

        int? paragraphId = null;
        var paragraph = Field("paragraph");
        if (paragraph.Length > 0)
        {
            if (!int.TryParse(paragraph.TrimStart('¶', '#', ' '), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
            {
                return Error.Invalid("paragraph", $"\"{paragraph}\" is not a paragraph number; leave it empty for a comment on the whole draft.");
            }

            if (!target.Paragraphs.TryGetValue(number, out var id))
            {
                return Error.Invalid("paragraph", $"The latest version has no paragraph {number} (it has {target.Paragraphs.Count}).");
            }

            paragraphId = id;
        }

        // Line breaks as in the file's own convention would make the same comment hash differently once re-saved.
        var text = Field("text").Replace("\r\n", "\n", StringComparison.Ordinal);
        if (text.Length == 0)
        {
            return Error.Invalid("text", "The comment text is empty.");
        }

        if (text.Length > Comment.TextMax)
        {
            return Error.Invalid("text", $"The comment is longer than {Comment.TextMax:N0} characters.");
        }

        var key = Field("key");
        if (key.Length > Comment.IdempotencyKeyMax)
        {
            return Error.Invalid("key", $"The key is longer than {Comment.IdempotencyKeyMax} characters.");
        }

        var normalisedCountry = country.Length == 0 ? null : country;
        return new ImportRow(row, record.Line, author, group, region, normalisedCountry, paragraphId, text,
            key.Length > 0 ? key : DefaultKey(author, group, region, normalisedCountry, paragraphId, text));
    }

    public static ImportRejection Rejection(CsvRecord record, int row, Error error) =>
        new(row, record.Line, error.Field ?? "", error.Message);

    /// <summary>
    /// The idempotency key of a row without one: a hash of what the row says (not of its position), so the same file
    /// imported again, or re-sorted, or with rows added, stores nothing twice. Two identical rows are one comment.
    /// </summary>
    public static string DefaultKey(string author, int group, int region, string? country, int? paragraphId, string text)
    {
        var content = string.Join('\u001f', author, group, region, country ?? "", paragraphId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "", text);
        return "csv-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..40];
    }
}
