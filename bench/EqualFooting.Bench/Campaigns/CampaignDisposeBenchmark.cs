using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EqualFooting.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Bench.Campaigns;

/// <summary>
/// A campaign of 12,000 form letters stored through the batch API of a real server on SQLite, then the committee's
/// three campaign calls timed end to end: detection on demand, disposing the whole campaign (12,000 dispositions
/// added to 12,000 histories), and disposing it again with overwrite. Each answer is checked against the database.
/// </summary>
public sealed class CampaignDisposeBenchmark : IBenchmark
{
    private const string Password = "correct horse battery staple";
    private const int Batch = 1_000;

    private const string Letter =
        "I am writing to ask the committee to strengthen the section on net neutrality in the draft statement. "
        + "The open Internet has allowed small businesses, community networks and independent media in my region to reach "
        + "people on an equal footing with the largest companies. The draft should state clearly that operators must not "
        + "block, throttle or prioritise traffic for commercial gain.";

    public string Name => "campaign-dispose";

    public string Description => "Detect and dispose of a 12,000-member campaign through the API on SQLite [--members 12000 --server-output --web-dll PATH]";

    public async Task<BenchResult> RunAsync(BenchOptions options)
    {
        var members = options.Int("members", 12_000);
        if (members is < 2 or > 200_000)
        {
            throw new BenchFailedException("Options out of range: 2 ≤ --members ≤ 200000.");
        }

        var dll = WebServer.LocateDll(options);
        var directory = Directory.CreateTempSubdirectory("equalfooting-bench-");
        var file = Path.Combine(directory.FullName, "campaign-dispose.db");
        WebServer? server = null;
        try
        {
            Console.WriteLine($"campaign-dispose on {Environment.ProcessorCount} cores, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}, load average {ProcessPageBenchmark.LoadAverage()}");
            server = WebServer.Start(
                dll,
                new Dictionary<string, string>
                {
                    ["ASPNETCORE_ENVIRONMENT"] = "Production",
                    ["Database__Provider"] = "Sqlite",
                    ["ConnectionStrings__Default"] = $"Data Source={file}",
                    ["Demo__Enabled"] = "false",
                    ["RateLimits__WritesPerMinute"] = "100000",
                    ["RateLimits__AccountAttemptsPerMinute"] = "100000",

                    // The run times detection on demand; a background run at the same moment would only queue behind it.
                    ["Consultations__CampaignDetectionDelay"] = "00:30:00",
                },
                ["--Logging:LogLevel:Default=Warning"],
                echo: options.Flag("server-output"));
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false, AllowAutoRedirect = false })
            {
                BaseAddress = server.BaseAddress,
                Timeout = TimeSpan.FromMinutes(5),
            };
            await server.WaitUntilHealthyAsync(http, TimeSpan.FromSeconds(60), CancellationToken.None);

