using EqualFooting.Notifications;
using EqualFooting.Persistence;
using EqualFooting.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EqualFooting.Web.Notifications;

/// <summary>
/// Expands each pending <see cref="NoticeFanout"/> into its notices, off the request that disposed of the campaign:
/// woken by that request once it has committed (<see cref="PeriodicSweep.Wake"/>), and every
/// <see cref="NoticeSettings.FanoutInterval"/> for rows a restart or another node left pending. A row is claimed by
/// setting its <see cref="NoticeFanout.DoneAt"/> in the transaction that writes its notices, so the notices and "done"
/// commit together; of two nodes, the second finds it claimed. The notices go in with one INSERT … SELECT that the
/// unique index on (fan-out, comment) keeps to one per member comment however often it runs. Immediate e-mails and
/// digests then follow from <see cref="NoticeSweep"/>, as for every notice.
/// </summary>
public sealed class NoticeFanoutWorker(
    IServiceScopeFactory scopes,
    IOptions<NoticeSettings> options,
    TimeProvider clock,
    ILogger<NoticeFanoutWorker> log) : PeriodicSweep(clock, log)
{
    /// <summary>Pending rows read per query; a pass goes on until none is left.</summary>
    public const int Batch = 100;

    /// <summary>What one expansion did on this node.</summary>
    public sealed record Expanded(int Fanouts, int Notices);

    protected override TimeSpan Period => options.Value.FanoutInterval;

    protected override string Name => "Expanding campaign notices";

    // Rows left pending by a stop are expanded as soon as the node is back.
    protected override bool RunAtStart => true;

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        var expanded = await ExpandAsync(ct);
        if (expanded.Fanouts > 0)
        {
            Log.LogInformation("Campaign notices: {Fanouts} disposition(s) expanded into {Notices} notice(s).", expanded.Fanouts, expanded.Notices);
        }
    }

    /// <summary>
    /// Expands every fan-out pending when it is called. When it returns, the notices of every fan-out committed before
    /// the call exist: it wrote them, or another pass did and committed them with their row's "done".
    /// </summary>
    public async Task<Expanded> ExpandAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EqualFootingDb>();
        var fanouts = 0;
        var notices = 0;
        var after = 0;
        while (true)
        {
            var from = after;
            var pending = await db.NoticeFanouts.AsNoTracking()
                .Where(f => f.DoneAt == null && f.Id > from)
                .OrderBy(f => f.Id)
                .Select(f => f.Id)
                .Take(Batch)
                .ToListAsync(ct);
            foreach (var id in pending)
            {
                if (await ExpandOneAsync(db, id, ct) is { } written)
                {
                    fanouts++;
                    notices += written;
                }
            }

            if (pending.Count < Batch)
            {
                // On SQLite a commit copies the write-ahead log into the file only past 1,000 pages: 12,000 notices
                // stay below that, and the next commit past it (often the next disposition's) would copy them inside
                // its request. Copied here, their cost stays in the background.
                if (fanouts > 0 && db.Database.IsSqlite())
                {
                    await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(PASSIVE);", ct);
                }

                return new Expanded(fanouts, notices);
            }

            after = pending[^1];
        }
    }

    /// <summary>The notices of one fan-out, or null when another pass claimed it first.</summary>
    private async Task<int?> ExpandOneAsync(EqualFootingDb db, int id, CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        // The claim first: on PostgreSQL a second node waits here for the first one's commit, then finds the row done.
        if (await db.NoticeFanouts.Where(f => f.Id == id && f.DoneAt == null).ExecuteUpdateAsync(s => s.SetProperty(f => f.DoneAt, now), ct) == 0)
        {
            await transaction.RollbackAsync(ct);
            return null;
        }

        // The members are the comments this disposition wrote history rows for (see NoticeFanout); comments entered
        // on someone's behalf and the committee member's own get no notice, as for a single comment's disposition.
        const string Sql = """
            INSERT INTO "Notifications" ("AccountId", "Kind", "ProcessId", "ConsultationId", "CommentId", "ItemId", "Reason", "Detail", "CreatedAt")
            SELECT p."AccountId", f."Kind", f."ProcessId", c."ConsultationId", c."Id", f."Id", f."Reason", f."Detail", f."DecidedAt"
            FROM "NoticeFanouts" AS f
            JOIN "CommentDispositions" AS d ON d."Id" > f."HistoryAfter" AND d."Id" <= f."HistoryLast"
            JOIN "Comments" AS c ON c."Id" = d."CommentId"
            JOIN "Participants" AS p ON p."Id" = c."AuthorParticipantId"
            WHERE f."Id" = {0} AND d."DecidedAt" = f."DecidedAt" AND d."DecidedBy" = f."DecidedBy"
            AND c."AuthorName" IS NULL AND p."AccountId" <> f."DecidedBy"
            ORDER BY c."Id"
            ON CONFLICT DO NOTHING
            """;
        var written = await db.Database.ExecuteSqlRawAsync(Sql, [id], ct);
        await transaction.CommitAsync(ct);
        return written;
    }
}
