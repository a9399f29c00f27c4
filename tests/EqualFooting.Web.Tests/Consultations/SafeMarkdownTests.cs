using System.Text.RegularExpressions;
using EqualFooting.Web.Consultations;

namespace EqualFooting.Web.Tests.Consultations;

public sealed class SafeMarkdownTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Hi <script src=\"https://evil.example/x.js\"></script>")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JaVaScRiPt:alert(1))")]
    [InlineData("[click](  javascript:alert(1))")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("![x](javascript:alert(1))")]
    [InlineData("[x](vbscript:msgbox)")]
    public void Script_never_comes_through(string markdown)
    {
        var html = Render(markdown);

        // Raw HTML may survive as escaped text ("&lt;script&gt;"), never as an element, a handler or a link.
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(new Regex("<[a-z][^>]*(href|src)\\s*=\\s*[\"']?\\s*(javascript|vbscript|data):", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex("<[a-z][^>]*\\son[a-z]+\\s*=", RegexOptions.IgnoreCase), html);
    }

    [Fact]
    public void Ordinary_markdown_is_kept_and_links_are_marked_as_user_content()
    {
        var html = Render("Add *access* to information; see [the report](https://example.org/report).\n\n- one\n- two");

        Assert.Contains("<em>access</em>", html);
        Assert.Contains("href=\"https://example.org/report\"", html);
        Assert.Contains("rel=\"nofollow ugc noopener\"", html);
        Assert.Contains("<li>two</li>", html);
    }

    [Fact]
    public void Raw_html_is_shown_as_text()
    {
        Assert.Contains("&lt;b&gt;", Render("<b>bold?</b>"));
    }

    private static string Render(string markdown)
    {
        using var writer = new StringWriter();
        SafeMarkdown.ToHtml(markdown).WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return writer.ToString();
    }
}
