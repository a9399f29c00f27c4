using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using EqualFooting.Common;
using EqualFooting.Conversations;
using EqualFooting.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Conversations;

/// <summary>
/// <c>polis-import DIR --process ID --as EMAIL [--title TEXT] [--stakeholder-group NAME] [--region NAME]</c>: loads a
/// Pol.is export folder (read as <c>polis-compare</c> reads it) into a process as a closed conversation, through
/// <see cref="ConversationCommands.ImportPolisAsync"/>, entered by the <c>--as</c> account (a convener). Exit codes:
/// 0 imported; 1 refused (this export is already in the process, or the process is not open), nothing stored;
/// 2 wrong arguments, a missing account, process or permission, or a file missing, not UTF-8 or malformed (the
/// message names the file and line), nothing stored.
/// </summary>
public static class PolisImportCommand
{
    public const string Usage =
        "polis-import DIR --process ID --as EMAIL [--title TEXT] [--stakeholder-group NAME] [--region NAME]\n" +
        "                        import a Pol.is export folder (votes.csv, comments.csv) into a process as a closed\n" +
        "                        conversation; its participants get placeholder accounts nobody can sign in to,\n" +
        "                        in the group and region named (\"Not stated\" by default, added when missing)";

    public static Task<int> RunAsync(WebApplication app, string[] args) => RunAsync(app.Services, args, Console.Out, Console.Error);

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter errors, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        string? folder = null, email = null, title = null;
        string group = PolisImport.NotStated, region = PolisImport.NotStated;
        int? processId = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--process" when i + 1 < args.Length:
                    if (!int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                    {
                        return await UsageAsync(errors, $"--process takes the process's number, not '{args[i]}'.");
                    }

                    processId = id;
                    break;
                case "--as" when i + 1 < args.Length:
                    email = args[++i];
                    break;
                case "--title" when i + 1 < args.Length:
                    title = args[++i];
                    break;
                case "--stakeholder-group" when i + 1 < args.Length:
                    group = args[++i];
                    break;
                case "--region" when i + 1 < args.Length:
                    region = args[++i];
                    break;
                case var a when a.StartsWith("--", StringComparison.Ordinal):
                    // Host settings (--Key=value) reach the host; anything else is a mistake.
                    if (a.Contains('=', StringComparison.Ordinal))
                    {
                        break;
                    }

                    return await UsageAsync(errors, $"Unknown option '{a}', or it lacks its value.");
                default:
                    if (folder is not null)
                    {
                        return await UsageAsync(errors, "Give one Pol.is export folder.");
                    }

                    folder = args[i];
                    break;
            }
        }

        if (folder is null || processId is not { } pid || email is null)
        {
            return await UsageAsync(errors, "Give the folder, --process and --as.");
        }

        // An import needs the statements' texts, which polis-compare can do without.
        if (Directory.Exists(folder) && !File.Exists(Path.Combine(folder, PolisExport.CommentsFile)))
        {
            await errors.WriteLineAsync($"{Path.Combine(folder, PolisExport.CommentsFile)}: no such file; the statements' texts are needed to import. Nothing was stored.");
            return 2;
        }

        var read = await PolisCompareCommand.LoadAsync(folder);
        if (read.Error is { } malformed)
        {
            await errors.WriteLineAsync(malformed.Message + " Nothing was stored.");
            return 2;
        }

        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        var import = new PolisImport(read.Value, await KeyAsync(folder, ct), title ?? ("Pol.is: " + name)[..Math.Min(Text.NameMax, 8 + name.Length)], group, region);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EqualFootingDb>();
        var normalized = email.Trim().ToUpperInvariant();
        var account = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(ct);
        if (account is null)
        {
            await errors.WriteLineAsync($"No account has the email address {email}. Nothing was stored.");
            return 2;
        }

        scope.ServiceProvider.GetRequiredService<Actors>().ActAs(new ClaimsPrincipal(new ClaimsIdentity([new System.Security.Claims.Claim(ClaimTypes.NameIdentifier, account)], "command-line")));
        var started = Environment.TickCount64;
        var imported = await scope.ServiceProvider.GetRequiredService<ConversationCommands>().ImportPolisAsync(pid, import, ct);
        if (imported.Error is { } error)
        {
            await errors.WriteLineAsync($"{error.Message} Nothing was stored.");
            return error.Kind == ErrorKind.Conflict ? 1 : 2;
        }

        var done = imported.Value;
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"{name}: imported into process {pid} as conversation {done.Conversation.Id}: {done.Statements} statements, {done.Participants} participants, {done.Votes} votes, in {(Environment.TickCount64 - started) / 1000.0:0.0} s."));
        return 0;
    }

    /// <summary>What tells one export apart from another: a hash of its votes and statements, whatever the folder is called.</summary>
    private static async Task<string> KeyAsync(string folder, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in new[] { PolisExport.VotesFile, PolisExport.CommentsFile })
        {
            hash.AppendData(await File.ReadAllBytesAsync(Path.Combine(folder, file), ct));
            hash.AppendData([0]);
        }

        return "polis:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static async Task<int> UsageAsync(TextWriter errors, string problem)
    {
        await errors.WriteLineAsync(problem);
        await errors.WriteLineAsync("usage: " + Usage);
        return 2;
    }
}
