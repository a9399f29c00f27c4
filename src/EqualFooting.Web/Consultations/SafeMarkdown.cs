using Ganss.Xss;
using Markdig;
using Microsoft.AspNetCore.Html;

namespace EqualFooting.Web.Consultations;

/// <summary>
/// Markdown written by participants, as HTML that cannot run script. Two locks: Markdig passes no raw HTML through
/// (it is shown as text), and the sanitiser then removes any element, attribute or link scheme outside its
/// allow-list, which catches what Markdown itself can produce, such as <c>[x](javascript:…)</c>.
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseAutoLinks().Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static IHtmlContent ToHtml(string? markdown)
    {
        if (string.IsNullOrEmpty(markdown))
        {
            return HtmlString.Empty;
        }

        return new HtmlString(Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline)));
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");

        // Images would let a comment load third-party content into every reader's browser.
        sanitizer.AllowedTags.Remove("img");
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedAttributes.Remove("class");

        // Links from the public are not endorsements.
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } a)
            {
                a.SetAttribute("rel", "nofollow ugc noopener");
            }
        };
        return sanitizer;
    }
}
