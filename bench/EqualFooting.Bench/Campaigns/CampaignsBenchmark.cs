using System.Diagnostics;
using System.Globalization;
using System.Text;
using EqualFooting.Consultations;

namespace EqualFooting.Bench.Campaigns;

/// <summary>
/// Campaign detection on synthetic comments whose true form letter is known.
/// <para>
/// <c>seconds</c> is time spent inside the detector (sketching every comment, then grouping); generating the comments
/// is not counted but is reported as <c>total_seconds</c>. <c>peak_mb</c> is the process's peak working set, generator
/// included, since the detector is meant to run beside whatever streams comments into it.
/// </para>
/// <para>
/// Precision and recall are pairwise: over all pairs of comments, a pair is "predicted" when the detector puts both in
/// one campaign and "true" when both were made from the same form letter (unique comments form no true pairs).
/// precision = true predicted pairs / predicted pairs, recall = true predicted pairs / true pairs. The pair counts come
/// from the contingency table of campaign × letter (Σ C(n,2) per cell, row and column), never from enumerating pairs.
/// Pairwise scores punish merging two letters (many false pairs) and leaving members out (each loses all its pairs).
/// </para>
/// </summary>
public sealed class CampaignsBenchmark : IBenchmark
{
    public string Name => "campaigns";

    public string Description => "Campaign detection (MinHash + LSH) on synthetic form letters: --comments N (1000000) --threshold T (0.8) --seed S --batch B";

    public async Task<BenchResult> RunAsync(BenchOptions options)
    {
        var count = options.Int("comments", 1_000_000);
        var threshold = options.Double("threshold", 0.8);
        var seed = (ulong)options.Int("seed", 2026);
        var batchSize = options.Int("batch", 50_000);
        var log = Console.Error;

        var total = Stopwatch.StartNew();
        var generator = new SyntheticComments(seed);
        var detector = new CampaignDetector(new CampaignOptions { Threshold = threshold });
        await log.WriteLineAsync($"campaigns: {count:N0} comments, {generator.Letters} form letters, threshold {threshold}, {detector.Bands} bands × {detector.Rows} rows, {Environment.ProcessorCount} cores");

        var truth = new sbyte[count];
        var batch = new CampaignInput[Math.Min(batchSize, count)];
        var inDetector = new Stopwatch();
        var detectorCpu = TimeSpan.Zero;
        using var self = Process.GetCurrentProcess();
        var nextReport = count / 10;
        for (var start = 0; start < count; start += batch.Length)
        {
            var n = Math.Min(batch.Length, count - start);
            var first = start;
            Parallel.For(
                0,
                n,
                () => (Words: new List<string>(300), Text: new StringBuilder(4096)),
                (i, _, buffers) =>
                {
                    var (text, letter) = generator.Generate(first + i, buffers.Words, buffers.Text);
                    batch[i] = new CampaignInput(first + i, text);
                    truth[first + i] = (sbyte)letter;
                    return buffers;
                },
                _ => { });

            var cpu = self.TotalProcessorTime;
            inDetector.Start();
            detector.Add(n == batch.Length ? batch : batch[..n]);
            inDetector.Stop();
            self.Refresh();
            detectorCpu += self.TotalProcessorTime - cpu;

            if (start + n >= nextReport || start + n == count)
            {
                await log.WriteLineAsync($"  sketched {start + n:N0} ({inDetector.Elapsed.TotalSeconds:0.0} s in detector, {total.Elapsed.TotalSeconds:0.0} s total)");
                nextReport += count / 10;
            }
        }

        Array.Clear(batch);
        var sketchCpu = detectorCpu;
        var beforeDetect = self.TotalProcessorTime;
        inDetector.Start();
        var campaigns = detector.Detect();
        inDetector.Stop();
        total.Stop();
        self.Refresh();
        detectorCpu += self.TotalProcessorTime - beforeDetect;
        await log.WriteLineAsync($"  grouped into {campaigns.Count:N0} campaigns ({inDetector.Elapsed.TotalSeconds:0.0} s in detector; CPU {sketchCpu.TotalSeconds:0.0} s sketching, {(detectorCpu - sketchCpu).TotalSeconds:0.0} s grouping)");

        var (precision, recall) = PairwiseScores(campaigns, truth, generator.Letters);
        var largest = campaigns.Count > 0 ? campaigns[0].Count : 0;
        await log.WriteLineAsync($"  largest campaign {largest:N0}; in campaigns {campaigns.Sum(c => (long)c.Count):N0} of {truth.Count(t => t >= 0):N0} form-letter comments");

        self.Refresh();
        return new BenchResult()
            .Add("comments", count)
            .Add("seconds", Fixed(inDetector.Elapsed.TotalSeconds, 2))
            .Add("peak_mb", self.PeakWorkingSet64 / (1024 * 1024))
            .Add("precision", Fixed(precision, 4))
            .Add("recall", Fixed(recall, 4))
            .Add("campaigns", campaigns.Count)
            .Add("cpu_seconds", Fixed(detectorCpu.TotalSeconds, 2))
            .Add("total_seconds", Fixed(total.Elapsed.TotalSeconds, 2))
            .Add("threshold", threshold.ToString(CultureInfo.InvariantCulture));
    }

    internal static (double Precision, double Recall) PairwiseScores(IReadOnlyList<Campaign> campaigns, sbyte[] truth, int letters)
    {
        var letterSizes = new long[letters];
        foreach (var t in truth)
        {
            if (t >= 0)
            {
                letterSizes[t]++;
            }
        }

        long truePairs = 0;
        foreach (var size in letterSizes)
        {
            truePairs += Pairs(size);
        }

        long predictedPairs = 0;
        long agreeing = 0;
        var cells = new long[letters];
        foreach (var campaign in campaigns)
        {
            predictedPairs += Pairs(campaign.Count);
            Array.Clear(cells);
            foreach (var id in campaign.MemberIds)
            {
                var t = truth[id];
                if (t >= 0)
                {
                    cells[t]++;
                }
            }

            foreach (var cell in cells)
            {
                agreeing += Pairs(cell);
            }
        }

        return (predictedPairs == 0 ? 1 : (double)agreeing / predictedPairs, truePairs == 0 ? 1 : (double)agreeing / truePairs);
    }

    private static long Pairs(long n) => n * (n - 1) / 2;

    private static string Fixed(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);
}
