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
            headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers.XFrameOptions = "DENY";
            await next();
        });
}
