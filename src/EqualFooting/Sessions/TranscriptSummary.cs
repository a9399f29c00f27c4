using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace EqualFooting.Sessions;

/// <summary>
/// What the import-transcript command prints: a plain-text table for people, or JSON for scripts. The JSON shape is
/// a contract ({"interventions", "speakers": [{"name", "interventions", "words"}], "unnamed": {"interventions", "words"}}),
/// so it is written from dedicated records rather than from the domain types, which may grow.
/// </summary>
public static class TranscriptSummary
{
    private const string UnnamedLabel = "(unnamed)";
    private const string TotalLabel = "Total";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,

        // Speakers' names keep their accents in the output; only characters unsafe in HTML are still escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static string Json(Transcript transcript)
    {
        var summary = new SummaryJson(
            transcript.Interventions.Count,
            transcript.Speakers.Select(s => new SpeakerJson(s.Name, s.Interventions, s.Words)).ToList(),
            new UnnamedJson(transcript.Unnamed.Interventions, transcript.Unnamed.Words));
        return JsonSerializer.Serialize(summary, JsonOptions);
    }

    /// <summary>Speakers in order of first appearance, then the unnamed turns (if any) and the total.</summary>
    public static string Table(Transcript transcript)
    {
        var rows = transcript.Speakers.Select(s => (s.Name, s.Interventions, s.Words)).ToList();
        if (transcript.Unnamed.Interventions > 0)
        {
            rows.Add((UnnamedLabel, transcript.Unnamed.Interventions, transcript.Unnamed.Words));
        }

        var total = (Name: TotalLabel, Interventions: transcript.Interventions.Count, transcript.Words);
        var nameWidth = rows.Select(r => r.Name.Length).Append("Speaker".Length).Append(TotalLabel.Length).Max();
        var countWidth = Math.Max("Interventions".Length, Number(total.Interventions).Length);
        var wordWidth = Math.Max("Words".Length, Number(total.Words).Length);

        var sb = new StringBuilder();
        void Line(string name, string interventions, string words) =>
            sb.Append(name.PadRight(nameWidth)).Append("  ")
              .Append(interventions.PadLeft(countWidth)).Append("  ")
              .Append(words.PadLeft(wordWidth)).Append('\n');

        Line("Speaker", "Interventions", "Words");
        Line(new string('-', nameWidth), new string('-', countWidth), new string('-', wordWidth));
        foreach (var (name, interventions, words) in rows)
        {
            Line(name, Number(interventions), Number(words));
        }

        Line(new string('-', nameWidth), new string('-', countWidth), new string('-', wordWidth));
        Line(total.Name, Number(total.Interventions), Number(total.Words));
        return sb.ToString();
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private sealed record SummaryJson(int Interventions, IReadOnlyList<SpeakerJson> Speakers, UnnamedJson Unnamed);

    private sealed record SpeakerJson(string Name, int Interventions, int Words);

    private sealed record UnnamedJson(int Interventions, int Words);
}
