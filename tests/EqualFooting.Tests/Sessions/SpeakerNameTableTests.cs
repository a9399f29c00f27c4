using EqualFooting.Common;
using EqualFooting.Sessions;

namespace EqualFooting.Tests.Sessions;

public class SpeakerNameTableTests
{
    private const int Leon = 11;
    private const int Nnenna = 21;
    private const int Raul = 22;
    private const int Cristine = 23;

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
    public void The_bali_transcript_against_the_participant_list()
    {
        var table = SpeakerNameTable.Create(
        [
            new SpeakerName("Nnenna Nwakanma", Nnenna),
            new SpeakerName("NNENNA NDAKANMA", Nnenna), // the captioner's spelling of the same person
            new SpeakerName("Raúl Echeberia", Raul),
            new SpeakerName("Christine Hoepers", Cristine),
        ]).Value;

        var match = table.Match(TranscriptParserTests.Seed(TranscriptParserTests.Bali));

        Assert.Equal(
            [
                new MatchedSpeaker("NNENNA NDAKANMA", Nnenna),
                new MatchedSpeaker("RAUL ECHEBERIA", Raul),
                new MatchedSpeaker("CHRISTINE HOEPERS", Cristine),
                new MatchedSpeaker("NNENNA NWAKANMA", Nnenna),
            ],
            match.Known);
        Assert.Equal(["MODERATOR", "ALEXANDRE FONTENELLE"], match.Unknown);
    }

    [Fact]
    public void An_empty_table_knows_nobody()
    {
        var match = SpeakerNameTable.Create([]).Value.Match(TranscriptParserTests.Seed(TranscriptParserTests.Atlas));
        Assert.Empty(match.Known);
        Assert.Equal(14, match.Unknown.Count);
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
