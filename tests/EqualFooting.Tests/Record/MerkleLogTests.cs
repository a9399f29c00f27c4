using EqualFooting.Record;

namespace EqualFooting.Tests.Record;

/// <summary>
/// RFC 9162's tree over the reference leaves of RFC 6962's test suite (the vectors every Certificate Transparency
/// implementation checks), then every size and every pair of sizes up to a bound, against the in-memory reference.
/// </summary>
public class MerkleLogTests
{
    private static readonly byte[][] ReferenceLeaves = new[]
    {
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f",
    }.Select(Convert.FromHexString).ToArray();

    private static readonly string[] ReferenceRoots =
    [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    private static List<byte[]> Hashes(IEnumerable<byte[]> leaves) => leaves.Select(l => MerkleLog.LeafHash(l)).ToList();

    private static string Hex(byte[] b) => Convert.ToHexStringLower(b);

    [Fact]
    public void Roots_match_the_reference_for_every_size()
    {
        var leaves = Hashes(ReferenceLeaves);
        for (var n = 0; n <= leaves.Count; n++)
        {
            Assert.Equal(ReferenceRoots[n], Hex(MerkleLog.Root(leaves.Take(n).ToList())));
        }
    }

    [Fact]
    public void Appending_keeps_a_frontier_whose_root_is_the_reference()
    {
        var frontier = new List<byte[]>();
        var leaves = Hashes(ReferenceLeaves);
        Assert.Equal(ReferenceRoots[0], Hex(MerkleLog.RootOfFrontier(frontier)));
        for (var i = 0; i < leaves.Count; i++)
        {
            MerkleLog.Append(frontier, i, leaves[i]);
            Assert.Equal(ReferenceRoots[i + 1], Hex(MerkleLog.RootOfFrontier(frontier)));
        }
    }

    [Theory]
    [InlineData(0, new[] { "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4" })]
    [InlineData(5, new[] { "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7" })]
    public void Inclusion_proofs_match_the_reference(long index, string[] expected)
    {
        var store = new Store(Hashes(ReferenceLeaves));
        var path = MerkleLog.Inclusion(index, 8, store.Complete);

        Assert.Equal(expected, path.Select(Hex));
        Assert.True(MerkleLog.VerifyInclusion(index, 8, store.Leaves[(int)index], path, Convert.FromHexString(ReferenceRoots[8])));
    }

    [Theory]
    [InlineData(2, 8, new[] { "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4" })]
    [InlineData(2, 5, new[] { "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b" })]
    public void Consistency_proofs_match_the_reference(long first, long second, string[] expected)
    {
        var store = new Store(Hashes(ReferenceLeaves));
        var proof = MerkleLog.Consistency(first, second, store.Complete);

        Assert.Equal(expected, proof.Select(Hex));
        Assert.True(MerkleLog.VerifyConsistency(first, second, Convert.FromHexString(ReferenceRoots[first]), Convert.FromHexString(ReferenceRoots[second]), proof));
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 2)]
    [InlineData(5, 4)]
    [InlineData(8, 4)]
    [InlineData(9, 8)]
    [InlineData(1000, 512)]
    [InlineData(10_000_000, 8_388_608)]
    public void Trees_split_at_the_largest_power_of_two_below_their_size(long n, long k) =>
        Assert.Equal(k, MerkleLog.Split(n));

    private const int Sizes = 70;

    [Fact]
    public void Every_inclusion_proof_of_every_size_verifies_and_a_wrong_one_does_not()
    {
        var store = new Store(Hashes(Enumerable.Range(0, Sizes).Select(i => new[] { (byte)i, (byte)(i * 7) })));
        for (var n = 1; n <= Sizes; n++)
        {
            var root = MerkleLog.Root(store.Leaves.Take(n).ToList());
            Assert.Equal(root, MerkleLog.Subtree(0, n, store.Complete));
            for (var i = 0; i < n; i++)
            {
                var path = MerkleLog.Inclusion(i, n, store.Complete);
                Assert.True(MerkleLog.VerifyInclusion(i, n, store.Leaves[i], path, root), $"leaf {i} of {n}");
                Assert.InRange(MerkleLog.InclusionKeys(i, n).Count, 0, 2 * 64);

                Assert.False(MerkleLog.VerifyInclusion(i, n, store.Leaves[(i + 1) % Sizes], path, root));
                Assert.False(MerkleLog.VerifyInclusion(i, n, store.Leaves[i], path, MerkleLog.NodeHash(root, root)));
                if (n > 1)
                {
                    Assert.False(MerkleLog.VerifyInclusion((i + 1) % n, n, store.Leaves[i], path, root));
                    Assert.False(MerkleLog.VerifyInclusion(i, n, store.Leaves[i], path.Take(path.Count - 1).ToList(), root));
                    var bent = path.ToList();
                    bent[0] = MerkleLog.NodeHash(bent[0], bent[0]);
                    Assert.False(MerkleLog.VerifyInclusion(i, n, store.Leaves[i], bent, root));
                }
            }
        }
    }

