using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EqualFooting.Web.Tests.Infrastructure;

/// <summary>Small helpers over the JSON API, so tests read as the steps a convener or participant takes.</summary>
public static class Api
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Asserts a ProblemDetails with the given status that names <paramref name="field"/> among its errors.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected, string? field = null)
    {
        var problem = await response.JsonAsync(expected);
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString());
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        if (field is not null)
        {
            Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"No error for '{field}' in {problem}");
        }

        return problem;
    }

    public static async Task<JsonElement> CreateProcessAsync(this HttpClient admin, string name = "NETmundial consultation", string status = "Open")
    {
        var response = await admin.PostAsJsonAsync("/api/processes", new { name, description = "A test process.", status, languages = new[] { "en", "pt" } });
        return await response.JsonAsync(HttpStatusCode.Created);
    }

    public static int Id(this JsonElement e) => e.GetProperty("id").GetInt32();

    public static int GroupId(this JsonElement process, string name) =>
        process.GetProperty("stakeholderGroups").EnumerateArray().Single(g => g.GetProperty("name").GetString() == name).Id();

    public static int RegionId(this JsonElement process, string name) =>
        process.GetProperty("regions").EnumerateArray().Single(g => g.GetProperty("name").GetString() == name).Id();

    public static Task<HttpResponseMessage> JoinAsync(this HttpClient client, JsonElement process, string group, string region) =>
        client.PostAsJsonAsync($"/api/processes/{process.Id()}/participants", new { stakeholderGroupId = process.GroupId(group), regionId = process.RegionId(region) });

    public static Task<HttpResponseMessage> PostJsonTextAsync(this HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
}
