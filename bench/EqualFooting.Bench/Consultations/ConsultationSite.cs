using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EqualFooting.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Bench.Consultations;

/// <summary>
/// The web app on a temporary SQLite file with an open consultation on a long draft, set up through the public API
/// only (the administrator is promoted in the database, as the promote-admin command does): what the consultation
/// benchmarks share.
/// </summary>
public sealed class ConsultationSite : IAsyncDisposable
{
    public const string Password = "correct horse battery staple";

    private static readonly string[] Words =
    [
        "the", "internet", "governance", "multistakeholder", "process", "should", "ensure", "that", "all", "stakeholders",
        "participate", "on", "an", "equal", "footing", "human", "rights", "apply", "online", "as", "offline", "open",
        "interoperable", "secure", "network", "access", "development", "capacity", "building", "regional", "civil",
        "society", "technical", "community", "academia", "private", "sector", "government", "transparency", "accountability",
        "inclusive", "consensus", "paragraph", "draft", "we", "recommend", "strengthening", "this", "language", "and",
        "adding", "a", "reference", "to", "net", "neutrality", "privacy", "data", "protection", "jurisdiction",
    ];

    private readonly DirectoryInfo _directory;

    private ConsultationSite(DirectoryInfo directory, WebServer server, HttpClient http, string file)
    {
        _directory = directory;
        Server = server;
        Http = http;
        File = file;
    }

    public WebServer Server { get; }

    /// <summary>For set-up and checks; loads use their own clients.</summary>
    public HttpClient Http { get; }

    public string File { get; }

    public int ProcessId { get; private set; }

    public int ConsultationId { get; private set; }

    public string AdminToken { get; private set; } = "";

    public IReadOnlyList<int> ParagraphIds { get; private set; } = [];

    public IReadOnlyList<int> GroupIds { get; private set; } = [];

    public IReadOnlyList<int> RegionIds { get; private set; } = [];

    public static Task<ConsultationSite> StartAsync(BenchOptions options, string name, CancellationToken ct) => StartAsync(options, name, null, ct);

