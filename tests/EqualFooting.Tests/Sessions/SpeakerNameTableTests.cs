using EqualFooting.Common;
using EqualFooting.Sessions;

namespace EqualFooting.Tests.Sessions;

public class SpeakerNameTableTests
{
    private const int Leon = 11;
    private const int Lucia = 21;
    private const int Folasade = 22;
    private const int Jonas = 23;

    [Theory]
    [InlineData("Leon Sanchez", Leon)]
    [InlineData("LEON SANCHEZ", Leon)]
    [InlineData("  leon   sanchez ", Leon)]
    [InlineData("LEON\u00a0SANCHEZ", Leon)]
    [InlineData("LeonSanchez", Leon)]
    [InlineData("León Sánchez", Leon)]
    [InlineData("Leon Sanches", null)]
    [InlineData("Sanchez", null)]
    [InlineData(null, null)]
    public void Names_match_whatever_the_case_spacing_or_accents(string? name, int? participant)
    {
        var table = SpeakerNameTable.Create([new SpeakerName("Leon Sánchez", Leon)]).Value;
        Assert.Equal(participant, table.Find(name));
    }

    [Fact]
    public void The_captions_fixture_against_the_participant_list()
    {
        var table = SpeakerNameTable.Create(
        [
            new SpeakerName("Folasade Oyelaran", Folasade),
            new SpeakerName("FOLASADE OYELERAN", Folasade), // the captioner's misspelling of the same person
            new SpeakerName("Lucía Benavides", Lucia), // also stands for "LUCIA BENAVIDES", one speaker in the transcript
            new SpeakerName("Jonas Ekdahl", Jonas),
        ]).Value;

        var match = table.Match(TranscriptParserTests.Fixture(TranscriptParserTests.Captions));

        Assert.Equal(
            [
                new MatchedSpeaker("LUCÍA BENAVIDES", Lucia),
                new MatchedSpeaker("FOLASADE OYELARAN", Folasade),
                new MatchedSpeaker("JONAS EKDAHL", Jonas),
                new MatchedSpeaker("FOLASADE OYELERAN", Folasade),
            ],
            match.Known);
        Assert.Equal(["MODERATOR", "ESTER VAHTRA"], match.Unknown);
    }

    [Fact]
    public void An_empty_table_knows_nobody()
    {
        var match = SpeakerNameTable.Create([]).Value.Match(TranscriptParserTests.Fixture(TranscriptParserTests.Minutes));
        Assert.Empty(match.Known);
        Assert.Equal(7, match.Unknown.Count);
    }

    [Fact]
    public void One_spelling_cannot_stand_for_two_participants()
    {
        var result = SpeakerNameTable.Create([new SpeakerName("Adam Peake", 1), new SpeakerName("ADAM  PEAKE", 2)]);

        Assert.Equal(ErrorKind.Conflict, result.Error?.Kind);
        Assert.Equal("name", result.Error?.Field);
    }

    [Fact]
    public void Repeating_a_spelling_for_the_same_participant_is_fine()
    {
        var table = SpeakerNameTable.Create([new SpeakerName("Adam Peake", 1), new SpeakerName("ADAM PEAKE", 1)]).Value;
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void A_blank_name_is_refused()
    {
        Assert.Equal(ErrorKind.Invalid, SpeakerNameTable.Create([new SpeakerName(" ", 1)]).Error?.Kind);
    }
}
