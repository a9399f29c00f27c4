using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;

namespace EqualFooting.Bench.Consultations;

/// <summary>
/// The public draft page of a consultation with 200 paragraphs and 50,000 comments, read by 20 concurrent anonymous
/// readers: the first page, deep pages, one paragraph's comments, and filters by group, region and disposition. The
/// comments go in through the batch API, the dispositions through the disposition API, as in production.
/// </summary>
public sealed class DraftPageBenchmark : IBenchmark
{
    private const double TargetP95Ms = 100;

    public string Name => "draft-page";

    public string Description =>
        "GET /consultations/{id} (pages, paragraph, group/region/disposition filters) with 200 paragraphs and 50k comments, SQLite " +
        "[--seconds 15 --clients 20 --comments 50000 --paragraphs 200 --participants 60 --disposed 300 --warmup 10 --warmup-max 120 --seed 1 --hidden-percent 1 --privacy restrictive|default --server-output --web-dll PATH]";

    public async Task<BenchResult> RunAsync(BenchOptions options)
    {
        var seconds = options.Double("seconds", 15);
        var clients = options.Int("clients", 20);
        var comments = options.Int("comments", 50_000);
        var hiddenPercent = options.Int("hidden-percent", 1);
        var restrictive = options.String("privacy", "restrictive") != "default";
        var paragraphs = options.Int("paragraphs", 200);
        var participants = options.Int("participants", 60);
        var disposed = options.Int("disposed", 300);
        var warmup = options.Double("warmup", 10);
        var warmupMax = Math.Max(warmup, options.Double("warmup-max", 120));
        var seed = options.Int("seed", 1);
        if (seconds is <= 0 or > 3600 || clients is < 1 or > 1000 || comments is < 1 or > 2_000_000 || paragraphs is < 1 or > 2000 || participants is < 1 or > 1000
            || disposed < 0 || disposed > comments || warmup < 0 || warmupMax > 600)
        {
            throw new BenchFailedException("Options out of range: 0 < --seconds ≤ 3600, 1 ≤ --clients ≤ 1000, 1 ≤ --comments ≤ 2000000, 1 ≤ --paragraphs ≤ 2000, 1 ≤ --participants ≤ 1000, 0 ≤ --disposed ≤ --comments, 0 ≤ --warmup ≤ --warmup-max ≤ 600.");
        }

        using var cancel = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        var ct = cancel.Token;

        Console.WriteLine($"draft-page on {Environment.ProcessorCount} cores, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}, load average {ProcessPageBenchmark.LoadAverage()}");
        await using var site = await ConsultationSite.StartAsync(options, "draft-page", ct);
        var seeding = Stopwatch.StartNew();
        await site.OpenConsultationAsync(paragraphs, ct);
        var tokens = await site.ParticipantsAsync(0, participants, ct);
        var url = $"/api/consultations/{site.ConsultationId}";
        var random = new Random(seed);
        var ids = new List<long>(comments);
        for (var (sent, k) = (0, 0); sent < comments; k++)
        {
            var size = Math.Min(1000, comments - sent);
            var batch = await site.SendAsync(HttpMethod.Post, url + "/comments/batch", tokens[k % tokens.Count], site.BatchBody(random, $"seed-{k}", size), HttpStatusCode.OK, ct);
            ids.AddRange(batch.GetProperty("comments").EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));
            sent += size;
        }

        var dispositions = new[] { "Accepted", "PartlyAccepted", "Noted", "NotAccepted", "OutOfScope" };
        foreach (var id in ids.OrderBy(_ => random.Next()).Take(disposed))
        {
            await site.SendAsync(HttpMethod.Post, $"{url}/comments/{id}/disposition", site.AdminToken,
                new { disposition = dispositions[random.Next(dispositions.Length)], reason = "Considered by the committee." }, HttpStatusCode.OK, ct);
        }

        // Moderation and privacy are applied when the page is read: hide a share of the comments through the API and
        // make names, countries and organisations private, so the measured pages pay for both.
        var hidden = (int)((long)comments * Math.Clamp(hiddenPercent, 0, 100) / 100);
        foreach (var id in ids.OrderBy(_ => random.Next()).Take(hidden))
        {
            await site.SendAsync(HttpMethod.Post, $"/api/comments/{id}/hide", site.AdminToken, new { reason = "Hidden by the benchmark." }, HttpStatusCode.OK, ct);
        }

        if (restrictive)
        {
            await site.SendAsync(HttpMethod.Put, $"/api/processes/{site.ProcessId}/privacy", site.AdminToken,
                new { names = "Nothing", countryPublic = false, organisationPublic = false, minimumCellSize = 5 }, HttpStatusCode.OK, ct);
        }

