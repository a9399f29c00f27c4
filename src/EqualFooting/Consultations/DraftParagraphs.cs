namespace EqualFooting.Consultations;

/// <summary>
/// One paragraph of a draft version. <see cref="Id"/> is stable across versions (comments point at it);
/// <see cref="Number"/> is its 1-based position in this version, the number people cite.
/// </summary>
public sealed record DraftParagraph(int Id, int Number, string Text);

/// <summary>
/// The paragraphs of a new version with their ids carried over from the previous one.
/// <see cref="NextId"/> is the draft's new high-water mark: ids are never handed out twice, not even those of removed paragraphs,
/// so a comment on a removed paragraph can never be mistaken for one on a new paragraph.
/// </summary>
public sealed record ParagraphRevision(
    IReadOnlyList<DraftParagraph> Paragraphs,
    IReadOnlyList<int> EditedIds,
    IReadOnlyList<int> AddedIds,
    IReadOnlyList<DraftParagraph> Removed,
    int NextId);

/// <summary>
/// Splits a Markdown draft into the paragraphs a consultation comments on, NETmundial style, and carries paragraph
/// ids from one version to the next.
/// </summary>
public static class DraftParagraphs
{
    /// <summary>
    /// How alike an edited paragraph must be to an old one to keep its id: 2·(common tokens in order)/(tokens of both),
    /// over words and punctuation. At 0.5 a paragraph split in two halves keeps its id in the first half, and two
    /// paragraphs merged keep the id of the first; a rewrite sharing fewer than half of its words becomes a new paragraph.
    /// </summary>
    public const double DefaultSimilarity = 0.5;

    /// <summary>
    /// Blocks separated by blank lines. An ATX heading (<c># …</c>) is a paragraph of its own even without blank
    /// lines around it; a fenced code block is one paragraph however many blank lines it holds; a list, a block
    /// quote or an indented code block stays one paragraph across blank lines as long as it continues after them.
    /// Line endings become \n; trailing white space of a block is dropped, everything else is kept as written.
    /// </summary>
    /// <summary>
    /// Whether a paragraph is a heading (ATX <c># Title</c>, or a setext title underlined with <c>===</c> or <c>---</c>).
    /// A heading names the paragraphs below it and is not itself a paragraph to comment on: the draft page offers no
    /// form on it and says so. Comments that reach one anyway (the API, an import) are kept and counted.
    /// </summary>
    public static bool IsHeading(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var first = lines[0].TrimStart(' ');
        if (lines[0].Length - first.Length <= 3 && first.StartsWith('#'))
        {
            var hashes = first.Length - first.TrimStart('#').Length;
            return hashes <= 6 && (first.Length == hashes || first[hashes] is ' ' or '\t');
        }

        return lines.Length == 2 && lines[0].Trim().Length > 0 && lines[1].Trim() is { Length: > 0 } under && (under.All(c => c == '=') || under.All(c => c == '-'));
    }

    public static IReadOnlyList<string> Split(string markdown)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var blocks = new List<string>();
        var current = new List<string>();
        var kind = BlockKind.Text;
        string? fence = null;

        void Flush()
        {
            if (current.Count > 0)
            {
                blocks.Add(string.Join('\n', current).TrimEnd());
                current.Clear();
            }

            fence = null;
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (fence is not null)
            {
                current.Add(line);
                if (ClosesFence(line, fence))
                {
                    fence = null;
                    if (kind == BlockKind.Code)
                    {
                        Flush();
                    }
                }

                continue;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                if (current.Count == 0)
                {
                    continue;
                }

                var next = i + 1;
                while (next < lines.Length && string.IsNullOrWhiteSpace(lines[next]))
                {
                    next++;
                }

                if (next < lines.Length && Continues(kind, lines[next]))
                {
                    current.Add("");
                    continue;
                }

                Flush();
                continue;
            }

            if (OpensFence(line, out var opening))
            {
                // Inside a list item the fence belongs to the item; anywhere else it is a block of its own.
                if (kind == BlockKind.List && current.Count > 0 && Indent(line) > 0)
                {
                    current.Add(line);
                    fence = opening;
                    continue;
                }

                if (Indent(line) <= 3)
                {
                    Flush();
                    kind = BlockKind.Code;
                    current.Add(line);
                    fence = opening;
                    continue;
                }
            }

            if (IsAtxHeading(line) && !(kind == BlockKind.IndentedCode && current.Count > 0))
            {
                Flush();
                blocks.Add(line.Trim());
                continue;
            }

            if (current.Count == 0)
            {
                kind = Classify(line);
            }
            else if (kind == BlockKind.Text && IsListItem(line))
            {
                // "The principles are:" followed directly by a list reads as one paragraph with its list.
                kind = BlockKind.List;
            }

            current.Add(line);
        }

