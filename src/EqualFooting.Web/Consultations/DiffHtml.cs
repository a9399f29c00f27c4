using EqualFooting.Consultations;
using Microsoft.AspNetCore.Html;

namespace EqualFooting.Web.Consultations;

/// <summary>
/// A paragraph's word diff as one run of inline HTML, to read as a sentence on a desktop or a phone. The segments are
/// exact, white space included; shown as such (under <c>white-space: pre-wrap</c>, with the template's own line
/// breaks between elements) every fragment landed on a line of its own and a removed space was a lone red mark. Here
/// white space between words is a plain space whatever side it came from, marks hold only words and punctuation, and
/// a heading's Markdown marker (<c>## </c>) is left out: the caller shows the paragraph as a heading.
/// </summary>
public static class DiffHtml
{
    public static IHtmlContent Inline(ParagraphChange change)
    {
        var segments = change.Segments;
        var heading = IsHeading(change);
        var html = new HtmlContentBuilder();
        var spaceDue = false;
        var started = false;
        foreach (var segment in segments)
        {
            var text = segment.Text;
            if (heading && !started)
            {
                // The marker and the spaces after it, which may span the first segments.
                text = text.TrimStart('#', ' ', '\t');
                if (text.Length == 0)
                {
                    continue;
                }
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                spaceDue = started;
                continue;
            }

            var lead = text.Length - text.TrimStart().Length;
            var trail = text.Length - text.TrimEnd().Length;
            if (lead > 0 && started)
            {
                spaceDue = true;
            }

            if (spaceDue)
            {
                html.Append(" ");
            }

            var words = Collapse(text.Trim()); // HtmlContentBuilder.Append encodes it
            switch (segment.Kind)
            {
                case DiffKind.Inserted:
                    html.AppendHtml("<ins>").Append(words).AppendHtml("</ins>");
                    break;
                case DiffKind.Deleted:
                    html.AppendHtml("<del>").Append(words).AppendHtml("</del>");
                    break;
                default:
                    html.Append(words);
                    break;
            }

            started = true;
            spaceDue = trail > 0;
        }

        return html;
    }

    /// <summary>Whether the paragraph on either side is a heading, so the page can show it as one.</summary>
    public static bool IsHeading(ParagraphChange change) =>
        DraftParagraphs.IsHeading(string.Concat(change.Segments.Where(s => s.Kind != DiffKind.Deleted).Select(s => s.Text)))
        || DraftParagraphs.IsHeading(string.Concat(change.Segments.Where(s => s.Kind != DiffKind.Inserted).Select(s => s.Text)));

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
