using System.Text;

namespace EqualFooting.Bench.Campaigns;

/// <summary>
/// Consultation comments with a known answer: a share of them are copies of a few form letters, each copy with a few
/// random word edits and often a personal opening or signature; the rest are unique comments written from the same
/// policy vocabulary, so unrelated comments still share common phrases ("the draft should", "on an equal footing").
/// Two kinds of near misses test precision: every fifth letter shares its first 60 % with the previous one, and one
/// unique comment in ten opens by quoting 15–30 words of a letter.
/// Comment i is a pure function of (seed, i), so millions can be produced in parallel batches without keeping them.
/// </summary>
public sealed class SyntheticComments
{
    private static readonly string[] Connectors =
        ["Furthermore,", "In addition,", "However,", "For this reason,", "At the same time,", "In our view,", "Above all,", "Moreover,", "Therefore,", "In particular,", "Finally,", "First,", "Second,"];

    private static readonly string[] Subjects =
    [
        "the draft", "this proposal", "the final statement", "the secretariat", "the working group", "the committee",
        "governments", "national regulators", "the private sector", "civil society organisations", "the technical community",
        "academic researchers", "Internet users", "small and medium enterprises", "registries and registrars",
        "intergovernmental organisations", "the multistakeholder model", "the roadmap", "the IGF", "the Internet community",
        "local communities", "network operators", "content providers", "human rights defenders", "young people",
        "persons with disabilities", "developing countries", "the ICANN board", "regional Internet registries", "standards bodies",
    ];

    private static readonly string[] Modals = ["should", "must", "needs to", "ought to", "is expected to", "has to", "will", "could"];

    private static readonly string[] Verbs =
    [
        "protect", "recognise", "strengthen", "clarify", "guarantee", "address", "promote", "respect", "support", "reconsider",
        "reflect", "preserve", "include", "ensure", "expand", "defend", "prioritise", "safeguard", "improve", "acknowledge",
        "enable", "uphold", "reinforce", "review", "fund",
    ];

    private static readonly string[] Objects =
    [
        "the open and interoperable Internet", "freedom of expression online", "the privacy of personal data", "net neutrality",
        "meaningful participation of all stakeholders", "the security and stability of the domain name system",
        "affordable access for rural communities", "the free flow of information", "the accountability of decision makers",
        "the role of governments", "capacity building in developing countries", "transparency in decision making",
        "human rights online and offline", "cross-border data flows", "multilingual content", "the interests of end users",
        "permissionless innovation", "a single global Internet", "encryption and secure communications", "open standards",
        "the rights of persons with disabilities", "gender balance in every panel", "independent oversight of surveillance",
        "the public core of the Internet", "consumer protection in online markets", "universal service obligations",
        "digital literacy programmes", "community networks", "the principle of equal footing", "a bottom-up policy process",
    ];

    private static readonly string[] Qualifiers =
    [
        "on an equal footing", "in all regions", "without delay", "in a transparent manner", "at the national level",
        "for future generations", "through open consultation", "as a matter of principle", "in line with international human rights law",
        "before the next meeting", "across all stakeholder groups", "with clear timelines", "in every language of the process",
        "at the regional and global level", "with measurable indicators", "in cooperation with all stakeholders",
    ];

    private static readonly string[] FirstNames =
    [
        "Ana", "Kofi", "Mei", "Lucas", "Fatima", "Olga", "Rahul", "Amina", "Diego", "Sara", "Tomás", "Yuki", "Nadia", "Peter",
        "Chinedu", "Laura", "Ahmed", "Ingrid", "Carlos", "Aroha", "Priya", "Jean", "Zanele", "Hugo", "Leila", "Marta", "Kwame",
        "Sofia", "Ivan", "Grace",
    ];

    private static readonly string[] LastNames =
    [
        "Silva", "Mensah", "Chen", "Müller", "Haddad", "Petrova", "Sharma", "Diallo", "García", "Johansson", "Okafor", "Rossi",
        "Tanaka", "Nkosi", "Dubois", "Kowalski", "Ahmed", "Smith", "Ngata", "Fernández", "Kim", "Novak", "Mwangi", "Costa",
    ];

