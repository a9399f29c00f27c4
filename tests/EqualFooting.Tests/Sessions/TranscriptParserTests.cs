using System.Text;
using EqualFooting.Common;
using EqualFooting.Sessions;

namespace EqualFooting.Tests.Sessions;

/// <summary>
/// The two seed transcripts, with figures counted independently of the parser (grep and awk over the files, page
/// head and foot removed, "ten‐ / minute" counted as one word) and written down here.
/// </summary>
public class TranscriptParserTests
{
    /// <summary>ATLAS II Thematic Group 1, Session 2, London 2014: ICANN speaker lines, one PDF page break left in.</summary>
    public const string Atlas = "000_34c0f29b769b7fbf.txt";

    /// <summary>IGF 2013 Bali workshop on multistakeholder experiences in Brazil: CART captioning.</summary>
    public const string Bali = "002_c5e50a14feaffc6f.txt";

    public static TheoryData<string, string, int, int> SpeakerFigures => new()
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

    [Theory]
    // file, format, interventions, named speakers, unnamed interventions, unnamed words, all words
    [InlineData(Atlas, TranscriptFormat.SpeakerLines, 78, 14, 4, 59, 12296)]
    [InlineData(Bali, TranscriptFormat.Cart, 20, 6, 3, 911, 8114)]
    public void Seed_totals(string file, TranscriptFormat format, int interventions, int speakers, int unnamed, int unnamedWords, int words)
    {
        var transcript = Seed(file);

        Assert.Equal(format, transcript.Format);
        Assert.Equal(interventions, transcript.Interventions.Count);
        Assert.Equal(speakers, transcript.Speakers.Count);
        Assert.Equal((unnamed, unnamedWords), (transcript.Unnamed.Interventions, transcript.Unnamed.Words));
        Assert.Equal(words, transcript.Words);
        Assert.Equal(words, transcript.Speakers.Sum(s => s.Words) + transcript.Unnamed.Words);
        Assert.Equal(Enumerable.Range(1, interventions), transcript.Interventions.Select(i => i.Order));
    }

    [Theory]
    [MemberData(nameof(SpeakerFigures))]
    public void Seed_speakers(string file, string name, int interventions, int words)
    {
        var speaker = Assert.Single(Seed(file).Speakers, s => s.Name == name);
        Assert.Equal((interventions, words), (speaker.Interventions, speaker.Words));
    }

    [Fact]
    public void Seed_speakers_are_listed_in_order_of_first_appearance()
    {
        Assert.Equal(
            SpeakerFigures.Where(row => (string)row[0] == Atlas).Select(row => (string)row[1]),
            Seed(Atlas).Speakers.Select(s => s.Name));
        Assert.Equal(
            SpeakerFigures.Where(row => (string)row[0] == Bali).Select(row => (string)row[1]),
            Seed(Bali).Speakers.Select(s => s.Name));
    }

    [Fact]
    public void Atlas_page_head_foot_and_end_marker_are_dropped()
    {
        var transcript = Seed(Atlas);
        var all = string.Join("\n", transcript.Interventions.Select(i => i.Text));

        Assert.DoesNotContain("ATLAS II Thematic Group", all);
        Assert.DoesNotContain("Page 10 of 51", all);
        Assert.DoesNotContain("END OF TRANSCRIPTION", all);

        // Evan's question runs across the page break as one intervention.
        var evan = transcript.Interventions.Single(i => i.Line == 419);
        Assert.Contains("the corporate interests and you had civil society that all seemed", evan.Text);
    }

    [Fact]
    public void Atlas_unidentified_speakers_are_unnamed_and_bracketed_names_are_flagged()
    {
        var transcript = Seed(Atlas);

        var unidentified = transcript.Interventions.Where(i => i.Label == "UNIDENTIFIED MALE").ToList();
        Assert.Equal([2172, 2182, 2344, 2352], unidentified.Select(i => i.Line));
        Assert.All(unidentified, i => Assert.Null(i.Speaker));

        Assert.Equal(
            ["ROBERT CASTONGUAY", "EDUARDO DIAZ"],
            transcript.Interventions.Where(i => i.NameUncertain).Select(i => i.Speaker));
    }

    [Fact]
    public void Atlas_first_and_last_interventions()
    {
        var transcript = Seed(Atlas);

        var first = transcript.Interventions[0];
        Assert.Equal((1, "LEON SANCHEZ"), (first.Line, first.Speaker));
        Assert.StartsWith("Good morning, everyone. Should I say start the recording, Evan? Yes? Could you please", first.Text);

        var last = transcript.Interventions[^1];
        Assert.Equal((2366, "LEON SANCHEZ"), (last.Line, last.Speaker));
        Assert.EndsWith("LACRALO has already finished, so we have a longer break.", last.Text);
    }

    [Fact]
    public void Atlas_a_word_broken_across_lines_is_one_word()
    {
        var leon = Seed(Atlas).Interventions.Single(i => i.Line == 1953);
        Assert.Contains("let’s have a ten‐minute break", leon.Text);
    }

    [Fact]
    public void Bali_captioning_turns_and_notices()
    {
        var transcript = Seed(Bali);

        Assert.Equal([146, 164, 204], transcript.Interventions.Where(i => i.Speaker is null).Select(i => i.Line));
        Assert.All(transcript.Interventions.Where(i => i.Speaker is null), i => Assert.Equal("", i.Label));

        // ">>RAUL ECHEBERIA:" has no space after the marks.
        Assert.Equal("RAUL ECHEBERIA", transcript.Interventions.Single(i => i.Line == 52).Speaker);

        // The captioning provider's notice at the end is not the moderator's last words.
        var last = transcript.Interventions[^1];
        Assert.Equal((218, "MODERATOR"), (last.Line, last.Speaker));
        Assert.EndsWith("show that multistakeholder model is good to go along. Thank you.", last.Text);
        Assert.DoesNotContain("Communication Access Realtime Translation", string.Concat(transcript.Interventions.Select(i => i.Text)));
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
        var transcript = Seed(Atlas, new TranscriptOptions(WordsPerMinute: 150));
        var alejandro = transcript.Speakers.Single(s => s.Name == "ALEJANDRO PISANTY");
        Assert.Equal(TimeSpan.FromSeconds(Math.Round(3889 * 60 / 150.0)), alejandro.EstimatedDuration);
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
    [InlineData(Atlas, TranscriptFormat.Cart, "captioning", "speaker lines")]
    [InlineData(Bali, TranscriptFormat.SpeakerLines, "speaker lines", "captioning")]
    public void Forcing_the_wrong_format_is_an_error_that_says_which_format_it_looks_like(string file, TranscriptFormat forced, string named, string hint)
    {
        var result = TranscriptParser.Parse(File.ReadAllBytes(SeedPath(file)), new TranscriptOptions(forced));

        Assert.Equal(ErrorKind.Invalid, result.Error?.Kind);
        Assert.Contains($"No turns in the {named}", result.Error!.Message);
        Assert.Contains($"looks like the {hint}", result.Error.Message);
    }

    [Fact]
    public void Forcing_the_right_format_gives_the_same_result_as_detecting_it()
    {
        var forced = Seed(Bali, new TranscriptOptions(TranscriptFormat.Cart));
        Assert.Equal(Seed(Bali).Interventions, forced.Interventions);
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

    internal static string SeedPath(string file) => Path.Combine(AppContext.BaseDirectory, "Sessions", "Seeds", file);

    internal static Transcript Seed(string file, TranscriptOptions? options = null)
    {
        var result = TranscriptParser.Parse(File.ReadAllBytes(SeedPath(file)), options);
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }
}
