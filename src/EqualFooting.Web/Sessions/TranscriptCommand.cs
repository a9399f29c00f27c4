using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EqualFooting.Persistence;
using EqualFooting.Sessions;
using EqualFooting.Web.Hosting;

namespace EqualFooting.Web.Sessions;

/// <summary>
/// <c>import-transcript FILE [--json] [--format speaker-lines|cart] [--words-per-minute N] [--process ID [--session ID]]</c>:
/// reads a transcript and prints its speakers. Without a process it needs no server or database; with one, it stores
/// the interventions in the configured database through the same code as the import page (<see cref="TranscriptImports.StoreAsync"/>),
/// in one transaction with its record entry. A malformed transcript prints the parser's report on standard error and
/// exits 1; nothing is half-read or half-stored.
/// </summary>
public static class TranscriptCommand
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        string? file = null;
        var json = false;
        TranscriptFormat? format = null;
        var wordsPerMinute = TranscriptOptions.DefaultWordsPerMinute;
        int? process = null;
        int? session = null;
        var configuration = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--process" when i + 1 < args.Length:
                    if (!int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var p))
                    {
                        return await UsageAsync(errors, $"--process takes a process number, not '{args[i]}'.");
                    }

                    process = p;
                    break;
                case "--session" when i + 1 < args.Length:
                    if (!int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var sid))
                    {
                        return await UsageAsync(errors, $"--session takes a session number, not '{args[i]}'.");
                    }

                    session = sid;
                    break;
                case var setting when setting.StartsWith("--", StringComparison.Ordinal) && setting.Contains('='):
                    // Configuration such as --ConnectionStrings:Default=…, as the other database commands take it.
                    configuration.Add(setting);
                    break;
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

        if (session is not null && process is null)
        {
            return await UsageAsync(errors, "--session needs --process.");
        }

        if (process is null)
        {
            output.Write(json ? TranscriptSummary.Json(parsed.Value) + Environment.NewLine : TranscriptSummary.Table(parsed.Value));
            return 0;
        }

        var app = App.Build([.. configuration]);
        await using var scope = app.Services.CreateAsyncScope();
        await EqualFooting.Persistence.Database.MigrateAsync(scope.ServiceProvider.GetRequiredService<EqualFootingDb>());
        var stored = await scope.ServiceProvider.GetRequiredService<TranscriptImports>()
            .StoreAsync(process.Value, session, Path.GetFileName(file), parsed.Value, viaCommandLine: true);
        if (stored.Error is { } refused)
        {
            await errors.WriteLineAsync($"{file}: {refused.Message}");
            return 1;
        }

        var done = stored.Value;
        if (json)
        {
            var node = JsonNode.Parse(TranscriptSummary.Json(parsed.Value))!.AsObject();
            node["stored"] = JsonSerializer.SerializeToNode(done, WebJson);
            output.WriteLine(node.ToJsonString());
        }
        else
        {
            output.Write(TranscriptSummary.Table(parsed.Value));
            var where = done.SessionCreated ? $"the new past session {done.SessionId}" : $"session {done.SessionId}";
            output.WriteLine($"Stored {done.Interventions} interventions in {where} of process {process}.");
            if (done.UnknownSpeakers.Count > 0)
            {
                output.WriteLine($"Speakers not in the process's name table yet ({done.UnknownSpeakers.Count}): {string.Join(", ", done.UnknownSpeakers)}");
                output.WriteLine($"Map them at /processes/{process}/speakers.");
            }
        }

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
        await errors.WriteLineAsync("usage: import-transcript FILE [--json] [--format speaker-lines|cart] [--words-per-minute N] [--process ID [--session ID]]");
        return 2;
    }
}
