using System.Text;
using EqualFooting.Common;
using EqualFooting.Sessions;

namespace EqualFooting.Tests.Sessions;

/// <summary>
/// The project's own transcripts in Sessions/Fixtures (see its README), one in each format, with figures counted from
/// the text independently of the parser and written down here. The real transcripts in ../shared/seeds are checked
/// at the end, by tests that are skipped where that folder is absent.
/// </summary>
public class TranscriptParserTests
{
    /// <summary>A fictional workshop in speaker lines, laid out like a PDF conversion, one page break left in.</summary>
    public const string Minutes = "workshop-minutes.txt";

    /// <summary>The same fictional forum's workshop in realtime captioning (CART).</summary>
    public const string Captions = "workshop-captions.txt";

    /// <summary>A presentation outline: text without a single turn.</summary>
    public const string Outline = "workshop-outline.txt";

    public static TheoryData<string, string, int, int> SpeakerFigures => new()
    {
        { Minutes, "MARGIT SOLVANG", 7, 242 },
        { Minutes, "TOMAS VERHOEVEN", 3, 114 },
        { Minutes, "ADAEZE OKONKWO-BELL", 3, 210 },
        { Minutes, "PRIYA RAGHUNATHAN", 2, 201 },
        { Minutes, "CIARAN O’DWYER", 1, 118 },
        { Minutes, "HENRIK BLOMQVIST", 1, 28 },
        { Minutes, "RANGI PARATA", 1, 23 },
        { Captions, "MODERATOR", 7, 166 },
        { Captions, "LUCÍA BENAVIDES", 2, 221 },
        { Captions, "FOLASADE OYELARAN", 1, 137 },
        { Captions, "JONAS EKDAHL", 2, 142 },
        { Captions, "ESTER VAHTRA", 2, 85 },
        { Captions, "FOLASADE OYELERAN", 1, 25 },
    };

    [Theory]
    // file, format, interventions, named speakers, unnamed interventions, unnamed words, all words
    [InlineData(Minutes, TranscriptFormat.SpeakerLines, 21, 7, 3, 21, 957)]
    [InlineData(Captions, TranscriptFormat.Cart, 18, 6, 3, 108, 884)]
    public void Fixture_totals(string file, TranscriptFormat format, int interventions, int speakers, int unnamed, int unnamedWords, int words)
    {
        AssertTotals(Fixture(file), format, interventions, speakers, unnamed, unnamedWords, words);
    }

    [Theory]
    [MemberData(nameof(SpeakerFigures))]
    public void Fixture_speakers(string file, string name, int interventions, int words)
    {
        var speaker = Assert.Single(Fixture(file).Speakers, s => s.Name == name);
        Assert.Equal((interventions, words), (speaker.Interventions, speaker.Words));
    }

    [Fact]
    public void Fixture_speakers_are_listed_in_order_of_first_appearance()
    {
        AssertListedInOrder(SpeakerFigures, Minutes, Fixture(Minutes));
        AssertListedInOrder(SpeakerFigures, Captions, Fixture(Captions));
    }

    [Fact]
    public void Minutes_page_head_foot_annotation_and_end_marker_are_dropped()
    {
        var transcript = Fixture(Minutes);
        var all = string.Join("\n", transcript.Interventions.Select(i => i.Text));

        Assert.DoesNotContain("Northsea Digital Forum", all);
        Assert.DoesNotContain("Page 4 of 9", all);
        Assert.DoesNotContain("AUDIO BREAK", all);
        Assert.DoesNotContain("END OF TRANSCRIPTION", all);

        // Tomas's question runs across the page break as one intervention.
        var tomas = transcript.Interventions.Single(i => i.Line == 87);
        Assert.Equal("TOMAS VERHOEVEN", tomas.Speaker);
        Assert.Contains("the cooperatives that would use the licence never hear about it until it is already in force.", tomas.Text);

        // The transcriber's note inside Adaeze's answer goes, and the lines either side of it join.
        var adaeze = transcript.Interventions.Single(i => i.Line == 163);
        Assert.Contains("its books are open to them. A municipality can meet", adaeze.Text);
        Assert.Equal(43, adaeze.Words);
    }

