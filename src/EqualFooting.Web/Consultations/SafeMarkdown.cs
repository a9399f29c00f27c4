using Ganss.Xss;
using Markdig;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Caching.Memory;

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

    /// <summary>
    /// Rendering depends on the text alone, and every reader of a draft is shown the same paragraphs and comments;
    /// sanitising costs a parse of the HTML, so recent results are kept, bounded by their size in characters.
    /// </summary>
    private static readonly MemoryCache Rendered = new(new MemoryCacheOptions { SizeLimit = 50_000_000 });

    public static IHtmlContent ToHtml(string? markdown)
    {
        if (string.IsNullOrEmpty(markdown))
        {
            return HtmlString.Empty;
        }

        if (!Rendered.TryGetValue(markdown, out string? html) || html is null)
        {
            html = Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));
            Rendered.Set(markdown, html, new MemoryCacheEntryOptions { Size = markdown.Length + html.Length, SlidingExpiration = TimeSpan.FromMinutes(10) });
        }

        return new HtmlString(html);
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
