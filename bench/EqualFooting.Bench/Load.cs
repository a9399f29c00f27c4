using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace EqualFooting.Bench;

/// <summary>One kind of request in a load mix; <see cref="Weight"/> is its share relative to the others.</summary>
public sealed record LoadTarget(string Name, int Weight, Func<Random, string> Path);

/// <summary>Latency figures of a set of requests, in milliseconds.</summary>
public sealed record LatencyStats(string Name, int Requests, double Rps, double P50, double P95, double P99, double Max)
{
    public static LatencyStats Of(string name, List<double> milliseconds, TimeSpan elapsed)
    {
        milliseconds.Sort();
        return new LatencyStats(
            name,
            milliseconds.Count,
            milliseconds.Count / elapsed.TotalSeconds,
            Percentile(milliseconds, 0.50),
            Percentile(milliseconds, 0.95),
            Percentile(milliseconds, 0.99),
            milliseconds.Count == 0 ? double.NaN : milliseconds[^1]);
    }

    /// <summary>Nearest rank: the smallest value with at least <paramref name="q"/> of the sample at or below it.</summary>
    public static double Percentile(List<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
}

public sealed record LoadResult(TimeSpan Elapsed, LatencyStats Overall, IReadOnlyList<LatencyStats> PerTarget, IReadOnlyList<string> Failures)
{
    public void Print(TextWriter w)
    {
        w.WriteLine($"{"endpoint",-44} {"requests",9} {"req/s",8} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8}");
        foreach (var s in PerTarget.Append(Overall))
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.Name,-44} {s.Requests,9} {s.Rps,8:0.0} {s.P50,8:0.00} {s.P95,8:0.00} {s.P99,8:0.00} {s.Max,8:0.00}"));
        }
    }
}

/// <summary>
/// A closed-loop load: each client sends one request, reads the whole response, and sends the next, until the
/// duration is over. Latency is measured per request from send to the last byte of the body.
/// </summary>
public static class Load
{
    private const int KeptFailures = 20;

    public static async Task<LoadResult> RunAsync(
        HttpClient http,
        IReadOnlyList<LoadTarget> targets,
        int clients,
        TimeSpan duration,
        int seed,
        CancellationToken ct)
    {
        var totalWeight = targets.Sum(t => t.Weight);
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var perClient = await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(() => ClientAsync(c), ct)));
        var elapsed = Stopwatch.GetElapsedTime(started);

        var latencies = targets.Select(_ => new List<double>()).ToArray();
        var failures = new Dictionary<string, int>(StringComparer.Ordinal);
        var examples = new List<string>();
        foreach (var samples in perClient)
        {
            foreach (var s in samples)
            {
                latencies[s.Target].Add(s.Milliseconds);
                if (s.Status != (int)HttpStatusCode.OK)
                {
                    var key = $"{targets[s.Target].Name}: {(s.Status == 0 ? "no response" : "HTTP " + s.Status)}";
                    failures[key] = failures.GetValueOrDefault(key) + 1;
                    if (s.Error is { } e && examples.Count < KeptFailures)
                    {
                        examples.Add($"  {targets[s.Target].Name}: {e}");
                    }
                }
            }
        }

        var perTarget = targets.Select((t, i) => LatencyStats.Of(t.Name, latencies[i], elapsed)).ToList();
        var overall = LatencyStats.Of("all", latencies.SelectMany(l => l).ToList(), elapsed);
        var failureLines = failures.OrderByDescending(f => f.Value).Select(f => $"{f.Value} × {f.Key}").Concat(examples).ToList();
        return new LoadResult(elapsed, overall, perTarget, failureLines);

        async Task<List<Sample>> ClientAsync(int client)
        {
            // Each client has its own seeded generator: the mix is reproducible and clients do not contend on one lock.
            var random = new Random(seed + client);
            var samples = new List<Sample>(4096);
            while (Stopwatch.GetTimestamp() < deadline && !ct.IsCancellationRequested)
            {
                var target = Pick(random);
                var path = targets[target].Path(random);
                var sent = Stopwatch.GetTimestamp();
                int status;
                string? error = null;
                try
                {
                    using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead, ct);
                    status = (int)response.StatusCode;
                    if (status != (int)HttpStatusCode.OK)
                    {
                        error = $"GET {path} → {status}";
                    }
                }
                catch (HttpRequestException e)
                {
                    status = 0;
                    error = $"GET {path}: {e.Message}";
                }
                catch (TaskCanceledException) when (!ct.IsCancellationRequested)
                {
                    status = 0;
                    error = $"GET {path}: timed out after {http.Timeout.TotalSeconds:0} s";
                }

                samples.Add(new Sample(target, status, Stopwatch.GetElapsedTime(sent).TotalMilliseconds, error));
            }

            return samples;
        }

        int Pick(Random random)
        {
            var n = random.Next(totalWeight);
            for (var i = 0; i < targets.Count; i++)
            {
                n -= targets[i].Weight;
                if (n < 0)
                {
                    return i;
                }
            }

            return targets.Count - 1;
        }
    }

    private readonly record struct Sample(int Target, int Status, double Milliseconds, string? Error);
}