    [Fact]
    public void Minutes_lines_join_with_one_space_and_indented_lines_open_paragraphs()
    {
        var transcript = Fixture(Minutes);

        // Non-breaking spaces between the words and at the ends of the lines become single spaces.
        Assert.Equal(
            "Good afternoon, everyone, and welcome back from lunch. Tomas, are we recording? Could you start the recording, please?",
            transcript.Interventions[0].Text);

        // Margit's opening: two lines, then three indented paragraphs.
        var opening = transcript.Interventions.Single(i => i.Line == 11).Text.Split("\n\n");
        Assert.Equal(4, opening.Length);
        Assert.Equal("Thank you. Good afternoon to everyone in the hall, and good morning or good evening to those of you following us online.", opening[0]);
        Assert.StartsWith("Two housekeeping notes:", opening[3]);

        // A line opening with a bracketed word is text, not a transcriber's note.
        Assert.Contains("We lost most of a summer waiting for [inaudible] a stamp on a form.", transcript.Interventions.Single(i => i.Line == 33).Text);
    }

    [Fact]
    public void Minutes_unidentified_speakers_are_unnamed_and_bracketed_names_are_flagged()
    {
        var transcript = Fixture(Minutes);

        // The last one starts with a space, on the line right after the previous turn's last words.
        var unnamed = transcript.Interventions.Where(i => i.Speaker is null).ToList();
        Assert.Equal([(157, "UNIDENTIFIED MALE"), (191, "UNIDENTIFIED FEMALE"), (198, "UNIDENTIFIED MALE")], unnamed.Select(i => (i.Line, i.Label)));
        Assert.Equal("Agreed.", unnamed[^1].Text);

        Assert.Equal(
            [(173, "HENRIK BLOMQVIST"), (195, "RANGI PARATA")],
            transcript.Interventions.Where(i => i.NameUncertain).Select(i => (i.Line, i.Speaker)));
    }

    [Fact]
    public void Minutes_first_and_last_interventions()
    {
        var transcript = Fixture(Minutes);

        var first = transcript.Interventions[0];
        Assert.Equal((1, "MARGIT SOLVANG"), (first.Line, first.Speaker));

        var last = transcript.Interventions[^1];
        Assert.Equal((202, "MARGIT SOLVANG"), (last.Line, last.Speaker));
        Assert.EndsWith("The rapporteurs will send the draft to the list by Friday.", last.Text);
    }

    [Fact]
    public void Minutes_a_word_broken_across_lines_is_one_word()
    {
        var margit = Fixture(Minutes).Interventions.Single(i => i.Line == 145);
        Assert.Contains("I suggest we take a ten‐minute break, and when we come back", margit.Text);
        Assert.Equal(21, margit.Words);
    }

    [Fact]
    public void Captions_turns_and_notices()
    {
        var transcript = Fixture(Captions);

        Assert.Equal([43, 51, 57], transcript.Interventions.Where(i => i.Speaker is null).Select(i => i.Line));
        Assert.All(transcript.Interventions.Where(i => i.Speaker is null), i => Assert.Equal("", i.Label));

        // ">>JONAS EKDAHL:" has no space after the marks.
        Assert.Equal("JONAS EKDAHL", transcript.Interventions.Single(i => i.Line == 29).Speaker);

        // The date, the time and the provider's notice come before the first turn and are not part of it; each line
        // after a turn is a paragraph of it.
        var first = transcript.Interventions[0];
        Assert.Equal((7, "MODERATOR", 55), (first.Line, first.Speaker, first.Words));
        Assert.Equal(2, first.Text.Split("\n\n").Length);
        Assert.EndsWith("national broadband plan. Lucía, please.", first.Text);

        // The provider's notice at the end is not the moderator's last words.
        var last = transcript.Interventions[^1];
        Assert.Equal((61, "MODERATOR"), (last.Line, last.Speaker));
        Assert.EndsWith("The summary of this workshop will be posted on the forum website next week.", last.Text);
        var all = string.Concat(transcript.Interventions.Select(i => i.Text));
        Assert.DoesNotContain("Communication Access Realtime Translation", all);
        Assert.DoesNotContain("live transcription", all);
        Assert.DoesNotContain("NOVEMBER", all);
    }

