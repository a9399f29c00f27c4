using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EqualFooting.Consultations;

/// <summary>
/// Sketches texts for <see cref="CampaignDetector"/>: cuts a text into words, hashes its shingles (runs of
/// <see cref="ShingleSize"/> words), keeps the minimum hash under each of <see cref="HashFunctions"/> seeded hash
/// functions (MinHash), and hashes runs of <see cref="Rows"/> minima into <see cref="Bands"/> LSH band keys. Only the
/// low 8 bits of each minimum go into the signature (b-bit MinHash, Li and König); <see cref="EstimateSimilarity"/>
/// corrects for their chance agreement. The same seed and parameters always give the same output.
/// <para>
/// Per-thread buffers, so sketching allocates nothing per comment once warmed up: not thread-safe, one sketcher per
/// thread. Hashing is a multiply-xor over packed characters per word and murmur's 64-bit finaliser per shingle:
/// System.IO.Hashing (XxHash) is a NuGet package, not part of the shared framework, and these few lines do not justify
/// a dependency.
/// </para>
/// </summary>
internal sealed class MinHashSketcher
{
    /// <summary>The chance that two different minima agree in their low 8 bits.</summary>
    public const double ChanceAgreement = 1.0 / 256;

    private const ulong FnvOffset = 0xCBF29CE484222325UL;
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private const uint MixA = 0x9E3779B1u;
    private const uint MixB = 0x85EBCA6Bu;

    private readonly uint[] _seeds;
    private readonly ulong[] _bandSeeds;
    private readonly int _rows;
    private readonly int _shingleSize;
    private readonly uint[] _minima;
    private ulong[] _words = new ulong[512];
    private uint[] _shingles = new uint[512];

    /// <summary>
    /// <paramref name="hashFunctions"/> must be a positive multiple of 32 (the hash functions are processed 32 at a
    /// time) and <paramref name="bands"/> bands of <paramref name="rows"/> rows must fit in them.
    /// </summary>
    public MinHashSketcher(ulong seed, int hashFunctions, int bands, int rows, int shingleSize)
    {
        if (hashFunctions <= 0 || hashFunctions % 32 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(hashFunctions), "The number of hash functions must be a positive multiple of 32.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bands);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        if ((long)bands * rows > hashFunctions)
        {
            throw new ArgumentOutOfRangeException(nameof(bands), "The bands use more minima than there are hash functions.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shingleSize);

        // The hash functions' seeds first, then the bands': the order fixes which seed gives which sketch.
        var state = seed;
        _seeds = new uint[hashFunctions];
        for (var i = 0; i < hashFunctions; i++)
        {
            _seeds[i] = (uint)SplitMix(ref state);
        }

        _bandSeeds = new ulong[bands];
        for (var i = 0; i < bands; i++)
        {
            _bandSeeds[i] = SplitMix(ref state);
        }

        _rows = rows;
        _shingleSize = shingleSize;
        _minima = new uint[hashFunctions];
    }

    /// <summary>Bytes per signature.</summary>
    public int HashFunctions => _seeds.Length;

    public int Bands => _bandSeeds.Length;

    /// <summary>Minima per band key.</summary>
    public int Rows => _rows;

    /// <summary>Words per shingle.</summary>
    public int ShingleSize => _shingleSize;

    /// <summary>How many bytes two signatures have in common, position by position.</summary>
    public static int Matches(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
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
    /// The Jaccard similarity of two shingle sets as estimated from their signatures: the share p of equal bytes,
    /// corrected for chance agreement c as (p − c)/(1 − c), clamped to [0, 1].
    /// </summary>
    public static double EstimateSimilarity(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var p = (double)Matches(a, b) / a.Length;
        return Math.Clamp((p - ChanceAgreement) / (1 - ChanceAgreement), 0, 1);
    }

    /// <summary>
    /// The fewest equal bytes out of <paramref name="hashFunctions"/> whose estimate reaches
    /// <paramref name="similarity"/>: (p − c)/(1 − c) ≥ t, with p the share of equal bytes and c the chance agreement.
    /// </summary>
    public static int MatchesNeeded(double similarity, int hashFunctions) =>
        (int)Math.Ceiling((similarity * (1 - ChanceAgreement) + ChanceAgreement) * hashFunctions - 1e-9);

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
}