    /// <param name="settings">Extra settings for the server, as environment variables (Record__Log=off).</param>
    public static async Task<ConsultationSite> StartAsync(BenchOptions options, string name, IReadOnlyDictionary<string, string>? settings, CancellationToken ct)
    {
        var dll = WebServer.LocateDll(options);
        var directory = Directory.CreateTempSubdirectory("equalfooting-bench-");
        var file = Path.Combine(directory.FullName, name + ".db");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__Default"] = $"Data Source={file}",
            ["Demo__Enabled"] = "false",

            // The bench writes far more from one address and from each account than a person would.
            ["RateLimits__WritesPerMinute"] = "100000000",
            ["RateLimits__AccountAttemptsPerMinute"] = "100000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var server = WebServer.Start(
            dll,
            environment,
            ["--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.AspNetCore=Warning", "--Logging:LogLevel:Microsoft.EntityFrameworkCore=Warning", "--Logging:LogLevel:EqualFooting.Web.Consultations.CampaignDetection=Information"],
            echo: options.Flag("server-output"));
        var http = Client(server.BaseAddress, 4);
        var site = new ConsultationSite(directory, server, http, file);
        try
        {
            Console.WriteLine($"server: {dll} on {server.BaseAddress}");
            await server.WaitUntilHealthyAsync(http, TimeSpan.FromSeconds(options.Double("startup-timeout", 60)), ct);
            return site;
        }
        catch
        {
            await site.DisposeAsync();
            throw;
        }
    }

    /// <summary>An administrator opens a process and a consultation on a draft of <paramref name="paragraphs"/> paragraphs.</summary>
    public async Task OpenConsultationAsync(int paragraphs, CancellationToken ct)
    {
        AdminToken = await RegisterAsync("admin@bench.equalfooting.invalid", "Benchmark Secretariat", ct);
        var builder = new DbContextOptionsBuilder<SqliteEqualFootingDb>();
        Database.Configure(builder, DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = File }.ToString());
        await using (var db = new SqliteEqualFootingDb(builder.Options))
        {
            var account = await db.Users.SingleAsync(u => u.Email == "admin@bench.equalfooting.invalid", ct);
            account.IsAdministrator = true;
            await db.SaveChangesAsync(ct);
        }

        var process = await SendAsync(HttpMethod.Post, "/api/processes", AdminToken,
            new { name = "Benchmark consultation forum", description = "An open consultation with many comments.", status = "Open", languages = new[] { "en" } }, HttpStatusCode.Created, ct);
        ProcessId = process.GetProperty("id").GetInt32();
        GroupIds = process.GetProperty("stakeholderGroups").EnumerateArray().Select(g => g.GetProperty("id").GetInt32()).ToList();
        RegionIds = process.GetProperty("regions").EnumerateArray().Select(r => r.GetProperty("id").GetInt32()).ToList();

        var random = new Random(7);
        var markdown = new StringBuilder("# Benchmark outcome document\n\n");
        for (var i = 1; i < paragraphs; i++)
        {
            markdown.Append(CultureInfo.InvariantCulture, $"Article {i}: ").Append(Text(random, 40, 90)).Append("\n\n");
        }

        var consultation = await SendAsync(HttpMethod.Post, $"/api/processes/{ProcessId}/consultations", AdminToken,
            new { title = "Benchmark draft", closesAt = DateTimeOffset.UtcNow.AddDays(30), markdown = markdown.ToString() }, HttpStatusCode.Created, ct);
        ConsultationId = consultation.GetProperty("id").GetInt32();
        var draft = await SendAsync(HttpMethod.Get, $"/api/consultations/{ConsultationId}/draft", null, null, HttpStatusCode.OK, ct);
        ParagraphIds = draft.GetProperty("paragraphs").EnumerateArray().Select(p => p.GetProperty("id").GetInt32()).ToList();
        if (ParagraphIds.Count != paragraphs)
        {
            throw new BenchFailedException($"The draft has {ParagraphIds.Count} paragraphs; {paragraphs} were written.");
        }
    }

    /// <summary>Registers <paramref name="count"/> accounts that join the process, groups and regions in turn; returns their bearer tokens.</summary>
    public async Task<IReadOnlyList<string>> ParticipantsAsync(int first, int count, CancellationToken ct)
    {
        var tokens = new List<string>(count);
        for (var i = first; i < first + count; i++)
        {
            var token = await RegisterAsync($"participant{i:0000}@bench.equalfooting.invalid", $"Participant {i}", ct);
            await SendAsync(HttpMethod.Post, $"/api/processes/{ProcessId}/participants", token,
                new { stakeholderGroupId = GroupIds[i % GroupIds.Count], regionId = RegionIds[i / GroupIds.Count % RegionIds.Count] }, HttpStatusCode.Created, ct);
            tokens.Add(token);
        }

        return tokens;
    }

    /// <summary>
    /// The JSON body of a batch: <paramref name="size"/> comments with keys <c>{prefix}-{i}</c>, one in ten on the
    /// whole draft, the rest on random paragraphs, 150–600 characters each.
    /// </summary>
    public byte[] BatchBody(Random random, string prefix, int size)
    {
        using var stream = new MemoryStream(size * 500);
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteStartArray("comments");
            for (var i = 0; i < size; i++)
            {
                json.WriteStartObject();
                if (random.Next(10) != 0)
                {
                    json.WriteNumber("paragraphId", ParagraphIds[random.Next(ParagraphIds.Count)]);
                }

                json.WriteString("text", Text(random, 25, 100));
                json.WriteString("idempotencyKey", $"{prefix}-{i}");
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    public byte[] CommentBody(Random random, string key)
    {
        var body = new Dictionary<string, object?>
        {
            ["paragraphId"] = random.Next(10) == 0 ? null : ParagraphIds[random.Next(ParagraphIds.Count)],
            ["text"] = Text(random, 25, 100),
            ["idempotencyKey"] = key,
        };
        return JsonSerializer.SerializeToUtf8Bytes(body);
    }

    public static string Text(Random random, int minWords, int maxWords)
    {
        var n = random.Next(minWords, maxWords + 1);
        var sb = new StringBuilder(n * 8);
        for (var i = 0; i < n; i++)
        {
            var word = Words[random.Next(Words.Length)];
            sb.Append(i == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word);
            sb.Append(i == n - 1 ? "." : random.Next(12) == 0 ? ", " : " ");
        }

        return sb.ToString();
    }

    public static HttpClient Client(Uri baseAddress, int connections) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };

    public static HttpRequestMessage Post(string path, string token, byte[] json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(json) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    public async Task<string> RegisterAsync(string email, string name, CancellationToken ct)
    {
        await SendAsync(HttpMethod.Post, "/api/account/register", null, new { displayName = name, email, password = Password }, HttpStatusCode.Created, ct);
        var token = await SendAsync(HttpMethod.Post, "/api/account/token", null, new { email, password = Password }, HttpStatusCode.OK, ct);
        return token.GetProperty("accessToken").GetString()!;
    }

    public async Task<JsonElement> SendAsync(HttpMethod method, string path, string? token, object? body, HttpStatusCode expected, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is byte[] bytes)
        {
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await Http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != expected)
        {
            throw new BenchFailedException($"{method} {path} answered {(int)response.StatusCode}, expected {(int)expected}: {Shorten(text)}\n{Server.Output()}");
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static string Shorten(string text) => text.Length > 600 ? text[..600] + "…" : text;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();

        // Pooled connections would keep the file open (and on some systems undeletable).
        SqliteConnection.ClearAllPools();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException e)
        {
            await Console.Error.WriteLineAsync($"Could not delete {_directory.FullName}: {e.Message}");
        }
    }
}
