using System.Globalization;
using Microsoft.Extensions.Localization;

namespace EqualFooting.Web.Kernel;

/// <summary>
/// Counts in words ("1 comment", "2 comments") right in every language we ship. English is the key, so each count
/// has two keys, the singular and the plural; the reader's language decides which one a number takes, by the CLDR
/// cardinal rules for whole numbers: English and Spanish take the singular for 1 only, French and (Brazilian)
/// Portuguese for 0 and 1, European Portuguese for 1 only. Written by hand: the four rules are a line each, and no
/// CLDR plural library is on the package list; a language with more forms (Polish, Arabic) would need one.
/// </summary>
public static class Plurals
{
    /// <summary>Whether <paramref name="count"/> takes the singular ("one") form in <paramref name="culture"/>.</summary>
    public static bool IsOne(CultureInfo culture, long count) => culture.TwoLetterISOLanguageName switch
    {
        "fr" => count is 0 or 1,
        "pt" => culture.Name.Equals("pt-PT", StringComparison.OrdinalIgnoreCase) ? count == 1 : count is 0 or 1,
        _ => count == 1,
    };

    /// <summary>
    /// <paramref name="one"/> or <paramref name="other"/> by <paramref name="count"/> in the reader's language, formatted
    /// with <paramref name="arguments"/> (with none, the count is <c>{0}</c>). Both keys are literal, first, so the
    /// translation test finds them.
    /// </summary>
    public static LocalizedString Plural(this IStringLocalizer localizer, string one, string other, long count, params object[] arguments) =>
        localizer[IsOne(CultureInfo.CurrentUICulture, count) ? one : other, arguments.Length == 0 ? [count] : arguments];
}
