using System.Globalization;
using System.Text;
using System.Text.Json;
using EqualFooting.Common;

namespace EqualFooting.Web.OpenData;

/// <summary>A column of an exported table: its name in the JSON and CSV files, and what it holds, for the README.</summary>
public sealed record ExportField(string Name, string Description);

/// <summary>
/// One table of a process export, written as <c>{Name}.json</c> (an array of objects) and <c>{Name}.csv</c> (RFC 4180,
/// a header row, then one row per object), with the description the README gives it. Values are strings, numbers,
/// booleans, times (ISO 8601, UTC) or null; enums are written by name.
/// </summary>
public sealed class ExportTable(string name, string description, IReadOnlyList<ExportField> fields)
{
    private readonly List<object?[]> _rows = [];

    public string Name { get; } = name;

    public string Description { get; } = description;

    public IReadOnlyList<ExportField> Fields { get; } = fields;

    public int Count => _rows.Count;

    public void Add(params object?[] values)
    {
        if (values.Length != Fields.Count)
        {
            throw new ArgumentException($"{Name} has {Fields.Count} fields, not {values.Length}.", nameof(values));
        }

        _rows.Add(values);
    }

    public string Csv()
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', Fields.Select(f => Common.Csv.Quote(f.Name))).Append("\r\n");
        foreach (var row in _rows)
        {
            csv.AppendJoin(',', row.Select(v => Common.Csv.Quote(Text(v)))).Append("\r\n");
        }

        return csv.ToString();
    }

    public byte[] Json()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var row in _rows)
            {
                json.WriteStartObject();
                for (var i = 0; i < Fields.Count; i++)
                {
                    json.WritePropertyName(Fields[i].Name);
                    Write(json, row[i]);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return stream.ToArray();
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double d => d.ToString("0.####", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static void Write(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case int i:
                json.WriteNumberValue(i);
                break;
            case long l:
                json.WriteNumberValue(l);
                break;
            case double d:
                json.WriteNumberValue(Math.Round(d, 4));
                break;
            default:
                json.WriteStringValue(Text(value));
                break;
        }
    }
}
