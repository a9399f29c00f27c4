using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EqualFooting.Consultations;

/// <summary>Settings of <see cref="CampaignDetector"/>. The defaults suit form letters of a hundred words or more.</summary>
public sealed record CampaignOptions
{
    /// <summary>
    /// How alike two comments must be to count as copies of each other: the estimated Jaccard similarity of their sets
    /// of word shingles. A campaign is a chain of such pairs, so its members need not all be this close to each other.
    /// </summary>
    public double Threshold { get; init; } = 0.8;

    /// <summary>Words per shingle. Three is long enough that ordinary phrases shared by unrelated comments rarely match.</summary>
    public int ShingleSize { get; init; } = 3;

    /// <summary>MinHash functions per comment; a multiple of 32. Each costs a byte of memory per comment.</summary>
    public int HashFunctions { get; init; } = 128;

    /// <summary>Groups smaller than this are not reported as campaigns.</summary>
    public int MinimumMembers { get; init; } = 2;

    /// <summary>Seeds the hash family; the same seed and input always give the same campaigns.</summary>
    public ulong Seed { get; init; } = 0x45_71_75_61_6C_46_6F_6F;

    /// <summary>-1 uses every core.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>
    /// Called on the detecting thread between the steps of grouping (after exact copies, after each LSH band), each
    /// a fraction of a second at a million comments: where a caller working in the background can give way to others.
    /// </summary>
    public Action? BetweenSteps { get; init; }
}

/// <summary>A comment as the detector sees it: its id and its text.</summary>
public readonly record struct CampaignInput(long CommentId, string Text);

/// <summary>
/// A group of near-identical comments. <see cref="CanonicalId"/> is the comment whose exact text (after folding case and
/// white space) occurs most often in the group, or when no text repeats, the member most like the others.
/// <see cref="ExactCopies"/> counts the members with exactly that text.
/// </summary>
public sealed record Campaign(long CanonicalId, string? CanonicalText, IReadOnlyList<long> MemberIds, int ExactCopies)
{
    public int Count => MemberIds.Count;
}

/// <summary>
/// Finds campaigns — form letters sent by many people, often with small edits — among the comments of a consultation,
/// so the committee can answer a campaign once and the uptake report can show it as one voice with many signatures.
/// <para>
/// Comments with the same text after folding case and white space are grouped first. The rest are compared by MinHash:
/// each comment keeps the minimum, under each of <see cref="CampaignOptions.HashFunctions"/> seeded hash functions, of
/// the hashes of its word shingles; the share of equal minima estimates the Jaccard similarity of two shingle sets.
/// Locality-sensitive hashing (bands of rows of the signature) proposes pairs that share a band, and a pair is joined
/// only if its estimated similarity reaches the threshold. Pairs are never enumerated: comments are sorted by band key,
/// and each bucket is checked against a few anchors, skipping members already joined. Band keys are computed from the
/// full 32-bit minima while sketching and stored band by band, so each LSH pass reads memory in order. For verification
/// only the low 8 bits of each minimum are kept (b-bit MinHash, Li and König): unequal minima then agree by chance one
/// time in 256, a bias the estimate corrects exactly, at a quarter of the memory.
/// </para>
/// <para>
/// Memory is about <see cref="CampaignOptions.HashFunctions"/> + 4·<see cref="Bands"/> + 16 bytes per comment (216 with
/// the defaults); texts are not kept, so callers can stream comments in batches through <see cref="Add"/>.
/// Not thread-safe: one caller adds, then detects.
/// </para>
/// </summary>
public sealed class CampaignDetector
{
    private const int ChunkBits = 14;
    private const int ChunkSize = 1 << ChunkBits;
    private const int BatchGrain = 512;

    /// <summary>Bucket members are checked against at most this many earlier members of the bucket, bounding work on huge buckets.</summary>
    private const int MaxAnchors = 8;

    /// <summary>Bands and rows are chosen so that a pair exactly at the threshold shares a band with at least this probability.</summary>
    private const double CandidateProbabilityAtThreshold = 0.95;

