using Microsoft.AspNetCore.Localization;

namespace EqualFooting.Web.Hosting;

public static class Culture
{
    /// <summary>The language switcher in the footer posts here; the choice is kept in a cookie for a year.</summary>
    public static void MapCultureEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPost("/culture", (HttpContext ctx, [Microsoft.AspNetCore.Mvc.FromForm] string culture, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) =>
        {
            if (!App.Cultures.Contains(culture))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["culture"] = [$"Choose one of: {string.Join(", ", App.Cultures)}."] });
            }

            ctx.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect(LocalUrls.OrHome(returnUrl));
        }).ExcludeFromDescription()
            .WithSummary("Choose the interface language (a form post from every page)")
            .AllowAnonymous();
}