    private static readonly string[] Cities =
    [
        "São Paulo", "Nairobi", "Berlin", "Manila", "Mexico City", "Wellington", "Accra", "Lyon", "Bangalore", "Montevideo",
        "Dakar", "Toronto", "Tunis", "Jakarta", "Warsaw", "Lagos", "Quito", "Auckland",
    ];

    private static readonly string[] Roles =
        ["student", "network engineer", "small business owner", "teacher", "researcher", "librarian", "journalist", "parent", "developer"];

    private static readonly string[] Extra = ["very", "really", "strongly", "also", "clearly", "urgently", "fully", "truly", "please", "indeed"];

    private readonly ulong _seed;
    private readonly double _campaignShare;
    private readonly string[][] _letters;
    private readonly double[] _letterWeights;
    private readonly string[] _vocabulary;

    public SyntheticComments(ulong seed, int letters = 50, double campaignShare = 0.7)
    {
        _seed = seed;
        _campaignShare = campaignShare;
        var vocabulary = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pool in new[] { Subjects, Modals, Verbs, Objects, Qualifiers, Extra })
        {
            foreach (var phrase in pool)
            {
                vocabulary.UnionWith(phrase.Split(' '));
            }
        }

        _vocabulary = [.. vocabulary.Order(StringComparer.Ordinal)];

        var rng = new Rng(seed ^ 0xF0F0_F0F0_F0F0_F0F0UL);
        _letters = new string[letters][];
        _letterWeights = new double[letters];
        var total = 0.0;
        for (var i = 0; i < letters; i++)
        {
            var words = new List<string>();
            var length = 80 + rng.Next(171);
            if (i % 5 == 4)
            {
                // A sister letter: an allied organisation reuses the first 60 % of another letter and writes its own ending.
                // Its copies must not be merged with the other letter's.
                var sister = _letters[i - 1];
                words.AddRange(sister.Take(sister.Length * 3 / 5));
                length = Math.Max(length, sister.Length);
            }

            while (words.Count < length - 4)
            {
                Sentence(ref rng, words, words.Count == 0);
            }

            _letters[i] = [.. words];

            // Campaign sizes are skewed, as in real consultations: a few letters gather most signatures.
            total += 1 / Math.Pow(i + 1, 0.6);
            _letterWeights[i] = total;
        }

