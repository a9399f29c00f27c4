using System.Globalization;
using System.Net;
using System.Text;
using EqualFooting.Outcomes;
using Microsoft.AspNetCore.Html;

namespace EqualFooting.Web.Outcomes;

/// <summary>
/// An indicator as an SVG line chart: values over time, events as labelled vertical lines. The chart is decorative
/// for assistive technology (<c>aria-hidden</c>): the table beside it carries the same values.
/// </summary>
public static class IndicatorChart
{
    private const int Width = 720;
    private const int Height = 300;
    private const int Left = 64;
    private const int Right = 16;
    private const int Top = 16;
    private const int Bottom = 40;

    /// <summary>Pixel columns of the plot: a longer series is drawn from its lows and highs per column (the table keeps every value).</summary>
    private const int Columns = Width - Left - Right;

    public static IHtmlContent Svg(IReadOnlyList<DatedValue> values, IReadOnlyList<IndicatorEventDto> events)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"indicator-chart\" viewBox=\"0 0 {Width} {Height}\" width=\"100%\" aria-hidden=\"true\" focusable=\"false\">");
        if (values.Count == 0)
        {
            return new HtmlString(svg.Append("</svg>").ToString());
        }

        var first = values[0].On.DayNumber;
        var last = Math.Max(values[^1].On.DayNumber, first + 1);
        foreach (var e in events)
        {
            first = Math.Min(first, e.On.DayNumber);
            last = Math.Max(last, e.On.DayNumber);
        }

        var min = values.Min(v => v.Value);
        var max = values.Max(v => v.Value);
        if (min == max)
        {
            (min, max) = (min - 1, max + 1);
        }

        double X(int day) => Left + ((double)(day - first) / (last - first) * (Width - Left - Right));
        double Y(double value) => Top + ((max - value) / (max - min) * (Height - Top - Bottom));

        // Axes with the extremes labelled.
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\"/>");
        Label(svg, Left - 6, Top + 4, Number(max), "end");
        Label(svg, Left - 6, Height - Bottom, Number(min), "end");
        Label(svg, Left, Height - Bottom + 16, DateOnly.FromDayNumber(first).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "start");
        Label(svg, Width - Right, Height - Bottom + 16, DateOnly.FromDayNumber(last).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "end");

        for (var i = 0; i < events.Count; i++)
        {
            var x = X(events[i].On.DayNumber);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"event\" x1=\"{x:0.#}\" y1=\"{Top}\" x2=\"{x:0.#}\" y2=\"{Height - Bottom}\"/>");
            Label(svg, x + 3, Top + 12 + (i % 3 * 14), events[i].Label, "start");
        }

        svg.Append("<polyline class=\"series\" fill=\"none\" points=\"");
        foreach (var v in IndicatorSeries.Downsample(values, Columns))
        {
            svg.Append(CultureInfo.InvariantCulture, $"{X(v.On.DayNumber):0.#},{Y(v.Value):0.#} ");
        }

        svg.Append("\"/></svg>");
        return new HtmlString(svg.ToString());
    }

    private static void Label(StringBuilder svg, double x, double y, string text, string anchor) =>
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{y:0.#}\" text-anchor=\"{anchor}\">{WebUtility.HtmlEncode(text)}</text>");

    private static string Number(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
