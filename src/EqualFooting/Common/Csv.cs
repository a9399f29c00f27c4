using System.Text;

namespace EqualFooting.Common;

/// <summary>One record of a CSV file, or the reason it could not be read.</summary>
/// <param name="Line">The file line the record starts on (1-based); a quoted field may carry it over several lines.</param>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, string? Error = null);

/// <summary>
/// RFC 4180 CSV: fields separated by commas, records by CRLF or LF, a field in double quotes may hold commas, line
/// breaks and doubled quotes. A malformed record (a quote inside an unquoted field, text after a closing quote) is
/// returned with its error and reading resumes at the next line, so one bad record never hides the rest. Only a
/// quoted field left open at the end of the file swallows what follows it, and is reported from the line it opened on.
/// </summary>
public static class Csv
{
    /// <summary>The text of a file as UTF-8, with or without a byte-order mark; null when it is not valid UTF-8.</summary>
    public static string? DecodeUtf8(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>Every record, blank lines skipped.</summary>
    public static IEnumerable<CsvRecord> Read(string text)
    {
        var i = 0;
        var line = 1;
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            i = 1;
        }

        while (i < text.Length)
        {
            var start = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            string? error = null;
            var quoted = false;
            var wasQuoted = false;
            var endOfRecord = false;
            while (i < text.Length && !endOfRecord)
            {
                var c = text[i];
                if (quoted)
                {
                    if (c == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        quoted = false;
                        i++;
                        continue;
                    }

                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                    i++;
                    continue;
                }

                switch (c)
                {
                    case ',':
                        fields.Add(field.ToString());
                        field.Clear();
                        wasQuoted = false;
                        i++;
                        break;
                    case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                        i += 2;
                        line++;
                        endOfRecord = true;
                        break;
                    case '\n':
                        i++;
                        line++;
                        endOfRecord = true;
                        break;
                    case '"' when field.Length == 0 && !wasQuoted:
                        quoted = true;
                        wasQuoted = true;
                        i++;
                        break;
                    case '"':
                        error = "A double quote inside a field that does not start with one; quote the whole field and double the quote (\"\").";
                        break;
                    default:
                        if (wasQuoted)
                        {
                            error = "Text after the closing quote of a field; a field that starts with a quote must end with one before the next comma.";
                            break;
                        }

                        field.Append(c);
                        i++;
                        break;
                }

                if (error is not null)
                {
                    // Resume at the next line: the rest of this one cannot be split reliably.
                    while (i < text.Length && text[i] != '\n')
                    {
                        i++;
                    }

                    if (i < text.Length)
                    {
                        i++;
                        line++;
                    }

                    endOfRecord = true;
                }
            }

            if (quoted)
            {
                error = $"A quoted field opened on line {start} is never closed; everything after it was read as part of it.";
            }

            fields.Add(field.ToString());
            if (error is null && fields.Count == 1 && fields[0].Length == 0 && !wasQuoted)
            {
                continue; // a blank line
            }

            yield return new CsvRecord(start, fields, error);
        }
    }

    /// <summary>A field as it must be written so that <see cref="Read"/> gives it back.</summary>
    public static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
