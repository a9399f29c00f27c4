using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using EqualFooting.Web.Tests.Infrastructure;
using EqualFooting.Web.Tests.Sessions;

namespace EqualFooting.Web.Tests.BadInput;

/// <summary>
/// A generic bad-input pass: malformed bodies, wrong types, odd encodings and oversized values sent to every operation
/// the OpenAPI document lists (read at run time, so new endpoints are covered without editing this test) and to every
/// form found by following the site's links. Any 5xx fails, listing each request that caused one.
/// </summary>
public abstract class MalformedInputPassTests(AppFactory app)
{
    // Kept small on purpose: enough to reach every binder and validator, a few seconds per provider.
    private const int Parallelism = 4;
    private static readonly string Huge = new('x', 100_000);
    private static readonly string[] BadQueryValues = ["abc", "99999999999999999999", "\uFFFF"];

    [Fact]
    public async Task Every_operation_of_the_openapi_document_answers_malformed_input_without_a_server_error()
    {
        var world = await World.CreateAsync(app);
        var document = JsonNode.Parse(await app.Anonymous().GetStringAsync("/openapi/v1.json"))!;
        var schemas = document["components"]?["schemas"];
        var requests = new List<Probe>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (method is "get" or "post" or "put" or "delete" or "patch")
                {
                    requests.AddRange(Operation(new HttpMethod(method.ToUpperInvariant()), path, operation!, schemas, world));
                }
            }
        }

        Assert.True(requests.Count > 100, $"Only {requests.Count} probes: is the OpenAPI document empty?");
        var failures = await SendAllAsync(world.Admin, requests);

        Assert.True(failures.IsEmpty, $"{failures.Count} of {requests.Count} malformed requests got a server error:\n" + string.Join("\n", failures.Order()) + Errors());
    }

    [Fact]
    public async Task Every_form_answers_malformed_input_without_a_server_error()
    {
        var world = await World.CreateAsync(app);
        var browser = await app.BrowserSignedInAsync(world.AdminEmail);
        var forms = await FormsAsync(browser, ["/", $"/processes/{world.ProcessId}", $"/consultations/{world.ConsultationId}", $"/sessions/{world.SessionId}"]);
        var requests = forms.SelectMany(FormProbes).ToList();

        Assert.True(forms.Count > 15, $"Only {forms.Count} forms found: {string.Join(", ", forms.Select(f => f.Action))}");
        var failures = await SendAllAsync(browser, requests);

        Assert.True(failures.IsEmpty, $"{failures.Count} of {requests.Count} malformed form posts got a server error:\n" + string.Join("\n", failures.Order()) + Errors());
    }

    /// <summary>The distinct errors the app logged, so a failure names its exceptions and not only its requests.</summary>
    private string Errors() => "\nErrors logged:\n" + string.Join("\n", app.Logs.Lines
        .Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Error)
        .Select(l => l.Message)
        .Distinct(StringComparer.Ordinal)
        .Take(20));

    private sealed record Probe(HttpMethod Method, string Url, Func<HttpContent?> Content, string What);

    private sealed record Form(string Page, string Action, bool Multipart, List<KeyValuePair<string, string>> Fields, List<string> Files);

    private sealed record World(HttpClient Admin, string AdminEmail, int ProcessId, int ConsultationId, int SessionId)
    {
        public static async Task<World> CreateAsync(AppFactory app)
        {
            var s = await SessionScenario.StartAsync(app);
            var (admin, email) = await app.AdministratorAsync();
            var processId = s.Process.Id();
            await (await s.Convener.PostAsJsonAsync($"/api/processes/{processId}/roles", new { email, role = "Convener" })).JsonAsync(HttpStatusCode.OK);
            await (await s.Convener.PostAsJsonAsync($"/api/processes/{processId}/roles", new { email, role = "Moderator" })).JsonAsync(HttpStatusCode.OK);
            await (await admin.JoinAsync(s.Process, "Civil society", "Europe")).JsonAsync(HttpStatusCode.Created);
            var consultation = await (await admin.PostAsJsonAsync($"/api/processes/{processId}/consultations", new
            {
                title = "Draft outcome document",
                closesAt = DateTimeOffset.UtcNow.AddDays(14),
                markdown = "# Principles\n\nHuman rights apply online as offline.\n\nThe Internet should remain open.",
            })).JsonAsync(HttpStatusCode.Created);
            await s.RaiseAsync(admin);

            // A statement and a proposal allowing proxies, so their pages' ratification and proxy forms are reached too.
            await (await admin.PostAsJsonAsync($"/api/processes/{processId}/statements", new { title = "ALAC statement", recipient = "ICANN Board", consultationId = consultation.Id() })).JsonAsync(HttpStatusCode.Created);
            await (await admin.PostAsJsonAsync($"/api/processes/{processId}/proposals", new { title = "Proposal", question = "Adopt it?", rule = new { kind = "majority", proxiesAllowed = true } })).JsonAsync(HttpStatusCode.Created);
            return new World(admin, email, processId, consultation.Id(), s.SessionId);
        }

        public string Value(string parameter) => parameter switch
        {
            "id" => ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "cid" => ConsultationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "sessionId" => SessionId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => "1",
        };
    }

    private static IEnumerable<Probe> Operation(HttpMethod method, string path, JsonNode operation, JsonNode? schemas, World world)
    {
        var parameters = operation["parameters"]?.AsArray().Select(p => p!).ToList() ?? [];
        var pathNames = parameters.Where(p => (string?)p["in"] == "path").Select(p => (string)p["name"]!).ToList();
        var queryNames = parameters.Where(p => (string?)p["in"] == "query").Select(p => (string)p["name"]!).ToList();
        string Url(Func<string, string> value, string query = "") =>
            pathNames.Aggregate(path, (url, name) => url.Replace("{" + name + "}", Uri.EscapeDataString(value(name)), StringComparison.Ordinal)) + query;
        var url = Url(world.Value);
        var label = $"{method} {path}";

        // Ids that exist nowhere, at the edges of their type.
        if (pathNames.Count > 0)
        {
            yield return new Probe(method, Url(_ => "2147483647"), () => JsonBody("{}"), $"{label} path=2147483647");
        }

        foreach (var name in queryNames)
        {
            foreach (var value in BadQueryValues)
            {
                yield return new Probe(method, url + $"?{name}={Uri.EscapeDataString(value)}", () => null, $"{label} ?{name}={Show(value)}");
            }

            yield return new Probe(method, url + $"?{name}=1&{name}=2", () => null, $"{label} ?{name} twice");
        }

        if (method == HttpMethod.Get || method == HttpMethod.Delete)
        {
            yield break;
        }

        // Whole bodies: broken JSON, the wrong shape, other encodings and content types, nothing at all.
        string[] raw = ["", "{", "[]", "\"text\"", new string('[', 5_000) + new string(']', 5_000), "{\"" + Huge + "\":1}"];
        foreach (var body in raw)
        {
            yield return new Probe(method, url, () => JsonBody(body), $"{label} body={Show(body)}");
        }

        yield return new Probe(method, url, () => Bytes([0xFF, 0xFE, 0x7B, 0x00, 0x22], "application/json"), $"{label} invalid UTF-8");
        yield return new Probe(method, url, () => Bytes("{}"u8.ToArray(), "application/json; charset=klingon"), $"{label} charset=klingon");
        yield return new Probe(method, url, () => Bytes("<a/>"u8.ToArray(), "application/xml"), $"{label} xml");
        yield return new Probe(method, url, () => Bytes("\uFFFF\0"u8.ToArray(), "text/plain"), $"{label} text");

        // Each property of the JSON schema in turn: the wrong type, noncharacters, an oversized value.
        var schema = Resolve(operation["requestBody"]?["content"]?["application/json"]?["schema"], schemas);
        var properties = schema?["properties"]?.AsObject();
        if (properties is null)
        {
            yield break;
        }

        var baseline = new JsonObject();
        foreach (var (name, property) in properties)
        {
            baseline[name] = Sample(Resolve(property, schemas), schemas, world);
        }

        foreach (var (name, property) in properties)
        {
            var type = TypeOf(Resolve(property, schemas));
            JsonNode?[] values = type switch
            {
                "string" => [12345, "\uFFFF\uFDD0", Huge],
                "integer" or "number" => ["twelve", 1e300, 2147483648L],
                "boolean" => ["maybe"],
                "array" => ["x", new JsonArray(JsonValue.Create("\uFFFF"), JsonValue.Create(-1), JsonValue.Create(Huge))],
                _ => ["x", new JsonObject { ["\uFFFF"] = Huge }],
            };
            foreach (var value in values)
            {
                var body = baseline.DeepClone().AsObject();
                body[name] = value?.DeepClone();
                var text = body.ToJsonString();
                yield return new Probe(method, url, () => JsonBody(text), $"{label} {name}={Show(value?.ToJsonString() ?? "null")}");
            }
        }
    }

    private static JsonNode? Resolve(JsonNode? schema, JsonNode? schemas)
    {
        for (var i = 0; i < 10 && schema?["$ref"] is { } reference; i++)
        {
            schema = schemas?[((string)reference!).Split('/')[^1]];
        }

        // Nullable properties come as oneOf/anyOf [null, T]: the non-null branch is the shape.
        if ((schema?["oneOf"] ?? schema?["anyOf"]) is JsonNode choices)
        {
            return Resolve(choices.AsArray().FirstOrDefault(c => TypeOf(Resolve(c, schemas)) != "null") ?? schema, schemas);
        }

        return schema;
    }

    private static string? TypeOf(JsonNode? schema) => schema?["type"] switch
    {
        JsonArray types => types.Select(t => (string?)t).FirstOrDefault(t => t != "null"),
        JsonValue type => (string?)type,
        _ => schema?["properties"] is not null ? "object" : null,
    };

    private static JsonNode? Sample(JsonNode? schema, JsonNode? schemas, World world) => TypeOf(schema) switch
    {
        "string" when (string?)schema?["format"] == "date-time" => DateTimeOffset.UtcNow.AddDays(1).ToString("O"),
        "string" when schema?["enum"] is JsonArray values && values.Count > 0 => values[0]?.DeepClone(),
        "string" => "x",
        "integer" or "number" => 1,
        "boolean" => true,
        "array" => new JsonArray(),
        _ => new JsonObject(),
    };

    private static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    private static ByteArrayContent Bytes(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private static string Show(string value) =>
        (value.Length > 40 ? value[..40] + $"…({value.Length})" : value).Replace("\uFFFF", "\\uFFFF", StringComparison.Ordinal).Replace("\uFFFE", "\\uFFFE", StringComparison.Ordinal);

    private static async Task<ConcurrentBag<string>> SendAllAsync(HttpClient client, IReadOnlyList<Probe> probes)
    {
        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(probes, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (probe, ct) =>
        {
            try
            {
                using var request = new HttpRequestMessage(probe.Method, probe.Url) { Content = probe.Content() };
                using var response = await client.SendAsync(request, ct);
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{(int)response.StatusCode} {probe.What}");
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures.Add($"threw {e.GetType().Name} {probe.What}: {e.Message}");
            }
        });
        return failures;
    }

    /// <summary>Follows the site's links from the given pages (two steps deep) and returns each distinct post form.</summary>
    private static async Task<List<Form>> FormsAsync(HttpClient client, string[] starts)
    {
        var parser = new HtmlParser();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var forms = new Dictionary<string, Form>(StringComparer.Ordinal);
        var frontier = starts.ToList();
        for (var depth = 0; depth < 3 && frontier.Count > 0; depth++)
        {
            var next = new List<string>();
            foreach (var url in frontier.Where(u => seen.Add(u.Split('?')[0])).Take(80))
            {
                using var response = await client.GetAsync(url);
                if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "text/html")
                {
                    continue;
                }

                using var page = await parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
                foreach (var form in page.Forms.Where(f => string.Equals(f.Method, "post", StringComparison.OrdinalIgnoreCase)))
                {
                    var action = form.GetAttribute("action") is { Length: > 0 } a ? a : url;
                    if (action.StartsWith("/account/logout", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var fields = Fields(form);
                    var key = action.Split('#')[0] + "|" + string.Join(",", fields.Select(f => f.Key).Distinct().Order(StringComparer.Ordinal));
                    var files = form.QuerySelectorAll<IHtmlInputElement>("input[type=file][name]").Select(i => i.Name!).ToList();
                    forms.TryAdd(key, new Form(url, action.Split('#')[0], form.Enctype == "multipart/form-data", fields, files));
                }

                next.AddRange(page.QuerySelectorAll<IHtmlAnchorElement>("a[href^='/']")
                    .Select(a => a.GetAttribute("href")!.Split('#')[0])
                    .Where(h => h.Length > 0 && !h.StartsWith("/api", StringComparison.Ordinal) && !h.StartsWith("/account/logout", StringComparison.Ordinal)
                        && !h.Contains('.', StringComparison.Ordinal) && !h.EndsWith("/ical", StringComparison.Ordinal)));
            }

            frontier = next.Distinct().ToList();
        }

        return forms.Values.ToList();
    }

    private static List<KeyValuePair<string, string>> Fields(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Name.Length: > 0 } input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked)
                    {
                        fields.Add(new(input.Name!, input.Value));
                    }

                    break;
                case IHtmlInputElement { Name.Length: > 0 } input when input.Type is not ("file" or "submit" or "button" or "image" or "reset"):
                    fields.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlSelectElement { Name.Length: > 0 } select:
                    fields.Add(new(select.Name!, select.Value ?? ""));
                    break;
                case IHtmlTextAreaElement { Name.Length: > 0 } area:
                    fields.Add(new(area.Name!, area.Value));
                    break;
            }
        }

        return fields;
    }

    /// <summary>Per field: noncharacters, a value that is no number, date or boolean, a huge one; then every field missing.</summary>
    private static IEnumerable<Probe> FormProbes(Form form)
    {
        string[] values = ["\uFFFF", "maybe", "99999999999999999999", Huge];
        var names = form.Fields.Select(f => f.Key).Where(n => n != "__RequestVerificationToken").Distinct().ToList();
        foreach (var name in names)
        {
            foreach (var value in values)
            {
                var fields = form.Fields.Where(f => f.Key != name).Append(new(name, value)).ToList();
                yield return new Probe(HttpMethod.Post, form.Action, () => Encode(form, fields), $"{form.Action} (from {form.Page}) {name}={Show(value)}");
            }
        }

        var tokenOnly = form.Fields.Where(f => f.Key == "__RequestVerificationToken").ToList();
        yield return new Probe(HttpMethod.Post, form.Action, () => Encode(form, tokenOnly), $"{form.Action} (from {form.Page}) every field missing");
    }

    private static HttpContent Encode(Form form, List<KeyValuePair<string, string>> fields)
    {
        if (!form.Multipart)
        {
            return new FormUrlEncodedContent(fields);
        }

        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var file in form.Files)
        {
            content.Add(new ByteArrayContent([0xFF, 0xFE, 0x00, 0xEF, 0xBF, 0xBF]), file, "probe.txt");
        }

        return content;
    }
}

public sealed class MalformedInputPassOnSqlite(SqliteApp app) : MalformedInputPassTests(app), IClassFixture<SqliteApp>;

public sealed class MalformedInputPassOnPostgres(PostgresApp app) : MalformedInputPassTests(app), IClassFixture<PostgresApp>;
