using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using EqualFooting.Common;
using EqualFooting.Consultations;
using EqualFooting.Persistence;
using EqualFooting.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Consultations;

/// <summary>
/// <c>import-comments FILE.csv --consultation ID --as EMAIL [--dry-run] [--rejects FILE]</c>: stores comments that
/// reached the secretariat by e-mail or on paper, through the same use case as the batch API (channel BulkImport,
/// entered by the <c>--as</c> account, each in its author's name, group and region). Rows are sent in chunks with an
/// idempotency key each, so running the same file again stores nothing twice. Exit codes: 0 every row stored or
/// already present; 1 some rows rejected (the others stored); 2 wrong arguments, or the account, consultation or
/// permission is missing; 3 the file cannot be read as a whole (not UTF-8, no header, unknown or missing columns),
/// and nothing was stored.
/// </summary>
public static partial class ImportCommentsCommand
{
    public const string Usage =
        "import-comments FILE.csv --consultation ID --as EMAIL [--dry-run] [--rejects REJECTS.csv]\n" +
        "                        store comments sent by e-mail or on paper; columns: author, stakeholder_group,\n" +
        "                        region, text (required), country, paragraph, key (optional); see the README";

    public const int ChunkSize = 500;

    public static Task<int> RunAsync(WebApplication app, string[] args) =>
        RunAsync(app.Services, args, Console.Out, Console.Error, interactive: !Console.IsErrorRedirected);

