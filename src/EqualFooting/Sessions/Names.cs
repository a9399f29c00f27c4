using System.Globalization;
using System.Text;

namespace EqualFooting.Sessions;

/// <summary>
/// How people's names are compared across sources that spell them differently: a moderator typing, a captioner
/// writing capitals, a transcript dropping accents ("RAUL ECHEBERIA" for Raúl Echeberría). One rule for all of them.
/// </summary>
internal static class Names
{
    /// <summary>Trims and turns every run of whitespace (non-breaking spaces included) into one space.</summary>
    public static string Collapse(string name)
    {
        var sb = new StringBuilder(name.Length);
        var pendingSpace = false;
        foreach (var c in name)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>The comparison key: no case, no whitespace, no diacritics.</summary>
    public static string Key(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (char.IsWhiteSpace(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            sb.Append(char.ToUpperInvariant(c));
        }

        return sb.ToString().Normalize(NormalizationForm.FormC);
    }
}
