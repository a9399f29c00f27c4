using System.Globalization;
using EqualFooting.Common;

namespace EqualFooting.Outcomes;

/// <summary>
/// A named time series attached to a process's outcomes ("Brazilian addresses on spam blacklists"), with events
/// marked on its time axis (the resolution, the rollout start). One value per date (a unique key).
/// </summary>
public sealed class Indicator
{
    public const int NameMax = Text.NameMax;
    public const int UnitMax = Text.ShortMax;
    public const int DescriptionMax = 2_000;

    private Indicator()
    {
        Name = "";
    }

    public int Id { get; private set; }

    public int ProcessId { get; private set; }

    public string Name { get; private set; }

    public string? Unit { get; private set; }

    public string? Description { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static Result<Indicator> Create(int processId, string? name, string? unit, string? description, DateTimeOffset now)
    {
        var n = Text.Required("name", name, NameMax);
        if (n.Error is { } e1)
        {
            return e1;
        }

        var u = Text.Optional("unit", unit, UnitMax);
        if (u.Error is { } e2)
        {
            return e2;
        }

        var d = Text.Optional("description", description, DescriptionMax);
        if (d.Error is { } e3)
        {
            return e3;
        }

        return new Indicator { ProcessId = processId, Name = n.Value, Unit = u.Value, Description = d.Value, CreatedAt = now };
    }
}

public sealed class IndicatorPoint(int indicatorId, DateOnly on, double value)
{
    public int IndicatorId { get; private set; } = indicatorId;

    public DateOnly On { get; private set; } = on;

    public double Value { get; set; } = value;
}

public sealed class IndicatorEvent(int indicatorId, DateOnly on, string label)
{
    public const int LabelMax = Text.NameMax;

    public int Id { get; private set; }

    public int IndicatorId { get; private set; } = indicatorId;

    public DateOnly On { get; private set; } = on;

    public string Label { get; private set; } = label;
}

/// <summary>One value of a series on a date.</summary>
public readonly record struct DatedValue(DateOnly On, double Value);

/// <summary>
/// Reads an indicator's values from CSV: a header <c>date,value</c>, then one row per date (ISO dates, values with a
/// decimal point). The whole file is refused at its first bad line, named with the reason, so nothing half-read is
/// stored.
/// </summary>
public static class IndicatorCsv
{
    public const int MaxRows = 100_000;

    public static Result<IReadOnlyList<DatedValue>> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Error.Invalid("file", "The file is empty: it needs a header 'date,value' and one row per date.");
        }

        var values = new List<DatedValue>();
        var seen = new HashSet<DateOnly>();
        var header = true;
        foreach (var record in Csv.Read(text))
        {
            if (record.Error is { } malformed)
            {
                return Bad(record.Line, malformed);
            }

            if (header)
            {
                header = false;
                if (record.Fields.Count != 2 || !record.Fields[0].Trim().Equals("date", StringComparison.OrdinalIgnoreCase) || !record.Fields[1].Trim().Equals("value", StringComparison.OrdinalIgnoreCase))
                {
                    return Bad(record.Line, "the header must be 'date,value'.");
                }

                continue;
            }

            if (record.Fields.Count != 2)
            {
                return Bad(record.Line, $"expected 2 fields (date,value), found {record.Fields.Count}.");
            }

            if (!DateOnly.TryParseExact(record.Fields[0].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on))
            {
                return Bad(record.Line, $"'{Clip(record.Fields[0])}' is not a date in the form yyyy-mm-dd.");
            }

            if (!double.TryParse(record.Fields[1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                return Bad(record.Line, $"'{Clip(record.Fields[1])}' is not a number (use a decimal point, no thousands separator).");
            }

            if (!seen.Add(on))
            {
                return Bad(record.Line, $"{on:yyyy-MM-dd} appears twice.");
            }

            if (values.Count == MaxRows)
            {
                return Bad(record.Line, $"at most {MaxRows} rows.");
            }

            values.Add(new DatedValue(on, value));
        }

        if (header)
        {
            return Error.Invalid("file", "The file is empty: it needs a header 'date,value' and one row per date.");
        }

        return values.OrderBy(v => v.On).ToList();
    }

    private static Error Bad(int line, string reason) => Error.Invalid("file", $"Line {line}: {reason}");

    private static string Clip(string s) => s.Length > 40 ? s[..40] + "…" : s;
}

/// <summary>Thins a long series for drawing without losing its peaks and troughs.</summary>
public static class IndicatorSeries
{
    /// <summary>
    /// Splits the time axis into <paramref name="buckets"/> equal spans (one per pixel column of the chart) and keeps,
    /// in date order, each span's first, lowest, highest and last value: a line through them covers the same pixels
    /// as the full series, where taking every n-th value would cut off a spike. A series that already fits is returned as
    /// it is. <paramref name="values"/> are in date order.
    /// </summary>
    public static IReadOnlyList<DatedValue> Downsample(IReadOnlyList<DatedValue> values, int buckets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        if (values.Count <= buckets * 4)
        {
            return values;
        }

        var first = values[0].On.DayNumber;
        var span = (double)(values[^1].On.DayNumber - first + 1);
        var kept = new List<DatedValue>(buckets * 4);
        var start = 0;
        while (start < values.Count)
        {
            var bucket = Bucket(values[start].On.DayNumber);
            var end = start;
            int low = start, high = start;
            while (end + 1 < values.Count && Bucket(values[end + 1].On.DayNumber) == bucket)
            {
                end++;
                if (values[end].Value < values[low].Value)
                {
                    low = end;
                }

                if (values[end].Value > values[high].Value)
                {
                    high = end;
                }
            }

            foreach (var i in new[] { start, low, high, end }.Distinct().Order())
            {
                kept.Add(values[i]);
            }

            start = end + 1;
        }

        return kept;

        int Bucket(int day) => Math.Min(buckets - 1, (int)((day - first) / span * buckets));
    }
}
