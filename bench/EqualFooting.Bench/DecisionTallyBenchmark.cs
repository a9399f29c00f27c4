using System.Diagnostics;
using EqualFooting.Decisions;
using EqualFooting.Deliberation;

namespace EqualFooting.Bench;

/// <summary>
/// decision-tally: a million positions from six stakeholder groups of very different sizes, counted once and decided
/// under all seven rules (the full rule comparison), with named proxies applied first. Pure domain code, in process.
/// </summary>
public sealed class DecisionTallyBenchmark : IBenchmark
{
    public string Name => "decision-tally";

    public string Description => "1,000,000 positions tallied under every decision rule with the full rule comparison";

    public Task<BenchResult> RunAsync(BenchOptions options)
    {
        var positions = options.Int("positions", 1_000_000);
        var runs = options.Int("runs", 9);
        var random = new Random(14);

        // Sizes differ by orders of magnitude, as at the IGF: one big group, a few middling, one tiny.
        int[] weights = [50, 20, 15, 10, 4, 1];
        var rolls = weights.Select((w, i) => new GroupRoll(i + 1, (int)((long)positions * w / 100 * 11 / 10))).ToArray();
        var ballots = new CountedPosition[positions];
        for (var i = 0; i < positions; i++)
        {
            var pick = random.Next(100);
            var group = 0;
            for (var acc = weights[0]; pick >= acc; acc += weights[++group])
            {
            }

            ballots[i] = new CountedPosition(i + 1, group + 1, (Stance)random.Next(4));
        }

        // 48 seat holders (8 per group) and 1% of participants handing their position to someone by name.
        var seats = Enumerable.Range(0, 6).SelectMany(g => Enumerable.Range(0, 8).Select(k => (Voter: ballots.First(b => b.Group == g + 1).Voter + k, Group: g + 1)))
            .DistinctBy(s => s.Voter).ToDictionary(s => s.Voter, s => s.Group);
        var givers = positions / 100;
        var own = ballots[..(positions - givers)];
        var proxies = ballots[(positions - givers)..].Select(b => new Proxy(b.Voter, b.Group, random.Next(1, positions - givers))).ToArray();
        var rule = new DecisionRule(
            RuleKind.Majority,
            Threshold.Majority,
            Quorum: 0.1,
            GroupTurnout: 0.1,
            Houses: [new House("Contracted parties", [1, 2]), new House("Non-contracted parties", [3, 4, 5, 6])],
            OneHouse: DecisionRule.GnsoOneHouse,
            OtherHouses: Threshold.Majority,
            Seats: [.. Enumerable.Range(1, 6).Select(g => new GroupSeats(g, 9))]);
        var declaration = new RoughDeclaration(Designation.StrongSupportButSignificantOpposition, "Split by group.");

        // The reference: the least any tally must do, one pass over the same positions counting stances. Its time
        // in the same run says how busy the machine was, so the ratio survives a shared machine.
        var references = new List<double>();
        var sink = new int[4];
        for (var run = 0; run < runs; run++)
        {
            var watch = Stopwatch.StartNew();
            foreach (var b in ballots)
            {
                sink[(int)b.Stance]++;
            }

            watch.Stop();
            references.Add(watch.Elapsed.TotalMilliseconds);
        }

        var times = new List<double>();
        IReadOnlyList<Verdict> verdicts = [];
        for (var run = 0; run < runs; run++)
        {
            var watch = Stopwatch.StartNew();
            var counted = Proxies.Apply(own, proxies);
            var tally = Tally.Count(rolls, counted, seats);
            verdicts = DecisionRules.Compare(rule, tally, declaration);
            watch.Stop();
            times.Add(watch.Elapsed.TotalMilliseconds);
            if (tally.All.Positions != positions)
            {
                throw new BenchFailedException($"counted {tally.All.Positions} positions, expected {positions}");
            }
        }

        if (verdicts.Count != 7)
        {
            throw new BenchFailedException("the comparison did not cover the seven rules");
        }

        times.Sort();
        references.Sort();
        var median = times[times.Count / 2];
        var reference = references[references.Count / 2];
        var outcomes = string.Join(',', verdicts.Select(v => $"{v.Rule}:{v.Outcome}"));
        Console.Error.WriteLine($"verdicts {outcomes}");
        Console.Error.WriteLine($"runs (ms) {string.Join(' ', times.Select(t => t.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)))}");
        return Task.FromResult(new BenchResult()
            .Add("positions", positions)
            .Add("ms", Math.Round(median, 1))
            .Add("best_ms", Math.Round(times[0], 1))
            .Add("worst_ms", Math.Round(times[^1], 1))
            .Add("reference_ms", Math.Round(reference, 2))
            .Add("ratio", Math.Round(median / reference, 1))
            .Add("runs", runs)
            .Add("rules", verdicts.Count));
    }
}
