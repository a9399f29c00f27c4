using System.Buffers;

namespace EqualFooting.Web.Hosting;

/// <summary>Where a form may send the reader back to: a path on this site, or else the home page.</summary>
public static class LocalUrls
{
    // Browsers drop tabs and line breaks from URLs and read a backslash as a slash, so "/\t/evil.example" and
    // "/\evil.example" both lead off the site; any control character or backslash disqualifies a path.
    private static readonly SearchValues<char> Unsafe = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(i => (char)i), '\u007F', '\\']);

    public static bool IsLocal(string? url) =>
        url is { Length: > 0 }
        && url[0] == '/'
        && (url.Length == 1 || url[1] != '/')
        && !url.AsSpan().ContainsAny(Unsafe);

    /// <summary>The given path when it is local, else "/"; safe to hand to <c>LocalRedirect</c>, which throws otherwise.</summary>
    public static string OrHome(string? url) => IsLocal(url) ? url! : "/";
}
