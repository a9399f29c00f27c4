using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Net.Http.Headers;

namespace EqualFooting.Web.Hosting;

/// <summary>
/// Cross-site request forgery on the JSON API. A page on a sibling subdomain or another port is the same site, so
/// the browser sends the sign-in cookie with its requests, and a POST whose content type is one an HTML form can send
/// (none, text/plain, form-urlencoded, multipart) reaches the server without a CORS preflight. Such a POST, signed in
/// by the cookie, must carry the antiforgery token (header <c>RequestVerificationToken</c>); JSON and other content
/// types force a preflight, which this site never grants, and bearer tokens are never sent by a browser on its own.
/// </summary>
public static class CookieWriteGuard
{
    public const string Field = "Content-Type";

    public static IApplicationBuilder UseCookieWriteGuard(this IApplicationBuilder app) =>
        app.Use(async (ctx, next) =>
        {
            if (NeedsToken(ctx) && !await HasValidTokenAsync(ctx))
            {
                var problem = Results.ValidationProblem(
                    new Dictionary<string, string[]>
                    {
                        [Field] = ["A request signed in with the browser's cookie must send JSON (or another content type a form cannot send) or carry the antiforgery token; scripts use a bearer token."],
                    },
                    title: "The request has invalid input.");
                await problem.ExecuteAsync(ctx);
                return;
            }

            await next(ctx);
        });

    private static async Task<bool> HasValidTokenAsync(HttpContext ctx)
    {
        try
        {
            return await ctx.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(ctx);
        }
        catch (Exception e) when (e is AntiforgeryValidationException or InvalidDataException or IOException or BadHttpRequestException)
        {
            // A body declared as a form that is not one (a broken boundary, a key past the form reader's limits)
            // carries no token either.
            return false;
        }
    }

    private static bool NeedsToken(HttpContext ctx) =>
        HttpMethods.IsPost(ctx.Request.Method)
        && ctx.Request.Path.StartsWithSegments("/api")
        && ctx.User.Identity?.IsAuthenticated == true
        && !ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        && IsFormSendable(ctx.Request.ContentType);

    /// <summary>The CORS-safelisted content types (and none at all): what a cross-origin form or fetch sends unasked.</summary>
    private static bool IsFormSendable(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return true;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var type))
        {
            // Unparseable: refuse the benefit of the doubt.
            return true;
        }

        return type.MediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase)
            || type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);
    }
}
