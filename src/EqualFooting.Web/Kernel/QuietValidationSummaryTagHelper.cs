using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace EqualFooting.Web.Kernel;

/// <summary>
/// Drops a validation summary that has nothing to say. With no errors, the framework's own tag helper writes a hidden
/// <c>&lt;li style="display:none"&gt;</c> for client-side validation, which we do not use; the content security policy
/// (<c>style-src 'self'</c>) blocks that inline style and the browser logs an error on every page with a form.
/// </summary>
[HtmlTargetElement("div", Attributes = "asp-validation-summary")]
public sealed class QuietValidationSummaryTagHelper : TagHelper
{
    /// <summary>After the framework's <c>ValidationSummaryTagHelper</c>, which marks an empty summary as valid.</summary>
    public override int Order => 1_000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (output.Attributes.TryGetAttribute("class", out var classes) && Text(classes.Value).Contains("validation-summary-valid", StringComparison.Ordinal))
        {
            output.SuppressOutput();
        }
    }

    private static string Text(object? value)
    {
        if (value is IHtmlContent html)
        {
            using var writer = new StringWriter();
            html.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
            return writer.ToString();
        }

        return value?.ToString() ?? "";
    }
}