    /// <summary>The chance that two different minima agree in their low 8 bits.</summary>
    private const double ChanceAgreement = 1.0 / 256;

    private readonly CampaignOptions _options;
    private readonly int _k;
    private readonly uint[] _seeds;
    private readonly ulong[] _bandSeeds;
    private readonly int _needed;
    private readonly List<byte[]> _signatures = [];

    /// <summary>Per chunk, band-major: the key of band b for the comment at offset o is at b·ChunkSize + o.</summary>
    private readonly List<uint[]> _bandKeys = [];
    private readonly List<ulong[]> _exact = [];
    private readonly List<long[]> _ids = [];
    private readonly ParallelOptions _parallel;

    public CampaignDetector(CampaignOptions? options = null)
    {
        _options = options ?? new CampaignOptions();
        if (_options.Threshold is <= 0 or > 1 || double.IsNaN(_options.Threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Threshold must be in (0, 1].");
        }

        if (_options.ShingleSize is < 1 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "ShingleSize must be between 1 and 16.");
        }

        if (_options.HashFunctions is < 32 or > 1024 || _options.HashFunctions % 32 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "HashFunctions must be a multiple of 32 between 32 and 1024.");
        }

        if (_options.MinimumMembers < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "A campaign has at least two members.");
        }

        _k = _options.HashFunctions;
        (Bands, Rows) = ChooseBands(_options.Threshold, _k);

        // Estimated similarity (p − c)/(1 − c) ≥ t, with p the share of equal bytes and c the chance agreement.
        _needed = (int)Math.Ceiling((_options.Threshold * (1 - ChanceAgreement) + ChanceAgreement) * _k - 1e-9);

        var state = _options.Seed;
        _seeds = new uint[_k];
        for (var i = 0; i < _k; i++)
        {
            _seeds[i] = (uint)SplitMix(ref state);
        }

        _bandSeeds = new ulong[Bands];
        for (var i = 0; i < Bands; i++)
        {
            _bandSeeds[i] = SplitMix(ref state);
        }

        _parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism };
    }

    /// <summary>LSH bands; with <see cref="Rows"/> rows each they use at most <see cref="CampaignOptions.HashFunctions"/> minima.</summary>
    public int Bands { get; }

    public int Rows { get; }

    public int Count { get; private set; }

    /// <summary>Finds the campaigns among comments held in memory, with their canonical texts.</summary>
    public static IReadOnlyList<Campaign> Detect(IReadOnlyList<CampaignInput> comments, CampaignOptions? options = null)
    {
        var detector = new CampaignDetector(options);
        detector.Add(comments);
        return detector.Detect(index => comments[index].Text);
    }

    /// <summary>Sketches a batch of comments, in parallel; the texts are not kept.</summary>
    public void Add(IReadOnlyList<CampaignInput> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var start = Count;
        var total = start + batch.Count;
        while (_signatures.Count * ChunkSize < total)
        {
            _signatures.Add(new byte[ChunkSize * _k]);
            _bandKeys.Add(new uint[ChunkSize * Bands]);
            _exact.Add(new ulong[ChunkSize]);
            _ids.Add(new long[ChunkSize]);
        }

        Parallel.ForEach(
            Partitioner.Create(0, batch.Count, BatchGrain),
            _parallel,
            () => new Sketcher(this),
            (range, _, sketcher) =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    var index = start + i;
                    var chunk = index >> ChunkBits;
                    var offset = index & (ChunkSize - 1);
                    _exact[chunk][offset] = sketcher.Sketch(batch[i].Text ?? "", _signatures[chunk].AsSpan(offset * _k, _k), _bandKeys[chunk].AsSpan(offset), ChunkSize);
                    _ids[chunk][offset] = batch[i].CommentId;
                }

                return sketcher;
            },
            _ => { });
        Count = total;
    }

    /// <summary>
    /// Groups everything added so far. <paramref name="canonicalText"/>, if given, is asked for the text of each
    /// campaign's canonical comment (by id), since the detector does not keep texts.
    /// </summary>
    public IReadOnlyList<Campaign> Detect(Func<long, string?>? canonicalText = null) =>
        Detect(canonicalText is null ? null : index => canonicalText(IdAt(index)));

    /// <summary>The estimated Jaccard similarity of the shingle sets of two texts, as the detector judges pairs.</summary>
    public double EstimateSimilarity(string a, string b)
    {
        var sketcher = new Sketcher(this);
        var sa = new byte[_k];
        var sb = new byte[_k];
        var keys = new uint[Bands];
        sketcher.Sketch(a, sa, keys, 1);
        sketcher.Sketch(b, sb, keys, 1);
        var p = (double)Matches(sa, sb) / _k;
        return Math.Clamp((p - ChanceAgreement) / (1 - ChanceAgreement), 0, 1);
    }

    private IReadOnlyList<Campaign> Detect(Func<int, string?>? textAt)
    {
        var n = Count;
        var sets = new DisjointSets(n);
        var copies = GroupExactCopies(sets, out var representatives);
        _options.BetweenSteps?.Invoke();
        JoinSimilar(sets, representatives);
        return Assemble(sets, copies, textAt);
    }

    /// <summary>Joins comments with the same folded text; returns per comment how many share its text (0 for all but the first).</summary>
    private int[] GroupExactCopies(DisjointSets sets, out int[] representatives)
    {
        var n = Count;
        var keys = new ulong[n];
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            keys[i] = _exact[i >> ChunkBits][i & (ChunkSize - 1)];
            order[i] = i;
        }

        Array.Sort(keys, order);
        var copies = new int[n];
        var distinct = 0;
        var s = 0;
        while (s < n)
        {
            var e = s + 1;
            var first = order[s];
            while (e < n && keys[e] == keys[s])
            {
                first = Math.Min(first, order[e]);
                e++;
            }

            for (var j = s; j < e; j++)
            {
                sets.Union(first, order[j]);
            }

            copies[first] = e - s;
            distinct++;
            s = e;
        }

        // In comment order, not hash order: reading signatures in the order they are stored is what keeps LSH fast at millions.
        representatives = new int[distinct];
        var r = 0;
        for (var i = 0; i < n; i++)
        {
            if (copies[i] > 0)
            {
                representatives[r++] = i;
            }
        }

        return copies;
    }

    private void JoinSimilar(DisjointSets sets, int[] representatives)
    {
        var m = representatives.Length;
        if (m < 2)
        {
            return;
        }

        var keyed = new ulong[m];
        var scratch = new ulong[m];
        Span<int> anchors = stackalloc int[MaxAnchors];
        for (var band = 0; band < Bands; band++)
        {
            var b = band;
            Parallel.ForEach(Partitioner.Create(0, m, 16_384), _parallel, range =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    var rep = representatives[i];
                    var key = _bandKeys[rep >> ChunkBits][(b << ChunkBits) + (rep & (ChunkSize - 1))];
                    keyed[i] = ((ulong)key << 32) | (uint)rep;
                }
            });
            SortByHighHalf(keyed, scratch);

            var s = 0;
            while (s < m)
            {
                var key = keyed[s] >> 32;
                var e = s + 1;
                while (e < m && keyed[e] >> 32 == key)
                {
                    e++;
                }

                if (e - s > 1)
                {
                    JoinBucket(sets, keyed.AsSpan(s, e - s), anchors);
                }

                s = e;
            }

            _options.BetweenSteps?.Invoke();
        }
    }

    /// <summary>
    /// Each member is joined to the first anchor it is similar enough to; members unlike every anchor become anchors
    /// while there is room. Members already in an anchor's group cost no comparison, so a bucket full of one campaign
    /// costs one find per member.
    /// </summary>
    private void JoinBucket(DisjointSets sets, ReadOnlySpan<ulong> bucket, Span<int> anchors)
    {
        var count = 0;
        foreach (var entry in bucket)
        {
            var u = (int)(uint)entry;
            if (count == 0)
            {
                anchors[count++] = u;
                continue;
            }

            var root = sets.Find(u);
            var joined = false;
            for (var a = 0; a < count && !joined; a++)
            {
                joined = sets.Find(anchors[a]) == root;
            }

            for (var a = 0; a < count && !joined; a++)
            {
                if (Matches(Signature(anchors[a]), Signature(u)) >= _needed)
                {
                    sets.Union(anchors[a], u);
                    joined = true;
                }
            }

            if (!joined && count < MaxAnchors)
            {
                anchors[count++] = u;
            }
        }
    }

    private List<Campaign> Assemble(DisjointSets sets, int[] copies, Func<int, string?>? textAt)
    {
        var n = Count;
        var campaignOf = new int[n];
        var sizes = new List<int>();
        // Campaigns are numbered in order of their first member, members listed in comment order.
        var number = new Dictionary<int, int>();
        for (var i = 0; i < n; i++)
        {
            var root = sets.Find(i);
            if (sets.SizeOf(root) < _options.MinimumMembers)
            {
                campaignOf[i] = -1;
                continue;
            }

            if (!number.TryGetValue(root, out var c))
            {
                number[root] = c = sizes.Count;
                sizes.Add(0);
            }

            campaignOf[i] = c;
            sizes[c]++;
        }

        var starts = new int[sizes.Count + 1];
        for (var c = 0; c < sizes.Count; c++)
        {
            starts[c + 1] = starts[c] + sizes[c];
        }

        var members = new int[starts[^1]];
        var fill = (int[])starts.Clone();
        for (var i = 0; i < n; i++)
        {
            if (campaignOf[i] >= 0)
            {
                members[fill[campaignOf[i]]++] = i;
            }
        }

        var campaigns = new List<(Campaign Campaign, int First)>(sizes.Count);
        for (var c = 0; c < sizes.Count; c++)
        {
            var group = members.AsSpan(starts[c], sizes[c]);
            var canonical = group[0];
            foreach (var i in group)
            {
                if (copies[i] > copies[canonical])
                {
                    canonical = i;
                }
            }

            if (copies[canonical] < 2)
            {
                canonical = Medoid(group);
            }

            var ids = new long[group.Length];
            for (var j = 0; j < group.Length; j++)
            {
                ids[j] = IdAt(group[j]);
            }

            campaigns.Add((new Campaign(IdAt(canonical), textAt?.Invoke(canonical), ids, Math.Max(copies[canonical], 1)), group[0]));
        }

        campaigns.Sort((x, y) => x.Campaign.Count != y.Campaign.Count ? y.Campaign.Count.CompareTo(x.Campaign.Count) : x.First.CompareTo(y.First));
        var result = new List<Campaign>(campaigns.Count);
        foreach (var (campaign, _) in campaigns)
        {
            result.Add(campaign);
        }

        return result;
    }

    /// <summary>The member with the most matching minima against a spread-out sample of the group: a stand-in for "closest to the others".</summary>
    private int Medoid(ReadOnlySpan<int> group)
    {
        const int sample = 32;
        var step = Math.Max(1, group.Length / sample);
        var best = group[0];
        var bestScore = -1L;
        for (var i = 0; i < group.Length; i += step)
        {
            var score = 0L;
            for (var j = 0; j < group.Length; j += step)
            {
                if (i != j)
                {
                    score += Matches(Signature(group[i]), Signature(group[j]));
                }
            }

            if (score > bestScore)
            {
                bestScore = score;
                best = group[i];
            }
        }

        return best;
    }

    private long IdAt(int index) => _ids[index >> ChunkBits][index & (ChunkSize - 1)];

    private ReadOnlySpan<byte> Signature(int index) =>
        _signatures[index >> ChunkBits].AsSpan((index & (ChunkSize - 1)) * _k, _k);

    private static int Matches(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var matches = 0;
        var i = 0;
        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + Vector512<byte>.Count <= a.Length; i += Vector512<byte>.Count)
            {
                var eq = Vector512.Equals(Vector512.LoadUnsafe(ref ra, (nuint)i), Vector512.LoadUnsafe(ref rb, (nuint)i));
                matches += BitOperations.PopCount(eq.ExtractMostSignificantBits());
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + Vector256<byte>.Count <= a.Length; i += Vector256<byte>.Count)
            {
                var eq = Vector256.Equals(Vector256.LoadUnsafe(ref ra, (nuint)i), Vector256.LoadUnsafe(ref rb, (nuint)i));
                matches += BitOperations.PopCount(eq.ExtractMostSignificantBits());
            }
        }

        for (; i < a.Length; i++)
        {
            if (a[i] == b[i])
            {
                matches++;
            }
        }

        return matches;
    }

    /// <summary>
    /// The most rows per band (fewest stray candidates) that still makes a pair at the threshold share at least one
    /// band with probability <see cref="CandidateProbabilityAtThreshold"/>: 1 − (1 − t^r)^b.
    /// </summary>
    internal static (int Bands, int Rows) ChooseBands(double threshold, int hashFunctions)
    {
        for (var rows = hashFunctions; rows >= 1; rows--)
        {
            var bands = hashFunctions / rows;
            var p = 1 - Math.Pow(1 - Math.Pow(threshold, rows), bands);
            if (p >= CandidateProbabilityAtThreshold)
            {
                return (bands, rows);
            }
        }

        return (hashFunctions, 1);
    }

    /// <summary>LSD radix sort on the upper 32 bits only (the band key); stable, so ties keep comment order.</summary>
    private static void SortByHighHalf(ulong[] values, ulong[] scratch)
    {
        Span<int> counts = stackalloc int[256];
        var source = values;
        var target = scratch;
        for (var shift = 32; shift < 64; shift += 8)
        {
            counts.Clear();
            foreach (var v in source)
            {
                counts[(int)((v >> shift) & 0xFF)]++;
            }

            var sum = 0;
            for (var i = 0; i < 256; i++)
            {
                var c = counts[i];
                counts[i] = sum;
                sum += c;
            }

            foreach (var v in source)
            {
                target[counts[(int)((v >> shift) & 0xFF)]++] = v;
            }

            (source, target) = (target, source);
        }

        // Four passes: the sorted data is back in values.
    }

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Fmix64(ulong h)
    {
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 33;
        return h;
    }

    /// <summary>
    /// Per-thread buffers, so sketching allocates nothing per comment once warmed up. Hashing is a multiply-xor over packed
    /// characters per word and murmur's 64-bit finaliser per shingle: System.IO.Hashing (XxHash) is a NuGet package, not part of the shared
    /// framework, and these few lines do not justify a dependency.
    /// </summary>
    private sealed class Sketcher(CampaignDetector detector)
    {
        private const ulong FnvOffset = 0xCBF29CE484222325UL;
        private const ulong Golden = 0x9E3779B97F4A7C15UL;
        private const uint MixA = 0x9E3779B1u;
        private const uint MixB = 0x85EBCA6Bu;

        private readonly uint[] _seeds = detector._seeds;
        private readonly ulong[] _bandSeeds = detector._bandSeeds;
        private readonly int _rows = detector.Rows;
        private readonly int _shingleSize = detector._options.ShingleSize;
        private readonly uint[] _minima = new uint[detector._k];
        private ulong[] _words = new ulong[512];
        private uint[] _shingles = new uint[512];

        /// <summary>
        /// Writes the signature and the band keys (band b at b·<paramref name="keyStride"/>) and returns the hash of the
        /// folded text (lower case, white space dropped between tokens).
        /// </summary>
        public ulong Sketch(string text, Span<byte> signature, Span<uint> bandKeys, int keyStride)
        {
            var wordCount = 0;
            var exact = FnvOffset;
            ReadOnlySpan<char> span = text;
            var i = 0;
            while (i < span.Length)
            {
                var c = span[i];
                var kind = Classify(c);
                if (kind == Word)
                {
                    // Each word is hashed once, straight from the characters: no substring, no lower-cased copy. Four
                    // characters are packed per multiply, which shortens the dependency chain of a character-wise FNV.
                    var h = FnvOffset;
                    var packed = 0UL;
                    var length = 0;
                    while (true)
                    {
                        packed = (packed << 16) | Lower(c);
                        if ((++length & 3) == 0)
                        {
                            h = (h ^ packed) * Golden;
                            packed = 0;
                        }

                        if (++i == span.Length || Classify(c = span[i]) != Word)
                        {
                            break;
                        }
                    }

                    h = (h ^ packed ^ ((ulong)length << 48)) * Golden;
                    if (wordCount == _words.Length)
                    {
                        Array.Resize(ref _words, wordCount * 2);
                    }

                    _words[wordCount++] = h;
                    exact = (BitOperations.RotateLeft(exact, 27) ^ h) * Golden;
                }
                else
                {
                    if (kind == Symbol)
                    {
                        exact = (BitOperations.RotateLeft(exact, 27) ^ (0xA5A5A5A500000000UL | c)) * Golden;
                    }

                    i++;
                }
            }

            exact = Fmix64(exact ^ (ulong)wordCount);

            int shingleCount;
            if (wordCount >= _shingleSize)
            {
                shingleCount = wordCount - _shingleSize + 1;
                if (_shingles.Length < shingleCount)
                {
                    _shingles = new uint[Math.Max(shingleCount, _shingles.Length * 2)];
                }

                for (var j = 0; j < shingleCount; j++)
                {
                    var h = 0UL;
                    for (var t = 0; t < _shingleSize; t++)
                    {
                        h = (h ^ _words[j + t]) * Golden;
                    }

                    _shingles[j] = (uint)Fmix64(h);
                }
            }
            else
            {
                // Too short for a shingle: the whole text is the one shingle, so it only matches texts with the same words.
                var h = 0UL;
                for (var t = 0; t < wordCount; t++)
                {
                    h = (h ^ _words[t]) * Golden;
                }

                _shingles[0] = (uint)Fmix64(wordCount == 0 ? exact : h);
                shingleCount = 1;
            }

            MinHash(_shingles.AsSpan(0, shingleCount), _minima);
            for (var f = 0; f < _minima.Length; f++)
            {
                signature[f] = (byte)_minima[f];
            }

            for (var band = 0; band < _bandSeeds.Length; band++)
            {
                var h = _bandSeeds[band];
                foreach (var v in _minima.AsSpan(band * _rows, _rows))
                {
                    h = (h ^ v) * Golden;
                }

                bandKeys[band * keyStride] = (uint)(Fmix64(h) >> 32);
            }

            return exact;
        }

        private const byte Separator = 0;
        private const byte Word = 1;
        private const byte Symbol = 2;

        /// <summary>Word, separator or symbol for each ASCII character, as <see cref="WordTokens"/> decides for all.</summary>
        private static readonly byte[] AsciiKinds = BuildAsciiKinds();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static byte Classify(char c) => c < 128 ? AsciiKinds[c] : ClassifyOther(c);

        private static byte ClassifyOther(char c) =>
            WordTokens.IsWordChar(c) ? Word : char.IsWhiteSpace(c) ? Separator : Symbol;

        private static byte[] BuildAsciiKinds()
        {
            var kinds = new byte[128];
            for (var c = 0; c < 128; c++)
            {
                // Control characters separate like white space: they are not content anyone typed.
                kinds[c] = WordTokens.IsWordChar((char)c) ? Word : c <= ' ' || c == 127 ? Separator : Symbol;
            }

            return kinds;
        }

        /// <summary>ASCII letters and digits lower-case by setting bit 5 (digits already have it).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static uint Lower(char c) => c < 128 ? (uint)(c | 0x20) : char.ToLowerInvariant(c);

        /// <summary>
        /// Hash function k is x ↦ mix(x ⊕ seedₖ), mix being two multiply-xorshift rounds: a bijection on 32 bits, so
        /// distinct shingles never tie. Functions are processed 32 at a time with the minima held in registers.
        /// </summary>
        private void MinHash(ReadOnlySpan<uint> shingles, uint[] minima)
        {
            var k = _seeds.Length;
            ref var seeds = ref MemoryMarshal.GetArrayDataReference(_seeds);
            ref var output = ref MemoryMarshal.GetArrayDataReference(minima);
            if (Vector512.IsHardwareAccelerated)
            {
                for (var f = 0; f < k; f += 32)
                {
                    var s0 = Vector512.LoadUnsafe(ref seeds, (nuint)f);
                    var s1 = Vector512.LoadUnsafe(ref seeds, (nuint)(f + 16));
                    var m0 = Vector512<uint>.AllBitsSet;
                    var m1 = Vector512<uint>.AllBitsSet;
                    foreach (var x in shingles)
                    {
                        var v = Vector512.Create(x);
                        m0 = Vector512.Min(m0, Mix(v ^ s0));
                        m1 = Vector512.Min(m1, Mix(v ^ s1));
                    }

                    m0.StoreUnsafe(ref output, (nuint)f);
                    m1.StoreUnsafe(ref output, (nuint)(f + 16));
                }
            }
            else if (Vector256.IsHardwareAccelerated)
            {
                for (var f = 0; f < k; f += 16)
                {
                    var s0 = Vector256.LoadUnsafe(ref seeds, (nuint)f);
                    var s1 = Vector256.LoadUnsafe(ref seeds, (nuint)(f + 8));
                    var m0 = Vector256<uint>.AllBitsSet;
                    var m1 = Vector256<uint>.AllBitsSet;
                    foreach (var x in shingles)
                    {
                        var v = Vector256.Create(x);
                        m0 = Vector256.Min(m0, Mix(v ^ s0));
                        m1 = Vector256.Min(m1, Mix(v ^ s1));
                    }

                    m0.StoreUnsafe(ref output, (nuint)f);
                    m1.StoreUnsafe(ref output, (nuint)(f + 8));
                }
            }
            else
            {
                for (var f = 0; f < k; f++)
                {
                    var m = uint.MaxValue;
                    foreach (var x in shingles)
                    {
                        m = Math.Min(m, Mix(x ^ _seeds[f]));
                    }

                    minima[f] = m;
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<uint> Mix(Vector512<uint> h)
        {
            h *= MixA;
            h ^= h >>> 16;
            h *= MixB;
            return h ^ (h >>> 13);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<uint> Mix(Vector256<uint> h)
        {
            h *= MixA;
            h ^= h >>> 16;
            h *= MixB;
            return h ^ (h >>> 13);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static uint Mix(uint h)
        {
            h *= MixA;
            h ^= h >> 16;
            h *= MixB;
            return h ^ (h >> 13);
        }
    }

    /// <summary>Union-find over comment indices: union by size, path halving.</summary>
    private sealed class DisjointSets
    {
        private readonly int[] _parent;
        private readonly int[] _size;

        public DisjointSets(int n)
        {
            _parent = new int[n];
            _size = new int[n];
            for (var i = 0; i < n; i++)
            {
                _parent[i] = i;
                _size[i] = 1;
            }
        }

        public int Find(int x)
        {
            while (_parent[x] != x)
            {
                _parent[x] = _parent[_parent[x]];
                x = _parent[x];
            }

            return x;
        }

        public void Union(int a, int b)
        {
            var ra = Find(a);
            var rb = Find(b);
            if (ra == rb)
            {
                return;
            }

            if (_size[ra] < _size[rb])
            {
                (ra, rb) = (rb, ra);
            }

            _parent[rb] = ra;
            _size[ra] += _size[rb];
        }

        public int SizeOf(int root) => _size[root];
    }
}
