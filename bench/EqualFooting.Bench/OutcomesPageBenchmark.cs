using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using EqualFooting.Accounts;
using EqualFooting.Outcomes;
using EqualFooting.Participation;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using EqualFooting.Record;
using EqualFooting.Sessions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Process = EqualFooting.Processes.Process;

namespace EqualFooting.Bench;

/// <summary>
/// The outcomes page of a large process (issue 15): 1,000 sessions (half with a published report), 500 messages,
/// 2,000 commitments with two regional milestones each, 200 indicators of 10,000 points each and 100 pieces of advice,
/// on SQLite; the page and its JSON under concurrent readers.
/// </summary>
public sealed class OutcomesPageBenchmark : IBenchmark
{
    private const double TargetP95Ms = 100;
    private static readonly DateTimeOffset Epoch = new(2024, 1, 8, 9, 0, 0, TimeSpan.Zero);

    public string Name => "outcomes-page";

    public string Description =>
        "GET /processes/{id}/outcomes and /api/processes/{id}/outcomes, 1k sessions, 500 messages, 2k commitments, 200 indicators × 10k points on SQLite " +
        "[--seconds 15 --clients 10 --warmup 10 --warmup-max 60 --points 10000 --keep-db --web-dll PATH]";

    public async Task<BenchResult> RunAsync(BenchOptions options)
    {
        var seconds = options.Double("seconds", 15);
        var clients = options.Int("clients", 10);
        var warmup = options.Double("warmup", 10);
        var warmupMax = Math.Max(warmup, options.Double("warmup-max", 60));
        var points = options.Int("points", 10_000);
        if (seconds <= 0 || seconds > 3600 || clients is < 1 or > 1000 || points is < 0 or > 100_000)
        {
            throw new BenchFailedException("Options out of range: 0 < --seconds ≤ 3600, 1 ≤ --clients ≤ 1000, 0 ≤ --points ≤ 100000.");
        }

        var dll = WebServer.LocateDll(options);
        using var cancel = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; cancel.Cancel(); });
        var ct = cancel.Token;
        var directory = Directory.CreateTempSubdirectory("equalfooting-bench-");
        var file = Path.Combine(directory.FullName, "outcomes-page.db");
        WebServer? server = null;
        try
        {
            Console.WriteLine($"outcomes-page on {Environment.ProcessorCount} cores, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}");
            var seeding = Stopwatch.StartNew();
            var processId = await SeedAsync(file, points, ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"seeded process {processId} in {seeding.Elapsed.TotalSeconds:0.0} s ({new FileInfo(file).Length / 1048576.0:0.0} MiB)"));

            server = WebServer.Start(
                dll,
                new Dictionary<string, string>
                {
                    ["ASPNETCORE_ENVIRONMENT"] = "Production",
                    ["Database__Provider"] = "Sqlite",
                    ["ConnectionStrings__Default"] = $"Data Source={file}",
                    ["Demo__Enabled"] = "false",
                },
                ["--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.EntityFrameworkCore=Warning"],
                echo: options.Flag("server-output"));
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients, AllowAutoRedirect = false, UseCookies = false, UseProxy = false })
            {
                BaseAddress = server.BaseAddress,
                Timeout = TimeSpan.FromSeconds(60),
            };
            await server.WaitUntilHealthyAsync(http, TimeSpan.FromSeconds(60), ct);

            using (var page = await http.GetAsync($"/processes/{processId}/outcomes", ct))
            {
                var html = await page.Content.ReadAsStringAsync(ct);
                if (page.StatusCode != HttpStatusCode.OK || !html.Contains("All 2000 commitments", StringComparison.Ordinal))
                {
                    throw new BenchFailedException($"The outcomes page answered {(int)page.StatusCode} without the seeded commitments.\n{server.Output()}");
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"outcomes page: {html.Length / 1024.0:0} KiB of HTML"));
            }

            LoadTarget[] mix =
            [
                new($"GET /processes/{processId}/outcomes", 1, _ => $"/processes/{processId}/outcomes"),
                new($"GET /api/processes/{processId}/outcomes", 1, _ => $"/api/processes/{processId}/outcomes"),
            ];
            if (warmupMax > 0)
            {
                await ProcessPageBenchmark.WarmUpAsync(http, server, mix, clients, warmup, warmupMax, 1, ct);
            }

            var serverCpu = server.CpuTime();
            var run = await Load.RunAsync(http, mix, clients, TimeSpan.FromSeconds(seconds), 1, ct);
            serverCpu = server.CpuTime() - serverCpu;
            run.Print(Console.Out);
            ProcessPageBenchmark.FailOnErrors(run, server, "measured run");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"CPU: server {serverCpu.TotalMilliseconds / Math.Max(1, run.Overall.Requests):0.00} ms/request; load average {ProcessPageBenchmark.LoadAverage()}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"target p95 ≤ {TargetP95Ms:0} ms: {(run.Overall.P95 <= TargetP95Ms ? "met" : "MISSED")} (p95 {run.Overall.P95:0.00} ms)"));
            return new BenchResult()
                .Add("p50_ms", Math.Round(run.Overall.P50, 2))
                .Add("p95_ms", Math.Round(run.Overall.P95, 2))
                .Add("p99_ms", Math.Round(run.Overall.P99, 2))
                .Add("rps", Math.Round(run.Overall.Rps, 1))
                .Add("cpu_ms_per_request", Math.Round(serverCpu.TotalMilliseconds / Math.Max(1, run.Overall.Requests), 2));
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }

            SqliteConnection.ClearAllPools();
            if (!options.Flag("keep-db"))
            {
                directory.Delete(recursive: true);
            }
        }
    }

    private static async Task<int> SeedAsync(string file, int points, CancellationToken ct)
    {
        var builder = new DbContextOptionsBuilder<SqliteEqualFootingDb>();
        Database.Configure(builder, DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = file }.ToString());
        await using var db = new SqliteEqualFootingDb(builder.Options);
        await Database.MigrateAsync(db, ct);

        var process = Process.Create(new ProcessDetails("Benchmark outcomes", "A process judged by what happens after it.", ProcessStatus.Open, DateOnly.FromDateTime(Epoch.UtcDateTime), null, ["en"]), Epoch).Value;
        var convener = new Account
        {
            Id = Guid.NewGuid().ToString(),
            UserName = "convener@bench.equalfooting.invalid",
            NormalizedUserName = "CONVENER@BENCH.EQUALFOOTING.INVALID",
            Email = "convener@bench.equalfooting.invalid",
            NormalizedEmail = "CONVENER@BENCH.EQUALFOOTING.INVALID",
            DisplayName = "Benchmark Secretariat",
            SecurityStamp = Guid.NewGuid().ToString("N"),
            CreatedAt = Epoch,
        };
        db.Users.Add(convener);
        db.Processes.Add(process);
        await db.SaveChangesAsync(ct);
        db.RoleAssignments.Add(new RoleAssignment(process.Id, convener.Id, ProcessRole.Convener, Epoch));
        var created = RecordEntry.Create(ProcessCreated, process.Id, new RecordActor(convener.Id, null, null, null), Epoch, new Dictionary<string, object?> { ["name"] = process.Name });
        await RecordPlaces.PlaceAsync(db, [created], ct);
        db.Record.Add(created);
        await db.SaveChangesAsync(ct);

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var groups = process.StakeholderGroups.Select(g => g.Id).ToHashSet();
        var regions = process.Regions.Select(r => r.Id).OrderBy(r => r).ToList();
        var sessions = new List<Session>();
        for (var i = 1; i <= 1_000; i++)
        {
            var s = Session.CreatePast(process.Id, $"Session {i}", Epoch.AddHours(i), Epoch.AddHours(i).AddMinutes(90)).Value;
            sessions.Add(s);
            db.Sessions.Add(s);
        }

        await db.SaveChangesAsync(ct);
        for (var i = 0; i < sessions.Count; i += 2)
        {
            var report = SessionReport.Draft(process.Id, sessions[i].Id, convener.Id, new ReportText($"Summary of session {i + 1}.", "Main issues", [], "Agreement", "Divergence", "Next steps"), groups, Epoch).Value;
            report.Publish(convener.Id, Epoch.AddDays(60));
            db.SessionReports.Add(report);
        }

        for (var i = 1; i <= 500; i++)
        {
            db.Messages.Add(Message.Publish(process.Id, convener.Id, $"Message {i}", $"A non-negotiated message, number {i}, with **some** Markdown.", [(SourceKind.Session, sessions[i % sessions.Count].Id), (SourceKind.Session, sessions[(i * 7) % sessions.Count].Id)], Epoch.AddDays(90)).Value);
        }

        for (var i = 1; i <= 2_000; i++)
        {
            var due = new DateOnly(2027, 1, 1).AddDays(i % 365);
            db.Commitments.Add(Commitment.Create(
                process.Id, $"Commitment {i}", "Who does what by when.", groups.First(), "A regulator", "Every party", "An oversight group", due,
                [new MilestoneInput("First region", due.AddYears(-3), regions[i % regions.Count]), new MilestoneInput("Second region", due.AddDays(-10), regions[(i + 1) % regions.Count])],
                ["https://example.org/evidence"], groups, regions.ToHashSet(), Epoch).Value);
        }

        for (var i = 1; i <= 100; i++)
        {
            var a = Advice.Create(process.Id, $"Advice {i}", "The advice.", null, "The Board", Epoch).Value;
            a.Send(new DateOnly(2024, 3, 1));
            if (i % 2 == 0)
            {
                a.RecordResponse(i % 4 == 0 ? AdviceStatus.Accepted : AdviceStatus.Rejected, "The response.", new DateOnly(2024, 6, 1), null);
            }

            db.Advice.Add(a);
        }

        var indicators = Enumerable.Range(1, 200).Select(i => Indicator.Create(process.Id, $"Indicator {i}", "addresses", null, Epoch).Value).ToList();
        db.Indicators.AddRange(indicators);
        await db.SaveChangesAsync(ct);

        // Two million points: one prepared statement, not the change tracker.
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await using var insert = connection.CreateCommand();
        insert.Transaction = (SqliteTransaction)Microsoft.EntityFrameworkCore.Storage.DbContextTransactionExtensions.GetDbTransaction(transaction);
        insert.CommandText = "INSERT INTO IndicatorPoints (IndicatorId, \"On\", Value) VALUES ($i, $on, $v)";
        var pi = insert.Parameters.Add("$i", SqliteType.Integer);
        var pon = insert.Parameters.Add("$on", SqliteType.Text);
        var pv = insert.Parameters.Add("$v", SqliteType.Real);
        var start = new DateOnly(1990, 1, 1);
        foreach (var indicator in indicators)
        {
            for (var d = 0; d < points; d++)
            {
                pi.Value = indicator.Id;
                pon.Value = start.AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                pv.Value = 1000.0 + (d % 97);
                await insert.ExecuteNonQueryAsync(ct);
            }
        }

        await transaction.CommitAsync(ct);
        return process.Id;
    }

    private static readonly RecordAction<Dictionary<string, object?>> ProcessCreated = new("process.created", "created the process");
}
