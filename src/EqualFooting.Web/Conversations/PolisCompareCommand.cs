using System.Globalization;
using System.Text.Json;
using EqualFooting.Common;
using EqualFooting.Conversations;

namespace EqualFooting.Web.Conversations;

/// <summary>
/// <c>polis-compare DIR [--json]</c>: reads a Pol.is export folder, runs the opinion analysis on it without a database
/// and compares the groups with the ones Pol.is assigned (adjusted Rand index over the participants both clustered).
/// Exit codes: 0 done; 2 wrong arguments, or a file missing, not UTF-8 or malformed (the message names file and line).
/// </summary>
public static class PolisCompareCommand
{
    public const string Usage =
        "polis-compare DIR [--json] [--min-votes N] [--scale]\n" +
        "                        run the opinion analysis on a Pol.is export folder (votes.csv, comments.csv,\n" +
        "                        participants-votes.csv) and compare its groups with Pol.is's (adjusted Rand index);\n" +
        "                        --min-votes sets participants with fewer votes aside (7), --scale scales sparse voters";

    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        var json = false;
        var settings = new OpinionSettings();
        var folders = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json":
                    json = true;
                    break;
                case "--scale":
                    settings = settings with { ScaleSparseVoters = true };
                    break;
                case "--min-votes" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var min) && min > 0:
                    settings = settings with { MinVotes = min };
                    i++;
                    break;
                case var a when a.StartsWith("--", StringComparison.Ordinal):
                    await errors.WriteLineAsync($"Unknown option '{a}', or it lacks its value.\nusage: " + Usage);
                    return 2;
                default:
                    folders.Add(args[i]);
                    break;
            }
        }

        if (folders.Count != 1)
        {
            await errors.WriteLineAsync("Give one Pol.is export folder.\nusage: " + Usage);
            return 2;
        }

        var read = await LoadAsync(folders[0]);
        if (read.Error is { } error)
        {
            await errors.WriteLineAsync(error.Message);
            return 2;
        }

        var conversation = read.Value;
        var map = OpinionAnalysis.Run(conversation.Matrix, settings);
        var comparison = Compare(conversation, map);
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["participants"] = conversation.Matrix.Participants,
                ["clustered"] = map.Points.Count,
                ["groups"] = map.Groups.Count,
                ["polis_groups"] = comparison.PolisGroups,
                ["ari"] = Math.Round(comparison.Ari, 4),
            }));
            return 0;
        }

        var c = CultureInfo.InvariantCulture;
        await output.WriteLineAsync(string.Create(c, $"{Path.GetFileName(Path.TrimEndingDirectorySeparator(folders[0]))}: {conversation.Matrix.Participants} participants, {conversation.Matrix.Statements} statements, {conversation.Matrix.Count} votes"));
        await output.WriteLineAsync(string.Create(c, $"clustered {map.Points.Count}; groups {map.Groups.Count} (Pol.is {comparison.PolisGroups}); compared {comparison.Compared}; ARI {comparison.Ari:0.000}"));
        await output.WriteLineAsync("silhouette by k: " + string.Join(", ", map.Silhouettes.Select(s => string.Create(c, $"{s.Key}: {s.Value:0.000}"))));
        foreach (var group in map.Groups)
        {
            await output.WriteLineAsync(string.Create(c, $"group {(char)('A' + group.Id)}: {group.Size} participants"));
            foreach (var r in group.Representative.Take(3))
            {
                await output.WriteLineAsync(string.Create(c, $"  {(r.Direction == VoteChoice.Agree ? "agree" : "disagree")} {r.GroupRate:0.00} vs {r.OtherRate:0.00}: {Short(conversation.Statements[r.Statement].Text)}"));
            }
        }

        foreach (var b in map.Bridging.Take(3))
        {
            await output.WriteLineAsync(string.Create(c, $"bridging {b.Score:0.00}: {Short(conversation.Statements[b.Statement].Text)}"));
        }

        return 0;
    }

    /// <summary>Reads the three files of an export folder; a missing votes.csv, a file that is not UTF-8, or a malformed record is an error naming the file.</summary>
    public static async Task<Result<PolisConversation>> LoadAsync(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            return Error.Invalid("folder", $"No such folder: {folder}");
        }

        async Task<(string? Text, Error? Error)> ReadAsync(string name, bool required)
        {
            var path = Path.Combine(folder, name);
            if (!File.Exists(path))
            {
                return (null, required ? Error.Invalid(name, $"{path}: no such file; a Pol.is export has one.") : null);
            }

            var text = Csv.DecodeUtf8(await File.ReadAllBytesAsync(path));
            return text is null ? (null, Error.Invalid(name, $"{path}: not UTF-8 text.")) : (text, null);
        }

        var votes = await ReadAsync(PolisExport.VotesFile, required: true);
        var comments = await ReadAsync(PolisExport.CommentsFile, required: false);
        var participants = await ReadAsync(PolisExport.ParticipantsFile, required: false);
        if ((votes.Error ?? comments.Error ?? participants.Error) is { } error)
        {
            return error;
        }

        var read = PolisExport.Read(votes.Text!, comments.Text, participants.Text);
        return read.Error is { } fault ? Error.Invalid(fault.Field ?? "folder", Path.Combine(folder, fault.Message)) : read;
    }

    /// <summary>The adjusted Rand index between this analysis's groups and Pol.is's, over the participants both clustered.</summary>
    public static (double Ari, int Compared, int PolisGroups) Compare(PolisConversation conversation, OpinionMap map)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(map);
        var ours = new List<int>();
        var theirs = new List<int>();
        foreach (var point in map.Points)
        {
            if (conversation.PolisGroups.TryGetValue(conversation.VoterIds[point.Participant], out var polis))
            {
                ours.Add(point.Group);
                theirs.Add(polis);
            }
        }

        return (ours.Count > 0 ? AdjustedRandIndex.Compute(ours, theirs) : 0, ours.Count, conversation.PolisGroups.Values.Distinct().Count());
    }

    private static string Short(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= 100 ? line : line[..99] + "…";
    }
}
