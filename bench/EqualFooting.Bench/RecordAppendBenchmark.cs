using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using EqualFooting.Bench.Consultations;

namespace EqualFooting.Bench;

/// <summary>
/// What the verifiable log costs the consultation batch intake: two servers on their own SQLite files, one with the
/// log on and one with it off (Record:Log=off, a setting only this benchmark uses), each fed batches through
/// <c>POST /api/consultations/{id}/comments/batch</c> by the same clients, in alternating rounds so that both see the
/// same machine. The intake writes one record entry per batch, so --batch-size sets how often the log is extended.
/// </summary>
public sealed class RecordAppendBenchmark : IBenchmark
{
    public string Name => "record-append";

    public string Description =>
        "Consultation batch intake with the Merkle log on against the same intake with it off, alternating rounds in one run [--rounds 3 --seconds 5 --batch-clients 4 --batch-size 1000 --paragraphs 50 --web-dll PATH]";

    public async Task<BenchResult> RunAsync(BenchOptions options)
    {
        var rounds = options.Int("rounds", 3);
        var seconds = options.Double("seconds", 5);
        var clients = options.Int("batch-clients", 4);
        var batchSize = options.Int("batch-size", 1000);
        var paragraphs = options.Int("paragraphs", 50);
        if (rounds is < 1 or > 20 || seconds is <= 0 or > 120 || clients is < 1 or > 64 || batchSize is < 1 or > 1000 || paragraphs is < 1 or > 2000)
        {
            throw new BenchFailedException("Options out of range: 1 ≤ --rounds ≤ 20, 0 < --seconds ≤ 120, 1 ≤ --batch-clients ≤ 64, 1 ≤ --batch-size ≤ 1000, 1 ≤ --paragraphs ≤ 2000.");
        }

        using var cancel = new CancellationTokenSource();
        var ct = cancel.Token;
        Console.WriteLine($"record-append on {Environment.ProcessorCount} cores, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}, load average {ProcessPageBenchmark.LoadAverage()}");
        await using var with = await ConsultationSite.StartAsync(options, "with-log", ct);
        await using var without = await ConsultationSite.StartAsync(options, "without-log", new Dictionary<string, string> { ["Record__Log"] = "off" }, ct);
        var sites = new[] { (Label: "with log", Site: with), (Label: "without log", Site: without) };
        var tokens = new Dictionary<ConsultationSite, IReadOnlyList<string>>();
        foreach (var (_, site) in sites)
        {
            await site.OpenConsultationAsync(paragraphs, ct);
            tokens[site] = await site.ParticipantsAsync(0, clients, ct);
        }

        var totals = sites.ToDictionary(s => s.Site, _ => (Comments: 0L, Elapsed: TimeSpan.Zero));
        var sequence = 0;
        for (var round = 0; round <= rounds; round++)
        {
            // Round 0 warms both servers up and is not counted; then the order alternates so neither always goes first.
            var order = round % 2 == 0 ? sites : [.. sites.Reverse()];
            foreach (var (label, site) in order)
            {
                var (comments, elapsed) = await PhaseAsync(site, tokens[site], round == 0 ? Math.Min(2, seconds) : seconds, batchSize, () => Interlocked.Increment(ref sequence), ct);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round}{(round == 0 ? " (warm-up)" : "")}, {label,-11}: {comments,9:N0} comments in {elapsed.TotalSeconds:0.0} s = {comments / elapsed.TotalSeconds,9:N0}/s, load {ProcessPageBenchmark.LoadAverage()}"));
                if (round > 0)
                {
                    var t = totals[site];
                    totals[site] = (t.Comments + comments, t.Elapsed + elapsed);
                }
            }
        }

        // The log must really be on in one and off in the other: tree size against record entries.
        var withLog = await LogSizeAsync(with, ct);
        var withoutLog = await LogSizeAsync(without, ct);
        if (withLog == 0 || withoutLog != 0)
        {
            throw new BenchFailedException($"The log holds {withLog} leaves with it on and {withoutLog} with it off; expected some and none.");
        }

        Console.WriteLine($"checked: the log has {withLog:N0} leaves on the server with it on, none on the other");
        var withRate = totals[with].Comments / totals[with].Elapsed.TotalSeconds;
        var withoutRate = totals[without].Comments / totals[without].Elapsed.TotalSeconds;
        var overhead = (withoutRate - withRate) / withoutRate * 100;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"target overhead ≤ 10%: {(overhead <= 10 ? "met" : "MISSED")} ({overhead:0.0}%)"));
        return new BenchResult()
            .Add("with_per_s", Math.Round(withRate))
            .Add("without_per_s", Math.Round(withoutRate))
            .Add("overhead_pct", Math.Round(overhead, 1))
            .Add("batch_size", batchSize);
    }

    private static async Task<(long Comments, TimeSpan Elapsed)> PhaseAsync(ConsultationSite site, IReadOnlyList<string> tokens, double seconds, int batchSize, Func<int> next, CancellationToken ct)
    {
        using var http = ConsultationSite.Client(site.Server.BaseAddress, tokens.Count + 2);
        var url = $"/api/consultations/{site.ConsultationId}/comments/batch";

        // Bodies are written before the clock starts, so composing text takes no CPU from the server while timed.
        var perClient = Math.Max(2, (int)Math.Ceiling(seconds * 60_000 / batchSize / tokens.Count));
        var bodies = tokens.Select((_, c) =>
        {
            var random = new Random(c + (next() * 97));
            return new Queue<byte[]>(Enumerable.Range(0, perClient).Select(_ => site.BatchBody(random, $"r{next()}", batchSize)));
        }).ToArray();
        var started = Stopwatch.StartNew();
        var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var counts = await Task.WhenAll(tokens.Select(async (token, c) =>
        {
            long created = 0;
            var random = new Random(c);
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var body = bodies[c].TryDequeue(out var ready) ? ready : site.BatchBody(random, $"r{next()}", batchSize);
                using var request = ConsultationSite.Post(url, token, body);
                using var response = await http.SendAsync(request, ct);
                var text = await response.Content.ReadAsStringAsync(ct);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new BenchFailedException($"A batch answered {(int)response.StatusCode}: {ConsultationSite.Shorten(text)}");
                }

                using var json = JsonDocument.Parse(text);
                created += json.RootElement.GetProperty("created").GetInt32();
            }

            return created;
        }));
        return (counts.Sum(), started.Elapsed);
    }

    private static async Task<long> LogSizeAsync(ConsultationSite site, CancellationToken ct)
    {
        var builder = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<EqualFooting.Persistence.SqliteEqualFootingDb>();
        EqualFooting.Persistence.Database.Configure(builder, EqualFooting.Persistence.DatabaseProvider.Sqlite, $"Data Source={site.File}");
        await using var db = new EqualFooting.Persistence.SqliteEqualFootingDb(builder.Options);
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SumAsync(db.RecordLog.Select(l => l.Size), ct);
    }
}
