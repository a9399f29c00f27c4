using System.Globalization;
using EqualFooting.Consultations;
using EqualFooting.Participation;
using EqualFooting.Web.Hosting;
using EqualFooting.Web.Participation;
using Microsoft.AspNetCore.Html;

namespace EqualFooting.Web.Consultations;

/// <summary>
/// Geometry of the small server-rendered charts of a consultation. Colours follow the position of a stakeholder
/// group in its process, so a group has the same colour on every bar of a page.
/// </summary>
public static class ConsultationCharts
{
    public const int BarWidth = 160;
    public const int BarHeight = 12;

    public sealed record Segment(string X, string Width, string Colour, string Title);

    /// <summary>One paragraph's comments as a bar scaled to the busiest paragraph of the page.</summary>
    public static IReadOnlyList<Segment> CountBar(ParagraphCounts counts, IReadOnlyList<CategoryHeading> groups, int max)
    {
        var segments = new List<Segment>();
        var x = 0.0;
        foreach (var c in counts.ByStakeholderGroup)
        {
            var w = BarWidth * (double)c.Count / Math.Max(1, max);
            segments.Add(new Segment(Fmt(x), Fmt(w), Colour(groups, c.Id), $"{c.Name}: {c.Count}"));
            x += w;
        }

        return segments;
    }

    public static string Colour(IReadOnlyList<CategoryHeading> groups, int groupId)
    {
        var i = 0;
        for (; i < groups.Count && groups[i].Id != groupId; i++)
        {
        }

        return ParticipationChart.Palette[i % ParticipationChart.Palette.Length];
    }

    /// <summary>The split as text: the accessible name of the bar, and what a reader without the chart gets.</summary>
    public static string Describe(ParagraphCounts counts) =>
        string.Join(", ", counts.ByStakeholderGroup.Select(c => $"{c.Name} {c.Count}"));

    /// <summary>The parts of an uptake bar, in a fixed order from "taken into account" to "not yet answered".</summary>
    public static IReadOnlyList<(string Label, int Count, string Colour)> UptakeParts(UptakeLine line) =>
    [
        (DispositionText.Of(Disposition.Accepted), line.Accepted, "#009E73"),
        (DispositionText.Of(Disposition.PartlyAccepted), line.PartlyAccepted, "#56B4E9"),
        (DispositionText.Of(Disposition.Noted), line.Noted, "#F0E442"),
        (DispositionText.Of(Disposition.NotAccepted), line.NotAccepted, "#D55E00"),
        (DispositionText.Of(Disposition.OutOfScope), line.OutOfScope, "#CC79A7"),
        (DispositionText.NotYetDisposed, line.Submitted - line.Disposed, "#BBBBBB"),
    ];

    public static string Fmt(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>A time as a &lt;time&gt; element: UTC for machines, the reader's zone (named) for people.</summary>
    public static IHtmlContent Time(DateTimeOffset t) => ReaderTime.Tag(t);
}

/// <summary>English names of dispositions for pages; they are translation keys, listed for the localisation tests.</summary>
public static class DispositionText
{
    public const string NotYetDisposed = "Not yet disposed";

    public static IReadOnlyList<string> All { get; } = [.. Enum.GetValues<Disposition>().Select(Of), NotYetDisposed];

    public static string Of(Disposition d) => d switch
    {
        Disposition.Accepted => "Accepted",
        Disposition.PartlyAccepted => "Partly accepted",
        Disposition.Noted => "Noted",
        Disposition.NotAccepted => "Not accepted",
        Disposition.OutOfScope => "Out of scope",
        _ => d.ToString(),
    };
}
