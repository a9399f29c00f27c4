using System.Globalization;
using System.Text;

namespace EqualFooting.Record;

/// <summary>
/// Writes the canonical JSON of record entries: object keys sorted by UTF-16 code units, no insignificant white space,
/// strings escaped only where JSON requires it (RFC 8785's rules). Values are limited to strings, integers, booleans,
/// null, lists and dictionaries: floating-point numbers have no single canonical text, so they are refused rather
/// than risk two writers disagreeing about the bytes a later hash covers. A record (or any other object) is written
/// as the object of its public properties, named in camel case, so a typed payload has the same bytes as the
/// dictionary it replaces.
/// </summary>
public static class CanonicalJson
{
    public static string Write(object? value)
    {
        var sb = new StringBuilder();
        WriteValue(sb, value);
        return sb.ToString();
    }

    private static void WriteValue(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null:
                sb.Append("null");
                break;
            case string s:
                WriteString(sb, s);
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case int or long or short or byte or uint or ushort or sbyte:
                sb.Append(Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                break;
            case Enum e:
                WriteString(sb, e.ToString());
                break;
            case DateTimeOffset d:
                WriteString(sb, Timestamp(d));
                break;
            case DateOnly d:
                WriteString(sb, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case IReadOnlyDictionary<string, object?> map:
                sb.Append('{');
                var first = true;
                foreach (var key in map.Keys.OrderBy(k => k, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }

                    first = false;
                    WriteString(sb, key);
                    sb.Append(':');
                    WriteValue(sb, map[key]);
                }

                sb.Append('}');
                break;
            case System.Collections.IEnumerable list:
                sb.Append('[');
                var firstItem = true;
                foreach (var item in list)
                {
                    if (!firstItem)
                    {
                        sb.Append(',');
                    }

                    firstItem = false;
                    WriteValue(sb, item);
                }

                sb.Append(']');
                break;
            case float or double or decimal:
                throw new ArgumentException($"A record entry cannot hold a {value.GetType().Name}; use strings, integers, booleans, lists or dictionaries.");
            case not null when value.GetType().IsClass:
                WriteValue(sb, Properties(value));
                break;
            default:
                throw new ArgumentException($"A record entry cannot hold a {value.GetType().Name}; use strings, integers, booleans, lists or dictionaries.");
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, System.Reflection.PropertyInfo[]> Shapes = new();

    private static Dictionary<string, object?> Properties(object value)
    {
        var properties = Shapes.GetOrAdd(value.GetType(), t => t.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .ToArray());
        var map = new Dictionary<string, object?>(properties.Length, StringComparer.Ordinal);
        foreach (var p in properties)
        {
            map[System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(p.Name)] = p.GetValue(value);
        }

        return map;
    }

    /// <summary>UTC with seven fractional digits, so timestamps sort as text and round-trip exactly.</summary>
    public static string Timestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
