using System.Text.Json;
using EqualFooting.Sessions;

namespace EqualFooting.Tests.Sessions;

public class TranscriptSummaryTests
{
    [Fact]
    public void Json_has_exactly_the_agreed_shape()
    {
        var json = TranscriptSummary.Json(TranscriptParserTests.Fixture(TranscriptParserTests.Captions));

        Assert.Equal(
            """
            {
              "interventions": 18,
              "speakers": [
                {
                  "name": "MODERATOR",
                  "interventions": 7,
                  "words": 166
                },
                {
                  "name": "LUCÍA BENAVIDES",
                  "interventions": 2,
                  "words": 221
                },
                {
                  "name": "FOLASADE OYELARAN",
                  "interventions": 1,
                  "words": 137
                },
                {
                  "name": "JONAS EKDAHL",
                  "interventions": 2,
                  "words": 142
                },
                {
                  "name": "ESTER VAHTRA",
                  "interventions": 2,
                  "words": 85
                },
                {
                  "name": "FOLASADE OYELERAN",
                  "interventions": 1,
                  "words": 25
                }
              ],
              "unnamed": {
                "interventions": 3,
                "words": 108
              }
            }
            """.ReplaceLineEndings("\n"),
            json.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Json_round_trips_for_the_minutes_fixture()
    {
        using var doc = JsonDocument.Parse(TranscriptSummary.Json(TranscriptParserTests.Fixture(TranscriptParserTests.Minutes)));
        var root = doc.RootElement;

        Assert.Equal(["interventions", "speakers", "unnamed"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(21, root.GetProperty("interventions").GetInt32());
        Assert.Equal(7, root.GetProperty("speakers").GetArrayLength());
        Assert.All(root.GetProperty("speakers").EnumerateArray(), s => Assert.Equal(["name", "interventions", "words"], s.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(["interventions", "words"], root.GetProperty("unnamed").EnumerateObject().Select(p => p.Name));
        Assert.Equal(21, root.GetProperty("unnamed").GetProperty("words").GetInt32());
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
