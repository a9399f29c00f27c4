using System.Globalization;

namespace EqualFooting.Consultations;

internal enum TokenKind : byte
{
    Word,
    Space,
    Symbol,
}

internal readonly record struct Token(int Start, int Length, TokenKind Kind);

/// <summary>
/// Cuts text into words, runs of white space and single symbols, so that joining the pieces gives the text back
/// exactly. Diffs and paragraph matching both work on these pieces, so they agree on what a "word" is.
/// </summary>
internal static class WordTokens
{
    public static List<Token> Split(string text)
    {
        var tokens = new List<Token>(text.Length / 4 + 1);
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            var c = text[i];
            if (IsWordChar(c))
            {
                do
                {
                    i++;
                }
                while (i < text.Length && IsWordChar(text[i]));
                tokens.Add(new Token(start, i - start, TokenKind.Word));
            }
            else if (char.IsWhiteSpace(c))
            {
                do
                {
                    i++;
                }
                while (i < text.Length && char.IsWhiteSpace(text[i]));
                tokens.Add(new Token(start, i - start, TokenKind.Space));
            }
            else
            {
                // An emoji or other astral character is one symbol, not two halves that could be diffed apart.
                i += char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
                tokens.Add(new Token(start, i - start, TokenKind.Symbol));
            }
        }

        return tokens;
    }

    /// <summary>Letters, digits and combining marks, so "São" or "naïve" written with a combining accent stay one word.</summary>
    public static bool IsWordChar(char c)
    {
        if (c < 128)
        {
            return (uint)((c | 0x20) - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9;
        }

        return char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
    }

    /// <summary>
    /// The non-space tokens of a text as small integers, lower-cased, interned through <paramref name="ids"/> so
    /// that several texts can be compared token by token.
    /// </summary>
    public static int[] Interned(string text, Dictionary<string, int> ids)
    {
        var tokens = Split(text);
        var result = new List<int>(tokens.Count);
        foreach (var t in tokens)
        {
            if (t.Kind == TokenKind.Space)
            {
                continue;
            }

            var s = text.Substring(t.Start, t.Length).ToLowerInvariant();
            if (!ids.TryGetValue(s, out var id))
            {
                id = ids.Count;
                ids.Add(s, id);
            }

            result.Add(id);
        }

        return [.. result];
    }
}
