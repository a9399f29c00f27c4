using System.Text.RegularExpressions;
using EqualFooting.Consultations;

namespace EqualFooting.Tests.Consultations;

public class MinHashSketcherTests
{
    private const ulong Seed = 0x5EED;
    private const int Functions = 128;
    private const int Bands = 18;
    private const int Rows = 7;
    private const int ShingleSize = 3;

    public static TheoryData<string> Texts => new()
    {
        "",
        "   ",
        "!!!",
        "Agreed",
        "I support this draft.",
        "Participação multissetorial é essencial 👍, e o acesso também.",
        string.Join(' ', Enumerable.Range(0, 2_000).Select(i => "word" + i % 700)),
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Identical_texts_have_identical_sketches(string text)
    {
        var sketcher = NewSketcher();

        var first = Sketch(sketcher, text);
        var second = Sketch(sketcher, new string(text.AsSpan()));

        Assert.Equal(first.Signature, second.Signature);
        Assert.Equal(first.BandKeys, second.BandKeys);
        Assert.Equal(first.Exact, second.Exact);
        Assert.Equal(1.0, MinHashSketcher.EstimateSimilarity(first.Signature, second.Signature));
    }

    /// <summary>
    /// Pairs of texts, whether their folded texts are the same (the exact hash) and whether their words are (the
    /// signature); a text without words has its folded text as its one shingle.
    /// </summary>
    public static TheoryData<string, string, bool, bool> Foldings => new()
    {
        { "I support this draft.", "i support   this draft.", true, true },
        { "I support this draft.", "I SUPPORT THIS DRAFT.\n", true, true },
        { "I support this draft.", "\tI support\r\nthis draft.  ", true, true },
        { "I support this draft.", "I support this draft!", false, true },
        { "I support this draft.", "I support, this draft.", false, true },
        { "I support this draft.", "I oppose this draft.", false, false },
        { "Agreed", "agreed!", false, true },
        { "Agreed", "Disagree", false, false },
        { "", "   ", true, true },
        { "!!!", "?", false, false },
    };

    [Theory]
    [MemberData(nameof(Foldings))]
    public void Case_and_white_space_are_folded_and_punctuation_counts_only_for_the_exact_text(string a, string b, bool sameText, bool sameWords)
    {
        var sketcher = NewSketcher();

        var sa = Sketch(sketcher, a);
        var sb = Sketch(sketcher, b);

        Assert.Equal(sameText, sa.Exact == sb.Exact);
        Assert.Equal(sameWords, sa.Signature.SequenceEqual(sb.Signature));
        Assert.Equal(sameWords, sa.BandKeys.SequenceEqual(sb.BandKeys));
    }

    /// <summary>Texts with no word in common, so no shingle in common.</summary>
    public static TheoryData<string, string> DisjointPairs => new()
    {
        { Words("a", 0, 200), Words("b", 0, 200) },
        { Words("a", 0, 50), Words("a", 50, 50) },
        { "The committee should publish every comment.", "Remote hubs need captions and a fair queue." },
        { Words("a", 0, 3), Words("b", 0, 500) },
    };

    [Theory]
    [MemberData(nameof(DisjointPairs))]
    public void Disjoint_texts_have_different_signatures_and_an_estimate_near_zero(string a, string b)
    {
        var sketcher = NewSketcher();

        var sa = Sketch(sketcher, a);
        var sb = Sketch(sketcher, b);

        Assert.NotEqual(sa.Signature, sb.Signature);
        Assert.NotEqual(sa.BandKeys, sb.BandKeys);
        Assert.NotEqual(sa.Exact, sb.Exact);
        Assert.Equal(0, TrueJaccard(a, b));
        var estimate = MinHashSketcher.EstimateSimilarity(sa.Signature, sb.Signature);
        Assert.InRange(estimate, 0, Tolerance(0, Functions));
    }

    /// <summary>
    /// Constructed pairs of texts of distinct words: shifted windows, a prefix, every n-th word replaced, reversed halves.
    /// The true Jaccard similarity is worked out by the test's own shingling, not given.
    /// </summary>
    public static TheoryData<string, string> ConstructedPairs => new()
    {
        { Words("w", 0, 300), Words("w", 0, 300) },
        { Words("w", 0, 300), Words("w", 30, 300) },
        { Words("w", 0, 300), Words("w", 100, 300) },
        { Words("w", 0, 300), Words("w", 200, 300) },
        { Words("w", 0, 300), Words("w", 0, 150) },
        { Words("w", 0, 300), Words("w", 0, 400) },
        { Words("w", 0, 300), Replaced(Words("w", 0, 300), every: 10) },
        { Words("w", 0, 300), Replaced(Words("w", 0, 300), every: 4) },
        { Words("w", 0, 60), Words("w", 30, 30) + " " + Words("w", 0, 30) },
    };

    [Theory]
    [MemberData(nameof(ConstructedPairs))]
    public void The_estimate_is_within_four_standard_errors_of_the_true_jaccard_similarity(string a, string b)
    {
        var truth = TrueJaccard(a, b);
        foreach (var functions in new[] { 128, 1024 })
        {
            foreach (var seed in new ulong[] { 1, 2, 3, 4, 5 })
            {
                var sketcher = new MinHashSketcher(seed, functions, 1, functions, ShingleSize);

                var estimate = MinHashSketcher.EstimateSimilarity(Sketch(sketcher, a).Signature, Sketch(sketcher, b).Signature);

                Assert.True(
                    Math.Abs(estimate - truth) <= Tolerance(truth, functions),
                    $"{functions} functions, seed {seed}: estimated {estimate:F4}, true {truth:F4}, tolerance {Tolerance(truth, functions):F4}.");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void The_same_seed_gives_the_same_sketch_from_any_sketcher(string text)
    {
        var fresh = Sketch(NewSketcher(), text);

        // A sketcher that has already sketched longer and shorter texts keeps nothing of them.
        var used = NewSketcher();
        Sketch(used, string.Join(' ', Enumerable.Range(0, 5_000).Select(i => "other" + i)));
        Sketch(used, "x");
        var again = Sketch(used, text);

        Assert.Equal(fresh.Signature, again.Signature);
        Assert.Equal(fresh.BandKeys, again.BandKeys);
        Assert.Equal(fresh.Exact, again.Exact);
    }

    [Theory]
    [InlineData(1UL, 2UL)]
    [InlineData(0x5EEDUL, 0x5EEEUL)]
    [InlineData(0UL, ulong.MaxValue)]
    public void Different_seeds_give_different_signatures_of_the_same_text(ulong seed, ulong other)
    {
        var text = Words("w", 0, 100);

        var a = Sketch(new MinHashSketcher(seed, Functions, Bands, Rows, ShingleSize), text);
        var b = Sketch(new MinHashSketcher(other, Functions, Bands, Rows, ShingleSize), text);

        Assert.NotEqual(a.Signature, b.Signature);
        Assert.NotEqual(a.BandKeys, b.BandKeys);
        Assert.Equal(a.Exact, b.Exact);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(16_384)]
    public void Band_keys_are_written_at_the_stride_asked_for(int stride)
    {
        var sketcher = NewSketcher();
        var text = Words("w", 0, 80);
        var packed = Sketch(sketcher, text).BandKeys;

        var keys = new uint[Bands * stride];
        sketcher.Sketch(text, new byte[Functions], keys, stride);

        for (var b = 0; b < Bands; b++)
        {
            Assert.Equal(packed[b], keys[b * stride]);
        }

        Assert.Equal(Bands, keys.Count(k => k != 0));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(128)]
    [InlineData(1000)]
    public void Matches_counts_equal_bytes_position_by_position_at_every_length(int length)
    {
        var random = new Random(length);
        var a = new byte[length];
        var b = new byte[length];
        random.NextBytes(a);
        for (var i = 0; i < length; i++)
        {
            // About half equal, so vector and scalar paths both see equal and unequal bytes.
            b[i] = random.Next(2) == 0 ? a[i] : (byte)(a[i] + 1 + random.Next(255));
        }

        Assert.Equal(Enumerable.Range(0, length).Count(i => a[i] == b[i]), MinHashSketcher.Matches(a, b));
        Assert.Equal(length, MinHashSketcher.Matches(a, a));
    }

    [Theory]
    [InlineData(0.5, 32)]
    [InlineData(0.8, 128)]
    [InlineData(0.9, 128)]
    [InlineData(0.75, 1024)]
    [InlineData(1.0, 128)]
    public void Matches_needed_is_the_fewest_equal_bytes_whose_estimate_reaches_the_similarity(double similarity, int functions)
    {
        var needed = MinHashSketcher.MatchesNeeded(similarity, functions);

        Assert.InRange(needed, 1, functions);
        Assert.True(EstimateWithMatches(needed, functions) >= similarity - 1e-9);
        Assert.True(EstimateWithMatches(needed - 1, functions) < similarity);
    }

    [Theory]
    [InlineData(0, 1, 1, 3)]
    [InlineData(-32, 1, 1, 3)]
    [InlineData(100, 18, 7, 3)]
    [InlineData(128, 19, 7, 3)]
    [InlineData(128, 0, 7, 3)]
    [InlineData(128, 18, 0, 3)]
    [InlineData(128, 18, 7, 0)]
    public void Parameters_that_cannot_work_are_refused(int functions, int bands, int rows, int shingle)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MinHashSketcher(Seed, functions, bands, rows, shingle));
    }

    private static MinHashSketcher NewSketcher() => new(Seed, Functions, Bands, Rows, ShingleSize);

    private static (byte[] Signature, uint[] BandKeys, ulong Exact) Sketch(MinHashSketcher sketcher, string text)
    {
        var signature = new byte[sketcher.HashFunctions];
        var keys = new uint[sketcher.Bands];
        var exact = sketcher.Sketch(text, signature, keys, 1);
        return (signature, keys, exact);
    }

    /// <summary>The estimate from two signatures of <paramref name="functions"/> bytes that agree in <paramref name="matches"/>.</summary>
    private static double EstimateWithMatches(int matches, int functions)
    {
        var a = new byte[functions];
        var b = new byte[functions];
        for (var i = matches; i < functions; i++)
        {
            b[i] = 1;
        }

        return MinHashSketcher.EstimateSimilarity(a, b);
    }

    /// <summary>
    /// Four standard errors of the b-bit estimate at true similarity <paramref name="jaccard"/>, plus one byte's worth for
    /// rounding: a byte agrees with probability P = c + (1 − c)·J, and the estimate (p − c)/(1 − c) has standard error
    /// √(P(1 − P)/k)/(1 − c), with c = 1/256 the chance agreement of unequal minima and k the hash functions.
    /// </summary>
    private static double Tolerance(double jaccard, int functions)
    {
        const double c = MinHashSketcher.ChanceAgreement;
        var p = c + (1 - c) * jaccard;
        return 4 * Math.Sqrt(p * (1 - p) / functions) / (1 - c) + 1.0 / functions;
    }

    private static string Words(string prefix, int from, int count) =>
        string.Join(' ', Enumerable.Range(from, count).Select(i => prefix + i));

    private static string Replaced(string text, int every) =>
        string.Join(' ', text.Split(' ').Select((w, i) => i % every == every / 2 ? "other" + i : w));

    /// <summary>The Jaccard similarity of the two texts' sets of three-word shingles, lower-cased, by the book.</summary>
    private static double TrueJaccard(string a, string b)
    {
        var sa = Shingles(a);
        var sb = Shingles(b);
        return (double)sa.Intersect(sb).Count() / sa.Union(sb).Count();
    }

    private static HashSet<string> Shingles(string text)
    {
        var words = Regex.Matches(text.ToLowerInvariant(), @"[\p{L}\p{Nd}]+").Select(m => m.Value).ToArray();
        return words.Length < ShingleSize
            ? [string.Join(' ', words)]
            : Enumerable.Range(0, words.Length - ShingleSize + 1).Select(i => string.Join(' ', words, i, ShingleSize)).ToHashSet();
    }
}