    /// <param name="interactive">Draw a progress bar on <paramref name="errors"/>; otherwise print a line per chunk.</param>
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter errors, bool interactive, CancellationToken ct = default)
    {
        string? file = null, email = null, rejectsFile = null;
        int? consultationId = null;
        var dryRun = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--dry-run":
                    dryRun = true;
                    break;
                case "--consultation" when i + 1 < args.Length:
                    if (!int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                    {
                        return await UsageAsync(errors, $"--consultation takes the consultation's number, not '{args[i]}'.");
                    }

                    consultationId = id;
                    break;
                case "--as" when i + 1 < args.Length:
                    email = args[++i];
                    break;
                case "--rejects" when i + 1 < args.Length:
                    rejectsFile = args[++i];
                    break;
                case var a when a.StartsWith("--", StringComparison.Ordinal):
                    return await UsageAsync(errors, $"Unknown option '{a}', or it lacks its value.");
                default:
                    if (file is not null)
                    {
                        return await UsageAsync(errors, "Give one CSV file.");
                    }

                    file = args[i];
                    break;
            }
        }

        if (file is null || consultationId is not { } cid || email is null)
        {
            return await UsageAsync(errors, "Give the file, --consultation and --as.");
        }

        if (!File.Exists(file))
        {
            await errors.WriteLineAsync($"No such file: {file}");
            return 2;
        }

        var text = Csv.DecodeUtf8(await File.ReadAllBytesAsync(file, ct));
        if (text is null)
        {
            await errors.WriteLineAsync($"{file} is not UTF-8 text. Save it as \"CSV UTF-8\" and try again. Nothing was stored.");
            return 3;
        }

        var records = Csv.Read(text).ToList();
        var header = CommentImport.ReadHeader(records.FirstOrDefault());
        if (header.Error is { } badHeader)
        {
            await errors.WriteLineAsync($"{file}: {badHeader.Message} Nothing was stored.");
            return 3;
        }

        // Who enters the comments, and where: checked once up front so a wrong --as fails before any row is read.
        string accountId;
        ImportTarget target;
        int? enteringParticipant;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EqualFootingDb>();
            var normalized = email.Trim().ToUpperInvariant();
            var account = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(ct);
            if (account is null)
            {
                await errors.WriteLineAsync($"No account has the email address {email}.");
                return 2;
            }

            accountId = account;
            var commands = ActingAs(scope.ServiceProvider, accountId);
            var found = await commands.FindAsync(cid, ct);
            if (found.Error is { } missing)
            {
                await errors.WriteLineAsync($"Consultation {cid}: {missing.Message}");
                return 2;
            }

            var (consultation, process, actor) = found.Value;
            if (ConsultationPolicy.EnterOnBehalf(actor, process, consultation, scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow()) is { } denied)
            {
                await errors.WriteLineAsync($"{email}: {denied.Message}");
                return 2;
            }

            var latest = await db.DraftVersions.AsNoTracking().FirstAsync(v => v.ConsultationId == cid && v.Number == consultation.LatestVersion, ct);
            target = new ImportTarget(
                process.StakeholderGroups.Where(g => !g.IsRetired).ToDictionary(g => g.Name, g => g.Id, StringComparer.OrdinalIgnoreCase),
                process.Regions.Where(r => !r.IsRetired).ToDictionary(r => r.Name, r => r.Id, StringComparer.OrdinalIgnoreCase),
                latest.Paragraphs.ToDictionary(p => p.Number, p => p.Id));
            enteringParticipant = await db.Participants.Where(p => p.ProcessId == process.Id && p.AccountId == accountId).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        }

        var rows = new List<ImportRow>();
        var rejections = new List<ImportRejection>();
        for (var i = 1; i < records.Count; i++)
        {
            var read = CommentImport.ReadRow(records[i], i + 1, header.Value, target);
            if (read.Error is { } invalid)
            {
                rejections.Add(CommentImport.Rejection(records[i], i + 1, invalid));
            }
            else
            {
                rows.Add(read.Value);
            }
        }

        var progress = new Progress(errors, interactive, rows.Count);
        int stored = 0, present = 0;
        foreach (var chunk in rows.Chunk(ChunkSize))
        {
            await using var scope = services.CreateAsyncScope();
            if (dryRun)
            {
                var db = scope.ServiceProvider.GetRequiredService<EqualFootingDb>();
                var keys = chunk.Select(r => r.Key).ToList();
                var existing = await db.Comments
                    .Where(c => c.ConsultationId == cid && c.AuthorParticipantId == enteringParticipant && c.IdempotencyKey != null && keys.Contains(c.IdempotencyKey))
                    .Select(c => c.IdempotencyKey!)
                    .ToListAsync(ct);
                var distinct = keys.Distinct().Count();
                present += chunk.Length - distinct + existing.Count;
                stored += distinct - existing.Count;
                progress.Advance(chunk.Length);
                continue;
            }

            var commands = ActingAs(scope.ServiceProvider, accountId);
            var pending = chunk.ToList();
            while (pending.Count > 0)
            {
                var result = await commands.SubmitBatchAsync(cid, pending.Select(ToInput).ToList(), CommentChannel.BulkImport, ct);
                if (result.Error is { } error)
                {
                    if (error.Field is { } field && RowOf(field) is { } index && index < pending.Count)
                    {
                        var row = pending[index];
                        rejections.Add(new ImportRejection(row.Row, row.Line, Column(field), error.Message));
                        pending.RemoveAt(index);
                        continue;
                    }

                    progress.Done();
                    await errors.WriteLineAsync($"Stopped: {error.Message} Rows before this chunk were stored; run the same command again once this is fixed.");
                    await ReportAsync(output, file, records.Count - 1, stored, present, rejections, dryRun);
                    return 2;
                }

                stored += result.Value.Count(r => r.Created);
                present += result.Value.Count(r => !r.Created);
                break;
            }

            progress.Advance(chunk.Length);
        }

        progress.Done();
        await ReportAsync(output, file, records.Count - 1, stored, present, rejections, dryRun);
        if (rejectsFile is not null)
        {
            await File.WriteAllLinesAsync(
                rejectsFile,
                rejections.OrderBy(r => r.Row).Select(r => string.Join(',', r.Row.ToString(CultureInfo.InvariantCulture), r.Line.ToString(CultureInfo.InvariantCulture), Csv.Quote(r.Field), Csv.Quote(r.Reason))).Prepend("row,line,field,reason"),
                ct);
            await output.WriteLineAsync($"Rejected rows written to {rejectsFile}.");
        }

        return rejections.Count == 0 ? 0 : 1;
    }

    private static ConsultationCommands ActingAs(IServiceProvider scoped, string accountId)
    {
        scoped.GetRequiredService<Actors>().ActAs(new ClaimsPrincipal(new ClaimsIdentity([new System.Security.Claims.Claim(ClaimTypes.NameIdentifier, accountId)], "command-line")));
        return scoped.GetRequiredService<ConsultationCommands>();
    }

    private static CommentInput ToInput(ImportRow row) =>
        new(null, row.ParagraphId, row.Text, row.Key, new OnBehalfOf(row.Author, row.StakeholderGroupId, row.RegionId, row.Country));

    private static int? RowOf(string field) =>
        BatchField().Match(field) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    /// <summary>The file's column for a field named by the use case.</summary>
    private static string Column(string field) => BatchField().Match(field).Groups[2].Value switch
    {
        "onBehalfOf.name" => "author",
        "onBehalfOf.stakeholderGroupId" => "stakeholder_group",
        "onBehalfOf.regionId" => "region",
        "onBehalfOf.country" => "country",
        "paragraphId" => "paragraph",
        "idempotencyKey" => "key",
        var other => other,
    };

    private static async Task ReportAsync(TextWriter output, string file, int read, int stored, int present, List<ImportRejection> rejections, bool dryRun)
    {
        await output.WriteLineAsync(dryRun ? $"Dry run: nothing was stored. {file}: {read} row(s) read." : $"{file}: {read} row(s) read.");
        await output.WriteLineAsync($"  {(dryRun ? "would be stored" : "stored")}: {stored}");
        await output.WriteLineAsync($"  already present: {present}");
        await output.WriteLineAsync($"  rejected: {rejections.Count}");
        foreach (var r in rejections.OrderBy(r => r.Row))
        {
            await output.WriteLineAsync($"  row {r.Row} (line {r.Line}){(r.Field.Length > 0 ? ", " + r.Field : "")}: {r.Reason}");
        }
    }

    private static async Task<int> UsageAsync(TextWriter errors, string problem)
    {
        await errors.WriteLineAsync(problem);
        await errors.WriteLineAsync("usage: " + Usage);
        return 2;
    }

    [GeneratedRegex(@"^comments\[(\d+)\]\.(.+)$")]
    private static partial Regex BatchField();

    /// <summary>A bar redrawn in place on a terminal; elsewhere (a log, a pipe) a plain line now and then.</summary>
    private sealed class Progress(TextWriter errors, bool interactive, int total)
    {
        private const int Width = 30;
        private int _done;
        private bool _drawn;

        public void Advance(int rows)
        {
            _done += rows;
            if (interactive)
            {
                var filled = total == 0 ? Width : _done * Width / total;
                errors.Write($"\r[{new string('#', filled)}{new string('-', Width - filled)}] {_done:N0}/{total:N0} rows");
                _drawn = true;
            }
            else
            {
                errors.WriteLine($"{_done:N0} of {total:N0} rows sent");
            }
        }

        public void Done()
        {
            if (_drawn)
            {
                errors.WriteLine();
                _drawn = false;
            }
        }
    }
}
