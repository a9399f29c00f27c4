using System.Text;
using Microsoft.Net.Http.Headers;

namespace EqualFooting.Web.Hosting;

/// <summary>
/// A body declared in a character set .NET does not know (<c>application/json; charset=klingon</c>) is refused with
/// a 400 naming the Content-Type; the JSON reader would otherwise throw an InvalidOperationException, a 500.
/// </summary>
public static class RequestCharset
{
    public static IApplicationBuilder UseKnownRequestCharset(this IApplicationBuilder app) =>
        app.Use(async (ctx, next) =>
        {
            if (MediaTypeHeaderValue.TryParse(ctx.Request.ContentType, out var type)
                && HeaderUtilities.RemoveQuotes(type.Charset) is { Length: > 0 } charset
                && !IsKnown(charset.ToString()))
            {
                var problem = Results.ValidationProblem(
                    new Dictionary<string, string[]> { ["Content-Type"] = [$"The character set '{charset}' is not one this site reads; send UTF-8."] },
                    title: "The request has invalid input.");
                await problem.ExecuteAsync(ctx);
                return;
            }

            await next(ctx);
        });

    private static bool IsKnown(string charset)
    {
        try
        {
            _ = Encoding.GetEncoding(charset);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
