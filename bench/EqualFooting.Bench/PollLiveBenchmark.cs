using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;
using EqualFooting.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Bench;

/// <summary>
/// Live poll results under load: N screens follow one poll on /hubs/polls (the session benchmark's bare-WebSocket
/// screens, <see cref="WireScreen"/>), while ballots arrive through the API at a steady rate (open loop: each is sent
/// at its time whatever the answers before it). Every ballot changes a voter's answer, so each moves the poll's
/// version by exactly one, and every results message carries the version it was counted at.
/// <para>
/// A ballot's latency is measured from just before its request was sent (its commit is later) until the screen got a
/// message counted at a version that must include it: the poll's version before the run plus every ballot sent before
/// this one's answer came back (its commit came before that answer, so at most that many ballots committed before or
/// with it). Both ends err towards a longer time. The headline p99 takes, for each ballot, the last screen to get
/// it ("its effect on every screen"); the p99 over every (ballot, screen) pair is printed beside it.
/// </para>
/// </summary>
public sealed class PollLiveBenchmark : IBenchmark
{
    private const string Password = "correct horse battery staple";
    private const double TargetP99Ms = 250;
    private const int Options = 8;

    public string Name => "poll-live";

    public string Description =>
        "Ballot-to-every-screen latency of live poll results: N screens on /hubs/polls while ballots arrive at a steady rate " +
        "[--clients 5000 --ballots-per-s 1000 --seconds 10 --warmup-seconds 2 --voters 100 --connect-parallel 64 --deadline 900 --server-output --web-dll PATH]";

    public async Task<BenchResult> RunAsync(BenchOptions options)
    {
        var clients = options.Int("clients", 5000);
        var rate = options.Int("ballots-per-s", 1000);
        var seconds = options.Double("seconds", 10);
        var warmupSeconds = options.Double("warmup-seconds", 2);
        var voters = options.Int("voters", 100);
        var parallel = options.Int("connect-parallel", 64);
        if (clients is < 1 or > 50_000 || rate is < 1 or > 20_000 || seconds is <= 0 or > 600 || warmupSeconds is < 0 or > 60 || voters is < 1 or > 5000 || parallel is < 1 or > 1000)
        {
            throw new BenchFailedException("Options out of range: 1 ≤ --clients ≤ 50000, 1 ≤ --ballots-per-s ≤ 20000, 0 < --seconds ≤ 600, 0 ≤ --warmup-seconds ≤ 60, 1 ≤ --voters ≤ 5000, 1 ≤ --connect-parallel ≤ 1000.");
        }

        var dll = WebServer.LocateDll(options);
        var deadline = options.Double("deadline", 900);
        var signalled = false;
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(deadline));
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        var ct = cancel.Token;

