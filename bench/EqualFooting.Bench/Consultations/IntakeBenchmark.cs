using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace EqualFooting.Bench.Consultations;

/// <summary>
/// How fast comments get in: batches of 1,000 through <c>POST /api/consultations/{id}/comments/batch</c> from a few API
/// clients, then single comments through <c>POST /api/consultations/{id}/comments</c> from 64 clients, on SQLite. A
/// comment counts only once its request has answered (the app answers after the commit) and only if the consultation
/// has it at the end. Right after the batch phase, with the server paused, the engine's ceiling for the same rows on a
/// copy of the same database (<see cref="IntakeCeiling"/>), and the batch rate as a share of it.
/// </summary>
public sealed class IntakeBenchmark : IBenchmark
{
    private const double TargetBatchPerSecond = 50_000;
    private const double TargetSinglePerSecond = 2_000;

    public string Name => "consultation-intake";

    public string Description =>
        "Comments in through the batch API (1,000 per batch) and as single POSTs (64 clients), SQLite, and the engine's ceiling for the batches " +
        "[--seconds 10 --batch-clients 4 --batch-size 1000 --single-clients 64 --warmup 10 --paragraphs 200 --prepare-rate 120000 --seed 1 --ceiling-binding native|ado --server-output --web-dll PATH]";

    public async Task<BenchResult> RunAsync(BenchOptions options)
    {
        var seconds = options.Double("seconds", 10);
        var batchClients = options.Int("batch-clients", 4);
        var batchSize = options.Int("batch-size", 1000);
        var singleClients = options.Int("single-clients", 64);
        var warmup = options.Double("warmup", 10);
        var prepareRate = options.Int("prepare-rate", 120_000);
        var paragraphs = options.Int("paragraphs", 200);
        var seed = options.Int("seed", 1);
        var binding = options.String("ceiling-binding", "native");
        if (binding is not ("native" or "ado"))
        {
            throw new BenchFailedException("--ceiling-binding is native (bound through the native API, as the app's writer binds) or ado (a prepared SqliteCommand).");
        }

        if (seconds is <= 0 or > 600 || batchClients is < 1 or > 64 || batchSize is < 1 or > 1000 || singleClients is < 1 or > 512 || warmup is < 0 or > 120 || paragraphs is < 1 or > 2000 || prepareRate is < 0 or > 1_000_000)
        {
            throw new BenchFailedException("Options out of range: 0 < --seconds ≤ 600, 1 ≤ --batch-clients ≤ 64, 1 ≤ --batch-size ≤ 1000, 1 ≤ --single-clients ≤ 512, 0 ≤ --warmup ≤ 120, 1 ≤ --paragraphs ≤ 2000, 0 ≤ --prepare-rate ≤ 1,000,000.");
        }

        using var cancel = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        var ct = cancel.Token;

        Console.WriteLine($"consultation-intake on {Environment.ProcessorCount} cores, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}, load average {ProcessPageBenchmark.LoadAverage()}");
        await using var site = await ConsultationSite.StartAsync(options, "intake", ct);
        var setUp = Stopwatch.StartNew();
        await site.OpenConsultationAsync(paragraphs, ct);
        var batchTokens = await site.ParticipantsAsync(0, batchClients, ct);
        var singleTokens = await site.ParticipantsAsync(batchClients, singleClients, ct);
        Console.WriteLine($"set up through the API in {setUp.Elapsed.TotalSeconds:0.0} s: consultation {site.ConsultationId}, {paragraphs} paragraphs, {batchClients} batch and {singleClients} single clients");

        // The ceiling runs on this copy: the app's schema, consultation, paragraphs and participants, no comments yet.
        var ceilingFile = Path.Combine(Path.GetDirectoryName(site.File)!, "ceiling.db");
        await IntakeCeiling.CopyAsync(site.File, ceilingFile, ct);

        long acknowledged = 0;
        using var http = ConsultationSite.Client(site.Server.BaseAddress, batchClients + singleClients + 4);
        var url = $"/api/consultations/{site.ConsultationId}";

        // Batches: each client sends its next batch as soon as the previous one is acknowledged. The bodies (unique
        // texts and keys) are written before the phase, enough for --prepare-rate comments/s, because the bench shares
        // the server's two cores and composing 50,000 random texts a second would take CPU from the server; a client
        // that runs out composes the rest as it goes, and the phase line says how many.
        var sequence = 0;
        async Task<Phase> BatchesAsync(double duration, string label)
        {
            var perClient = (int)Math.Ceiling(prepareRate * duration / batchSize / batchClients);
            var prepared = batchTokens.Select((_, c) =>
            {
                var random = new Random(seed * 1000 + c + (Interlocked.Increment(ref sequence) * 64));
                var bodies = new Queue<byte[]>(perClient);
                for (var i = 0; i < perClient; i++)
                {
                    bodies.Enqueue(site.BatchBody(random, $"b{c}-{Interlocked.Increment(ref sequence)}", batchSize));
                }

                return (random, bodies);
            }).ToArray();
            long composed = 0;
            var phase = await PhaseAsync(label, duration, batchTokens, async (token, c, deadline) =>
            {
                var (random, bodies) = prepared[c];
                var latencies = new List<double>();
                long created = 0;
                while (Stopwatch.GetTimestamp() < deadline)
                {
                    if (!bodies.TryDequeue(out var body))
                    {
                        body = site.BatchBody(random, $"b{c}-{Interlocked.Increment(ref sequence)}", batchSize);
                        Interlocked.Increment(ref composed);
                    }

                    var sent = Stopwatch.GetTimestamp();
                    using var request = ConsultationSite.Post(url + "/comments/batch", token, body);
                    using var response = await http.SendAsync(request, ct);
                    var text = await response.Content.ReadAsStringAsync(ct);
                    latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        throw new BenchFailedException($"A batch answered {(int)response.StatusCode}: {ConsultationSite.Shorten(text)}\n{site.Server.Output()}");
                    }

                    using var json = JsonDocument.Parse(text);
                    var n = json.RootElement.GetProperty("created").GetInt32();
                    if (n != batchSize)
                    {
                        throw new BenchFailedException($"A new batch of {batchSize} reported {n} created.");
                    }

                    created += n;
                }

                return (created, latencies);
            });
            if (composed > 0)
            {
                Console.WriteLine($"  ({composed} batches were composed during the phase: the prepared ones ran out; raise --prepare-rate)");
            }

            return phase;
        }

