using System.Text;

namespace EqualFooting.Consultations;

public enum DiffKind
{
    Equal,
    Inserted,
    Deleted,
}

/// <summary>A run of text that is in both versions, only in the new one, or only in the old one.</summary>
public readonly record struct DiffSegment(DiffKind Kind, string Text);

/// <summary>
/// Word-level differences between two versions of a paragraph. The segments are exact: the equal and deleted ones
/// concatenated give the old text, the equal and inserted ones the new text, punctuation and white space included.
/// Within each changed stretch all deleted text comes before all inserted text, so a page shows "old → new" once
/// instead of an alternation of single words.
/// </summary>
public static class WordDiff
{
    /// <summary>Beyond this many changed tokens the texts are treated as replaced wholesale: a diff that large helps nobody read.</summary>
    public const int MaxEdits = 2_000;

    public static IReadOnlyList<DiffSegment> Compare(string before, string after)
    {
        if (before == after)
        {
            return before.Length == 0 ? [] : [new DiffSegment(DiffKind.Equal, before)];
        }

        var oldTokens = WordTokens.Split(before);
        var newTokens = WordTokens.Split(after);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var a = Intern(before, oldTokens, ids);
        var b = Intern(after, newTokens, ids);

        var script = Myers.Script(a, b, MaxEdits);
        var raw = new List<(DiffKind Kind, string Text)>();
        if (script is null)
        {
            raw.Add((DiffKind.Deleted, before));
            raw.Add((DiffKind.Inserted, after));
        }
        else
        {
            foreach (var e in script)
            {
                raw.Add(e.Op switch
                {
                    EditOp.Equal => (DiffKind.Equal, Text(after, newTokens[e.NewIndex])),
                    EditOp.Insert => (DiffKind.Inserted, Text(after, newTokens[e.NewIndex])),
                    _ => (DiffKind.Deleted, Text(before, oldTokens[e.OldIndex])),
                });
            }
        }

        return Tidy(raw);
    }

    /// <summary>
    /// Dissolves white space left "equal" between two changes (so "quick brown" → "slow red" is one change, not two)
    /// and gathers each changed stretch into one deletion followed by one insertion.
    /// </summary>
    private static List<DiffSegment> Tidy(List<(DiffKind Kind, string Text)> raw)
    {
        var result = new List<DiffSegment>();
        var equal = new StringBuilder();
        var deleted = new StringBuilder();
        var inserted = new StringBuilder();

        void FlushChange()
        {
            if (deleted.Length > 0)
            {
                result.Add(new DiffSegment(DiffKind.Deleted, deleted.ToString()));
                deleted.Clear();
            }

            if (inserted.Length > 0)
            {
                result.Add(new DiffSegment(DiffKind.Inserted, inserted.ToString()));
                inserted.Clear();
            }
        }

        var i = 0;
        while (i < raw.Count)
        {
            if (raw[i].Kind != DiffKind.Equal)
            {
                if (equal.Length > 0)
                {
                    result.Add(new DiffSegment(DiffKind.Equal, equal.ToString()));
                    equal.Clear();
                }

                (raw[i].Kind == DiffKind.Deleted ? deleted : inserted).Append(raw[i].Text);
                i++;
                continue;
            }

            var start = i;
            var blank = true;
            while (i < raw.Count && raw[i].Kind == DiffKind.Equal)
            {
                blank &= string.IsNullOrWhiteSpace(raw[i].Text);
                i++;
            }

            var betweenChanges = (deleted.Length > 0 || inserted.Length > 0) && i < raw.Count;
            if (blank && betweenChanges)
            {
                for (var j = start; j < i; j++)
                {
                    deleted.Append(raw[j].Text);
                    inserted.Append(raw[j].Text);
                }

                continue;
            }

            FlushChange();
            for (var j = start; j < i; j++)
            {
                equal.Append(raw[j].Text);
            }
        }

        FlushChange();
        if (equal.Length > 0)
        {
            result.Add(new DiffSegment(DiffKind.Equal, equal.ToString()));
        }

        return result;
    }

    private static int[] Intern(string text, List<Token> tokens, Dictionary<string, int> ids)
    {
        var result = new int[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            var s = Text(text, tokens[i]);
            if (!ids.TryGetValue(s, out var id))
            {
                id = ids.Count;
                ids.Add(s, id);
            }

            result[i] = id;
        }

        return result;
    }

    private static string Text(string text, Token token) => text.Substring(token.Start, token.Length);
}