        for (var i = 0; i < letters; i++)
        {
            _letterWeights[i] /= total;
        }
    }

    public int Letters => _letters.Length;

    /// <summary>Comment <paramref name="index"/> and the form letter it was made from, or -1 for a unique comment.</summary>
    public (string Text, int Letter) Generate(long index, List<string> words, StringBuilder text)
    {
        var rng = new Rng(_seed ^ ((ulong)index * 0xD1B54A32D192ED03UL));
        words.Clear();
        text.Clear();
        int letter;
        if (rng.NextDouble() < _campaignShare)
        {
            letter = Array.BinarySearch(_letterWeights, rng.NextDouble());
            letter = Math.Min(letter < 0 ? ~letter : letter, _letters.Length - 1);
            var template = _letters[letter];
            words.AddRange(template);

            // "A few" edits, in proportion to length: up to one per 50 words, at least up to one.
            var edits = rng.Next(Math.Max(1, template.Length / 50) + 1);
            for (var e = 0; e < edits; e++)
            {
                var roll = rng.NextDouble();
                var at = rng.Next(words.Count);
                if (roll < 0.4)
                {
                    words[at] = _vocabulary[rng.Next(_vocabulary.Length)];
                }
                else if (roll < 0.7)
                {
                    words.Insert(at, _vocabulary[rng.Next(_vocabulary.Length)]);
                }
                else if (words.Count > 1)
                {
                    words.RemoveAt(at);
                }
            }

            if (rng.NextDouble() < 0.5)
            {
                words.InsertRange(0, Opening(ref rng));
            }

            if (rng.NextDouble() < 0.3)
            {
                words.AddRange(Closing(ref rng));
            }
        }
        else
        {
            letter = -1;
            if (rng.NextDouble() < 0.3)
            {
                words.AddRange(Opening(ref rng));
            }

            if (rng.NextDouble() < 0.1)
            {
                // Quoting a passage of a form letter before one's own view: shares phrases with a campaign without joining it.
                var quoted = _letters[rng.Next(_letters.Length)];
                var span = 15 + rng.Next(16);
                var from = rng.Next(Math.Max(1, quoted.Length - span));
                words.AddRange(["I", "agree", "that"]);
                words.AddRange(quoted.Skip(from).Take(span));
            }

            var length = 25 + rng.Next(176);
            var start = words.Count;
            while (words.Count - start < length)
            {
                Sentence(ref rng, words, words.Count == start);
            }

            if (rng.NextDouble() < 0.2)
            {
                words.AddRange(Closing(ref rng));
            }
        }

        for (var i = 0; i < words.Count; i++)
        {
            if (i > 0)
            {
                text.Append(' ');
            }

            text.Append(words[i]);
        }

        return (text.ToString(), letter);
    }

    private static string[] Opening(ref Rng rng) => (rng.Next(4) switch
    {
        0 => $"My name is {Pick(ref rng, FirstNames)} {Pick(ref rng, LastNames)} and",
        1 => $"As a {Pick(ref rng, Roles)} from {Pick(ref rng, Cities)},",
        2 => "Dear members of the committee,",
        _ => $"Hello, I am {Pick(ref rng, FirstNames)} {Pick(ref rng, LastNames)} from {Pick(ref rng, Cities)}.",
    }).Split(' ');

    private static string[] Closing(ref Rng rng) => (rng.Next(3) switch
    {
        0 => $"Sincerely, {Pick(ref rng, FirstNames)} {Pick(ref rng, LastNames)}",
        1 => $"Thank you, {Pick(ref rng, FirstNames)}.",
        _ => $"Regards, {Pick(ref rng, FirstNames)} {Pick(ref rng, LastNames)}, {Pick(ref rng, Cities)}",
    }).Split(' ');

    private static void Sentence(ref Rng rng, List<string> words, bool first)
    {
        var sentence = rng.Next(9) switch
        {
            0 => $"{(first ? "" : Pick(ref rng, Connectors) + " ")}{Pick(ref rng, Subjects)} {Pick(ref rng, Modals)} {Pick(ref rng, Verbs)} {Pick(ref rng, Objects)} {Pick(ref rng, Qualifiers)}.",
            1 => $"{Pick(ref rng, Subjects)} {Pick(ref rng, Modals)} {Pick(ref rng, Verbs)} {Pick(ref rng, Objects)} and {Pick(ref rng, Verbs)} {Pick(ref rng, Objects)}.",
            2 => $"We believe that {Pick(ref rng, Subjects)} {Pick(ref rng, Modals)} {Pick(ref rng, Verbs)} {Pick(ref rng, Objects)}.",
            3 => $"Without {Pick(ref rng, Objects)}, {Pick(ref rng, Subjects)} cannot {Pick(ref rng, Verbs)} {Pick(ref rng, Objects)}.",
            4 => $"It is essential that {Pick(ref rng, Subjects)} {Pick(ref rng, Verbs)} {Pick(ref rng, Objects)} {Pick(ref rng, Qualifiers)}.",
            5 => $"{(first ? "" : Pick(ref rng, Connectors) + " ")}paragraph {1 + rng.Next(60)} {Pick(ref rng, Modals)} {Pick(ref rng, Verbs)} {Pick(ref rng, Objects)}.",
            6 => $"The current text does not {Pick(ref rng, Verbs)} {Pick(ref rng, Objects)}, which must be addressed {Pick(ref rng, Qualifiers)}.",
            7 => $"I urge {Pick(ref rng, Subjects)} to {Pick(ref rng, Verbs)} {Pick(ref rng, Objects)} {Pick(ref rng, Qualifiers)}.",
            _ => $"{Pick(ref rng, Subjects)} and {Pick(ref rng, Subjects)} {Pick(ref rng, Modals)} work together to {Pick(ref rng, Verbs)} {Pick(ref rng, Objects)}.",
        };

        var start = words.Count;
        words.AddRange(sentence.Split(' '));
        words[start] = char.ToUpperInvariant(words[start][0]) + words[start][1..];
    }

    private static string Pick(ref Rng rng, string[] pool) => pool[rng.Next(pool.Length)];

    /// <summary>SplitMix64: tiny, fast, and good enough to drive a generator.</summary>
    private struct Rng(ulong state)
    {
        private ulong _state = state;

        public ulong NextUInt64()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public int Next(int bound) => (int)((NextUInt64() >> 32) * (ulong)bound >> 32);

        public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));
    }
}
