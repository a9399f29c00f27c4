using System.Text.Json;
using EqualFooting.Sessions;

namespace EqualFooting.Tests.Sessions;

public class TranscriptSummaryTests
{
    [Fact]
    public void Json_has_exactly_the_agreed_shape()
    {
        var json = TranscriptSummary.Json(TranscriptParserTests.Seed(TranscriptParserTests.Bali));

        Assert.Equal(
            """
            {
              "interventions": 20,
              "speakers": [
                {
                  "name": "MODERATOR",
                  "interventions": 7,
                  "words": 1880
                },
                {
                  "name": "ALEXANDRE FONTENELLE",
                  "interventions": 1,
                  "words": 641
                },
                {
                  "name": "NNENNA NDAKANMA",
                  "interventions": 2,
                  "words": 915
                },
                {
                  "name": "RAUL ECHEBERIA",
                  "interventions": 3,
                  "words": 1297
                },
                {
                  "name": "CHRISTINE HOEPERS",
                  "interventions": 3,
                  "words": 1872
                },
                {
                  "name": "NNENNA NWAKANMA",
                  "interventions": 1,
                  "words": 598
                }
              ],
              "unnamed": {
                "interventions": 3,
                "words": 911
              }
            }
            """.ReplaceLineEndings("\n"),
            json.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Json_round_trips_for_the_atlas_seed()
    {
        using var doc = JsonDocument.Parse(TranscriptSummary.Json(TranscriptParserTests.Seed(TranscriptParserTests.Atlas)));
        var root = doc.RootElement;

        Assert.Equal(["interventions", "speakers", "unnamed"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(78, root.GetProperty("interventions").GetInt32());
        Assert.Equal(14, root.GetProperty("speakers").GetArrayLength());
        Assert.All(root.GetProperty("speakers").EnumerateArray(), s => Assert.Equal(["name", "interventions", "words"], s.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(["interventions", "words"], root.GetProperty("unnamed").EnumerateObject().Select(p => p.Name));
        Assert.Equal(59, root.GetProperty("unnamed").GetProperty("words").GetInt32());
    }

    [Fact]
    public void Json_keeps_accents_readable()
    {
        var transcript = TranscriptParser.Parse("RAÚL ECHEBERRÍA:  Gracias <b>.").Value;
        var json = TranscriptSummary.Json(transcript);
        Assert.Contains("\"name\": \"RAÚL ECHEBERRÍA\"", json);
    }

    [Fact]
    public void Table_lists_speakers_then_unnamed_then_the_total()
    {
        var transcript = TranscriptParser.Parse(
            """
            >> MODERATOR: Good morning to everybody.
            >> CHRISTINE HOEPERS: Thank you.
            >> I have a question for the panel.
            >> MODERATOR: Thank you.
            """).Value;

        Assert.Equal(
            """
            Speaker            Interventions  Words
            -----------------  -------------  -----
            MODERATOR                      2      6
            CHRISTINE HOEPERS              1      2
            (unnamed)                      1      7
            -----------------  -------------  -----
            Total                          4     15

            """.ReplaceLineEndings("\n"),
            TranscriptSummary.Table(transcript));
    }

    [Fact]
    public void Table_without_unnamed_turns_has_no_unnamed_row()
    {
        var table = TranscriptSummary.Table(TranscriptParser.Parse("ADAM PEAKE:  Hello, again.").Value);
        Assert.DoesNotContain("(unnamed)", table);
        Assert.Equal(
            """
            Speaker     Interventions  Words
            ----------  -------------  -----
            ADAM PEAKE              1      2
            ----------  -------------  -----
            Total                   1      2

            """.ReplaceLineEndings("\n"),
            table);
    }
}
