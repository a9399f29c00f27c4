using System.Collections.Concurrent;

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
/// time in 256, a bias the estimate corrects exactly, at a quarter of the memory. Sketching is
/// <see cref="MinHashSketcher"/>'s, one per thread; groups are kept in <see cref="DisjointSets"/>.
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

    private readonly CampaignOptions _options;
    private readonly int _k;
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

        _needed = MinHashSketcher.MatchesNeeded(_options.Threshold, _k);
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
            NewSketcher,
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
        var sketcher = NewSketcher();
        var sa = new byte[_k];
        var sb = new byte[_k];
        var keys = new uint[Bands];
        sketcher.Sketch(a, sa, keys, 1);
        sketcher.Sketch(b, sb, keys, 1);
        return MinHashSketcher.EstimateSimilarity(sa, sb);
    }

    /// <summary>A sketcher with this detector's hash functions and bands; each thread that sketches needs its own.</summary>
    private MinHashSketcher NewSketcher() => new(_options.Seed, _k, Bands, Rows, _options.ShingleSize);

    private List<Campaign> Detect(Func<int, string?>? textAt)
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
                if (MinHashSketcher.Matches(Signature(anchors[a]), Signature(u)) >= _needed)
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
                    score += MinHashSketcher.Matches(Signature(group[i]), Signature(group[j]));
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
}
