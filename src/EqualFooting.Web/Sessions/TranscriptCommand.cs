using System.Globalization;
using EqualFooting.Sessions;

namespace EqualFooting.Web.Sessions;

/// <summary>
/// <c>import-transcript FILE [--json] [--format speaker-lines|cart] [--words-per-minute N]</c>: reads a transcript
/// without a server or database and prints its speakers. A malformed transcript prints the parser's report on
/// standard error and exits 1; nothing is half-read.
/// </summary>
public static class TranscriptCommand
{
    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        string? file = null;
        var json = false;
        TranscriptFormat? format = null;
        var wordsPerMinute = TranscriptOptions.DefaultWordsPerMinute;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json":
                    json = true;
                    break;
                case "--format" when i + 1 < args.Length:
                    format = args[++i] switch
                    {
                        "speaker-lines" => TranscriptFormat.SpeakerLines,
                        "cart" => TranscriptFormat.Cart,
                        var other => null,
                    };
                    if (format is null)
                    {
                        return await UsageAsync(errors, $"--format takes speaker-lines or cart, not '{args[i]}'.");
                    }

                    break;
                case "--words-per-minute" when i + 1 < args.Length:
                    if (!double.TryParse(args[++i], NumberStyles.Float, CultureInfo.InvariantCulture, out wordsPerMinute))
                    {
                        return await UsageAsync(errors, $"--words-per-minute takes a number, not '{args[i]}'.");
                    }

                    break;
                case var a when a.StartsWith("--", StringComparison.Ordinal):
                    return await UsageAsync(errors, $"Unknown option '{a}'.");
                default:
                    if (file is not null)
                    {
                        return await UsageAsync(errors, "Give one transcript file.");
                    }

                    file = args[i];
                    break;
            }
        }

        if (file is null)
        {
            return await UsageAsync(errors, "Give the transcript file to read.");
        }

        file = Resolve(file);
        if (!File.Exists(file))
        {
            await errors.WriteLineAsync($"No such file: {file}");
            return 1;
        }

        var parsed = TranscriptParser.Parse(await File.ReadAllBytesAsync(file), new TranscriptOptions(format, wordsPerMinute));
        if (parsed.Error is { } error)
        {
            await errors.WriteLineAsync($"{file}: {error.Message}");
            return 1;
        }

        output.Write(json ? TranscriptSummary.Json(parsed.Value) + Environment.NewLine : TranscriptSummary.Table(parsed.Value));
        return 0;
    }

    /// <summary>
    /// `dotnet run --project` starts the app in the project's folder, so a path the user typed relative to their shell
    /// is resolved against the shell's folder, which the shell passes on as PWD.
    /// </summary>
    private static string Resolve(string path) =>
        Path.IsPathRooted(path) || File.Exists(path) || Environment.GetEnvironmentVariable("PWD") is not { Length: > 0 } shell
            ? path
            : Path.GetFullPath(path, shell);

    private static async Task<int> UsageAsync(TextWriter errors, string problem)
    {
        await errors.WriteLineAsync(problem);
        await errors.WriteLineAsync("usage: import-transcript FILE [--json] [--format speaker-lines|cart] [--words-per-minute N]");
        return 2;
    }
}
