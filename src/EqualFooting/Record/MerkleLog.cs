using System.Numerics;
using System.Security.Cryptography;

namespace EqualFooting.Record;

/// <summary>
/// The Merkle tree hash of RFC 9162 (Certificate Transparency 2.0, section 2.1) over the record's entries in commit
/// order: leaves hashed as SHA-256(0x00 || entry), nodes as SHA-256(0x01 || left || right), a tree of n leaves split
/// at the largest power of two below n. Proofs are built from stored hashes of complete subtrees (a complete subtree
/// at <c>level</c> and <c>index</c> covers leaves <c>index·2^level</c> up to <c>(index+1)·2^level</c>), so a proof in
/// a log of any size reads O(log n) stored hashes: every subtree the RFC's recursion meets is either complete and
/// aligned, or ends at the tree's right edge and is made of O(log n) complete ones.
/// </summary>
public static class MerkleLog
{
    public const int HashSize = 32;

    /// <summary>The root of the empty tree: SHA-256 of nothing.</summary>
    public static byte[] EmptyRoot() => SHA256.HashData([]);

    public static byte[] LeafHash(ReadOnlySpan<byte> entry)
    {
        var buffer = entry.Length < 4096 ? stackalloc byte[entry.Length + 1] : new byte[entry.Length + 1];
        buffer[0] = 0x00;
        entry.CopyTo(buffer[1..]);
        return SHA256.HashData(buffer);
    }

    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * HashSize)];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + HashSize)..]);
        return SHA256.HashData(buffer);
    }

    /// <summary>The largest power of two smaller than <paramref name="n"/> (n &gt; 1): where RFC 9162 splits a tree.</summary>
    public static long Split(long n)
    {
        if (n < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(n), "Only a tree of two leaves or more is split.");
        }

        return 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));
    }

    /// <summary>MTH over leaf hashes held in memory: the reference the stored form is checked against.</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leafHashes) => Root(leafHashes, 0, leafHashes.Count);

    private static byte[] Root(IReadOnlyList<byte[]> leaves, int from, int to)
    {
        var n = to - from;
        if (n == 0)
        {
            return EmptyRoot();
        }

        if (n == 1)
        {
            return leaves[from];
        }

        var k = (int)Split(n);
        return NodeHash(Root(leaves, from, from + k), Root(leaves, from + k, to));
    }

    /// <summary>
    /// Appends a leaf to a log whose complete subtrees of its size's binary decomposition are <paramref name="frontier"/>
    /// (largest first), and reports each complete subtree the leaf completes (level ≥ 1) so it can be stored.
    /// </summary>
    /// <param name="size">The log's size before the leaf: the leaf's index.</param>
    public static void Append(List<byte[]> frontier, long size, byte[] leafHash, Action<int, long, byte[]>? completed = null)
    {
        var node = leafHash;
        var index = size;
        var level = 0;
        while ((index & 1) == 1)
        {
            node = NodeHash(frontier[^1], node);
            frontier.RemoveAt(frontier.Count - 1);
            index >>= 1;
            level++;
            completed?.Invoke(level, index, node);
        }

        frontier.Add(node);
    }

    /// <summary>The root of a log from its frontier: the complete subtrees folded from the right.</summary>
    public static byte[] RootOfFrontier(IReadOnlyList<byte[]> frontier)
    {
        if (frontier.Count == 0)
        {
            return EmptyRoot();
        }

        var root = frontier[^1];
        for (var i = frontier.Count - 2; i >= 0; i--)
        {
            root = NodeHash(frontier[i], root);
        }

        return root;
    }

    /// <summary>The complete subtrees (level, index) that make up a log of <paramref name="size"/> leaves, largest first.</summary>
    public static IEnumerable<(int Level, long Index)> FrontierKeys(long size)
    {
        long start = 0;
        for (var level = 62; level >= 0; level--)
        {
            var width = 1L << level;
            if ((size & width) != 0)
            {
                yield return (level, start >> level);
                start += width;
            }
        }
    }

    /// <summary>Which stored complete-subtree hashes an inclusion proof of leaf <paramref name="index"/> in a tree of <paramref name="size"/> reads.</summary>
    public static IReadOnlySet<(int Level, long Index)> InclusionKeys(long index, long size)
    {
        var keys = new HashSet<(int, long)>();
        Inclusion(index, size, Collect(keys));
        return keys;
    }

    /// <summary>Which stored complete-subtree hashes a consistency proof between two sizes reads.</summary>
    public static IReadOnlySet<(int Level, long Index)> ConsistencyKeys(long first, long second)
    {
        var keys = new HashSet<(int, long)>();
        Consistency(first, second, Collect(keys));
        return keys;
    }

    private static Func<int, long, byte[]> Collect(HashSet<(int, long)> keys)
    {
        var placeholder = new byte[HashSize];
        return (level, index) =>
        {
            keys.Add((level, index));
            return placeholder;
        };
    }

    /// <summary>
    /// PATH(m, D[n]) of RFC 9162 section 2.1.3.1, deepest sibling first.
    /// </summary>
    /// <param name="complete">The hash of the complete subtree at (level, index).</param>
    public static List<byte[]> Inclusion(long index, long size, Func<int, long, byte[]> complete)
    {
        if (index < 0 || index >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), "The leaf must be inside the tree.");
        }

        var path = new List<byte[]>();
        Path(index, 0, size, complete, path);
        return path;
    }

    private static void Path(long m, long from, long to, Func<int, long, byte[]> complete, List<byte[]> path)
    {
        var n = to - from;
        if (n == 1)
        {
            return;
        }

        var k = Split(n);
        if (m < k)
        {
            Path(m, from, from + k, complete, path);
            path.Add(Subtree(from + k, to, complete));
        }
        else
        {
            Path(m - k, from + k, to, complete, path);
            path.Add(Subtree(from, from + k, complete));
        }
    }

    /// <summary>PROOF(m, D[n]) of RFC 9162 section 2.1.4.1; empty when the sizes are equal or the first is 0.</summary>
    public static List<byte[]> Consistency(long first, long second, Func<int, long, byte[]> complete)
    {
        if (first < 0 || first > second)
        {
            throw new ArgumentOutOfRangeException(nameof(first), "The first size must be between 0 and the second.");
        }

        var proof = new List<byte[]>();
        if (first > 0 && first < second)
        {
            SubProof(first, 0, second, true, complete, proof);
        }

        return proof;
    }

    private static void SubProof(long m, long from, long to, bool whole, Func<int, long, byte[]> complete, List<byte[]> proof)
    {
        var n = to - from;
        if (m == n)
        {
            if (!whole)
            {
                proof.Add(Subtree(from, to, complete));
            }

            return;
        }

        var k = Split(n);
        if (m <= k)
        {
            SubProof(m, from, from + k, whole, complete, proof);
            proof.Add(Subtree(from + k, to, complete));
        }
        else
        {
            SubProof(m - k, from + k, to, false, complete, proof);
            proof.Add(Subtree(from, from + k, complete));
        }
    }

    /// <summary>MTH(D[from:to]) for a range the RFC's recursion meets: <paramref name="from"/> is aligned to a power of two at least as wide as the range.</summary>
    public static byte[] Subtree(long from, long to, Func<int, long, byte[]> complete)
    {
        var n = to - from;
        if (n <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(to), "A subtree holds at least one leaf.");
        }

        if ((n & (n - 1)) == 0)
        {
            var level = BitOperations.TrailingZeroCount(n);
            if (from % n != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(from), "A complete subtree starts at a multiple of its width.");
            }

            return complete(level, from >> level);
        }

        var k = Split(n);
        return NodeHash(Subtree(from, from + k, complete), Subtree(from + k, to, complete));
    }

    /// <summary>RFC 9162 section 2.1.3.2: does <paramref name="path"/> prove the leaf is at <paramref name="index"/> of the tree with <paramref name="root"/>?</summary>
    public static bool VerifyInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> path, ReadOnlySpan<byte> root)
    {
        if (index < 0 || index >= size)
        {
            return false;
        }

        var fn = index;
        var sn = size - 1;
        var r = leafHash.ToArray();
        foreach (var p in path)
        {
            if (sn == 0 || p.Length != HashSize)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                r = NodeHash(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// <summary>RFC 9162 section 2.1.4.2: is the tree of <paramref name="second"/> leaves an extension of the one of <paramref name="first"/>?</summary>
    public static bool VerifyConsistency(long first, long second, ReadOnlySpan<byte> firstRoot, ReadOnlySpan<byte> secondRoot, IReadOnlyList<byte[]> proof)
    {
        if (first < 0 || first > second)
        {
            return false;
        }

        if (first == second)
        {
            return proof.Count == 0 && firstRoot.SequenceEqual(secondRoot);
        }

        if (first == 0)
        {
            // Every tree extends the empty one.
            return proof.Count == 0;
        }

        if (proof.Count == 0 || proof.Any(p => p.Length != HashSize))
        {
            return false;
        }

        var path = new List<byte[]>(proof.Count + 1);
        if ((first & (first - 1)) == 0)
        {
            path.Add(firstRoot.ToArray());
        }

        path.AddRange(proof);
        var fn = first - 1;
        var sn = second - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        var fr = path[0];
        var sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = NodeHash(c, fr);
                sr = NodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = NodeHash(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && fr.AsSpan().SequenceEqual(firstRoot) && sr.AsSpan().SequenceEqual(secondRoot);
    }
}
