using EqualFooting.Persistence;
using EqualFooting.Web.Sessions;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Hosting;

/// <summary>
/// Operator commands that run against the configured database without starting the server:
/// <c>dotnet run --project src/EqualFooting.Web -- COMMAND [arguments]</c>.
/// </summary>
public static class Commands
{
    private static readonly Dictionary<string, (string Usage, Func<WebApplication, string[], Task<int>> Run)> WithDatabase = new()
    {
        ["promote-admin"] = ("promote-admin EMAIL   make an existing account an administrator of this site", PromoteAdminAsync),
        ["import-comments"] = (EqualFooting.Web.Consultations.ImportCommentsCommand.Usage, EqualFooting.Web.Consultations.ImportCommentsCommand.RunAsync),
        ["polis-import"] = (EqualFooting.Web.Conversations.PolisImportCommand.Usage, EqualFooting.Web.Conversations.PolisImportCommand.RunAsync),
    };

    private static readonly Dictionary<string, (string Usage, Func<string[], Task<int>> Run)> Standalone = new()
    {
        ["import-transcript"] = (
            "import-transcript FILE [--json] [--format speaker-lines|cart] [--words-per-minute N] [--process ID [--session ID]]\n" +
            "                        read a session transcript and list its speakers, interventions and words;\n" +
            "                        with --process, store its interventions in that process (a new past session unless --session)",
            TranscriptCommand.RunAsync),
        ["verify-record"] = (EqualFooting.Web.Record.VerifyRecordCommand.Usage, EqualFooting.Web.Record.VerifyRecordCommand.RunAsync),
        ["polis-compare"] = (EqualFooting.Web.Conversations.PolisCompareCommand.Usage, EqualFooting.Web.Conversations.PolisCompareCommand.RunAsync),
    };

    /// <summary>Runs the command named by the first argument; null when the arguments do not name one.</summary>
    public static async Task<int?> TryRunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            return null;
        }

        if (args[0] is "help" or "--help" or "-h")
        {
            PrintCommands(Console.Out);
            return 0;
        }

        // A misspelled command must not start the site and migrate the database in its place. Anything that is not
        // a setting for the host (--urls X, --Key=value, /Key value, Key=value) has to be a command.
        if (!IsHostSetting(args[0]) && !Standalone.ContainsKey(args[0]) && !WithDatabase.ContainsKey(args[0]))
        {
            await Console.Error.WriteLineAsync($"Unknown command \"{args[0]}\".");
            PrintCommands(Console.Error);
            return 2;
        }

        if (Standalone.TryGetValue(args[0], out var standalone))
        {
            return await standalone.Run(args[1..]);
        }

        if (!WithDatabase.TryGetValue(args[0], out var command))
        {
            return null;
        }

        var rest = args[1..];
        var app = App.Build(rest.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=')).ToArray());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await EqualFooting.Persistence.Database.MigrateAsync(scope.ServiceProvider.GetRequiredService<EqualFootingDb>());
        }

        // A command runs without starting the web host, so the writer that stores comments (a hosted service) is started
        // on its own; without it, a command that submits comments would wait forever.
        var intake = app.Services.GetRequiredService<EqualFooting.Web.Consultations.CommentIntake>();
        await intake.StartAsync(CancellationToken.None);
        try
        {
            return await command.Run(app, rest);
        }
        finally
        {
            await intake.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>An argument for the host's configuration rather than a command: an option or a key=value pair.</summary>
    public static bool IsHostSetting(string argument) =>
        argument.StartsWith('-') || argument.StartsWith('/') || argument.Contains('=', StringComparison.Ordinal);

    private static void PrintCommands(TextWriter to)
    {
        to.WriteLine("Commands:");
        foreach (var usage in WithDatabase.Values.Select(c => c.Usage).Concat(Standalone.Values.Select(c => c.Usage)))
        {
            to.WriteLine("  " + usage);
        }

        to.WriteLine("With no command, the site starts.");
    }

    private static async Task<int> PromoteAdminAsync(WebApplication app, string[] args)
    {
        var email = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (email is null)
        {
            await Console.Error.WriteLineAsync("usage: promote-admin EMAIL");
            return 2;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EqualFootingDb>();
        var normalized = email.Trim().ToUpperInvariant();
        var account = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized);
        if (account is null)
        {
            await Console.Error.WriteLineAsync($"No account has the email address {email}. Register it on the site first.");
            return 1;
        }

        account.IsAdministrator = true;
        await scope.ServiceProvider.GetRequiredService<Writes>().SaveAsync(
            null,
            EqualFooting.Web.Accounts.AccountRecord.PromotedToAdministrator,
            () => new Dictionary<string, object?> { ["account"] = account.Id, ["via"] = "command line" });
        Console.WriteLine($"{account.DisplayName} <{account.Email}> is now an administrator.");
        return 0;
    }
}