    [Fact]
    public void Captions_a_name_without_its_accent_is_the_same_speaker_and_a_misspelt_one_is_another()
    {
        var transcript = Fixture(Captions);

        Assert.Equal(
            [(11, "LUCÍA BENAVIDES"), (45, "LUCIA BENAVIDES")],
            transcript.Interventions.Where(i => i.Speaker?.EndsWith("BENAVIDES", StringComparison.Ordinal) == true).Select(i => (i.Line, i.Speaker)));
        var lucia = Assert.Single(transcript.Speakers, s => s.Name.EndsWith("BENAVIDES", StringComparison.Ordinal));
        Assert.Equal(("LUCÍA BENAVIDES", 2), (lucia.Name, lucia.Interventions));

        Assert.Equal(
            ["FOLASADE OYELARAN", "FOLASADE OYELERAN"],
            transcript.Speakers.Where(s => s.Name.StartsWith("FOLASADE", StringComparison.Ordinal)).Select(s => s.Name));
    }

    [Fact]
    public void Captions_dashes_are_not_words()
    {
        var transcript = Fixture(Captions);

        var lucia = transcript.Interventions.Single(i => i.Line == 11);
        Assert.StartsWith("Thank you, and thank you to the organisers for the invitation. I would like to describe what happened ‑‑ what really happened ‑‑ when we opened", lucia.Text);

        // Ester is cut off: "Not in our sector, not that I know of. There was one case where ‑‑" is 14 words.
        var cut = transcript.Interventions.Single(i => i.Line == 59);
        Assert.EndsWith("There was one case where ‑‑", cut.Text);
        Assert.Equal(14, cut.Words);
    }

    [Theory]
    // words, words per minute, estimated seconds
    [InlineData(130, 130, 60)]
    [InlineData(65, 130, 30)]
    [InlineData(1, 130, 0)]
    [InlineData(3889, 130, 1795)]
    [InlineData(150, 100, 90)]
    [InlineData(0, 130, 0)]
    public void Duration_is_estimated_from_the_speaking_rate(int words, double wordsPerMinute, int seconds)
    {
        var text = "ADAM PEAKE:  " + string.Join(' ', Enumerable.Repeat("word", words));

        var turn = Assert.Single(TranscriptParser.Parse(text, new TranscriptOptions(WordsPerMinute: wordsPerMinute)).Value.Interventions);

        Assert.Equal(words, turn.Words);
        Assert.Equal(TimeSpan.FromSeconds(seconds), turn.EstimatedDuration);
    }

    [Fact]
    public void Speaker_totals_carry_the_estimated_duration()
    {
        var transcript = Fixture(Minutes, new TranscriptOptions(WordsPerMinute: 150));
        var adaeze = transcript.Speakers.Single(s => s.Name == "ADAEZE OKONKWO-BELL");

        // 210 words at 150 a minute: 1.4 minutes.
        Assert.Equal(TimeSpan.FromSeconds(84), adaeze.EstimatedDuration);
        Assert.Equal(150, transcript.WordsPerMinute);
    }

    [Theory]
    [InlineData(39)]
    [InlineData(401)]
    [InlineData(double.NaN)]
    public void The_speaking_rate_must_be_plausible(double wordsPerMinute)
    {
        var result = TranscriptParser.Parse("LEON SANCHEZ:  Hello.", new TranscriptOptions(WordsPerMinute: wordsPerMinute));
        Assert.Equal("wordsPerMinute", result.Error?.Field);
    }

    [Theory]
    [InlineData("LEON SANCHEZ:  Okay.\n>> MODERATOR: Thanks.\n>> Question from the floor.", TranscriptFormat.Cart)]
    [InlineData("LEON SANCHEZ:  Okay.\nEVAN LEIBOVITCH:  Sure.\n>> MODERATOR: Thanks.", TranscriptFormat.SpeakerLines)]
    [InlineData("Some notes.\nNo turns here.", null)]
    public void The_format_is_detected_from_the_turn_lines(string text, TranscriptFormat? expected)
    {
        Assert.Equal(expected, TranscriptParser.Detect(text));
    }

    [Theory]
    [InlineData(Minutes, TranscriptFormat.Cart, "captioning", "speaker lines")]
    [InlineData(Captions, TranscriptFormat.SpeakerLines, "speaker lines", "captioning")]
    public void Forcing_the_wrong_format_is_an_error_that_says_which_format_it_looks_like(string file, TranscriptFormat forced, string named, string hint)
    {
        var result = TranscriptParser.Parse(File.ReadAllBytes(FixturePath(file)), new TranscriptOptions(forced));

        Assert.Equal(ErrorKind.Invalid, result.Error?.Kind);
        Assert.Contains($"No turns in the {named}", result.Error!.Message);
        Assert.Contains($"looks like the {hint}", result.Error.Message);
    }

