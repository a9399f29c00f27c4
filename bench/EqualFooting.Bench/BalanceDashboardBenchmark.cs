using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using EqualFooting.Consultations;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Process = EqualFooting.Processes.Process;

namespace EqualFooting.Bench;

/// <summary>
/// The participation-balance dashboard of a large process (issue 16): 100,000 participants spread over the stakeholder
/// groups and regions, and 1,000,000 contributions (comments on a consultation, a tenth of them withdrawn), on SQLite;
/// the page under one reader at a time, so the figure is the page's own time.
/// </summary>
public sealed class BalanceDashboardBenchmark : IBenchmark
{
    private const double TargetP95Ms = 200;
    private static readonly DateTimeOffset Epoch = new(2024, 1, 8, 9, 0, 0, TimeSpan.Zero);

    public string Name => "balance-dashboard";

    public string Description =>
        "GET /processes/{id}/balance with 100k participants and 1M contributions on SQLite [--participants 100000 --contributions 1000000 --seconds 15 --clients 1 --warmup 5 --keep-db --web-dll PATH]";

    public async Task<BenchResult> RunAsync(BenchOptions options)
    {
        var participants = options.Int("participants", 100_000);
        var contributions = options.Int("contributions", 1_000_000);
        var seconds = options.Double("seconds", 15);
        var clients = options.Int("clients", 1);
        var warmup = options.Double("warmup", 5);
        if (participants is < 1 or > 10_000_000 || contributions is < 0 or > 100_000_000 || seconds is <= 0 or > 3600 || clients is < 1 or > 100)
        {
            throw new BenchFailedException("Options out of range: 1 ≤ --participants ≤ 10M, 0 ≤ --contributions ≤ 100M, 0 < --seconds ≤ 3600, 1 ≤ --clients ≤ 100.");
        }

        var dll = WebServer.LocateDll(options);
        using var cancel = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; cancel.Cancel(); });
        var ct = cancel.Token;
        var directory = Directory.CreateTempSubdirectory("equalfooting-bench-");
        var file = Path.Combine(directory.FullName, "balance-dashboard.db");
        WebServer? server = null;
        try
        {
            Console.WriteLine($"balance-dashboard on {Environment.ProcessorCount} cores, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}, load average {ProcessPageBenchmark.LoadAverage()}");
            var seeding = Stopwatch.StartNew();
            var processId = await SeedAsync(file, participants, contributions, ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"seeded process {processId}: {participants:N0} participants, {contributions:N0} comments in {seeding.Elapsed.TotalSeconds:0.0} s ({new FileInfo(file).Length / 1048576.0:0.0} MiB)"));

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
                Timeout = TimeSpan.FromSeconds(120),
            };
            await server.WaitUntilHealthyAsync(http, TimeSpan.FromSeconds(60), ct);
            var url = $"/processes/{processId}/balance";
            using (var page = await http.GetAsync(url, ct))
            {
                var html = await page.Content.ReadAsStringAsync(ct);
                if (page.StatusCode != HttpStatusCode.OK || !html.Contains(participants.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
                {
                    throw new BenchFailedException($"The dashboard answered {(int)page.StatusCode} without the seeded registrations.\n{server.Output()}");
                }
            }

            LoadTarget[] mix = [new($"GET {url}", 1, _ => url)];
            if (warmup > 0)
            {
                await Load.RunAsync(http, mix, clients, TimeSpan.FromSeconds(warmup), 1, ct);
            }

            var run = await Load.RunAsync(http, mix, clients, TimeSpan.FromSeconds(seconds), 1, ct);
            run.Print(Console.Out);
            ProcessPageBenchmark.FailOnErrors(run, server, "measured run");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"target p95 ≤ {TargetP95Ms:0} ms: {(run.Overall.P95 <= TargetP95Ms ? "met" : "MISSED")} (p95 {run.Overall.P95:0.0} ms); load average {ProcessPageBenchmark.LoadAverage()}"));
            return new BenchResult()
                .Add("participants", participants)
                .Add("contributions", contributions)
                .Add("p50_ms", Math.Round(run.Overall.P50, 1))
                .Add("p95_ms", Math.Round(run.Overall.P95, 1))
                .Add("requests", run.Overall.Requests);
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

    /// <summary>The process and its consultation through the domain; participants, affiliations and comments by prepared statements.</summary>
    private static async Task<int> SeedAsync(string file, int participants, int contributions, CancellationToken ct)
    {
        var builder = new DbContextOptionsBuilder<SqliteEqualFootingDb>();
        Database.Configure(builder, DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = file }.ToString());
        await using var db = new SqliteEqualFootingDb(builder.Options);
        await Database.MigrateAsync(db, ct);

        var process = Process.Create(new ProcessDetails("Benchmark balance", "A large process measured for balance.", ProcessStatus.Open, DateOnly.FromDateTime(Epoch.UtcDateTime), null, ["en"]), Epoch).Value;
        db.Processes.Add(process);
        await db.SaveChangesAsync(ct);
        var consultation = Consultation.Create(process.Id, "Benchmark draft", Epoch, Epoch.AddDays(30), Epoch).Value;
        db.Consultations.Add(consultation);
        await db.SaveChangesAsync(ct);

        var groups = process.StakeholderGroups.OrderBy(g => g.Position).Select(g => g.Id).ToArray();
        var regions = process.Regions.OrderBy(r => r.Position).Select(r => r.Id).ToArray();
        var at = (long)new DateTimeOffsetToBinaryConverter().ConvertToProvider(Epoch)!;
        await db.Database.OpenConnectionAsync(ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await using (var pragma = connection.CreateCommand())
        {
            // Participants belong to accounts; the dashboard never reads accounts, so the seed skips them.
            pragma.CommandText = "PRAGMA foreign_keys = OFF";
            await pragma.ExecuteNonQueryAsync(ct);
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        var random = new Random(16);

        // Civil society dominates and the technical community is thin, as at the IGF.
        int GroupOf(int i) => (i % 20) switch { < 10 => 0, < 14 => 1, < 17 => 2, 17 => 3, _ => 4 } % groups.Length;
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO Participants (Id, AccountId, HidesCountry, HidesOrganisation, JoinedAt, ProcessId, Version) VALUES ($id, $a, 0, 0, $at, $p, 1);" +
                "INSERT INTO Affiliations (ParticipantId, ProcessId, StakeholderGroupId, RegionId, Gender, \"From\") VALUES ($id, $p, $g, $r, $gender, $at)";
            var id = insert.Parameters.Add("$id", SqliteType.Integer);
            var account = insert.Parameters.Add("$a", SqliteType.Text);
            var g = insert.Parameters.Add("$g", SqliteType.Integer);
            var r = insert.Parameters.Add("$r", SqliteType.Integer);
            var gender = insert.Parameters.Add("$gender", SqliteType.Text);
            insert.Parameters.AddWithValue("$at", at);
            insert.Parameters.AddWithValue("$p", process.Id);
            for (var i = 1; i <= participants; i++)
            {
                id.Value = i;
                account.Value = $"bench-{i}";
                g.Value = groups[GroupOf(i)];
                r.Value = regions[random.Next(regions.Length)];
                gender.Value = (i % 3) switch { 0 => "woman", 1 => "man", _ => (object)DBNull.Value };
                await insert.ExecuteNonQueryAsync(ct);
            }
        }

        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO Comments (ConsultationId, VersionNumber, AuthorParticipantId, StakeholderGroupId, RegionId, Channel, Text, CreatedAt, WithdrawnAt) " +
                "VALUES ($c, 1, $author, $g, $r, 'WebForm', $text, $at, $withdrawn)";
            var author = insert.Parameters.Add("$author", SqliteType.Integer);
            var g = insert.Parameters.Add("$g", SqliteType.Integer);
            var r = insert.Parameters.Add("$r", SqliteType.Integer);
            var withdrawn = insert.Parameters.Add("$withdrawn", SqliteType.Integer);
            insert.Parameters.AddWithValue("$c", consultation.Id);
            insert.Parameters.AddWithValue("$text", "We recommend strengthening this paragraph with a reference to human rights online.");
            insert.Parameters.AddWithValue("$at", at);
            for (var i = 0; i < contributions; i++)
            {
                var who = random.Next(1, participants + 1);
                author.Value = who;
                g.Value = groups[GroupOf(who)];
                r.Value = regions[who % regions.Length];
                withdrawn.Value = i % 10 == 0 ? at : DBNull.Value;
                await insert.ExecuteNonQueryAsync(ct);
            }
        }

        await transaction.CommitAsync(ct);
        return process.Id;
    }
}
