using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using EqualFooting.Common;

namespace EqualFooting.Sessions;

/// <summary>
/// Reads a session transcript into interventions. Two formats are known: speaker lines as in ICANN's published
/// transcripts (names in capitals, PDF page headers and footers left in the text) and realtime captioning as at the
/// IGF ("&gt;&gt; NAME:" turns, bare "&gt;&gt;" for a speaker the captioner could not name). Either the whole transcript
/// parses or nothing does: an import that kept half a session would publish wrong statistics with a straight face.
/// </summary>
public static partial class TranscriptParser
{
    /// <summary>
    /// The 51-page ATLAS II session in the seeds is under 100,000 characters; fifty times that is no single session,
    /// and refusing it early keeps one upload from holding a server's memory.
    /// </summary>
    public const int MaxCharacters = 5_000_000;

    private const string Field = "transcript";
    private const int MaxNameLength = 60;
    private const int MaxNameWords = 6;

    /// <summary>Decodes UTF-8 (a byte order mark is allowed) and parses; invalid UTF-8 is reported with its line.</summary>
    public static Result<Transcript> Parse(ReadOnlySpan<byte> content, TranscriptOptions? options = null)
    {
        if (content.StartsWith("\uFEFF"u8))
        {
            content = content[3..];
        }

        if (content.Length > MaxCharacters * 4L)
        {
            return TooLarge();
        }

        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, content.Length));
        try
        {
            var status = Utf8.ToUtf16(content, buffer, out var read, out var written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                var line = content[..read].Count((byte)'\n') + 1;
                return Error.Invalid(Field, $"Line {line} is not valid UTF-8 text; this looks like a binary file or another encoding. Save the transcript as UTF-8 text and try again.");
            }

            return Parse(new string(buffer, 0, written), options);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    public static Result<Transcript> Parse(string text, TranscriptOptions? options = null)
    {
        options ??= new TranscriptOptions();
        if (double.IsNaN(options.WordsPerMinute)
            || options.WordsPerMinute < TranscriptOptions.MinWordsPerMinute
            || options.WordsPerMinute > TranscriptOptions.MaxWordsPerMinute)
        {
            return Error.Invalid("wordsPerMinute", $"The speaking rate must be between {TranscriptOptions.MinWordsPerMinute} and {TranscriptOptions.MaxWordsPerMinute} words per minute.");
        }

        if (text.Length > MaxCharacters)
        {
            return TooLarge();
        }

        var lines = LineBreak().Split(text.TrimStart('\uFEFF'));
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (var c in lines[i])
            {
                // Form feeds are page breaks from PDF conversion; any other control character means this is not text.
                if (char.IsControl(c) && c is not '\t' and not '\f' and not '\v')
                {
                    return Error.Invalid(Field, $"Line {i + 1} contains the control character U+{(int)c:X4}; this looks like a binary file, not a transcript.");
                }
            }
        }

        if (lines.All(IsBlank))
        {
            return Error.Invalid(Field, "The transcript is empty.");
        }

        var detected = Detect(lines);
        var format = options.Format ?? detected;
        if (format is null)
        {
            return Error.Invalid(Field, "No speaker turns found. A transcript has turns such as \"LEON SANCHEZ:  Good morning\" (speaker lines) or \">> MODERATOR: Good morning\" (captioning).");
        }

        var read = format == TranscriptFormat.Cart ? ReadCart(lines) : ReadSpeakerLines(lines);
        if (read.Turns.Count == 0)
        {
            var hint = detected is { } other && other != format ? $" It looks like the {Describe(other)} format instead." : "";
            return Error.Invalid(Field, $"No turns in the {Describe(format.Value)} format found.{hint}");
        }

        var inTurns = read.Turns.Sum(t => CountWords(t.Text));
        if (read.PreambleWords > Math.Max(200, inTurns))
        {
            return Error.Invalid(Field, $"Most of the text ({read.PreambleWords} words) comes before the first turn at line {read.Turns[0].Line}; this does not look like a transcript in the {Describe(format.Value)} format.");
        }

        return Build(format.Value, options.WordsPerMinute, read.Turns);
    }

    /// <summary>The format with the most turn lines, captioning winning a tie; null when neither has any.</summary>
    public static TranscriptFormat? Detect(string text) => Detect(LineBreak().Split(text));

    public static int CountWords(string text)
    {
        var words = 0;
        foreach (var token in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            // Dashes, ellipses and stray punctuation separated by spaces are not words.
            if (token.Any(char.IsLetterOrDigit))
            {
                words++;
            }
        }

        return words;
    }

    private static TranscriptFormat? Detect(string[] lines)
    {
        var cart = lines.Count(l => CartTurn().IsMatch(l));
        var speakerLines = lines.Count(l => SpeakerTurn(l) is not null);
        return cart == 0 && speakerLines == 0 ? null
            : cart >= speakerLines ? TranscriptFormat.Cart
            : TranscriptFormat.SpeakerLines;
    }

    private static Reading ReadSpeakerLines(string[] lines)
    {
        var headers = RunningHeaders(lines);
        var reading = new Reading();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (IsBlank(line) || PageNumber().IsMatch(line) || Annotation().IsMatch(line))
            {
                continue;
            }

            if (EndMarker().IsMatch(line))
            {
                break;
            }

            if (SpeakerTurn(line) is { } turn)
            {
                reading.Start(i + 1, turn.Label, turn.Name, turn.Uncertain, turn.Text);
            }
            else if (!headers.Contains(Names.Collapse(line)) && !LanguageTagHeader().IsMatch(line))
            {
                // Published transcripts indent a new paragraph within a turn; keep it for whoever reads the text.
                reading.Continue(line, newParagraph: Indentation(line) >= 2);
            }
        }

        return reading;
    }

    private static Reading ReadCart(string[] lines)
    {
        var reading = new Reading();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (IsBlank(line) || PageNumber().IsMatch(line) || Annotation().IsMatch(line) || CartDisclaimer().IsMatch(line))
            {
                continue;
            }

            if (EndMarker().IsMatch(line))
            {
                break;
            }

            var match = CartTurn().Match(line);
            if (!match.Success)
            {
                // Captioners put each paragraph on one line.
                reading.Continue(line, newParagraph: true);
                continue;
            }

            var rest = match.Groups["rest"].Value;
            var named = NamedTurn().Match(rest);
            if (named.Success && SpeakerName(named) is { } name)
            {
                reading.Start(i + 1, name.Label, name.Name, name.Uncertain, named.Groups["text"].Value);
            }
            else
            {
                reading.Start(i + 1, "", null, false, rest);
            }
        }

        return reading;
    }

    private static (string Label, string? Name, bool Uncertain, string Text)? SpeakerTurn(string line)
    {
        var match = NamedTurn().Match(line);
        return match.Success && SpeakerName(match) is { } name ? (name.Label, name.Name, name.Uncertain, match.Groups["text"].Value) : null;
    }

    private static (string Label, string? Name, bool Uncertain)? SpeakerName(Match match)
    {
        var label = Names.Collapse(match.Groups["name"].Value);
        if (label.Length > MaxNameLength || label.Split(' ').Length > MaxNameWords || label.Count(char.IsLetter) < 2)
        {
            return null;
        }

        // "UNIDENTIFIED MALE" four times is likely four people, and no participant could be matched to it.
        var name = Anonymous().IsMatch(label) ? null : label;
        return (label, name, match.Groups["open"].Success);
    }

    /// <summary>
    /// Running heads and feet of the PDF the text came from. ICANN's head ends in the language code after a wide
    /// gap ("…Session 2     EN"); other heads are found as the lines that sit next to a page number more than once.
    /// </summary>
    private static HashSet<string> RunningHeaders(string[] lines)
    {
        var nextToPageNumbers = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!PageNumber().IsMatch(lines[i]))
            {
                continue;
            }

            foreach (var step in (int[])[-1, 1])
            {
                for (int j = i + step, seen = 0; j >= 0 && j < lines.Length && seen < 6; j += step, seen++)
                {
                    if (IsBlank(lines[j]))
                    {
                        continue;
                    }

                    if (!PageNumber().IsMatch(lines[j]) && SpeakerTurn(lines[j]) is null)
                    {
                        nextToPageNumbers.Add(Names.Collapse(lines[j]));
                    }

                    break;
                }
            }
        }

        return nextToPageNumbers
            .GroupBy(t => t)
            .Where(g => g.Key.Length >= 15 && g.Count() >= 2)
            .Select(g => g.Key)
            .ToHashSet();
    }

    private static Result<Transcript> Build(TranscriptFormat format, double wordsPerMinute, List<RawTurn> turns)
    {
        var interventions = new List<TranscriptIntervention>(turns.Count);
        foreach (var turn in turns)
        {
            var words = CountWords(turn.Text);
            interventions.Add(new TranscriptIntervention(
                interventions.Count + 1,
                turn.Name,
                turn.Label,
                turn.Uncertain,
                turn.Text,
                words,
                Estimate(words, wordsPerMinute),
                turn.Line));
        }

        // One speaker however the captioner spaced or accented the name; the first spelling is the one shown.
        var speakers = interventions
            .Where(i => i.Speaker is not null)
            .GroupBy(i => Names.Key(i.Speaker!))
            .Select(g => new TranscriptSpeaker(g.First().Speaker!, g.Count(), g.Sum(i => i.Words), Estimate(g.Sum(i => i.Words), wordsPerMinute)))
            .ToList();
        var unnamed = interventions.Where(i => i.Speaker is null).ToList();
        var unnamedWords = unnamed.Sum(i => i.Words);
        return new Transcript(
            format,
            wordsPerMinute,
            interventions,
            speakers,
            new UnnamedTotals(unnamed.Count, unnamedWords, Estimate(unnamedWords, wordsPerMinute)));
    }

    private static TimeSpan Estimate(int words, double wordsPerMinute) =>
        TimeSpan.FromSeconds(Math.Round(words * 60 / wordsPerMinute));

    private static Error TooLarge() =>
        Error.Invalid(Field, $"The transcript is larger than {MaxCharacters:N0} characters; split it by session.");

    private static string Describe(TranscriptFormat format) =>
        format == TranscriptFormat.Cart ? "captioning (\">> NAME: text\")" : "speaker lines (\"NAME:  text\")";

    private static bool IsBlank(string line) => string.IsNullOrWhiteSpace(line);

    private static int Indentation(string line) => line.TakeWhile(char.IsWhiteSpace).Count();

    [GeneratedRegex(@"\r\n|\r|\n")]
    private static partial Regex LineBreak();

    /// <summary>
    /// A turn opening with a name in capitals, possibly bracketed as uncertain, then a colon and the words. The name's
    /// length is bounded in the pattern itself so that a long line of capitals without a colon fails fast.
    /// </summary>
    [GeneratedRegex(@"^\s*(?<open>\[)?(?<name>\p{Lu}[\p{Lu}\p{Mn}.'’\-\s]{0,80}[\p{Lu}\p{Mn}.])(?(open)\])\s*:(?:\s+(?<text>.*))?\s*$")]
    private static partial Regex NamedTurn();

    [GeneratedRegex(@"^\s*>>\s*(?<rest>.*)$")]
    private static partial Regex CartTurn();

    [GeneratedRegex(@"^\s*(page\s+\d+(\s+of\s+\d+)?|\d+\s+of\s+\d+|-\s*\d+\s*-)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex PageNumber();

    /// <summary>A title, then a wide gap, then a two-letter language code at the end of the line.</summary>
    [GeneratedRegex(@"^\s*\S.*\S\s{4,}\p{Lu}{2}\s*$")]
    private static partial Regex LanguageTagHeader();

    /// <summary>A line that is only a transcriber's note: "[AUDIO BREAK]", "(Applause)".</summary>
    [GeneratedRegex(@"^\s*(\[[^\]]*\]|\([^)]*\))\s*$")]
    private static partial Regex Annotation();

    [GeneratedRegex(@"^\s*\[?\s*end\s+of\s+(the\s+)?(transcript|transcription|session)\s*\.?\s*\]?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex EndMarker();

    /// <summary>The captioning provider's notice, printed at the top and again at the end of each transcript.</summary>
    [GeneratedRegex(@"Communication Access Realtime Translation|rough draft format|based on live transcription", RegexOptions.IgnoreCase)]
    private static partial Regex CartDisclaimer();

    [GeneratedRegex(@"^(UNIDENTIFIED|UNKNOWN|UNIDENTIFIABLE)\b|^(SPEAKER|AUDIENCE|AUDIENCE MEMBER|FLOOR|PARTICIPANT)$")]
    private static partial Regex Anonymous();

    private sealed class RawTurn(int line, string label, string? name, bool uncertain)
    {
        public int Line { get; } = line;

        public string Label { get; } = label;

        public string? Name { get; } = name;

        public bool Uncertain { get; } = uncertain;

        public StringBuilder Builder { get; } = new();

        public string Text => Builder.ToString();
    }

    private sealed class Reading
    {
        public List<RawTurn> Turns { get; } = [];

        public int PreambleWords { get; private set; }

        public void Start(int line, string label, string? name, bool uncertain, string text)
        {
            Turns.Add(new RawTurn(line, label, name, uncertain));
            Append(Names.Collapse(text), newParagraph: false);
        }

        public void Continue(string line, bool newParagraph)
        {
            if (Turns.Count == 0)
            {
                PreambleWords += CountWords(line);
                return;
            }

            Append(Names.Collapse(line), newParagraph);
        }

        private void Append(string text, bool newParagraph)
        {
            if (text.Length == 0)
            {
                return;
            }

            var sb = Turns[^1].Builder;
            if (sb.Length == 0)
            {
                sb.Append(text);
            }
            else if (newParagraph)
            {
                sb.Append("\n\n").Append(text);
            }
            else if (sb.Length >= 2 && IsHyphen(sb[^1]) && char.IsLetter(sb[^2]))
            {
                // A word broken across a line ("ten‐" / "minute break") is one word.
                sb.Append(text);
            }
            else
            {
                sb.Append(' ').Append(text);
            }
        }

        private static bool IsHyphen(char c) => c is '-' or '\u2010' or '\u2011';
    }
}