        Console.WriteLine($"privacy {(restrictive ? "restrictive (no names, no country, no organisation)" : "default")}, {hidden:N0} comments hidden by moderators");
        Console.WriteLine($"seeded through the API in {seeding.Elapsed.TotalSeconds:0.0} s: {paragraphs} paragraphs, {comments:N0} comments from {participants} participants, {disposed} disposed ({new FileInfo(site.File).Length / 1048576.0:0.0} MiB)");
        await CheckAsync(site, comments, ct);

        var pages = Math.Max(2, (comments + 49) / 50);
        var page = $"/consultations/{site.ConsultationId}";
        var mix = new List<LoadTarget>
        {
            new("GET /consultations/{id}", 4, _ => page),
            new("GET /consultations/{id}?page=N", 2, r => $"{page}?page={r.Next(2, pages + 1)}"),
            new("GET /consultations/{id}?paragraph=P", 2, r => $"{page}?paragraph={site.ParagraphIds[r.Next(site.ParagraphIds.Count)]}"),
            new("GET …?group=G&region=R&page=N", 1, r => $"{page}?group={site.GroupIds[r.Next(site.GroupIds.Count)]}&region={site.RegionIds[r.Next(site.RegionIds.Count)]}&page={r.Next(1, 10)}"),
            new("GET …?disposition=D", 1, r => $"{page}?disposition={(r.Next(2) == 0 ? "none&page=" + r.Next(1, pages / 2) : dispositions[r.Next(dispositions.Length)])}"),
        };

        using var http = ConsultationSite.Client(site.Server.BaseAddress, clients);
        await ProcessPageBenchmark.WarmUpAsync(http, site.Server, mix, clients, warmup, warmupMax, seed, ct);
        var serverCpu = site.Server.CpuTime();
        var benchCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var run = await Load.RunAsync(http, mix, clients, TimeSpan.FromSeconds(seconds), seed, ct);
        serverCpu = site.Server.CpuTime() - serverCpu;
        benchCpu = Process.GetCurrentProcess().TotalProcessorTime - benchCpu;
        run.Print(Console.Out);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CPU: server {serverCpu.TotalMilliseconds / Math.Max(1, run.Overall.Requests):0.00} ms/request ({serverCpu.TotalSeconds / run.Elapsed.TotalSeconds:0.00} cores), " +
            $"load generator {benchCpu.TotalSeconds / run.Elapsed.TotalSeconds:0.00} cores, of {Environment.ProcessorCount}; load average {ProcessPageBenchmark.LoadAverage()}"));
        ProcessPageBenchmark.FailOnErrors(run, site.Server, "measured run");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"target p95 ≤ {TargetP95Ms:0} ms: {(run.Overall.P95 <= TargetP95Ms ? "met" : "MISSED")} (p95 {run.Overall.P95:0.00} ms)"));
        return new BenchResult()
            .Add("comments", comments)
            .Add("hidden", hidden)
            .Add("privacy", restrictive ? "restrictive" : "default")
            .Add("p50_ms", Math.Round(run.Overall.P50, 2))
            .Add("p95_ms", Math.Round(run.Overall.P95, 2))
            .Add("p99_ms", Math.Round(run.Overall.P99, 2))
            .Add("rps", Math.Round(run.Overall.Rps, 1));

        void Cancel(PosixSignalContext context)
        {
            context.Cancel = true;
            cancel.Cancel();
        }
    }

    /// <summary>A fast page is worthless if it is the wrong one: the counts beside the paragraphs add up, and the page has them all.</summary>
    private static async Task CheckAsync(ConsultationSite site, int comments, CancellationToken ct)
    {
        var draft = await site.SendAsync(HttpMethod.Get, $"/api/consultations/{site.ConsultationId}/draft", null, null, HttpStatusCode.OK, ct);
        var counted = draft.GetProperty("wholeDraft").GetProperty("total").GetInt32()
            + draft.GetProperty("paragraphs").EnumerateArray().Sum(p => p.GetProperty("comments").GetProperty("total").GetInt32());
        if (counted != comments)
        {
            throw new BenchFailedException($"The draft's counts add up to {counted}; {comments} comments were sent.");
        }

        using var response = await site.Http.GetAsync($"/consultations/{site.ConsultationId}", ct);
        var html = await response.Content.ReadAsStringAsync(ct);
        // A heading's item is "paragraph paragraph-heading".
        var bars = System.Text.RegularExpressions.Regex.Count(html, "class=\"paragraph[ \"]");
        if (response.StatusCode != HttpStatusCode.OK || bars != site.ParagraphIds.Count || !html.Contains("rel=\"next\"", StringComparison.Ordinal))
        {
            throw new BenchFailedException($"GET /consultations/{site.ConsultationId} answered {(int)response.StatusCode} with {bars} paragraphs.\n{site.Server.Output()}");
        }
    }
}