    [Theory]
    [InlineData(Minutes, TranscriptFormat.SpeakerLines)]
    [InlineData(Captions, TranscriptFormat.Cart)]
    public void Forcing_the_right_format_gives_the_same_result_as_detecting_it(string file, TranscriptFormat format)
    {
        var forced = Fixture(file, new TranscriptOptions(format));
        Assert.Equal(Fixture(file).Interventions, forced.Interventions);
    }

    [Fact]
    public void An_outline_without_turns_is_not_a_transcript()
    {
        var result = TranscriptParser.Parse(File.ReadAllBytes(FixturePath(Outline)));

        Assert.Equal(ErrorKind.Invalid, result.Error?.Kind);
        Assert.StartsWith("No speaker turns found.", result.Error!.Message);
    }

    [Theory]
    [InlineData("", "The transcript is empty.")]
    [InlineData(" \n\u00a0\n\t\n", "The transcript is empty.")]
    [InlineData("Multistakeholderism in the Governance of the Internet\n\n- WSIS 2003", "No speaker turns found.")]
    [InlineData("LEON SANCHEZ:  Good morning.\n\nEVAN\0LEIBOVITCH:  Hi.", "Line 3 contains the control character U+0000")]
    [InlineData("LEON SANCHEZ:  Good morning.\n\u0007", "Line 2 contains the control character U+0007")]
    [InlineData(">> MODERATOR: hi\r\n>> Thanks\r\nPK\u0003\u0004", "Line 3 contains the control character U+0003")]
    public void Malformed_transcripts_are_refused_with_a_clear_message(string text, string message)
    {
        var result = TranscriptParser.Parse(text);

        Assert.Equal(ErrorKind.Invalid, result.Error?.Kind);
        Assert.Equal("transcript", result.Error?.Field);
        Assert.StartsWith(message, result.Error!.Message);
    }

    [Fact]
    public void A_document_with_one_stray_capitalised_label_is_not_a_transcript()
    {
        var report = string.Join("\n", Enumerable.Repeat("The workshop addressed the key question of how to cope with these changes.", 40))
            + "\nNOTE:  Panellists came from government and business.";

        var result = TranscriptParser.Parse(report);

        Assert.Contains("comes before the first turn at line 41", result.Error?.Message);
    }

    [Fact]
    public void Invalid_utf8_is_reported_with_its_line()
    {
        var bytes = Encoding.UTF8.GetBytes("LEON SANCHEZ:  Good morning.\nEVAN LEIBOVITCH:  Caf").Concat(new byte[] { 0xE9, 0x0A }).ToArray();

        var result = TranscriptParser.Parse(bytes);

        Assert.StartsWith("Line 2 is not valid UTF-8", result.Error?.Message);
    }

