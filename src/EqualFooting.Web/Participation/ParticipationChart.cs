using System.Globalization;
using EqualFooting.Participation;

namespace EqualFooting.Web.Participation;

/// <summary>
/// Geometry of the server-rendered bar chart: one bar per stakeholder group, split by region. The table next to it
/// carries the same numbers for screen readers; the chart is for seeing imbalance at a glance.
/// </summary>
public sealed class ParticipationChart
{
    /// <summary>Okabe–Ito colours: distinguishable with the common forms of colour blindness.</summary>
    public static readonly string[] Palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

    // Each group's name sits on its own line above its bar, as wide as the chart: beside the bar, in a fixed column,
    // long names ("Intergovernmental and international organisations") ran off the chart's left edge and were clipped.
    public const int BarArea = 460;
    public const int LabelHeight = 16;
    public const int BarHeight = 18;
    public const int RowHeight = LabelHeight + BarHeight + 10;

    /// <summary>About what fits on the label line at 12 px; a longer name is shortened there (the table has it whole).</summary>
    public const int MaxLabelLength = 75;

    public ParticipationChart(ParticipationTable table)
    {
        var max = Math.Max(1, table.Groups.Select(g => table.GroupTotals[g.Id]).DefaultIfEmpty(0).Max());
        Rows = table.Groups.Select((g, i) =>
        {
            var x = 0.0;
            var segments = new List<Segment>();
            for (var r = 0; r < table.Regions.Count; r++)
            {
                var region = table.Regions[r];
                var n = table.Cell(g.Id, region.Id);
                if (n == 0)
                {
                    continue;
                }

                var w = BarArea * (double)n / max;
                segments.Add(new Segment(Fmt(x), Fmt(w), Palette[r % Palette.Length], $"{g.Name}, {region.Name}: {n}"));
                x += w;
            }

            var label = g.Name.Length > MaxLabelLength ? g.Name[..(MaxLabelLength - 1)].TrimEnd() + "…" : g.Name;
            return new Row(label, table.GroupTotals[g.Id], i * RowHeight, segments, Fmt(x + 6));
        }).ToList();
        Legend = table.Regions.Select((r, i) => new LegendItem(r.Name, Palette[i % Palette.Length])).ToList();
        Height = Math.Max(RowHeight, Rows.Count * RowHeight);
        Width = BarArea + 50;
    }

    public IReadOnlyList<Row> Rows { get; }

    public IReadOnlyList<LegendItem> Legend { get; }

    public int Height { get; }

    public int Width { get; }

    private static string Fmt(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    public sealed record Segment(string X, string Width, string Colour, string Title);

    public sealed record Row(string Label, int Total, int Y, IReadOnlyList<Segment> Segments, string TotalX);

    public sealed record LegendItem(string Name, string Colour);
}
