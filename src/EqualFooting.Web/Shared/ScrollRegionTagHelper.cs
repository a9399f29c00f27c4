using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace EqualFooting.Web.Shared;

/// <summary>
/// Every <c>&lt;div class="table-scroll"&gt;</c> becomes a keyboard-reachable, named region: on a phone the table
/// inside scrolls sideways, and a region that scrolls must take the focus so that the arrow keys can scroll it
/// (axe: scrollable-region-focusable). Its name comes from the table's caption, so the landmarks of a page stay distinct.
/// </summary>
[HtmlTargetElement("div", Attributes = "class")]
public sealed partial class ScrollRegionTagHelper(IStringLocalizer<SharedResource> L) : TagHelper
{
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        if (!context.AllAttributes.TryGetAttribute("class", out var classes)
            || !(classes.Value?.ToString() ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("table-scroll"))
        {
            return;
        }

        var content = await output.GetChildContentAsync();
        var caption = Caption().Match(content.GetContent());
        var label = caption.Success ? WebUtility.HtmlDecode(Tags().Replace(caption.Groups[1].Value, " ")).Trim() : "";
        output.Attributes.SetAttribute("tabindex", "0");
        output.Attributes.SetAttribute("role", "region");
        // "Table: …", not the caption alone, which is often also the name of the section around it (another landmark).
        output.Attributes.SetAttribute("aria-label", label.Length > 0 ? L["Table: {0}", Whitespace().Replace(label, " ")].Value : L["Table"].Value);
        output.Content.SetHtmlContent(content);
    }

    [GeneratedRegex("<caption[^>]*>(.*?)</caption>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Caption();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