    [Fact]
    public void A_byte_order_mark_is_not_part_of_the_first_turn()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("ADAM PEAKE:  Hello, again.")).ToArray();

        var turn = Assert.Single(TranscriptParser.Parse(bytes).Value.Interventions);

        Assert.Equal(("ADAM PEAKE", "Hello, again."), (turn.Speaker, turn.Text));
    }

    [Fact]
    public void A_running_head_repeated_at_every_page_break_is_dropped()
    {
        var text = """
            EuroDIG 2013 – Plenary 2 – Lisbon

            MODERATOR:  Welcome to the plenary.
            We start with the first speaker.
            EuroDIG 2013 – Plenary 2 – Lisbon
            Page 2 of 3
            NNENNA:  Thank you. The messages from last year
            EuroDIG 2013 – Plenary 2 – Lisbon
            Page 3 of 3
            were revisited one year after.
            """;

        var transcript = TranscriptParser.Parse(text).Value;

        Assert.Equal(
            ["Welcome to the plenary. We start with the first speaker.", "Thank you. The messages from last year were revisited one year after."],
            transcript.Interventions.Select(i => i.Text));
    }

    [Fact]
    public void Indented_lines_start_a_new_paragraph_and_annotations_are_left_out()
    {
        var text = "ELLEN STRICKLAND:  First point\nstill the first.\n  Second point.\n[AUDIO BREAK]\n(Applause)\nEnd.";

        var turn = Assert.Single(TranscriptParser.Parse(text).Value.Interventions);

        Assert.Equal("First point still the first.\n\nSecond point. End.", turn.Text);
        Assert.Equal(8, turn.Words);
    }

    [Theory]
    [InlineData("MR. JOHN SMITH:  Hello.", "MR. JOHN SMITH")]
    [InlineData("RAÚL ECHEBERRÍA:  Hola.", "RAÚL ECHEBERRÍA")]
    [InlineData("JEAN-JACQUES SUBRENAT:  Bonjour.", "JEAN-JACQUES SUBRENAT")]
    [InlineData("  CHRISTINE O’HOEPERS :  Hi.", "CHRISTINE O’HOEPERS")]
    public void Speaker_names_in_capitals(string line, string name)
    {
        Assert.Equal(name, Assert.Single(TranscriptParser.Parse(line).Value.Interventions).Speaker);
    }

    [Theory]
    [InlineData("SPEAKER:  Hello.")]
    [InlineData("UNKNOWN SPEAKER:  Hello.")]
    [InlineData("UNIDENTIFIED FEMALE:  Hello.")]
    [InlineData(">> AUDIENCE MEMBER: Hello.")]
    public void Anonymous_labels_are_unnamed(string line)
    {
        var transcript = TranscriptParser.Parse(line).Value;
        Assert.Empty(transcript.Speakers);
        Assert.Equal(1, transcript.Unnamed.Interventions);
    }

    [Theory]
    [InlineData("Q:  What about the MAG?\nLEON SANCHEZ:  Good question.")] // one letter is not a name
    [InlineData("THE RECOMMENDATIONS OF THE WORKING GROUP ON INTERNET GOVERNANCE:  text\nLEON SANCHEZ:  Good question.")] // too many words
    public void Capitalised_text_that_is_not_a_name_does_not_start_a_turn(string text)
    {
        var turn = Assert.Single(TranscriptParser.Parse(text).Value.Interventions);
        Assert.Equal("LEON SANCHEZ", turn.Speaker);
    }

    [Fact]
    public void A_huge_line_of_capitals_is_read_in_linear_time()
    {
        var text = string.Concat(Enumerable.Repeat("WSIS IGF ", 200_000)) + "\n" + string.Concat(Enumerable.Repeat("> ", 200_000)) + "\nLEON SANCHEZ:  Okay.";
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var result = TranscriptParser.Parse(text);

        Assert.StartsWith("Most of the text", result.Error?.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public void The_same_speaker_spelled_with_other_spacing_or_accents_is_one_speaker()
    {
        var transcript = TranscriptParser.Parse(">> RAÚL ECHEBERIA: One.\n>> RAUL  ECHEBERIA: Two more.").Value;

        var speaker = Assert.Single(transcript.Speakers);
        Assert.Equal(("RAÚL ECHEBERIA", 2, 3), (speaker.Name, speaker.Interventions, speaker.Words));
    }

    internal static string FixturePath(string file) => Path.Combine(AppContext.BaseDirectory, "Sessions", "Fixtures", file);

    internal static Transcript Fixture(string file, TranscriptOptions? options = null)
    {
        var result = TranscriptParser.Parse(File.ReadAllBytes(FixturePath(file)), options);
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }

    // The real transcripts in ../shared/seeds, when they are beside the repository. Their figures were counted
    // independently of the parser (grep and awk over the files, page head and foot removed, "ten‐ / minute" counted
    // as one word).

    /// <summary>ATLAS II Thematic Group 1, Session 2, London 2014: ICANN speaker lines, one PDF page break left in.</summary>
    public const string Atlas = "000_34c0f29b769b7fbf.txt";

    /// <summary>IGF 2013 Bali workshop on multistakeholder experiences in Brazil: CART captioning.</summary>
    public const string Bali = "002_c5e50a14feaffc6f.txt";

    /// <summary>Slides on multistakeholderism: no turns.</summary>
    public const string Slides = "003_185fca52f15ee966.txt";

    /// <summary>An IGF workshop report: prose, with no turns.</summary>
    public const string Report = "004_32264662f56c0b77.txt";

    public static TheoryData<string, string, int, int> SeedSpeakerFigures => new()
    {
        { Atlas, "LEON SANCHEZ", 28, 1132 },
        { Atlas, "EVAN LEIBOVITCH", 19, 2271 },
        { Atlas, "ALEJANDRO PISANTY", 8, 3889 },
        { Atlas, "ADAM PEAKE", 3, 1072 },
        { Atlas, "ERICK IRIARTE", 4, 1549 },
        { Atlas, "LIANNA GALSTYAN", 1, 255 },
        { Atlas, "ZAHRA MOHAMED", 1, 93 },
        { Atlas, "ELLEN STRICKLAND", 1, 693 },
        { Atlas, "SERGIO BRONSTEIN", 2, 455 },
        { Atlas, "CARLOS AGUIRRE", 1, 531 },
        { Atlas, "SIVASUBRAMANIAN MUTHUSAMY", 1, 157 },
        { Atlas, "ALBERTO SOTO", 3, 64 },
        { Atlas, "ROBERT CASTONGUAY", 1, 17 },
        { Atlas, "EDUARDO DIAZ", 1, 59 },
        { Bali, "MODERATOR", 7, 1880 },
        { Bali, "ALEXANDRE FONTENELLE", 1, 641 },
        { Bali, "NNENNA NDAKANMA", 2, 915 },
        { Bali, "RAUL ECHEBERIA", 3, 1297 },
        { Bali, "CHRISTINE HOEPERS", 3, 1872 },
        { Bali, "NNENNA NWAKANMA", 1, 598 },
    };

    [SeedsTheory]
    // file, format, interventions, named speakers, unnamed interventions, unnamed words, all words
    [InlineData(Atlas, TranscriptFormat.SpeakerLines, 78, 14, 4, 59, 12296)]
    [InlineData(Bali, TranscriptFormat.Cart, 20, 6, 3, 911, 8114)]
    public void Seed_totals(string file, TranscriptFormat format, int interventions, int speakers, int unnamed, int unnamedWords, int words)
    {
        AssertTotals(Seed(file), format, interventions, speakers, unnamed, unnamedWords, words);
    }

    [SeedsTheory]
    [MemberData(nameof(SeedSpeakerFigures))]
    public void Seed_speakers(string file, string name, int interventions, int words)
    {
        var speaker = Assert.Single(Seed(file).Speakers, s => s.Name == name);
        Assert.Equal((interventions, words), (speaker.Interventions, speaker.Words));
    }

    [SeedsFact]
    public void Seed_speakers_are_listed_in_order_of_first_appearance()
    {
        AssertListedInOrder(SeedSpeakerFigures, Atlas, Seed(Atlas));
        AssertListedInOrder(SeedSpeakerFigures, Bali, Seed(Bali));
    }

    [SeedsTheory]
    [InlineData(Slides)]
    [InlineData(Report)]
    public void Seed_documents_that_are_not_transcripts_are_refused(string file)
    {
        var result = TranscriptParser.Parse(File.ReadAllBytes(SharedSeeds.PathOf(file)));

        Assert.Equal((ErrorKind.Invalid, "transcript"), (result.Error?.Kind, result.Error?.Field));
        Assert.StartsWith("No speaker turns found.", result.Error!.Message);
    }

    internal static Transcript Seed(string file, TranscriptOptions? options = null)
    {
        var result = TranscriptParser.Parse(File.ReadAllBytes(SharedSeeds.PathOf(file)), options);
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }

    /// <summary>The totals a transcript must add up to: every word counted once, turns numbered from 1.</summary>
    private static void AssertTotals(Transcript transcript, TranscriptFormat format, int interventions, int speakers, int unnamed, int unnamedWords, int words)
    {
        Assert.Equal(format, transcript.Format);
        Assert.Equal(interventions, transcript.Interventions.Count);
        Assert.Equal(speakers, transcript.Speakers.Count);
        Assert.Equal((unnamed, unnamedWords), (transcript.Unnamed.Interventions, transcript.Unnamed.Words));
        Assert.Equal(words, transcript.Words);
        Assert.Equal(words, transcript.Speakers.Sum(s => s.Words) + transcript.Unnamed.Words);
        Assert.Equal(Enumerable.Range(1, interventions), transcript.Interventions.Select(i => i.Order));
    }

    /// <summary>Speakers are listed in the order the table of figures gives for that file: first appearance.</summary>
    private static void AssertListedInOrder(TheoryData<string, string, int, int> figures, string file, Transcript transcript) =>
        Assert.Equal(
            figures.Where(row => (string)row[0] == file).Select(row => (string)row[1]),
            transcript.Speakers.Select(s => s.Name));

}
