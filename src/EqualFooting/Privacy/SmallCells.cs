namespace EqualFooting.Privacy;

/// <summary>A cell of an aggregate: its count, or hidden because it counts fewer people than the minimum.</summary>
/// <param name="People">How many distinct people the cell stands for; the rule is about people, not about their acts.</param>
public sealed record AggregateCell<TKey>(TKey Key, int People, bool Hidden);

/// <summary>
/// Aggregates never single anyone out: a cell by a characteristic its people did not make public (gender, country)
/// is hidden when it counts fewer people than the process's minimum cell size, and shown as "fewer than N".
/// </summary>
public static class SmallCells
{
    /// <summary>
    /// Hides the small cells. When exactly one would be hidden, the next smallest is hidden too, so the hidden one
    /// cannot be worked out by subtracting the others from a total shown elsewhere.
    /// </summary>
    public static IReadOnlyList<AggregateCell<TKey>> Hide<TKey>(IEnumerable<KeyValuePair<TKey, int>> peoplePerCell, int minimum)
    {
        var cells = peoplePerCell.Select(kv => new AggregateCell<TKey>(kv.Key, kv.Value, IsHidden(kv.Value, minimum))).ToList();
        if (cells.Count(c => c.Hidden) == 1 && cells.Where(c => !c.Hidden && c.People > 0).OrderBy(c => c.People).FirstOrDefault() is { } next)
        {
            cells[cells.IndexOf(next)] = next with { Hidden = true };
        }

        return cells;
    }

    public static bool IsHidden(int people, int minimum) => people > 0 && people < minimum;
}
