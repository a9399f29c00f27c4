using System.Buffers;

namespace EqualFooting.Common;

/// <summary>Limits and normalisation shared by every free-text field, so the same input is judged the same way everywhere.</summary>
public static class Text
{
    public const int NameMax = 200;
    public const int ShortMax = 100;
    public const int DescriptionMax = 10_000;

    /// <summary>Trims and checks a required field. Returns the cleaned value or an error naming the field.</summary>
    public static Result<string> Required(string field, string? value, int max)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return Error.Invalid(field, $"{Label(field)} is required.");
        }

        return Limit(field, trimmed, max);
    }

    /// <summary>Trims an optional field; blank becomes null.</summary>
    public static Result<string?> Optional(string field, string? value, int max)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return (string?)null;
        }

        var limited = Limit(field, trimmed, max);
        return limited.IsSuccess ? limited.Value : limited.Error!;
    }

    // Every control character but line breaks and tabs; a vectorised search, since every comment of a batch of a
    // thousand is checked (a per-character predicate showed in the intake profile).
    private static readonly SearchValues<char> ControlCharacters = SearchValues.Create(
        Enumerable.Range(0, 0x100).Select(i => (char)i).Where(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t').ToArray());

    private static Result<string> Limit(string field, string value, int max)
    {
        if (value.Length > max)
        {
            return Error.Invalid(field, $"{Label(field)} must be at most {max} characters (it has {value.Length}).");
        }

        if (value.AsSpan().ContainsAny(ControlCharacters))
        {
            return Error.Invalid(field, $"{Label(field)} contains control characters.");
        }

        return value;
    }

    private static string Label(string field) =>
        field.Length == 0 ? "Value" : char.ToUpperInvariant(field[0]) + field[1..];
}
