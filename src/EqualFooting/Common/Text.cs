using System.Buffers;
using System.Text;

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

        if (!IsText(value))
        {
            return Error.Invalid(field, $"{Label(field)} contains characters that are not text (a noncharacter such as U+FFFF, or half of a surrogate pair).");
        }

        return value;
    }

    // The Unicode noncharacters of the Basic Multilingual Plane (U+FDD0–U+FDEF, U+FFFE, U+FFFF) and the surrogate
    // range, searched together; a hit is then looked at closely, since a well-formed surrogate pair is text.
    private static readonly SearchValues<char> Suspect = SearchValues.Create(
        [.. Enumerable.Range(0xFDD0, 0x20).Select(i => (char)i), '\uFFFE', '\uFFFF', .. Enumerable.Range(0xD800, 0x800).Select(i => (char)i)]);

    /// <summary>
    /// False for noncharacters and unpaired surrogates: no language writes them, and string normalisation (which
    /// Identity applies to e-mail addresses, and name matching to names) throws on them.
    /// </summary>
    public static bool IsText(string value)
    {
        var span = value.AsSpan();
        var at = span.IndexOfAny(Suspect);
        while (at >= 0)
        {
            if (Rune.DecodeFromUtf16(span[at..], out var rune, out var used) != OperationStatus.Done || IsNoncharacter(rune.Value))
            {
                return false;
            }

            var next = span[(at + used)..].IndexOfAny(Suspect);
            at = next < 0 ? -1 : at + used + next;
        }

        return true;
    }

    // Also the two last code points of every supplementary plane (U+1FFFE, U+1FFFF, …), which arrive as surrogate pairs.
    private static bool IsNoncharacter(int codePoint) => codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;

    private static string Label(string field) =>
        field.Length == 0 ? "Value" : char.ToUpperInvariant(field[0]) + field[1..];
}