        Flush();
        return blocks;
    }

    /// <summary>The paragraphs of a draft's first version, numbered from 1 with ids from <paramref name="firstId"/>.</summary>
    public static IReadOnlyList<DraftParagraph> Number(string markdown, int firstId = 1)
    {
        var texts = Split(markdown);
        var result = new List<DraftParagraph>(texts.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            result.Add(new DraftParagraph(firstId + i, i + 1, texts[i]));
        }

        return result;
    }

    /// <summary>
    /// Splits a new version and gives each paragraph an id: an unchanged paragraph keeps its id wherever it moved; an
    /// edited one keeps the id of the most similar old paragraph left, best pairs first and ties in document order,
    /// when the similarity reaches <paramref name="similarity"/>; the rest get fresh ids from <paramref name="nextId"/>
    /// (or one past the highest old id, whichever is higher). No id is used twice.
    /// </summary>
    public static ParagraphRevision Revise(
        IReadOnlyList<DraftParagraph> previous,
        string markdown,
        int nextId = 0,
        double similarity = DefaultSimilarity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(similarity, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(similarity, 1.0);
        var texts = Split(markdown);
        var assigned = new int[texts.Count];
        Array.Fill(assigned, -1);
        var oldUsed = new bool[previous.Count];

        var oldByText = new Dictionary<string, Queue<int>>(StringComparer.Ordinal);
        for (var i = 0; i < previous.Count; i++)
        {
            if (!oldByText.TryGetValue(previous[i].Text, out var queue))
            {
                oldByText[previous[i].Text] = queue = new Queue<int>();
            }

            queue.Enqueue(i);
        }

        for (var j = 0; j < texts.Count; j++)
        {
            if (oldByText.TryGetValue(texts[j], out var queue) && queue.TryDequeue(out var i))
            {
                assigned[j] = i;
                oldUsed[i] = true;
            }
        }

        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var oldTokens = new int[previous.Count][];
        var newTokens = new int[texts.Count][];
        var oldBags = new int[previous.Count][];
        var candidates = new List<(double Similarity, int New, int Old)>();
        for (var j = 0; j < texts.Count; j++)
        {
            if (assigned[j] >= 0)
            {
                continue;
            }

            newTokens[j] = WordTokens.Interned(texts[j], ids);
            var newBag = Sorted(newTokens[j]);
            for (var i = 0; i < previous.Count; i++)
            {
                if (oldUsed[i])
                {
                    continue;
                }

                oldTokens[i] ??= WordTokens.Interned(previous[i].Text, ids);
                oldBags[i] ??= Sorted(oldTokens[i]);

                // The common subsequence is at most the common multiset of tokens: a cheap bound that skips most pairs of a rewrite.
                var total = newTokens[j].Length + oldTokens[i].Length;
                if (total > 0 && 2.0 * CommonCount(newBag, oldBags[i]) / total < similarity)
                {
                    continue;
                }

                var s = Similarity(newTokens[j], oldTokens[i], similarity);
                if (s >= similarity && s > 0)
                {
                    candidates.Add((s, j, i));
                }
            }
        }

        candidates.Sort((x, y) =>
            y.Similarity.CompareTo(x.Similarity) is var c and not 0 ? c
            : x.New != y.New ? x.New.CompareTo(y.New)
            : x.Old.CompareTo(y.Old));
        var edited = new List<int>();
        foreach (var (_, j, i) in candidates)
        {
            if (assigned[j] < 0 && !oldUsed[i])
            {
                assigned[j] = i;
                oldUsed[i] = true;
            }
        }

        var next = nextId;
        foreach (var p in previous)
        {
            next = Math.Max(next, p.Id + 1);
        }

        var paragraphs = new List<DraftParagraph>(texts.Count);
        var added = new List<int>();
        for (var j = 0; j < texts.Count; j++)
        {
            int id;
            if (assigned[j] >= 0)
            {
                id = previous[assigned[j]].Id;
                if (previous[assigned[j]].Text != texts[j])
                {
                    edited.Add(id);
                }
            }
            else
            {
                id = next++;
                added.Add(id);
            }

            paragraphs.Add(new DraftParagraph(id, j + 1, texts[j]));
        }

        var removed = new List<DraftParagraph>();
        for (var i = 0; i < previous.Count; i++)
        {
            if (!oldUsed[i])
            {
                removed.Add(previous[i]);
            }
        }

        return new ParagraphRevision(paragraphs, edited, added, removed, next);
    }

    /// <summary>2·LCS/(|a|+|b|), or 0 when it is certainly below <paramref name="floor"/> (which lets Myers stop early).</summary>
    internal static double Similarity(int[] a, int[] b, double floor)
    {
        var total = a.Length + b.Length;
        if (total == 0)
        {
            return 1;
        }

        // Similarity ≥ floor ⇔ edits ≤ (1 − floor)·total, since LCS = (total − edits)/2.
        var maxEdits = (int)Math.Floor((1 - floor) * total + 1e-9);
        var d = Myers.Distance(a, b, maxEdits);
        return d < 0 ? 0 : (double)(total - d) / total;
    }

    private static int[] Sorted(int[] tokens)
    {
        var copy = (int[])tokens.Clone();
        Array.Sort(copy);
        return copy;
    }

    private static int CommonCount(int[] a, int[] b)
    {
        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                common++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return common;
    }

    private static bool Continues(BlockKind kind, string nextLine) => kind switch
    {
        BlockKind.List => IsListItem(nextLine) || Indent(nextLine) >= 2,
        BlockKind.Quote => nextLine.TrimStart().StartsWith('>'),
        BlockKind.IndentedCode => Indent(nextLine) >= 4,
        _ => false,
    };

    private static BlockKind Classify(string line) =>
        Indent(line) >= 4 ? BlockKind.IndentedCode
        : IsListItem(line) ? BlockKind.List
        : line.TrimStart().StartsWith('>') ? BlockKind.Quote
        : BlockKind.Text;

    private static int Indent(string line)
    {
        var width = 0;
        foreach (var c in line)
        {
            if (c == ' ')
            {
                width++;
            }
            else if (c == '\t')
            {
                width += 4 - width % 4;
            }
            else
            {
                break;
            }
        }

        return width;
    }

    private static bool IsAtxHeading(string line)
    {
        if (Indent(line) > 3)
        {
            return false;
        }

        var s = line.TrimStart();
        var hashes = 0;
        while (hashes < s.Length && s[hashes] == '#')
        {
            hashes++;
        }

        return hashes is >= 1 and <= 6 && (hashes == s.Length || s[hashes] is ' ' or '\t');
    }

    private static bool IsListItem(string line)
    {
        var s = line.TrimStart();
        if (s.Length >= 2 && s[0] is '-' or '*' or '+' && s[1] is ' ' or '\t')
        {
            return true;
        }

        var digits = 0;
        while (digits < s.Length && digits < 10 && char.IsAsciiDigit(s[digits]))
        {
            digits++;
        }

        return digits is >= 1 and <= 9 && s.Length > digits + 1 && s[digits] is '.' or ')' && s[digits + 1] is ' ' or '\t';
    }

    /// <summary>The fence's character repeated as many times as it opened with, so only a fence at least as long closes it.</summary>
    private static bool OpensFence(string line, out string fence)
    {
        fence = "";
        var s = line.TrimStart();
        if (s.Length < 3 || s[0] is not ('`' or '~'))
        {
            return false;
        }

        var c = s[0];
        var length = 0;
        while (length < s.Length && s[length] == c)
        {
            length++;
        }

        // A backtick fence's info string may not contain backticks (CommonMark), or ``code`` spans would open fences.
        if (length < 3 || (c == '`' && s.AsSpan(length).Contains('`')))
        {
            return false;
        }

        fence = new string(c, length);
        return true;
    }

    private static bool ClosesFence(string line, string fence)
    {
        var s = line.Trim();
        return s.Length >= fence.Length && s.AsSpan().IndexOfAnyExcept(fence[0]) < 0;
    }

    private enum BlockKind
    {
        Text,
        List,
        Quote,
        Code,
        IndentedCode,
    }
}
