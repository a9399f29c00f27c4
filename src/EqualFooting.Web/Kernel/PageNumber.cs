using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace EqualFooting.Web.Kernel;

/// <summary>
/// The <c>page</c> of a paged list, read by hand from the form on a post and the query string otherwise. Razor Pages
/// keeps the page's own path in a route value called "page", which model binding finds before the query string: a
/// property or handler argument bound to "page" gets "/Consultations/Campaigns/Campaigns", fails, and shows an error.
/// </summary>
public static class PageNumber
{
    public const string Name = "page";

    /// <summary>The page asked for, or null when none was asked for or it is not a whole number.</summary>
    public static int? From(HttpRequest request)
    {
        var raw = request.HasFormContentType && request.Form.ContainsKey(Name) ? request.Form[Name] : request.Query[Name];
        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}
