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
/// Two campaigns of 12,000 form letters each, in two consultations, stored through the batch API of a real server on
/// SQLite; then the committee's campaign calls timed end to end. The same database is served twice: first with
/// <c>Consultations:CampaignNotices</c> off, then on, and each server disposes of its own campaign
/// (<c>--rounds</c> times: once, then with overwrite and another disposition each time, so every round reaches
/// every member). With notices on, every round also writes one row that the server's worker expands after the commit
/// into one notice per member; the bench waits for them before the next round and reports the median time from the
/// request to its last notice as <c>fanout_ms</c>. The medians give <c>ms_without</c>, <c>ms_with</c> and the
/// overhead. Each answer is checked against the database.
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

    private static readonly (string Disposition, string Reason)[] Answers =
    [
        ("Noted", "Answered in the synthesis of campaign letters."),
        ("PartlyAccepted", "Paragraph 1 now says so."),
        ("Accepted", "Paragraph 1 and 3 now say so."),
    ];

    public string Name => "campaign-dispose";

    public string Description => "Dispose of a 12,000-member campaign through the API on SQLite, with and without its notices [--members 12000 --rounds 15 --server-output --web-dll PATH]";

    public async Task<BenchResult> RunAsync(BenchOptions options)
    {
        var members = options.Int("members", 12_000);
        // Rounds vary by ±30 ms on an idle machine; five gave medians 40 points apart from one run to the next.
        var rounds = options.Int("rounds", 15);
        if (members is < 2 or > 200_000)
        {
            throw new BenchFailedException("Options out of range: 2 ≤ --members ≤ 200000.");
        }

        var dll = WebServer.LocateDll(options);
        var directory = Directory.CreateTempSubdirectory("equalfooting-bench-");
        var file = Path.Combine(directory.FullName, "campaign-dispose.db");
        var builder = new DbContextOptionsBuilder<SqliteEqualFootingDb>();
        Database.Configure(builder, DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = file }.ToString());
        try
        {
            Console.WriteLine($"campaign-dispose on {Environment.ProcessorCount} cores, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}, load average {ProcessPageBenchmark.LoadAverage()}");

            // The first server seeds both consultations and detects both campaigns, with notices off.
            double detectMs;
            var cids = new int[2];
            var campaignIds = new long[2];
            await using (var server = Start(dll, file, notices: false, options))
            {
                using var http = Client(server);
                await server.WaitUntilHealthyAsync(http, TimeSpan.FromSeconds(300), CancellationToken.None);
                var admin = await RegisterAsync(http, server, "admin@bench.equalfooting.invalid");
                await using (var db = new SqliteEqualFootingDb(builder.Options))
                {
                    (await db.Users.SingleAsync(u => u.Email == "admin@bench.equalfooting.invalid")).IsAdministrator = true;
                    await db.SaveChangesAsync();
                }

                var process = await SendAsync(http, server, "/api/processes", admin,
                    new { name = "Campaign benchmark", description = "A consultation flooded by one form letter.", status = "Open", languages = new[] { "en" } }, HttpStatusCode.Created);
                var processId = process.GetProperty("id").GetInt32();
                var sender = await RegisterAsync(http, server, "campaigner@bench.equalfooting.invalid");
                await SendAsync(http, server, $"/api/processes/{processId}/participants", sender,
                    new { stakeholderGroupId = process.GetProperty("stakeholderGroups")[2].GetProperty("id").GetInt32(), regionId = process.GetProperty("regions")[0].GetProperty("id").GetInt32() },
                    HttpStatusCode.Created);

                var seeding = Stopwatch.StartNew();
                for (var k = 0; k < 2; k++)
                {
                    var consultation = await SendAsync(http, server, $"/api/processes/{processId}/consultations", admin,
                        new { title = $"Draft statement {k + 1}", closesAt = DateTimeOffset.UtcNow.AddDays(7), markdown = "Operators should treat traffic alike." }, HttpStatusCode.Created);
                    cids[k] = consultation.GetProperty("id").GetInt32();
                    for (var first = 0; first < members; first += Batch)
                    {
                        var comments = Enumerable.Range(first, Math.Min(Batch, members - first))
                            .Select(i => new { text = i % 3 == 0 ? Letter : $"{Letter} Signed, supporter number {i}.", idempotencyKey = $"k{i}" })
                            .ToArray();
                        await SendAsync(http, server, $"/api/consultations/{cids[k]}/comments/batch", sender, new { comments }, HttpStatusCode.OK);
                    }
                }

                Console.WriteLine($"2 × {members} comments stored in {seeding.Elapsed.TotalSeconds:0.0} s");
                var clock = Stopwatch.StartNew();
                for (var k = 0; k < 2; k++)
                {
                    clock.Restart();
                    var run = await SendAsync(http, server, $"/api/consultations/{cids[k]}/campaigns/detect", admin, null, HttpStatusCode.OK);
                    if (run.GetProperty("campaigns").GetInt32() != 1 || run.GetProperty("members").GetInt32() != members)
                    {
                        throw new BenchFailedException($"Expected one campaign of {members}, got {run}.");
                    }

                    var list = await SendAsync(http, server, $"/api/consultations/{cids[k]}/campaigns", admin, null, HttpStatusCode.OK, HttpMethod.Get);
                    campaignIds[k] = list.GetProperty("items")[0].GetProperty("id").GetInt64();
                }

                detectMs = clock.Elapsed.TotalMilliseconds;
            }

            // Then the same database, served without notices and with them; each server disposes of its own campaign.
            var (without, _) = await DisposeRoundsAsync(dll, file, notices: false, cids[0], campaignIds[0], members, rounds, options, builder.Options);
            var (with, fanout) = await DisposeRoundsAsync(dll, file, notices: true, cids[1], campaignIds[1], members, rounds, options, builder.Options);

            await using (var db = new SqliteEqualFootingDb(builder.Options))
            {
                var history = await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"CommentDispositions\"").SingleAsync();
                var notices = await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"Notifications\" WHERE \"Kind\" = 'CampaignDisposed'").SingleAsync();
                if (history != 2 * rounds * members || notices != rounds * members)
                {
                    throw new BenchFailedException($"Expected {2 * rounds * members} history rows and {rounds * members} notices; got {history} and {notices}.");
                }
            }

            var msWithout = Median(without);
            var msWith = Median(with);
            var overhead = 100 * (msWith - msWithout) / msWithout;
            var fanoutMs = Median(fanout);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"detect both {detectMs:0} ms; dispose without notices {string.Join(" ", without.Select(m => m.ToString("0", CultureInfo.InvariantCulture)))} ms, with {string.Join(" ", with.Select(m => m.ToString("0", CultureInfo.InvariantCulture)))} ms; last notice after {string.Join(" ", fanout.Select(m => m.ToString("0", CultureInfo.InvariantCulture)))} ms; load average {ProcessPageBenchmark.LoadAverage()}"));
            return new BenchResult()
                .Add("members", members)
                .Add("ms_with", Math.Round(msWith))
                .Add("ms_without", Math.Round(msWithout))
                .Add("overhead_pct", Math.Round(overhead, 1))
                .Add("fanout_ms", Math.Round(fanoutMs))
                .Add("rounds", rounds)
                .Add("detect_ms", Math.Round(detectMs / 2));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Starts a server on the database, signs the administrator in again, and disposes of the campaign
    /// <c>--rounds</c> times (the first plainly, then overwriting with the next answer), each round reaching every
    /// member; returns each round's time and, with notices, how long after the request was sent its last notice
    /// existed (the notices are written after the commit by the server's worker; a fan-out row is marked done in the
    /// transaction that writes its notices, so the bench watches that row). Each round waits for its notices first.
    /// </summary>
    private static async Task<(List<double> Times, List<double> Fanout)> DisposeRoundsAsync(
        string dll, string file, bool notices, int cid, long campaignId, int members, int rounds, BenchOptions options, DbContextOptions<SqliteEqualFootingDb> dbOptions)
    {
        await using var server = Start(dll, file, notices, options);
        using var http = Client(server);
        await server.WaitUntilHealthyAsync(http, TimeSpan.FromSeconds(300), CancellationToken.None);
        var token = await SendAsync(http, server, "/api/account/token", null, new { email = "admin@bench.equalfooting.invalid", password = Password }, HttpStatusCode.OK);
        var admin = token.GetProperty("accessToken").GetString()!;
        var times = new List<double>();
        var fanout = new List<double>();
        await using var db = new SqliteEqualFootingDb(dbOptions);
        var doneBefore = await DoneAsync(db);
        for (var round = 0; round < rounds; round++)
        {
            var (disposition, reason) = Answers[round % Answers.Length];
            var clock = Stopwatch.StartNew();
            var disposed = await SendAsync(http, server, $"/api/consultations/{cid}/campaigns/{campaignId}/disposition", admin,
                new { disposition, reason, overwrite = round > 0 }, HttpStatusCode.OK);
            times.Add(clock.Elapsed.TotalMilliseconds);
            if (disposed.GetProperty("disposed").GetInt32() != members)
            {
                throw new BenchFailedException($"Expected {members} dispositions in round {round + 1}, got {disposed}.");
            }

            if (notices)
            {
                var deadline = Stopwatch.StartNew();
                while (await DoneAsync(db) < doneBefore + round + 1)
                {
                    if (deadline.Elapsed > TimeSpan.FromMinutes(2))
                    {
                        throw new BenchFailedException($"The notices of round {round + 1} were not written within two minutes.\n{server.Output()}");
                    }

                    await Task.Delay(2);
                }

                fanout.Add(clock.Elapsed.TotalMilliseconds);
            }

            // Each round starts from a checkpointed database, in both arms: otherwise a round's request could run
            // beside the copy of the last round's write-ahead log (the fan-out worker's, after its notices), and the
            // rounds would measure each other.
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        }

        return (times, fanout);
    }

    private static Task<int> DoneAsync(SqliteEqualFootingDb db) =>
        db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"NoticeFanouts\" WHERE \"DoneAt\" IS NOT NULL").SingleAsync();

    private static WebServer Start(string dll, string file, bool notices, BenchOptions options) =>
        WebServer.Start(
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
                ["Consultations__CampaignNotices"] = notices ? "true" : "false",
                ["Notifications__Enabled"] = "false",
            },
            ["--Logging:LogLevel:Default=Warning"],
            echo: options.Flag("server-output"));

    private static HttpClient Client(WebServer server) =>
        new(new SocketsHttpHandler { UseProxy = false, UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = server.BaseAddress,
            Timeout = TimeSpan.FromMinutes(5),
        };

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
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
