using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using EqualFooting.Persistence;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Bench;

/// <summary>
/// How long a queue change takes to reach every screen of a session: N SignalR clients join one running session, then
/// participants raise and lower hands through the API, one change at a time, and each client's arrival of the state
/// carrying the new sequence is one latency sample, measured from just before the API call. At --clients, the transport
/// ceiling follows: the same number of screens on a plain WebSocket endpoint of the same server
/// (<see cref="WebSocketCeiling"/>), sent the same messages, measured the same way.
/// </summary>
public sealed class SessionFanoutBenchmark : IBenchmark
{
    private const string Password = "correct horse battery staple";
    private const double TargetP99Ms = 250;
    private const double SweepLimitMs = 1000;
    // Each screen holds a socket in the bench and one in the server, each process under its own open-files limit
    // (20,000 here, which a container cannot raise); 19,000 leaves room for everything else a process opens.
    private static readonly int[] SweepSteps = [500, 1000, 2000, 5000, 10000, 15000, 19000];

    public string Name => "session-fanout";

    public string Description =>
        "StateChanged latency from an API hand change to every one of N SignalR clients of a session, and over plain WebSockets from the same server " +
        "[--clients 5000 --client wire|hub --changes 20 --warmup-changes 4 --participants 4 --sweep --connect-parallel 64 --deadline 900 --server-output --web-dll PATH]";

    public async Task<BenchResult> RunAsync(BenchOptions options)
    {
        var clients = options.Int("clients", 5000);
        var changes = options.Int("changes", 20);
        var warmup = options.Int("warmup-changes", 4);
        var participants = options.Int("participants", 4);
        var parallel = options.Int("connect-parallel", 64);
        var sweep = options.Flag("sweep");
        var client = options.String("client", "wire");
        if (clients is < 1 or > 50_000 || changes is < 1 or > 1000 || participants is < 1 or > 100 || parallel is < 1 or > 1000 || warmup is < 0 or > 100 || client is not ("wire" or "hub"))
        {
            throw new BenchFailedException("Options out of range: 1 ≤ --clients ≤ 50000, 1 ≤ --changes ≤ 1000, 1 ≤ --participants ≤ 100, 1 ≤ --connect-parallel ≤ 1000, 0 ≤ --warmup-changes ≤ 100, --client wire|hub.");
        }

        var dll = WebServer.LocateDll(options);

        // A run that hangs (a server that stops answering, clients that never connect) must still end and clean up.
        var deadline = options.Double("deadline", 900);
        var signalled = false;
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(deadline));
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        var ct = cancel.Token;

