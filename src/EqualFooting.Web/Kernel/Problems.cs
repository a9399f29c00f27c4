using System.Text.Json;
using EqualFooting.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Kernel;

/// <summary>The one place where expected failures become HTTP: ProblemDetails for the API, form errors for pages.</summary>
public static class Problems
{
    public static int StatusOf(Error error) => error.Kind switch
    {
        ErrorKind.Invalid => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static IResult ToResult(Error error)
    {
        var status = StatusOf(error);
        if (error.Field is { } field)
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { [field] = [error.Message] },
                detail: error.Message,
                statusCode: status,
                title: Title(error.Kind));
        }

        return Results.Problem(detail: error.Message, statusCode: status, title: Title(error.Kind));
    }

    public static IResult ToResult<T>(Result<T> result, Func<T, IResult> onSuccess) =>
        result.Error is { } error ? ToResult(error) : onSuccess(result.Value);

    /// <summary>
    /// For a page: invalid input and conflicts become form messages (returning null so the page re-renders);
    /// the rest become the matching status.
    /// </summary>
    public static IActionResult? ToPage(PageModel page, Error error, string prefix = "")
    {
        switch (error.Kind)
        {
            case ErrorKind.Invalid or ErrorKind.Conflict:
                var key = error.Field is null ? "" : prefix + char.ToUpperInvariant(error.Field[0]) + error.Field[1..];
                page.ModelState.AddModelError(key, error.Message);
                return null;
            case ErrorKind.NotFound:
                return page.NotFound();
            case ErrorKind.Unauthenticated:
                return page.Challenge();
            default:
                return page.Forbid();
        }
    }

    private static string Title(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => "The request has invalid input.",
        ErrorKind.NotFound => "Not found.",
        ErrorKind.Conflict => "The request conflicts with the current state.",
        ErrorKind.Forbidden => "You are not allowed to do this.",
        ErrorKind.Unauthenticated => "Sign in first.",
        _ => "Error.",
    };

    /// <summary>
    /// The value of a field's <c>aria-invalid</c>: "true" when the field has errors, so screen readers announce it as
    /// invalid along with the message it describes; null otherwise, which Razor renders as no attribute at all.
    /// </summary>
    public static string? AriaInvalid(ModelStateDictionary state, string key) =>
        state.GetFieldValidationState(key) == ModelValidationState.Invalid ? "true" : null;

    /// <summary>Messages of a page's model state, for pages that must also answer through a ModelStateDictionary.</summary>
    public static bool HasErrors(ModelStateDictionary state) => state.ErrorCount > 0;
}

/// <summary>
/// Turns request-binding failures (malformed JSON, a wrong type, a missing body) into a 400 ProblemDetails that
/// names the offending field, instead of the framework's bare 400 or a 500.
/// </summary>
internal sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var json = FindJsonException(bad);
        var field = json?.Path is { Length: > 1 } path ? FieldName(path) : "body";
        var detail = json is not null
            ? $"The JSON body is malformed or has a value of the wrong type at '{field}'."
            : bad.Message;

        context.Response.StatusCode = bad.StatusCode;
        var problem = new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [detail] })
        {
            Status = bad.StatusCode,
            Title = "The request has invalid input.",
            Detail = detail,
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static JsonException? FindJsonException(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is JsonException json)
            {
                return json;
            }
        }

        return null;
    }

    /// <summary>"$.stakeholderGroupId" → "stakeholderGroupId"; "$.languages[2]" → "languages[2]".</summary>
    private static string FieldName(string path) => path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
}