        // Single comments: 64 clients, each posting its next comment as soon as the previous one is acknowledged.
        Task<Phase> SinglesAsync(double duration, string label)
        {
            var run = Interlocked.Increment(ref sequence);
            return PhaseAsync(label, duration, singleTokens, async (token, c, deadline) =>
            {
                var random = new Random(seed * 7919 + c + (run * 512));
                var latencies = new List<double>();
                long created = 0;
                for (var i = 0; Stopwatch.GetTimestamp() < deadline; i++)
                {
                    var body = site.CommentBody(random, $"s{run}-{c}-{i}");
                    var sent = Stopwatch.GetTimestamp();
                    using var request = ConsultationSite.Post(url + "/comments", token, body);
                    using var response = await http.SendAsync(request, ct);
                    var text = await response.Content.ReadAsStringAsync(ct);
                    latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                    if (response.StatusCode != HttpStatusCode.Created)
                    {
                        throw new BenchFailedException($"A comment answered {(int)response.StatusCode}: {ConsultationSite.Shorten(text)}\n{site.Server.Output()}");
                    }

                    created++;
                }

                return (created, latencies);
            });
        }

        // One phase: every client runs until the deadline and reports what it got acknowledged and how long each
        // request took; the phase adds them up with the CPU the server and the bench spent meanwhile.
        async Task<Phase> PhaseAsync(string label, double duration, IEnumerable<string> tokens, Func<string, int, long, Task<(long Created, List<double> Latencies)>> client)
        {
            var cpu = site.Server.CpuTime();
            var bench = Process.GetCurrentProcess().TotalProcessorTime;
            var started = Stopwatch.GetTimestamp();
            var deadline = started + (long)(duration * Stopwatch.Frequency);
            var results = await Task.WhenAll(tokens.Select((token, c) => Task.Run(() => client(token, c, deadline), ct)));
            var elapsed = Stopwatch.GetElapsedTime(started);
            var phase = Phase.Of(label, results.Sum(r => r.Created), results.SelectMany(r => r.Latencies).ToList(), elapsed,
                site.Server.CpuTime() - cpu, Process.GetCurrentProcess().TotalProcessorTime - bench);
            Interlocked.Add(ref acknowledged, phase.Comments);
            phase.Print();
            return phase;
        }