        var directory = Directory.CreateTempSubdirectory("equalfooting-bench-");
        var file = Path.Combine(directory.FullName, "session-fanout.db");
        WebServer? server = null;
        try
        {
            Console.WriteLine($"session-fanout on {Environment.ProcessorCount} cores, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}, " +
                $"load average {ProcessPageBenchmark.LoadAverage()}, open files limit {OpenFilesLimit()}");
            server = WebServer.Start(
                dll,
                new Dictionary<string, string>(WebSocketCeiling.ServerEnvironment())
                {
                    ["ASPNETCORE_ENVIRONMENT"] = "Production",
                    ["Database__Provider"] = "Sqlite",
                    ["ConnectionStrings__Default"] = $"Data Source={file}",
                    ["Demo__Enabled"] = "false",

                    // The set-up registers several accounts and the run makes many writes from one address in a minute.
                    ["RateLimits__WritesPerMinute"] = "100000",
                    ["RateLimits__AccountAttemptsPerMinute"] = "100000",
                },
                ["--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.AspNetCore=Warning"],
                echo: options.Flag("server-output"));
            Console.WriteLine($"server: {dll} on {server.BaseAddress}");

            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false, AllowAutoRedirect = false })
            {
                BaseAddress = server.BaseAddress,
                Timeout = TimeSpan.FromSeconds(30),
            };
            await server.WaitUntilHealthyAsync(http, TimeSpan.FromSeconds(options.Double("startup-timeout", 60)), ct);

            var session = await SetUpAsync(http, server, file, participants, ct);
            Console.WriteLine($"session {session.SessionId} started in process {session.ProcessId}, {participants} participants; " +
                (client == "wire" ? "screens speak the JSON hub protocol over bare WebSockets (--client wire)" : "screens are .NET HubConnections (--client hub)"));

            var steps = sweep
                ? SweepSteps.Where(n => n < clients).Append(clients).Concat(SweepSteps.Where(n => n > clients)).ToList()
                : [clients];
            Console.WriteLine($"rows \"ws N\": the transport ceiling, N screens on a plain WebSocket endpoint of the same server ({WebSocketCeiling.PathBase}), sent the bytes the SignalR screens got, no SignalR");
            Console.WriteLine($"{"clients",8} {"connect s",9} {"samples",8} {"p50 ms",8} {"p99 ms",8} {"max ms",8} {"api ms",7} {"first ms",8} {"server cores",12} {"bench cores",11} {"load",5}");
            Step? atClients = null;
            Step? ceiling = null;
            var maxUnder1s = 0;
            foreach (var n in steps)
            {
                // At --clients one screen keeps the bytes of every StateChanged it gets, for the ceiling to send.
                var records = n == clients ? new byte[]?[warmup + changes + 1] : null;
                var step = await RunStepAsync(
                    server, new Uri(server.BaseAddress, "/hubs/sessions"), session.SessionId, client, n, warmup, changes, parallel, records,
                    (k, token) => ChangeAsync(http, server, session, k, token),
                    (baseSequence, token) => CheckSequenceAsync(http, server, session, baseSequence, warmup + changes, token),
                    ct);
                Print(n.ToString(CultureInfo.InvariantCulture), step);
                if (n == clients)
                {
                    atClients = step;
                    ceiling = await RunCeilingStepAsync(server, http, step.BaseSequence, records!, client, n, warmup, changes, parallel, ct);
                    Print($"ws {n}", ceiling);
                }

                if (step.P99 <= SweepLimitMs)
                {
                    maxUnder1s = Math.Max(maxUnder1s, n);
                }
                else if (n > clients)
                {
                    break;
                }
            }

            var result = atClients!;
            var ratio = Math.Round(result.P99, 2) / Math.Round(ceiling!.P99, 2);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"at {clients} screens SignalR's p99 is {ratio:0.000} times the plain WebSockets' ({result.P99:0.00} against {ceiling.P99:0.00} ms)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"target {clients} clients, p99 ≤ {TargetP99Ms:0} ms: {(clients >= 5000 && result.P99 <= TargetP99Ms ? "met" : "MISSED")} (p99 {result.P99:0.00} ms)"));
            if (!sweep)
            {
                Console.WriteLine("max_clients_p99_under_1s is from this one step; --sweep tries more sizes.");
            }
            else if (maxUnder1s == steps[^1])
            {
                Console.WriteLine($"max_clients_p99_under_1s: every size up to {maxUnder1s}, the sweep's largest, stayed under 1 s; the limit is higher.");
            }

            return new BenchResult()
                .Add("clients", clients)
                .Add("p50_ms", Math.Round(result.P50, 2))
                .Add("p99_ms", Math.Round(result.P99, 2))
                .Add("max_clients_p99_under_1s", maxUnder1s)
                .Add("ceiling_p99_ms", Math.Round(ceiling.P99, 2))
                .Add("ratio", ratio.ToString("0.000", CultureInfo.InvariantCulture));
        }
        catch (OperationCanceledException) when (!signalled)
        {
            // A run that ran out of time is a failure to report, not a user's Ctrl+C.
            throw new BenchFailedException($"The run passed its --deadline of {deadline:0} s.");
        }
        finally
        {
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

        static void Print(string clients, Step step) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{clients,8} {step.ConnectSeconds,9:0.0} {step.Samples,8} {step.P50,8:0.00} {step.P99,8:0.00} {step.Max,8:0.00} {step.ApiMs,7:0.0} {step.FirstMs,8:0.0} {step.ServerCores,12:0.00} {step.BenchCores,11:0.00} {ProcessPageBenchmark.LoadAverage(),5}"));

        void Cancel(PosixSignalContext context)
        {
            context.Cancel = true;
            signalled = true;
            cancel.Cancel();
        }
    }

    private sealed record SessionSetUp(int ProcessId, int SessionId, IReadOnlyList<string> ParticipantTokens);

    /// <param name="ApiMs">Median time of the API call alone; <paramref name="FirstMs"/>: median time to the first screen. The
    /// rest of a sample is the fan-out itself.</param>
    private sealed record Step(double ConnectSeconds, int Samples, double P50, double P99, double Max, double ApiMs, double FirstMs, double ServerCores, double BenchCores, long BaseSequence);

    /// <summary>Only the sequence of a state: the clients need nothing else, and parsing less keeps the bench's own CPU down.</summary>
    private sealed class SequenceOnly
    {
        public long Sequence { get; set; }
    }

    /// <summary>One screen: the arrival time of each sequence it saw, indexed from the sequence it joined at.</summary>
    /// <param name="records">For one screen only: where to keep the bytes of each state it gets, indexed the same way.</param>
    private sealed class Screen(int changes, int[] arrived, byte[]?[]? records)
    {
        public long[] Arrivals { get; } = new long[changes + 1];

        public long BaseSequence { get; set; } = -1;

        public IAsyncDisposable? Connection { get; set; }

        public void Saw(long sequence)
        {
            var now = Stopwatch.GetTimestamp();
            var k = sequence - BaseSequence;
            if (BaseSequence >= 0 && k >= 1 && k < Arrivals.Length && Arrivals[k] == 0)
            {
                Arrivals[k] = now;
                Interlocked.Increment(ref arrived[k]);
            }
        }

        public bool KeepsRecords => records is not null;

        public void Keep(long sequence, byte[] record)
        {
            var k = sequence - BaseSequence;
            if (records is not null && BaseSequence >= 0 && k >= 1 && k < records.Length)
            {
                records[k] ??= record;
            }
        }
    }

    /// <summary>
    /// An administrator (registered, then promoted in the database as the promote-admin command does) creates an open
    /// process and makes a moderator, who creates and starts a session; participants register and join the process.
    /// </summary>
    private static async Task<SessionSetUp> SetUpAsync(HttpClient http, WebServer server, string file, int participants, CancellationToken ct)
    {
        var admin = await RegisterAsync(http, server, "admin@bench.equalfooting.invalid", "Benchmark Administrator", ct);
        var builder = new DbContextOptionsBuilder<SqliteEqualFootingDb>();
        Database.Configure(builder, DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = file }.ToString());
        await using (var db = new SqliteEqualFootingDb(builder.Options))
        {
            var account = await db.Users.SingleAsync(u => u.Email == "admin@bench.equalfooting.invalid", ct);
            account.IsAdministrator = true;
            await db.SaveChangesAsync(ct);
        }

        var process = await SendAsync(http, server, HttpMethod.Post, "/api/processes", admin,
            new { name = "Fan-out benchmark forum", description = "One session watched by many screens.", status = "Open", languages = new[] { "en" } }, HttpStatusCode.Created, ct);
        var processId = process.GetProperty("id").GetInt32();
        var groupId = process.GetProperty("stakeholderGroups")[0].GetProperty("id").GetInt32();
        var regionId = process.GetProperty("regions")[0].GetProperty("id").GetInt32();

        var moderator = await RegisterAsync(http, server, "moderator@bench.equalfooting.invalid", "Benchmark Moderator", ct);
        await SendAsync(http, server, HttpMethod.Post, $"/api/processes/{processId}/roles", admin,
            new { email = "moderator@bench.equalfooting.invalid", role = "Moderator" }, HttpStatusCode.OK, ct);
        var session = await SendAsync(http, server, HttpMethod.Post, $"/api/processes/{processId}/sessions", moderator,
            new { title = "Fan-out session", startsAt = "2026-11-23T09:00:00+00:00", endsAt = "2026-11-23T18:00:00+00:00", room = "Hall A", remoteParticipation = true },
            HttpStatusCode.Created, ct);
        var sessionId = session.GetProperty("id").GetInt32();
        await SendAsync(http, server, HttpMethod.Post, $"/api/sessions/{sessionId}/start", moderator, null, HttpStatusCode.OK, ct);

        var tokens = new List<string>();
        for (var i = 1; i <= participants; i++)
        {
            var token = await RegisterAsync(http, server, $"participant{i}@bench.equalfooting.invalid", $"Participant {i}", ct);
            await SendAsync(http, server, HttpMethod.Post, $"/api/processes/{processId}/participants", token,
                new { stakeholderGroupId = groupId, regionId }, HttpStatusCode.Created, ct);
            tokens.Add(token);
        }

        return new SessionSetUp(processId, sessionId, tokens);
    }

    internal static async Task<string> RegisterAsync(HttpClient http, WebServer server, string email, string name, CancellationToken ct)
    {
        await SendAsync(http, server, HttpMethod.Post, "/api/account/register", null, new { displayName = name, email, password = Password }, HttpStatusCode.Created, ct);
        var token = await SendAsync(http, server, HttpMethod.Post, "/api/account/token", null, new { email, password = Password }, HttpStatusCode.OK, ct);
        return token.GetProperty("accessToken").GetString()!;
    }

    internal static async Task<JsonElement> SendAsync(
        HttpClient http, WebServer server, HttpMethod method, string path, string? token, object? body, HttpStatusCode expected, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != expected)
        {
            throw new BenchFailedException($"{method} {path} answered {(int)response.StatusCode}, expected {(int)expected}: {text}\n{server.Output()}");
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Change <paramref name="k"/>: participants in turn raise (odd k) and lower (even k) their hands through the API.</summary>
    private static Task ChangeAsync(HttpClient http, WebServer server, SessionSetUp session, int k, CancellationToken ct)
    {
        var participant = session.ParticipantTokens[((k - 1) / 2) % session.ParticipantTokens.Count];
        return k % 2 == 1
            ? SendAsync(http, server, HttpMethod.Post, $"/api/sessions/{session.SessionId}/hands", participant, new { remote = false }, HttpStatusCode.OK, ct)
            : SendAsync(http, server, HttpMethod.Delete, $"/api/sessions/{session.SessionId}/hands/me", participant, null, HttpStatusCode.OK, ct);
    }

    /// <summary>After a step the session's sequence must have moved by exactly one per change.</summary>
    private static async Task CheckSequenceAsync(HttpClient http, WebServer server, SessionSetUp session, long baseSequence, int changes, CancellationToken ct)
    {
        var state = await SendAsync(http, server, HttpMethod.Get, $"/api/sessions/{session.SessionId}", null, null, HttpStatusCode.OK, ct);
        if (state.GetProperty("sequence").GetInt64() != baseSequence + changes)
        {
            throw new BenchFailedException($"The session is at sequence {state.GetProperty("sequence").GetInt64()} after {changes} changes from {baseSequence}; each change was expected to add one.");
        }
    }

    /// <summary>
    /// The transport ceiling: <paramref name="n"/> screens of the same kind join the plain WebSocket endpoint of the same
    /// server at <paramref name="baseSequence"/>, and change k is the server sending every screen the k-th state the
    /// SignalR screens got, byte for byte, when the bench asks it to (one POST, as the API call was one).
    /// </summary>
    private static async Task<Step> RunCeilingStepAsync(
        WebServer server, HttpClient http, long baseSequence, byte[]?[] records, string client, int n, int warmup, int measured, int parallel, CancellationToken ct)
    {
        var missing = Enumerable.Range(1, records.Length - 1).Where(k => records[k] is null).ToList();
        if (missing.Count > 0)
        {
            throw new BenchFailedException($"The screen keeping the states for the ceiling has no bytes for change {missing[0]}.");
        }

        using (var upload = new HttpRequestMessage(HttpMethod.Post, $"{WebSocketCeiling.PathBase}/messages?base={baseSequence}")
        {
            Content = new ByteArrayContent(records.Skip(1).SelectMany(r => r!).ToArray()),
        })
        {
            using var response = await http.SendAsync(upload, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode != HttpStatusCode.OK || text != (records.Length - 1).ToString(CultureInfo.InvariantCulture))
            {
                throw new BenchFailedException($"The server did not take the ceiling's messages ({(int)response.StatusCode}: {text}); was {WebSocketCeiling.PathBase} loaded into it?\n{server.Output()}");
            }
        }

        Console.WriteLine($"  the states the SignalR screens got: {records.Skip(1).Min(r => r!.Length)}–{records.Skip(1).Max(r => r!.Length)} bytes each; the ceiling sends the same");
        return await RunStepAsync(
            server, new Uri(server.BaseAddress, WebSocketCeiling.PathBase + "/ws"), 0, client, n, warmup, measured, parallel, null,
            async (k, token) =>
            {
                var sent = (await SendAsync(http, server, HttpMethod.Post, $"{WebSocketCeiling.PathBase}/broadcast/{k}", null, null, HttpStatusCode.OK, token)).GetInt32();
                if (sent != n)
                {
                    throw new BenchFailedException($"The ceiling's change {k} went to {sent} screens; {n} had joined.");
                }
            },
            (joined, _) => joined == baseSequence
                ? Task.CompletedTask
                : throw new BenchFailedException($"The ceiling's screens joined at {joined}, not {baseSequence}."),
            ct);
    }

    /// <summary>
    /// Connects <paramref name="n"/> screens to <paramref name="endpoint"/>, makes the changes one at a time with
    /// <paramref name="change"/>, checks the end with <paramref name="check"/> (given the sequence the screens joined
    /// at), then disconnects them all.
    /// </summary>
    private static async Task<Step> RunStepAsync(
        WebServer server, Uri endpoint, int sessionId, string client, int n, int warmup, int measured, int parallel, byte[]?[]? records,
        Func<int, CancellationToken, Task> change, Func<long, CancellationToken, Task> check, CancellationToken ct)
    {
        var changes = warmup + measured;
        var screens = new Screen[n];
        var arrived = new int[changes + 1];
        var connecting = Stopwatch.StartNew();
        try
        {
            using var gate = new SemaphoreSlim(parallel);
            var connects = Enumerable.Range(0, n).Select(async i =>
            {
                await gate.WaitAsync(ct);
                try
                {
                    screens[i] = await ConnectAsync(client, endpoint, sessionId, changes, arrived, i == 0 ? records : null, ct);
                }
                finally
                {
                    gate.Release();
                }
            }).ToList();
            await Task.WhenAll(connects);
            var connectSeconds = connecting.Elapsed.TotalSeconds;

            // Every screen must have joined at the same state, or sequences would not line up with changes.
            var baseSequence = screens[0].BaseSequence;
            if (screens.Any(s => s.BaseSequence != baseSequence))
            {
                throw new BenchFailedException("The screens joined at different sequences; something changed the session while they connected.");
            }

            var starts = new long[changes + 1];
            var answered = new long[changes + 1];
            var serverCpu = TimeSpan.Zero;
            var benchCpu = TimeSpan.Zero;
            var measuring = new Stopwatch();
            for (var k = 1; k <= changes; k++)
            {
                // The first changes after new screens join run code paths the JIT has not yet compiled; they are discarded.
                if (k == warmup + 1)
                {
                    serverCpu = server.CpuTime();
                    benchCpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
                    measuring.Start();
                }

                starts[k] = Stopwatch.GetTimestamp();
                await change(k, ct);
                answered[k] = Stopwatch.GetTimestamp();
                await WaitForAllAsync(arrived, k, n, server, ct);

                // Lets the server and the clients finish their work on this change, so the next is measured on its own.
                await Task.Delay(100, ct);
            }

            var elapsed = measuring.Elapsed.TotalSeconds;
            var serverCores = (server.CpuTime() - serverCpu).TotalSeconds / elapsed;
            var benchCores = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - benchCpu).TotalSeconds / elapsed;
            await check(baseSequence, ct);

            var samples = new List<double>(n * measured);
            foreach (var screen in screens)
            {
                for (var k = warmup + 1; k <= changes; k++)
                {
                    samples.Add(Stopwatch.GetElapsedTime(starts[k], screen.Arrivals[k]).TotalMilliseconds);
                }
            }

            // With ~20 changes one slow change fills the top 5% of samples, so p99 is the slowest change: show where its time went.
            var slowest = Enumerable.Range(warmup + 1, measured).MaxBy(k => screens.Max(s => s.Arrivals[k]) - starts[k]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {endpoint.AbsolutePath}, slowest change ({(slowest % 2 == 1 ? "raise" : "lower")}): call answered at {Stopwatch.GetElapsedTime(starts[slowest], answered[slowest]).TotalMilliseconds:0.0} ms, " +
                $"first screen {Stopwatch.GetElapsedTime(starts[slowest], screens.Min(s => s.Arrivals[slowest])).TotalMilliseconds:0.0} ms, " +
                $"last {Stopwatch.GetElapsedTime(starts[slowest], screens.Max(s => s.Arrivals[slowest])).TotalMilliseconds:0.0} ms"));
            samples.Sort();
            var api = Enumerable.Range(warmup + 1, measured).Select(k => Stopwatch.GetElapsedTime(starts[k], answered[k]).TotalMilliseconds).Order().ToList();
            var first = Enumerable.Range(warmup + 1, measured).Select(k => Stopwatch.GetElapsedTime(starts[k], screens.Min(s => s.Arrivals[k])).TotalMilliseconds).Order().ToList();
            return new Step(connectSeconds, samples.Count, LatencyStats.Percentile(samples, 0.50), LatencyStats.Percentile(samples, 0.99), samples[^1],
                LatencyStats.Percentile(api, 0.50), LatencyStats.Percentile(first, 0.50), serverCores, benchCores, baseSequence);
        }
        finally
        {
            await Task.WhenAll(screens.Where(s => s?.Connection is not null).Select(s => s.Connection!.DisposeAsync().AsTask()));
        }
    }

    private static async Task<Screen> ConnectAsync(string client, Uri endpoint, int sessionId, int changes, int[] arrived, byte[]?[]? records, CancellationToken ct)
    {
        var screen = new Screen(changes, arrived, records);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            if (client == "wire")
            {
                var (wire, sequence) = await WireScreen.JoinAsync(endpoint, sessionId, screen.Saw, timeout.Token, screen.KeepsRecords ? screen.Keep : null);
                screen.Connection = wire;
                screen.BaseSequence = sequence;
                return screen;
            }

            // Straight to WebSockets, as browsers that support them end up: negotiation would add a round trip per screen.
            var connection = new HubConnectionBuilder()
                .WithUrl(endpoint, HttpTransportType.WebSockets, o => o.SkipNegotiation = true)
                .Build();
            screen.Connection = connection;
            if (screen.KeepsRecords)
            {
                // The state as it came, in the record the JSON hub protocol wraps it in.
                connection.On<JsonElement>("StateChanged", state =>
                {
                    var sequence = state.GetProperty("sequence").GetInt64();
                    screen.Saw(sequence);
                    screen.Keep(sequence, Encoding.UTF8.GetBytes($"{{\"type\":1,\"target\":\"StateChanged\",\"arguments\":[{state.GetRawText()}]}}\u001e"));
                });
            }
            else
            {
                connection.On<SequenceOnly>("StateChanged", state => screen.Saw(state.Sequence));
            }

            await connection.StartAsync(timeout.Token);
            var joined = await connection.InvokeAsync<SequenceOnly>("Join", sessionId, timeout.Token);
            screen.BaseSequence = joined.Sequence;
            return screen;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            if (screen.Connection is not null)
            {
                await screen.Connection.DisposeAsync();
            }

            throw new BenchFailedException($"A screen could not connect and join: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Waits until every screen has the state of change <paramref name="k"/>; 30 s without that fails the run.</summary>
    private static async Task WaitForAllAsync(int[] arrived, int k, int n, WebServer server, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (30 * Stopwatch.Frequency);
        while (Volatile.Read(ref arrived[k]) < n)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new BenchFailedException($"Change {k}: only {Volatile.Read(ref arrived[k])} of {n} screens had the new state after 30 s.\n{server.Output()}");
            }

            await Task.Delay(1, ct);
        }
    }

    internal static string OpenFilesLimit()
    {
        try
        {
            return File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal))?
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)[3] ?? "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