        var directory = Directory.CreateTempSubdirectory("equalfooting-bench-");
        var file = Path.Combine(directory.FullName, "poll-live.db");
        WebServer? server = null;
        var screens = new List<PollScreen>();
        try
        {
            Console.WriteLine($"poll-live on {Environment.ProcessorCount} cores, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}, " +
                $"load average {ProcessPageBenchmark.LoadAverage()}, open files limit {SessionFanoutBenchmark.OpenFilesLimit()}");
            server = WebServer.Start(
                dll,
                new Dictionary<string, string>(WebSocketCeiling.ServerEnvironment())
                {
                    ["ASPNETCORE_ENVIRONMENT"] = "Production",
                    ["Database__Provider"] = "Sqlite",
                    ["ConnectionStrings__Default"] = $"Data Source={file}",
                    ["Demo__Enabled"] = "false",
                    ["RateLimits__WritesPerMinute"] = "1000000",
                    ["RateLimits__AccountAttemptsPerMinute"] = "100000",
                },
                ["--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.AspNetCore=Warning"],
                echo: options.Flag("server-output"));
            Console.WriteLine($"server: {dll} on {server.BaseAddress}");

            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 512 })
            {
                BaseAddress = server.BaseAddress,
                Timeout = TimeSpan.FromSeconds(300),
            };
            await server.WaitUntilHealthyAsync(http, TimeSpan.FromSeconds(options.Double("startup-timeout", 60)), ct);

            var setUp = Stopwatch.StartNew();
            var (pollId, tokens) = await SetUpAsync(http, server, file, voters, ct);
            Console.WriteLine($"poll {pollId} open, {voters} voters registered and joined in {setUp.Elapsed.TotalSeconds:0.0} s; single choice of {Options}, results shown while voting");

            // A few ballots before anyone watches, so the first measured ones do not pay for the JIT.
            for (var k = 0; k < Math.Min(voters * 2, 200); k++)
            {
                await BallotAsync(http, server, pollId, tokens[k % voters], k, voters, ct);
            }

            var connecting = Stopwatch.StartNew();
            using (var gate = new SemaphoreSlim(parallel))
            {
                var joins = Enumerable.Range(0, clients).Select(async i =>
                {
                    await gate.WaitAsync(ct);
                    try
                    {
                        return await PollScreen.JoinAsync(new Uri(server.BaseAddress, "/hubs/polls"), pollId, measure: i == 0, ct);
                    }
                    finally
                    {
                        gate.Release();
                    }
                }).ToList();
                foreach (var join in joins)
                {
                    try
                    {
                        screens.Add(await join);
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                    {
                        throw new BenchFailedException($"A screen could not connect and join: {e.GetType().Name}: {e.Message}");
                    }
                }
            }

            var baseVersion = screens[0].JoinedAt;
            if (screens.Any(s => s.JoinedAt != baseVersion))
            {
                throw new BenchFailedException("The screens joined at different versions of the poll; something changed it while they connected.");
            }

            Console.WriteLine($"{clients} screens joined at version {baseVersion} in {connecting.Elapsed.TotalSeconds:0.0} s");

            // Open loop: ballot k is due at k / rate seconds; a late sender catches up at once rather than slowing the rate.
            var total = (int)Math.Round(rate * (seconds + warmupSeconds));
            var warmup = (int)Math.Round(rate * warmupSeconds);
            var sent = new long[total];
            var answered = new long[total];
            var failures = 0;
            var inFlight = new List<Task>(total);
            var serverCpu = server.CpuTime();
            var benchCpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var next = 0;
            while (next < total)
            {
                var due = Math.Min(total, (int)(clock.Elapsed.TotalSeconds * rate) + 1);
                for (; next < due; next++)
                {
                    var k = next;
                    sent[k] = Stopwatch.GetTimestamp();
                    inFlight.Add(Task.Run(
                        async () =>
                        {
                            try
                            {
                                await BallotAsync(http, server, pollId, tokens[k % voters], k + 1000, voters, ct);
                                answered[k] = Stopwatch.GetTimestamp();
                            }
                            catch (Exception e) when (e is BenchFailedException or HttpRequestException || (e is OperationCanceledException && !ct.IsCancellationRequested))
                            {
                                // Refused, or not answered within the client's 300 s: the run has failed, but it finishes so the log says how far it got.
                                Interlocked.Increment(ref failures);
                                answered[k] = Stopwatch.GetTimestamp();
                            }
                        },
                        ct));
                }

                await Task.Delay(1, ct);
            }

            var sendingSeconds = clock.Elapsed.TotalSeconds;
            await Task.WhenAll(inFlight);
            if (failures > 0)
            {
                throw new BenchFailedException(string.Create(CultureInfo.InvariantCulture,
                    $"{failures} of {total} ballots were refused or not answered within 300 s; the server answered {(total - failures) / clock.Elapsed.TotalSeconds:0} ballots/s against {rate}/s sent."));
            }

            // Every ballot changed an answer, so the poll ends exactly `total` versions on; wait for every screen to see it.
            var final = baseVersion + total;
            var waitUntil = Stopwatch.GetTimestamp() + (30 * Stopwatch.Frequency);
            while (screens.Any(s => s.Latest < final))
            {
                if (Stopwatch.GetTimestamp() > waitUntil)
                {
                    var behind = screens.Count(s => s.Latest < final);
                    throw new BenchFailedException($"{behind} of {clients} screens had not reached version {final} 30 s after the last ballot (lowest {screens.Min(s => s.Latest)}).\n{server.Output()}");
                }

                await Task.Delay(5, ct);
            }

            var elapsed = clock.Elapsed.TotalSeconds;
            var serverCores = (server.CpuTime() - serverCpu).TotalSeconds / elapsed;
            var benchCores = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - benchCpu).TotalSeconds / elapsed;
            var achieved = total / Stopwatch.GetElapsedTime(sent[0], answered.Max()).TotalSeconds;

            // The version each ballot surely shows at: everything sent before its answer came back.
            var sentOrder = sent.Order().ToArray();
            var needed = new long[total];
            for (var k = 0; k < total; k++)
            {
                var before = UpperBound(sentOrder, answered[k]);
                needed[k] = Math.Min(final, baseVersion + before);
            }

            var measured = Enumerable.Range(warmup, total - warmup).OrderBy(k => needed[k]).ToArray();
            var lastScreen = new long[total];
            var everyScreen = new List<double>(measured.Length);
            var histogram = new long[60_000 * 10];
            long pairCount = 0;
            foreach (var screen in screens)
            {
                var (versions, times) = screen.Messages();
                var m = 0;
                foreach (var k in measured)
                {
                    while (m < versions.Count && versions[m] < needed[k])
                    {
                        m++;
                    }

                    var at = times[m];
                    lastScreen[k] = Math.Max(lastScreen[k], at);
                    var bucket = (int)Math.Min(histogram.Length - 1, Math.Max(0, Stopwatch.GetElapsedTime(sent[k], at).TotalMilliseconds * 10));
                    histogram[bucket]++;
                    pairCount++;
                }
            }

            foreach (var k in measured)
            {
                everyScreen.Add(Stopwatch.GetElapsedTime(sent[k], lastScreen[k]).TotalMilliseconds);
            }

            everyScreen.Sort();
            var api = measured.Select(k => Stopwatch.GetElapsedTime(sent[k], answered[k]).TotalMilliseconds).Order().ToList();
            var messages = screens.Average(s => s.Count);
            var p99 = LatencyStats.Percentile(everyScreen, 0.99);
            var p50 = LatencyStats.Percentile(everyScreen, 0.50);
            var p99Pairs = HistogramPercentile(histogram, pairCount, 0.99);

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{total} ballots ({warmup} of them warm-up) sent over {sendingSeconds:0.0} s at a target of {rate}/s; achieved {achieved:0} ballots/s; ballot answered: p50 {LatencyStats.Percentile(api, 0.5):0.0} ms, p99 {LatencyStats.Percentile(api, 0.99):0.0} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"each screen got {messages:0} results messages on average ({total / Math.Max(1, messages):0.0} ballots folded into each, up to {PollScreen.LargestMessage} bytes each); server {serverCores:0.00} cores, bench {benchCores:0.00} cores, load {ProcessPageBenchmark.LoadAverage()}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ballot sent → on every screen: p50 {p50:0.0} ms, p99 {p99:0.0} ms, max {everyScreen[^1]:0.0} ms; over every (ballot, screen) pair p99 {p99Pairs:0.0} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"target {clients} screens, {rate} ballots/s, p99 ≤ {TargetP99Ms:0} ms: {(clients >= 5000 && achieved >= rate * 0.95 && p99 <= TargetP99Ms ? "met" : "MISSED")}"));

            return new BenchResult()
                .Add("clients", clients)
                .Add("ballots_per_s", Math.Round(achieved))
                .Add("p50_ms", Math.Round(p50, 1))
                .Add("p99_ms", Math.Round(p99, 1))
                .Add("p99_pairs_ms", Math.Round(p99Pairs, 1));
        }
        catch (OperationCanceledException) when (!signalled)
        {
            throw new BenchFailedException($"The run passed its --deadline of {deadline:0} s.");
        }
        finally
        {
            await Task.WhenAll(screens.Select(s => s.DisposeAsync().AsTask()));
            if (server is not null)
            {
                await server.DisposeAsync();
            }

            SqliteConnection.ClearAllPools();
            try
            {
                directory.Delete(recursive: true);
            }
            catch (IOException e)
            {
                await Console.Error.WriteLineAsync($"Could not delete {directory.FullName}: {e.Message}");
            }
        }

        void Cancel(PosixSignalContext context)
        {
            context.Cancel = true;
            signalled = true;
            cancel.Cancel();
        }
    }

    /// <summary>How many of the sorted timestamps are at or before <paramref name="at"/>.</summary>
    private static int UpperBound(long[] sorted, long at)
    {
        var (lo, hi) = (0, sorted.Length);
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] <= at)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>Nearest rank over a histogram of tenths of a millisecond.</summary>
    private static double HistogramPercentile(long[] histogram, long count, double q)
    {
        var rank = (long)Math.Ceiling(q * count);
        long seen = 0;
        for (var i = 0; i < histogram.Length; i++)
        {
            seen += histogram[i];
            if (seen >= rank)
            {
                return i / 10.0;
            }
        }

        return double.NaN;
    }

    /// <summary>Voter k's ballot number <paramref name="n"/>: each differs from that voter's previous one, so every ballot changes the poll.</summary>
    private static Task BallotAsync(HttpClient http, WebServer server, int pollId, string token, int n, int voters, CancellationToken ct) =>
        SendAsync(http, server, pollId, token, (n / voters) % Options, ct);

    private static async Task SendAsync(HttpClient http, WebServer server, int pollId, string token, int choice, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/polls/{pollId}/ballot")
        {
            Content = new StringContent($"{{\"choices\":[{choice}]}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new BenchFailedException($"A ballot answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}\n{server.Output()}");
        }
    }

    /// <summary>An administrator (promoted in the database) opens a process and a poll in it; the voters register and join.</summary>
    private static async Task<(int PollId, IReadOnlyList<string> Tokens)> SetUpAsync(HttpClient http, WebServer server, string file, int voters, CancellationToken ct)
    {
        var admin = await SessionFanoutBenchmark.RegisterAsync(http, server, "admin@bench.equalfooting.invalid", "Benchmark Administrator", ct);
        var builder = new DbContextOptionsBuilder<SqliteEqualFootingDb>();
        Database.Configure(builder, DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = file }.ToString());
        await using (var db = new SqliteEqualFootingDb(builder.Options))
        {
            var account = await db.Users.SingleAsync(u => u.Email == "admin@bench.equalfooting.invalid", ct);
            account.IsAdministrator = true;
            await db.SaveChangesAsync(ct);
        }

        var process = await SessionFanoutBenchmark.SendAsync(http, server, HttpMethod.Post, "/api/processes", admin,
            new { name = "Live poll benchmark forum", description = "One poll watched by many screens.", status = "Open", languages = new[] { "en" } }, HttpStatusCode.Created, ct);
        var processId = process.GetProperty("id").GetInt32();
        var groups = process.GetProperty("stakeholderGroups").EnumerateArray().Select(g => g.GetProperty("id").GetInt32()).ToList();
        var regions = process.GetProperty("regions").EnumerateArray().Select(r => r.GetProperty("id").GetInt32()).ToList();
        var poll = await SessionFanoutBenchmark.SendAsync(http, server, HttpMethod.Post, $"/api/processes/{processId}/polls", admin,
            new { question = "Which of these should the forum take up first?", kind = "SingleChoice", options = Enumerable.Range(1, Options).Select(i => $"Topic {i}").ToArray(), anonymous = true, resultsWhileOpen = true },
            HttpStatusCode.Created, ct);
        var pollId = poll.GetProperty("id").GetInt32();

        // Voters are spread over the groups and regions, so every message carries a full group × region table.
        var tokens = new string[voters];
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(Enumerable.Range(0, voters).Select(async i =>
        {
            await gate.WaitAsync(ct);
            try
            {
                var token = await SessionFanoutBenchmark.RegisterAsync(http, server, $"voter{i}@bench.equalfooting.invalid", $"Voter {i}", ct);
                await SessionFanoutBenchmark.SendAsync(http, server, HttpMethod.Post, $"/api/processes/{processId}/participants", token,
                    new { stakeholderGroupId = groups[i % groups.Count], regionId = regions[(i / groups.Count) % regions.Count] }, HttpStatusCode.Created, ct);
                tokens[i] = token;
            }
            finally
            {
                gate.Release();
            }
        }));
        return (pollId, tokens);
    }

    /// <summary>One screen following the poll: the version and arrival time of every results message it got.</summary>
    private sealed class PollScreen : IAsyncDisposable
    {
        private readonly Lock _lock = new();
        private readonly List<long> _versions = new(256);
        private readonly List<long> _times = new(256);
        private WireScreen? _wire;

        public long JoinedAt { get; private set; }

        public long Latest { get; private set; }

        public int Count
        {
            get
            {
                lock (_lock)
                {
                    return _versions.Count;
                }
            }
        }

        /// <summary>The size of the largest results message one screen got, in bytes (what each screen is sent).</summary>
        public static long LargestMessage => Interlocked.Read(ref _largest);

        private static long _largest;

        /// <param name="measure">Whether this screen also notes the size of its messages (one screen does: it copies them).</param>
        public static async Task<PollScreen> JoinAsync(Uri hub, int pollId, bool measure, CancellationToken ct)
        {
            var screen = new PollScreen();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            Action<long, byte[]>? sized = measure ? (_, record) => InterlockedMax(ref _largest, record.Length) : null;
            var (wire, version) = await WireScreen.JoinAsync(hub, pollId, screen.Saw, timeout.Token, sized, WireScreen.Follows.Poll);
            screen._wire = wire;
            screen.JoinedAt = version;
            screen.Latest = Math.Max(screen.Latest, version);
            return screen;
        }

        private static void InterlockedMax(ref long target, long value)
        {
            var seen = Interlocked.Read(ref target);
            while (value > seen && Interlocked.CompareExchange(ref target, value, seen) is var now && now != seen)
            {
                seen = now;
            }
        }

        public (List<long> Versions, List<long> Times) Messages()
        {
            lock (_lock)
            {
                return (_versions, _times);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_wire is not null)
            {
                await _wire.DisposeAsync();
            }
        }

        private void Saw(long version)
        {
            var now = Stopwatch.GetTimestamp();
            lock (_lock)
            {
                // Messages of one poll go out one after another, each counted later than the one before.
                if (version > Latest)
                {
                    _versions.Add(version);
                    _times.Add(now);
                    Latest = version;
                }
            }
        }
    }
}