        Console.WriteLine($"{"phase",-22} {"comments",9} {"per s",9} {"requests",8} {"p50 ms",8} {"p95 ms",8} {"max ms",8} {"server cores",12} {"bench cores",11} {"load",5}");
        if (warmup > 0)
        {
            await BatchesAsync(warmup, "batches (warm-up)");
        }

        // The ceiling's table starts where the measured batch phase starts: as many comments as the warm-up stored,
        // inserted untimed while the server is paused, so that the fill takes nothing from the server.
        var largestGroup = Math.Min(batchClients, Math.Max(1, IntakeCeiling.WriterGroupComments / batchSize)) * batchSize;
        var filled = Interlocked.Read(ref acknowledged);
        IntakeCeiling? ceiling = null;
        Phase batches;
        Phase ceilingPhase;
        try
        {
            if (filled > 0)
            {
                ceiling = await IntakeCeiling.OpenAsync(ceilingFile, site.File, site.ConsultationId, site.ParagraphIds, batchClients, batchSize, binding, seed, ct);
                var filling = TimeSpan.Zero;
                await PausedAsync(async () =>
                {
                    var started = Stopwatch.GetTimestamp();
                    await ceiling.FillAsync(filled, largestGroup, ct);
                    filling = Stopwatch.GetElapsedTime(started);
                });
                Console.WriteLine($"  (the ceiling's copy filled to {filled:N0} comments in {filling.TotalSeconds:0.0} s, untimed, server paused)");
            }

            var recordBefore = await IntakeCeiling.LastRecordIdAsync(site.File, ct);
            batches = await BatchesAsync(seconds, "batches");
            var writerGroups = await IntakeCeiling.WriterGroupsAsync(site.File, recordBefore, await IntakeCeiling.LastRecordIdAsync(site.File, ct), batchSize, ct);
            if (writerGroups.Sum(g => (long)g) != batches.Comments)
            {
                Console.WriteLine($"  could not read the writer's transactions of the batch phase from the record ({writerGroups.Sum(g => (long)g):N0} comments in {writerGroups.Count} groups found, {batches.Comments:N0} acknowledged); the ceiling commits every {largestGroup:N0} comments, the most the writer can take at once here");
                writerGroups = [largestGroup];
            }

            // Measured at once, with the server paused so that the loop has the machine as the server had it.
            ceiling ??= await IntakeCeiling.OpenAsync(ceilingFile, site.File, site.ConsultationId, site.ParagraphIds, batchClients, batchSize, binding, seed, ct);
            IntakeCeiling.Run? run = null;
            await PausedAsync(async () => run = await ceiling.MeasureAsync(writerGroups, seconds, ct));
            ceilingPhase = Phase.Of("ceiling", run!.Comments, run.TransactionMs, run.Elapsed, TimeSpan.Zero, run.Cpu);
            ceilingPhase.Print();
            Console.WriteLine($"  the writer's transactions in that batch phase: {IntakeCeiling.Describe(writerGroups)};");
            Console.WriteLine($"  the ceiling: one prepared INSERT ({binding} binding) in a loop on a copy of the database, the same transactions in turn, server paused; requests = transactions");
        }
        finally
        {
            if (ceiling is not null)
            {
                await ceiling.DisposeAsync();
            }
        }

        if (warmup > 0)
        {
            await SinglesAsync(warmup, "single (warm-up)");
        }

        var singles = await SinglesAsync(seconds, "single");

        // The figures count only what was acknowledged; the consultation must hold exactly that, no more, no less.
        var progress = await site.SendAsync(HttpMethod.Get, url + "/progress", null, null, HttpStatusCode.OK, ct);
        var stored = progress.GetProperty("total").GetInt64();
        if (stored != acknowledged)
        {
            throw new BenchFailedException($"The consultation holds {stored} comments; {acknowledged} were acknowledged.");
        }