            var admin = await RegisterAsync(http, server, "admin@bench.equalfooting.invalid");
            var builder = new DbContextOptionsBuilder<SqliteEqualFootingDb>();
            Database.Configure(builder, DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = file }.ToString());
            await using (var db = new SqliteEqualFootingDb(builder.Options))
            {
                (await db.Users.SingleAsync(u => u.Email == "admin@bench.equalfooting.invalid")).IsAdministrator = true;
                await db.SaveChangesAsync();
            }

            var process = await SendAsync(http, server, "/api/processes", admin,
                new { name = "Campaign benchmark", description = "A consultation flooded by one form letter.", status = "Open", languages = new[] { "en" } }, HttpStatusCode.Created);
            var processId = process.GetProperty("id").GetInt32();
            var consultation = await SendAsync(http, server, $"/api/processes/{processId}/consultations", admin,
                new { title = "Draft statement", closesAt = DateTimeOffset.UtcNow.AddDays(7), markdown = "Operators should treat traffic alike." }, HttpStatusCode.Created);
            var cid = consultation.GetProperty("id").GetInt32();
            var sender = await RegisterAsync(http, server, "campaigner@bench.equalfooting.invalid");
            await SendAsync(http, server, $"/api/processes/{processId}/participants", sender,
                new { stakeholderGroupId = process.GetProperty("stakeholderGroups")[2].GetProperty("id").GetInt32(), regionId = process.GetProperty("regions")[0].GetProperty("id").GetInt32() },
                HttpStatusCode.Created);

            var seeding = Stopwatch.StartNew();
            for (var first = 0; first < members; first += Batch)
            {
                var comments = Enumerable.Range(first, Math.Min(Batch, members - first))
                    .Select(i => new { text = i % 3 == 0 ? Letter : $"{Letter} Signed, supporter number {i}.", idempotencyKey = $"k{i}" })
                    .ToArray();
                await SendAsync(http, server, $"/api/consultations/{cid}/comments/batch", sender, new { comments }, HttpStatusCode.OK);
            }

            Console.WriteLine($"{members} comments stored in {seeding.Elapsed.TotalSeconds:0.0} s");

            var clock = Stopwatch.StartNew();
            var run = await SendAsync(http, server, $"/api/consultations/{cid}/campaigns/detect", admin, null, HttpStatusCode.OK);
            var detectMs = clock.Elapsed.TotalMilliseconds;
            if (run.GetProperty("campaigns").GetInt32() != 1 || run.GetProperty("members").GetInt32() != members)
            {
                throw new BenchFailedException($"Expected one campaign of {members}, got {run}.");
            }

            var list = await SendAsync(http, server, $"/api/consultations/{cid}/campaigns", admin, null, HttpStatusCode.OK, HttpMethod.Get);
            var campaignId = list.GetProperty("items")[0].GetProperty("id").GetInt64();

            clock.Restart();
            var disposed = await SendAsync(http, server, $"/api/consultations/{cid}/campaigns/{campaignId}/disposition", admin,
                new { disposition = "Noted", reason = "Answered in the synthesis of campaign letters." }, HttpStatusCode.OK);
            var disposeMs = clock.Elapsed.TotalMilliseconds;

            clock.Restart();
            var overwritten = await SendAsync(http, server, $"/api/consultations/{cid}/campaigns/{campaignId}/disposition", admin,
                new { disposition = "PartlyAccepted", reason = "Paragraph 1 now says so.", overwrite = true }, HttpStatusCode.OK);
            var overwriteMs = clock.Elapsed.TotalMilliseconds;

            await using (var db = new SqliteEqualFootingDb(builder.Options))
            {
                var history = await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"CommentDispositions\"").SingleAsync();
                var partly = await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"Comments\" WHERE \"Disposition\" = 'PartlyAccepted'").SingleAsync();
                if (disposed.GetProperty("disposed").GetInt32() != members || overwritten.GetProperty("disposed").GetInt32() != members || history != 2 * members || partly != members)
                {
                    throw new BenchFailedException($"Expected {members} dispositions per call and {2 * members} history rows; got {disposed}, {overwritten}, {history} rows, {partly} current.");
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"detect {detectMs:0} ms, dispose {disposeMs:0} ms, dispose with overwrite {overwriteMs:0} ms, load average {ProcessPageBenchmark.LoadAverage()}"));
            return new BenchResult()
                .Add("members", members)
                .Add("detect_ms", Math.Round(detectMs))
                .Add("dispose_ms", Math.Round(disposeMs))
                .Add("overwrite_ms", Math.Round(overwriteMs));
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }

            SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    private static async Task<string> RegisterAsync(HttpClient http, WebServer server, string email)
    {
        await SendAsync(http, server, "/api/account/register", null, new { displayName = email.Split('@')[0], email, password = Password }, HttpStatusCode.Created);
        var token = await SendAsync(http, server, "/api/account/token", null, new { email, password = Password }, HttpStatusCode.OK);
        return token.GetProperty("accessToken").GetString()!;
    }

    private static async Task<JsonElement> SendAsync(HttpClient http, WebServer server, string path, string? token, object? body, HttpStatusCode expected, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Post, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return response.StatusCode == expected
            ? (text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone())
            : throw new BenchFailedException($"{request.Method} {path} answered {(int)response.StatusCode}, expected {(int)expected}: {text}\n{server.Output()}");
    }
}
