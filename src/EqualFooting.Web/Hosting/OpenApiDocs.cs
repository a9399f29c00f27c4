using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace EqualFooting.Web.Hosting;

/// <summary>Marks a read that needs an account (your own receipts, your own affiliations); every write needs one unless it allows anonymous callers.</summary>
public sealed class NeedsAccount;

/// <summary>
/// The OpenAPI document's shared parts: the bearer scheme and, on every operation, the security and the problem
/// responses that follow from the platform's rules. Reading is public and writing needs an account, so a write (or
/// a read marked <see cref="NeedsAccount"/>) requires the bearer scheme and can answer 401, and 403 where a process
/// role decides; a write with public callers says so with AllowAnonymous. Input that does not bind answers 400, a
/// route naming something answers 404 when it does not exist, and a rate-limited operation answers 429. Operations
/// declare their other answers (409 and the like) themselves.
/// </summary>
public static class OpenApiDocs
{
    public const string Scheme = "Bearer";
    public const string ReferencePath = "/api/reference";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "EqualFooting API";
            document.Info.Description = "Multistakeholder processes: participation, consultations, sessions and a verifiable public record. Reading is public; writing needs a bearer token from POST /api/account/token.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The access token from POST /api/account/token. Pages use the sign-in cookie instead.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var endpoint = context.Description;
            var metadata = endpoint.ActionDescriptor.EndpointMetadata;
            var write = !string.Equals(endpoint.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase);
            var anonymous = metadata.OfType<IAllowAnonymous>().Any();
            var needsAccount = metadata.OfType<NeedsAccount>().Any() || (write && !anonymous);
            var names = endpoint.ParameterDescriptions.Any(p => p.Source.Id == "Path");
            operation.Responses ??= new OpenApiResponses();
            if (write || endpoint.ParameterDescriptions.Count > 0)
            {
                Problem(operation, 400, "The input is malformed or invalid; the problem names the field.");
            }

            if (needsAccount)
            {
                Problem(operation, 401, "No account: sign in, or send a bearer token.");
                if (write && names)
                {
                    Problem(operation, 403, "The account's role in the process does not allow this.");
                }

                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, context.Document)] = [] }];
            }

            if (names)
            {
                Problem(operation, 404, "Nothing with that id, or not visible to you.");
            }

            if (metadata.OfType<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>().Any())
            {
                Problem(operation, 429, "Too many requests: wait and try again.");
            }

            // An endpoint that declares only its problems (and returns IResult) gets no success response from the
            // API explorer; say at least that it succeeds, without inventing a body it did not declare.
            if (!operation.Responses.Keys.Any(k => k.StartsWith('2')))
            {
                operation.Responses[write ? "2XX" : "200"] = new OpenApiResponse { Description = write ? "Done; the body, if any, is the changed resource." : "The resource, as JSON." };
            }

            return Task.CompletedTask;
        });
    }

    private static void Problem(OpenApiOperation operation, int status, string description)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key))
        {
            return;
        }

        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType() },
        };
    }

    /// <summary>The interactive reference (Scalar) over the document at /openapi/v1.json.</summary>
    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapScalarApiReference(ReferencePath, o => o
            .WithTitle("EqualFooting API reference")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .AddPreferredSecuritySchemes(Scheme));
        return app;
    }
}