        // A retried upload neither loses nor duplicates: the same batch sent again, and twice at once.
        var retry = site.BatchBody(new Random(seed), "retry", batchSize);
        var first = await site.SendAsync(HttpMethod.Post, url + "/comments/batch", batchTokens[0], retry, HttpStatusCode.OK, ct);
        var both = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => site.SendAsync(HttpMethod.Post, url + "/comments/batch", batchTokens[0], retry, HttpStatusCode.OK, ct)));
        var after = (await site.SendAsync(HttpMethod.Get, url + "/progress", null, null, HttpStatusCode.OK, ct)).GetProperty("total").GetInt64();
        if (first.GetProperty("created").GetInt32() != batchSize || both.Any(b => b.GetProperty("repeated").GetInt32() != batchSize) || after != stored + batchSize)
        {
            throw new BenchFailedException($"Resent batches: created {first.GetProperty("created")} then repeated {string.Join(", ", both.Select(b => b.GetProperty("repeated")))}; the consultation went from {stored} to {after}.");
        }

        Console.WriteLine($"checked: the consultation holds the {stored:N0} acknowledged comments; a batch resent, and resent twice at once, added {batchSize} once");

        var ratio = Math.Round(batches.PerSecond) / Math.Round(ceilingPhase.PerSecond);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"batches reach {ratio:0.000} of the engine's ceiling ({batches.PerSecond:N0} of {ceilingPhase.PerSecond:N0} comments/s)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"target batches ≥ {TargetBatchPerSecond:N0}/s: {(batches.PerSecond >= TargetBatchPerSecond ? "met" : "MISSED")} ({batches.PerSecond:N0}/s); " +
            $"target single ≥ {TargetSinglePerSecond:N0}/s: {(singles.PerSecond >= TargetSinglePerSecond ? "met" : "MISSED")} ({singles.PerSecond:N0}/s)"));
        return new BenchResult()
            .Add("batch_comments_per_s", Math.Round(batches.PerSecond))
            .Add("single_posts_per_s", Math.Round(singles.PerSecond))
            .Add("batch_p95_ms", Math.Round(batches.P95, 1))
            .Add("single_p95_ms", Math.Round(singles.P95, 1))
            .Add("ceiling_per_s", Math.Round(ceilingPhase.PerSecond))
            .Add("ratio", ratio.ToString("0.000", CultureInfo.InvariantCulture));

        // The server stopped in its tracks (SIGSTOP) while the ceiling runs, then given a moment to catch up with its
        // timers (connections idle past Kestrel's keep-alive are closed then, not under the next request) and asked
        // whether it is healthy.
        async Task PausedAsync(Func<Task> work)
        {
            site.Server.Pause();
            try
            {
                await work();
            }
            finally
            {
                site.Server.Resume();
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
                await site.Server.WaitUntilHealthyAsync(site.Http, TimeSpan.FromSeconds(30), ct);
            }
        }

        void Cancel(PosixSignalContext context)
        {
            context.Cancel = true;
            cancel.Cancel();
        }
    }

    private sealed record Phase(string Label, long Comments, int Requests, double PerSecond, double P50, double P95, double Max, double ServerCores, double BenchCores)
    {
        public static Phase Of(string label, long comments, List<double> latencies, TimeSpan elapsed, TimeSpan serverCpu, TimeSpan benchCpu)
        {
            latencies.Sort();
            return new Phase(label, comments, latencies.Count, comments / elapsed.TotalSeconds,
                LatencyStats.Percentile(latencies, 0.5), LatencyStats.Percentile(latencies, 0.95), latencies.Count == 0 ? double.NaN : latencies[^1],
                serverCpu.TotalSeconds / elapsed.TotalSeconds, benchCpu.TotalSeconds / elapsed.TotalSeconds);
        }

        public void Print() => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Label,-22} {Comments,9} {PerSecond,9:0} {Requests,8} {P50,8:0.0} {P95,8:0.0} {Max,8:0.0} {ServerCores,12:0.00} {BenchCores,11:0.00} {ProcessPageBenchmark.LoadAverage(),5}"));
    }
}
