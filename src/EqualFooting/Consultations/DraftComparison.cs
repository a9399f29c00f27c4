namespace EqualFooting.Consultations;

public enum ParagraphChangeKind
{
    Unchanged,
    Changed,
    Added,
    Removed,
}

/// <summary>
/// What happened to one paragraph between two versions. Numbers are null on the side where the paragraph does not exist.
/// <see cref="Moved"/> marks paragraphs that changed place relative to the others (not merely shifted by an insertion above).
/// </summary>
public sealed record ParagraphChange(
    ParagraphChangeKind Kind,
    int ParagraphId,
    int? OldNumber,
    int? NewNumber,
    bool Moved,
    IReadOnlyList<DiffSegment> Segments);

/// <summary>
/// The change between two versions of a draft, paragraph by paragraph, in reading order of the new version with each
/// removed paragraph shown where it used to be; plus the counts a summary line needs.
/// </summary>
public sealed class DraftComparison
{
    private DraftComparison(IReadOnlyList<ParagraphChange> paragraphs) => Paragraphs = paragraphs;

    public IReadOnlyList<ParagraphChange> Paragraphs { get; }

    public int Unchanged => Count(ParagraphChangeKind.Unchanged);

    public int Changed => Count(ParagraphChangeKind.Changed);

    public int Added => Count(ParagraphChangeKind.Added);

    public int Removed => Count(ParagraphChangeKind.Removed);

    /// <summary>Paragraph ids of the two versions are expected to come from <see cref="DraftParagraphs.Revise"/>.</summary>
    public static DraftComparison Compare(IReadOnlyList<DraftParagraph> before, IReadOnlyList<DraftParagraph> after)
    {
        var oldById = new Dictionary<int, DraftParagraph>();
        foreach (var p in before)
        {
            if (!oldById.TryAdd(p.Id, p))
            {
                throw new ArgumentException($"Paragraph id {p.Id} appears twice in the old version.", nameof(before));
            }
        }

        var newIds = new HashSet<int>();
        foreach (var p in after)
        {
            if (!newIds.Add(p.Id))
            {
                throw new ArgumentException($"Paragraph id {p.Id} appears twice in the new version.", nameof(after));
            }
        }

        var moved = MovedIds(before, after, oldById);

        // A removed paragraph is shown after the paragraph that preceded it in the old version, skipping paragraphs
        // that moved away from there.
        var removedAfter = new Dictionary<int, List<DraftParagraph>>();
        var leading = new List<DraftParagraph>();
        int? lastSurvivor = null;
        foreach (var p in before)
        {
            if (newIds.Contains(p.Id))
            {
                if (!moved.Contains(p.Id))
                {
                    lastSurvivor = p.Id;
                }
            }
            else if (lastSurvivor is { } s)
            {
                if (!removedAfter.TryGetValue(s, out var list))
                {
                    removedAfter[s] = list = [];
                }

                list.Add(p);
            }
            else
            {
                leading.Add(p);
            }
        }

        var result = new List<ParagraphChange>(before.Count + after.Count);
        foreach (var p in leading)
        {
            result.Add(RemovedChange(p));
        }

        foreach (var p in after)
        {
            if (!oldById.TryGetValue(p.Id, out var old))
            {
                result.Add(new ParagraphChange(ParagraphChangeKind.Added, p.Id, null, p.Number, false, [new DiffSegment(DiffKind.Inserted, p.Text)]));
            }
            else if (old.Text == p.Text)
            {
                result.Add(new ParagraphChange(ParagraphChangeKind.Unchanged, p.Id, old.Number, p.Number, moved.Contains(p.Id), [new DiffSegment(DiffKind.Equal, p.Text)]));
            }
            else
            {
                result.Add(new ParagraphChange(ParagraphChangeKind.Changed, p.Id, old.Number, p.Number, moved.Contains(p.Id), WordDiff.Compare(old.Text, p.Text)));
            }

            if (removedAfter.TryGetValue(p.Id, out var removed))
            {
                foreach (var r in removed)
                {
                    result.Add(RemovedChange(r));
                }
            }
        }

        return new DraftComparison(result);
    }

    private int Count(ParagraphChangeKind kind)
    {
        var n = 0;
        foreach (var p in Paragraphs)
        {
            if (p.Kind == kind)
            {
                n++;
            }
        }

        return n;
    }

    private static ParagraphChange RemovedChange(DraftParagraph p) =>
        new(ParagraphChangeKind.Removed, p.Id, p.Number, null, false, [new DiffSegment(DiffKind.Deleted, p.Text)]);

    /// <summary>
    /// The surviving paragraphs outside a longest run that kept its old order: the fewest paragraphs one can call
    /// "moved" to explain the new order.
    /// </summary>
    private static HashSet<int> MovedIds(IReadOnlyList<DraftParagraph> before, IReadOnlyList<DraftParagraph> after, Dictionary<int, DraftParagraph> oldById)
    {
        var oldPosition = new Dictionary<int, int>();
        for (var i = 0; i < before.Count; i++)
        {
            oldPosition[before[i].Id] = i;
        }

        var survivors = new List<int>();
        foreach (var p in after)
        {
            if (oldById.ContainsKey(p.Id))
            {
                survivors.Add(p.Id);
            }
        }

        // Patience-style longest increasing subsequence of old positions, O(n log n).
        var tails = new List<int>();
        var tailIndex = new List<int>();
        var parent = new int[survivors.Count];
        for (var i = 0; i < survivors.Count; i++)
        {
            var pos = oldPosition[survivors[i]];
            var lo = 0;
            var hi = tails.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (tails[mid] < pos)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            parent[i] = lo > 0 ? tailIndex[lo - 1] : -1;
            if (lo == tails.Count)
            {
                tails.Add(pos);
                tailIndex.Add(i);
            }
            else
            {
                tails[lo] = pos;
                tailIndex[lo] = i;
            }
        }

        var inOrder = new HashSet<int>();
        for (var i = tailIndex.Count > 0 ? tailIndex[^1] : -1; i >= 0; i = parent[i])
        {
            inOrder.Add(survivors[i]);
        }

        var moved = new HashSet<int>();
        foreach (var id in survivors)
        {
            if (!inOrder.Contains(id))
            {
                moved.Add(id);
            }
        }

        return moved;
    }
}