    [Fact]
    public void Every_consistency_proof_between_two_sizes_verifies_and_a_wrong_one_does_not()
    {
        var store = new Store(Hashes(Enumerable.Range(0, Sizes).Select(i => new[] { (byte)(i * 3), (byte)i })));
        var roots = Enumerable.Range(0, Sizes + 1).Select(n => MerkleLog.Root(store.Leaves.Take(n).ToList())).ToArray();
        for (var n = 1; n <= Sizes; n++)
        {
            for (var m = 0; m <= n; m++)
            {
                var proof = MerkleLog.Consistency(m, n, store.Complete);
                Assert.True(MerkleLog.VerifyConsistency(m, n, roots[m], roots[n], proof), $"{m} to {n}");
                if (m > 0 && m < n)
                {
                    Assert.False(MerkleLog.VerifyConsistency(m, n, roots[m - 1], roots[n], proof));
                    Assert.False(MerkleLog.VerifyConsistency(m, n, roots[m], roots[n - 1], proof));
                    Assert.False(MerkleLog.VerifyConsistency(m, n, roots[m], roots[n], proof.Skip(1).ToList()));
                    Assert.False(MerkleLog.VerifyConsistency(n, m, roots[n], roots[m], proof));
                }
            }
        }
    }

    [Fact]
    public void A_rewritten_history_has_no_consistency_proof()
    {
        var honest = new Store(Hashes(Enumerable.Range(0, 20).Select(i => new[] { (byte)i })));
        var rewritten = new Store(Hashes(Enumerable.Range(0, 20).Select(i => new[] { (byte)(i == 3 ? 99 : i) })));
        var firstRoot = MerkleLog.Root(honest.Leaves.Take(10).ToList());
        var laterRoot = MerkleLog.Root(rewritten.Leaves);

        Assert.False(MerkleLog.VerifyConsistency(10, 20, firstRoot, laterRoot, MerkleLog.Consistency(10, 20, rewritten.Complete)));
    }

    [Fact]
    public void Stored_complete_subtrees_are_the_ones_appending_reports()
    {
        var leaves = Hashes(Enumerable.Range(0, 33).Select(i => new[] { (byte)i }));
        var store = new Store(leaves);
        var reported = new Dictionary<(int, long), byte[]>();
        var frontier = new List<byte[]>();
        for (var i = 0; i < leaves.Count; i++)
        {
            MerkleLog.Append(frontier, i, leaves[i], (level, index, hash) => reported.Add((level, index), hash));
        }

        Assert.Equal(store.Nodes.Count, reported.Count);
        foreach (var (key, hash) in store.Nodes)
        {
            Assert.Equal(hash, reported[key]);
        }

        Assert.Equal(MerkleLog.FrontierKeys(33).Select(k => Hex(store.Complete(k.Level, k.Index))), frontier.Select(Hex));
    }

    [Fact]
    public void A_proof_in_a_log_of_ten_million_reads_a_logarithmic_number_of_hashes()
    {
        var inclusion = MerkleLog.InclusionKeys(1_234_567, 10_000_000);
        var consistency = MerkleLog.ConsistencyKeys(7_654_321, 10_000_000);

        Assert.InRange(inclusion.Count, 1, 2 * 24);
        Assert.InRange(consistency.Count, 1, 3 * 24);
    }

    /// <summary>Complete subtrees computed from leaves in memory, as the database stores them.</summary>
    private sealed class Store
    {
        public Store(List<byte[]> leaves)
        {
            Leaves = leaves;
            for (var level = 1; (1 << level) <= leaves.Count; level++)
            {
                var width = 1 << level;
                for (var index = 0; (index + 1) * width <= leaves.Count; index++)
                {
                    Nodes[(level, index)] = MerkleLog.Root(leaves.Skip(index * width).Take(width).ToList());
                }
            }
        }

        public List<byte[]> Leaves { get; }

        public Dictionary<(int Level, long Index), byte[]> Nodes { get; } = [];

        public byte[] Complete(int level, long index) => level == 0 ? Leaves[(int)index] : Nodes[(level, index)];
    }
}
