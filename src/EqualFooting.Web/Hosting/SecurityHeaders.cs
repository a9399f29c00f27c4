namespace EqualFooting.Web.Hosting;

public static class SecurityHeaders
{
    /// <summary>
    /// A strict content security policy: the pages use no inline script, so injected markup cannot run even if
    /// encoding were ever missed somewhere.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (ctx, next) =>
        {
            var headers = ctx.Response.Headers;
            // The API reference page (Scalar's bundled script, served from this site) configures itself inline and
            // styles itself inline; it shows no user content, so only it gets 'unsafe-inline'.
            headers.ContentSecurityPolicy = ctx.Request.Path.StartsWithSegments(OpenApiDocs.ReferencePath)
                ? "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'"
                : "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers.XFrameOptions = "DENY";
            await next();
        });
}
