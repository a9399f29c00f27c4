namespace EqualFooting.Web.Hosting;

/// <summary>
/// Cross-site WebSocket hijacking on the live hubs. A WebSocket is not subject to CORS, and a page on a sibling
/// subdomain or another port is the same site, so the browser sends the sign-in cookie with its connection; hub
/// methods that write (raising a hand) would then act as the signed-in person. Browsers always send <c>Origin</c> on
/// these requests, so a connection whose origin is not this site's own host is refused. Clients that are not browsers
/// (the .NET client, tools) send no <c>Origin</c> and are unaffected.
/// </summary>
public static class HubOriginGuard
{
    public static IApplicationBuilder UseHubOriginGuard(this IApplicationBuilder app) =>
        app.Use(async (ctx, next) =>
        {
            if (ctx.Request.Path.StartsWithSegments("/hubs") && !IsSameHost(ctx.Request))
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            await next(ctx);
        });

    /// <summary>
    /// Compares host and port only, not the scheme: behind a proxy that ends TLS the request arrives as plain HTTP
    /// while the page's origin is HTTPS, with the same host.
    /// </summary>
    private static bool IsSameHost(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin))
        {
            return true;
        }

        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(Authority(uri), request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    private static string Authority(Uri uri) => uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port}";
}
