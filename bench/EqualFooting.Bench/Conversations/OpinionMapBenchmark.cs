using System.Diagnostics;
using System.Globalization;
using EqualFooting.Conversations;

namespace EqualFooting.Bench.Conversations;

/// <summary>
/// The opinion analysis on a synthetic conversation the size of Pol.is's largest (33,422 participants, 783 statements,
/// about 2.0 million votes) with four planted opinion groups, timed warm (the second of two runs on the same matrix),
/// then five updates of 1,000 new votes each (--rounds) (continuing from the previous map), then scikit-learn doing the same method on
/// the same votes (Debian's python3-sklearn, installed with apt-get when missing). Building the matrix is not timed on
/// either side. With --participants 1000000 --statements 10000 --votes 50000000 the dense matrix scikit-learn needs
/// (80 GB) cannot be built, so that run reports EqualFooting alone (--sklearn false is implied above 2·10⁸ cells).
/// </summary>
public sealed class OpinionMapBenchmark : IBenchmark
{
    public string Name => "opinion-map";

    public string Description => "Opinion groups on a planted conversation, beside scikit-learn [--participants 33422 --statements 783 --votes 2000000 --groups 4 --update 1000 --rounds 5 --sklearn true]";

    public async Task<BenchResult> RunAsync(BenchOptions options)
    {
        var participants = options.Int("participants", 33_422);
        var statements = options.Int("statements", 783);
        var votes = (long)options.Double("votes", 2_000_000);
        var groups = options.Int("groups", 4);
        var updateVotes = options.Int("update", 1_000);
        var updateRounds = options.Int("rounds", 5);
        var cells = (long)participants * statements;
        var sklearn = options.String("sklearn", cells <= 200_000_000 ? "true" : "false") == "true";
        if (participants < 100 || statements < 10 || votes < participants * 7L || votes > cells / 2 || votes > int.MaxValue || groups is < 2 or > 4)
        {
            throw new BenchFailedException("Options out of range: ≥ 100 participants, ≥ 10 statements, 7 votes a participant ≤ votes ≤ half the cells, 2–4 groups.");
        }

        var generateWatch = Stopwatch.StartNew();
        var (matrix, planted) = Generate(participants, statements, votes, groups, seed: 1);
        await Console.Error.WriteLineAsync($"generated {matrix.Count:N0} votes in {generateWatch.Elapsed.TotalSeconds:0.0} s");

        var cold = Stopwatch.StartNew();
        var map = OpinionAnalysis.Run(matrix);
        cold.Stop();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var warm = Stopwatch.StartNew();
        map = OpinionAnalysis.Run(matrix);
        warm.Stop();
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        await Console.Error.WriteLineAsync("full run phases (wall/CPU ms, MB allocated, gen 2): " + string.Join(", ", map.Phases.Select(Describe)));
        await Console.Error.WriteLineAsync($"analysis: cold {cold.Elapsed.TotalSeconds:0.000} s, warm {warm.Elapsed.TotalSeconds:0.000} s, {map.Groups.Count} groups, {map.PcaIterations} PCA iterations, peak {peak / 1e6:0} MB");

        var ours = Enumerable.Range(0, participants).Select(map.GroupOf).ToArray();
        var clustered = Enumerable.Range(0, participants).Where(p => ours[p] >= 0).ToArray();
        var ariPlanted = AdjustedRandIndex.Compute(clustered.Select(p => planted[p]).ToList(), clustered.Select(p => ours[p]).ToList());

        // Updates: five rounds of 1,000 new or changed votes, each the matrix rebuilt with them (VoteMatrix.With) and the
        // analysis continued from the last map; the median round is reported. Then a full analysis of the last matrix,
        // to check the update found the same groups.
        var random = new Random(99);
        var rounds = new List<(double Wall, double Cpu)>();
        var roundPhases = new List<IReadOnlyList<PhaseCost>>();
        var fullBefore = GC.CollectionCount(2);
        var updated = map;
        var next = matrix;
        for (var round = 0; round < updateRounds; round++)
        {
            var changes = Enumerable.Range(0, updateVotes)
                .Select(_ => new CastVote(random.Next(participants), random.Next(statements), (VoteChoice)(random.Next(3) - 1)))
                .ToList();
            var start = Snapshot();
            next = next.With(changes);
            var afterWith = Snapshot();
            updated = OpinionAnalysis.Run(next, previous: updated);
            var end = Snapshot();
            rounds.Add(((end.Wall - start.Wall) * 1000.0 / Stopwatch.Frequency, (end.Cpu - start.Cpu).TotalMilliseconds));
            List<PhaseCost> phases = [Cost("matrix", start, afterWith), .. updated.Phases];
            roundPhases.Add(phases);
            await Console.Error.WriteLineAsync($"update {round + 1} after {updateVotes} votes: {rounds[^1].Wall:0.0} ms wall, {rounds[^1].Cpu:0.0} ms CPU, "
                + $"{(end.Allocated - start.Allocated) / 1e6:0.0} MB allocated, {end.Full - start.Full} gen-2 collections, {(end.Pause - start.Pause).TotalMilliseconds:0.0} ms paused");
            await Console.Error.WriteLineAsync("  phases (wall/CPU ms, MB allocated, gen 2): " + string.Join(", ", phases.Select(Describe)));
            await Console.Error.WriteLineAsync("  work: " + string.Join(", ", updated.WorkCounts.Select(c => $"{c.Key} {c.Value}")));
        }

        // The median of each phase over the rounds, CPU first: what the closing note quotes.
        await Console.Error.WriteLineAsync("update phases, median over rounds (CPU ms / wall ms): " + string.Join(", ", roundPhases[0].Select((p, i) =>
        {
            var cpuMs = roundPhases.Select(r => r[i].CpuMs).Order().ElementAt(roundPhases.Count / 2);
            var wallMs = roundPhases.Select(r => r[i].WallMs).Order().ElementAt(roundPhases.Count / 2);
            return $"{p.Name} {cpuMs:0.0}/{wallMs:0.0}";
        })));
        var fullCollections = GC.CollectionCount(2) - fullBefore;

        var median = rounds.OrderBy(r => r.Wall).ElementAt(rounds.Count / 2);
        var full = OpinionAnalysis.Run(next);
        var updatedIds = Enumerable.Range(0, participants).Where(p => updated.GroupOf(p) >= 0).ToList();
        var ariUpdate = AdjustedRandIndex.Compute(updatedIds.Select(updated.GroupOf).ToList(), updatedIds.Select(full.GroupOf).ToList());

        var result = new BenchResult()
            .Add("participants", participants)
            .Add("statements", statements)
            .Add("votes", matrix.Count)
            .Add("groups", map.Groups.Count)
            .Add("seconds", Math.Round(warm.Elapsed.TotalSeconds, 3))
            .Add("seconds_cold", Math.Round(cold.Elapsed.TotalSeconds, 3))
            .Add("cpu_seconds", Math.Round(cpu, 3))
            .Add("update_ms", Math.Round(median.Wall, 1))
            .Add("update_cpu_ms", Math.Round(median.Cpu, 1))
            .Add("update_vs_full", Math.Round(median.Wall / (warm.Elapsed.TotalMilliseconds), 4))
            .Add("ari_update_vs_full", Math.Round(ariUpdate, 4))
            .Add("update_gen2", fullCollections)
            .Add("peak_mb", Math.Round(peak / 1e6));
        if (sklearn)
        {
            var (seconds, sklearnCpu, labels) = await RunSklearnAsync(matrix, participants, statements);
            var both = Enumerable.Range(0, participants).Where(p => ours[p] >= 0 && labels[p] >= 0).ToArray();
            result.Add("sklearn_seconds", Math.Round(seconds, 3))
                .Add("speedup", Math.Round(seconds / warm.Elapsed.TotalSeconds, 1))
                .Add("sklearn_cpu_seconds", Math.Round(sklearnCpu, 3))
                .Add("cpu_speedup", Math.Round(sklearnCpu / cpu, 1))
                .Add("ari_planted", Math.Round(ariPlanted, 4))
                .Add("ari_vs_sklearn", Math.Round(AdjustedRandIndex.Compute(both.Select(p => ours[p]).ToList(), both.Select(p => labels[p]).ToList()), 4));
        }
        else
        {
            result.Add("sklearn_seconds", "n/a").Add("ari_planted", Math.Round(ariPlanted, 4));
        }

        result.Add("cores", Environment.ProcessorCount)
            .Add("load", File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a");
        return result;
    }

    private static (long Wall, TimeSpan Cpu, long Allocated, int Full, TimeSpan Pause) Snapshot() =>
        (Stopwatch.GetTimestamp(), Environment.CpuUsage.TotalTime, GC.GetTotalAllocatedBytes(), GC.CollectionCount(2), GC.GetTotalPauseDuration());

    private static PhaseCost Cost(string name, (long Wall, TimeSpan Cpu, long Allocated, int Full, TimeSpan Pause) from, (long Wall, TimeSpan Cpu, long Allocated, int Full, TimeSpan Pause) to) =>
        new(name, (to.Wall - from.Wall) * 1000.0 / Stopwatch.Frequency, (to.Cpu - from.Cpu).TotalMilliseconds, to.Allocated - from.Allocated, to.Full - from.Full, (to.Pause - from.Pause).TotalMilliseconds);

    private static string Describe(PhaseCost p) =>
        $"{p.Name} {p.WallMs:0.0}/{p.CpuMs:0.0}" + (p.AllocatedBytes >= 100_000 ? $" {p.AllocatedBytes / 1e6:0.0}MB" : "") + (p.FullCollections > 0 ? $" gen2×{p.FullCollections}" : "");

    /// <summary>
    /// Planted groups on two independent questions (groups 0–3 take the sides 00, 10, 01, 11; sizes 40/30/20/10%): each
    /// statement is about one question, agreed by one side with probability 0.8, passed 0.1, rejected otherwise, and the
    /// reverse on the other side. Participants vote on between half and one and a half times the average number of
    /// statements, chosen at random, so the matrix is as sparse as Pol.is's (about 8% filled at the default size).
    /// </summary>
    private static (VoteMatrix Matrix, int[] Planted) Generate(int participants, int statements, long votes, int groups, int seed)
    {
        var random = new Random(seed);
        var polarity = Enumerable.Range(0, statements).Select(_ => random.Next(2)).ToArray();
        double[] shares = groups switch { 2 => [0.6, 0.4], 3 => [0.5, 0.3, 0.2], _ => [0.4, 0.3, 0.2, 0.1] };
        var planted = new int[participants];
        var perParticipant = new int[participants];
        var average = (double)votes / participants;
        long total = 0;
        for (var p = 0; p < participants; p++)
        {
            var u = random.NextDouble();
            var g = 0;
            for (var acc = shares[0]; u > acc && g < groups - 1; acc += shares[++g])
            {
            }

            planted[p] = g;
            perParticipant[p] = Math.Clamp((int)Math.Round(average * (0.5 + random.NextDouble())), 7, statements);
            total += perParticipant[p];
        }

        var rowStart = new int[participants + 1];
        for (var p = 0; p < participants; p++)
        {
            rowStart[p + 1] = rowStart[p] + perParticipant[p];
        }

        var columns = new int[total];
        var values = new sbyte[total];
        var chosen = new HashSet<int>();
        for (var p = 0; p < participants; p++)
        {
            chosen.Clear();
            var at = rowStart[p];
            while (chosen.Count < perParticipant[p])
            {
                var j = random.Next(statements);
                if (!chosen.Add(j))
                {
                    continue;
                }

                var side = (planted[p] >> (j % 2)) & 1;
                var u = random.NextDouble();
                var agree = side == polarity[j];
                columns[at] = j;
                values[at] = u < 0.8 ? (sbyte)(agree ? 1 : -1) : u < 0.9 ? (sbyte)0 : (sbyte)(agree ? -1 : 1);
                at++;
            }
        }

        return (VoteMatrix.FromRows(participants, statements, rowStart, columns, values), planted);
    }

    private static async Task<(double Seconds, double CpuSeconds, int[] Labels)> RunSklearnAsync(VoteMatrix matrix, int participants, int statements)
    {
        if (await ExitCodeAsync("/usr/bin/python3", "-c \"import sklearn\"") != 0)
        {
            await Console.Error.WriteLineAsync("python3-sklearn is missing; installing it with apt-get");
            if (await ExitCodeAsync("apt-get", "install -y -q python3-sklearn") != 0)
            {
                throw new BenchFailedException("apt-get install python3-sklearn failed; install it and run again.");
            }
        }

        var folder = Directory.CreateTempSubdirectory("opinion-map-").FullName;
        try
        {
            var votesPath = Path.Combine(folder, "votes.bin");
            await using (var file = new BinaryWriter(File.Create(votesPath)))
            {
                // Row by row, statements ascending: the matrix the bench built, which later update rounds have continued from.
                foreach (var v in matrix.Votes())
                {
                    file.Write(v.Participant);
                    file.Write(v.Statement);
                    file.Write((sbyte)v.Choice);
                }
            }

            var script = Path.Combine(folder, "opinion_map_sklearn.py");
            await File.WriteAllTextAsync(script, Script());
            var labelsPath = Path.Combine(folder, "labels.bin");
            var start = new ProcessStartInfo("/usr/bin/python3", [script, votesPath, participants.ToString(CultureInfo.InvariantCulture), statements.ToString(CultureInfo.InvariantCulture), labelsPath])
            {
                RedirectStandardOutput = true,
            };
            using var python = Process.Start(start) ?? throw new BenchFailedException("python3 did not start.");
            var output = await python.StandardOutput.ReadToEndAsync();
            await python.WaitForExitAsync();
            if (python.ExitCode != 0)
            {
                throw new BenchFailedException($"scikit-learn's run failed (exit {python.ExitCode}).");
            }

            var parts = output.Trim().Split(' ');
            await Console.Error.WriteLineAsync($"scikit-learn: {parts[0]} s ({parts[2]} s CPU), {parts[1]} groups");
            var bytes = await File.ReadAllBytesAsync(labelsPath);
            var labels = new int[participants];
            Buffer.BlockCopy(bytes, 0, labels, 0, bytes.Length);
            return (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture), labels);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Script()
    {
        using var stream = typeof(OpinionMapBenchmark).Assembly.GetManifestResourceStream("opinion_map_sklearn.py")
            ?? throw new BenchFailedException("The scikit-learn script is not embedded in the bench.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task<int> ExitCodeAsync(string file, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true });
            if (process is null)
            {
                return -1;
            }

            await process.WaitForExitAsync();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
