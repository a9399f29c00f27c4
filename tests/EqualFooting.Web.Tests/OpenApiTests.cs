using System.Net;
using System.Text.Json;
using EqualFooting.Web.Tests.Infrastructure;

namespace EqualFooting.Web.Tests;

/// <summary>
/// The API as a first-class interface: every operation in the OpenAPI document has a summary and its problem
/// responses, and every operation that needs an account says so with the bearer scheme.
/// </summary>
public abstract class OpenApiTests(AppFactory app)
{
    // Writes open to anyone: creating an account, getting its token, choosing a language.
    private static readonly HashSet<string> AnonymousWrites = ["post /api/account/register", "post /api/account/token", "post /culture"];

    private static IEnumerable<(string Key, JsonElement Operation)> Operations(JsonElement document)
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete" or "patch"))
            {
                yield return ($"{operation.Name} {path.Name}", operation.Value);
            }
        }
    }

    [Fact]
    public async Task Every_operation_has_a_summary_its_problem_responses_and_its_security()
    {
        var document = await (await app.Anonymous().GetAsync("/openapi/v1.json")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("http", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("type").GetString());
        var operations = Operations(document).ToList();
        Assert.True(operations.Count >= 80, $"only {operations.Count} operations");

        var failures = new List<string>();
        foreach (var (key, operation) in operations)
        {
            if (!operation.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString()))
            {
                failures.Add($"{key}: no summary");
            }

            var responses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet();
            var secured = operation.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;
            var write = !key.StartsWith("get ", StringComparison.Ordinal);
            var hasParameters = operation.TryGetProperty("parameters", out var parameters) && parameters.GetArrayLength() > 0;
            if (write && !secured && !AnonymousWrites.Contains(key))
            {
                failures.Add($"{key}: a write without the bearer scheme");
            }

            if (!secured && responses.Contains("401") && key != "post /api/account/token")
            {
                // The token endpoint's 401 is a wrong password, not a missing account.
                failures.Add($"{key}: answers 401 but does not declare the bearer scheme (NeedsAccount)");
            }

            if (secured && !responses.Contains("401"))
            {
                failures.Add($"{key}: needs an account but does not answer 401");
            }

            if ((write || hasParameters) && !responses.Contains("400"))
            {
                failures.Add($"{key}: takes input but does not answer 400");
            }

            if (key.Contains('{', StringComparison.Ordinal) && !responses.Contains("404"))
            {
                failures.Add($"{key}: names something but does not answer 404");
            }

            if (!responses.Any(r => r.StartsWith('2')))
            {
                failures.Add($"{key}: no success response");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task The_interactive_reference_is_served()
    {
        // The reference redirects to its folder form; a browser follows.
        var response = await app.CreateClient().GetAsync("/api/reference");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("EqualFooting API reference", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class OpenApiOnSqlite(SqliteApp app) : OpenApiTests(app), IClassFixture<SqliteApp>;

public sealed class OpenApiOnPostgres(PostgresApp app) : OpenApiTests(app), IClassFixture<PostgresApp>;
