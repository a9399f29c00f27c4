using System.Diagnostics;
using EqualFooting.Record;

namespace EqualFooting.Bench;

/// <summary>
/// Inclusion and consistency proofs in a log of 10,000,000 entries. The log is built with <see cref="MerkleLog.Append"/>,
/// keeping every complete subtree as the product stores them (level, index), here in one flat array per level in memory;
/// each proof then asks <see cref="MerkleLog.Inclusion"/> or <see cref="MerkleLog.Consistency"/> for its nodes, copied
/// out as a database read would hand them over. What this leaves out is the database round trip for those ~24–48
/// nodes, which the product makes in one query by primary key. Every tenth proof is verified against the root (not timed).
/// </summary>
public sealed class RecordProofBenchmark : IBenchmark
{
    public string Name => "record-proof";

    public string Description => "Inclusion and consistency proofs in a 10,000,000-entry Merkle log, p99 (pure, nodes in memory)";

    public Task<BenchResult> RunAsync(BenchOptions options)
    {
        var entries = options.Int("entries", 10_000_000);
        var proofs = options.Int("proofs", 20_000);
        var levels = new List<byte[]>();
        for (var size = (long)entries; size > 0; size >>= 1)
        {
            levels.Add(new byte[size * 32]);
        }

        var build = Stopwatch.StartNew();
        var frontier = new List<byte[]>();
        Span<byte> entry = stackalloc byte[8];
        for (long i = 0; i < entries; i++)
        {
            BitConverter.TryWriteBytes(entry, i);
            var leaf = MerkleLog.LeafHash(entry);
            leaf.CopyTo(levels[0], i * 32);
            MerkleLog.Append(frontier, i, leaf, (level, index, node) => node.CopyTo(levels[level], index * 32));
        }

        var root = MerkleLog.RootOfFrontier(frontier);
        var buildSeconds = build.Elapsed.TotalSeconds;
        byte[] Complete(int level, long index) => levels[level].AsSpan((int)(index * 32), 32).ToArray();

        var random = new Random(9162);
        var inclusion = new double[proofs];
        var consistency = new double[proofs];
        var firstRoots = new Dictionary<long, byte[]>();
        for (var p = 0; p < proofs; p++)
        {
            var index = random.NextInt64(entries);
            var watch = Stopwatch.StartNew();
            var path = MerkleLog.Inclusion(index, entries, Complete);
            inclusion[p] = watch.Elapsed.TotalMilliseconds;
            if (p % 10 == 0 && !MerkleLog.VerifyInclusion(index, entries, Complete(0, index), path, root))
            {
                throw new BenchFailedException($"the inclusion proof of leaf {index} did not verify");
            }

            var first = 1 + random.NextInt64(entries - 1);
            watch.Restart();
            var proof = MerkleLog.Consistency(first, entries, Complete);
            consistency[p] = watch.Elapsed.TotalMilliseconds;
            if (p % 10 == 0)
            {
                var firstRoot = MerkleLog.Subtree(0, first, Complete);
                if (!MerkleLog.VerifyConsistency(first, entries, firstRoot, root, proof))
                {
                    throw new BenchFailedException($"the consistency proof {first}→{entries} did not verify");
                }
            }
        }

        return Task.FromResult(new BenchResult()
            .Add("entries", entries)
            .Add("build_s", Math.Round(buildSeconds, 1))
            .Add("inclusion_p50_ms", Percentile(inclusion, 0.50))
            .Add("inclusion_p99_ms", Percentile(inclusion, 0.99))
            .Add("consistency_p50_ms", Percentile(consistency, 0.50))
            .Add("consistency_p99_ms", Percentile(consistency, 0.99)));
    }

    private static double Percentile(double[] values, double q)
    {
        var sorted = values.Order().ToArray();
        return Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)], 4);
    }
}
