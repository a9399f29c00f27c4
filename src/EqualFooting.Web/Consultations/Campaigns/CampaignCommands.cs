using System.Diagnostics;
using EqualFooting.Common;
using EqualFooting.Consultations;
using EqualFooting.Notifications;
using EqualFooting.Persistence;
using EqualFooting.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EqualFooting.Web.Consultations;

/// <summary>The <c>Consultations</c> settings of campaign detection.</summary>
public sealed class CampaignSettings
{
    public const string Section = "Consultations";

    /// <summary>The least estimated Jaccard similarity of word shingles for two comments to count as one form letter.</summary>
    public double CampaignSimilarity { get; set; } = 0.8;

    /// <summary>
    /// Whether disposing of a campaign tells each member's author in their inbox (on by default; the
    /// campaign-dispose benchmark turns it off to time the disposition without the notices).
    /// </summary>
    public bool CampaignNotices { get; set; } = true;

    /// <summary>How long detection waits after the first new comment, so that a flood or a batch makes one run.</summary>
    public TimeSpan CampaignDetectionDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Below one half, comments that merely share a topic chain into one "campaign"; the detector itself accepts any
    /// value in (0, 1], so the setting is held to the range where the result still means "the same letter".
    /// </summary>
    public string? Problem() =>
        double.IsNaN(CampaignSimilarity) || CampaignSimilarity is < 0.5 or > 1
            ? $"{Section}:{nameof(CampaignSimilarity)} must be between 0.5 and 1 (it is {CampaignSimilarity})."
            : CampaignDetectionDelay < TimeSpan.Zero || CampaignDetectionDelay > TimeSpan.FromHours(1)
                ? $"{Section}:{nameof(CampaignDetectionDelay)} must be between 00:00:00 and 01:00:00."
                : null;
}

/// <summary>What one detection run found and changed; counts only, as in its record entry.</summary>
public sealed record DetectionRun(int ConsultationId, double Threshold, int Comments, int Campaigns, int Members, int Created, int Retired, int Moved);

/// <summary>What disposing a campaign did: how many of its members got the disposition.</summary>
public sealed record CampaignDisposal(long CampaignId, Disposition Disposition, string Reason, int Disposed, bool Overwrite);

/// <summary>
/// Campaign use cases: detection (on demand by the committee, or in the background as comments arrive) and
/// disposing of a whole campaign. Both write set-based and claim the consultation's <see cref="CampaignColumns.Runs"/>
/// first in their transaction, so runs on several nodes are serialised and each one re-reads the stored campaigns
/// after the claim: a second run over the same comments finds its groups already stored and changes nothing.
/// </summary>
public sealed class CampaignCommands(
    EqualFootingDb db,
    ConsultationCommands consultations,
    Writes writes,
    TimeProvider clock,
    IOptions<CampaignSettings> settings,
    GiveWay giveWay,
    EqualFooting.Web.Notifications.NoticeFanoutWorker fanout,
    IHttpContextAccessor http)
{
    /// <summary>Ids per UPDATE: each is one array parameter, but a bounded statement keeps locks and logs short.</summary>
    private const int Chunk = 5_000;

    private const int SketchBatch = 4_096;

    /// <summary>About 6 ms of sketching on one core: a background run gives way between such steps.</summary>
    private const int BackgroundSketchBatch = 1_024;

    private const string Background = "background";

    public async Task<Result<DetectionRun>> DetectAsync(int consultationId, CancellationToken ct = default)
    {
        var found = await consultations.FindAsync(consultationId, ct);
        if (found.Error is { } missing)
        {
            return missing;
        }

        var (consultation, process, actor) = found.Value;
        if (ConsultationPolicy.DetectCampaigns(actor, process) is { } denied)
        {
            return denied;
        }

        return (await RunAsync(consultation.Id, process.Id, "on-demand", ct)).Run;
    }

    /// <summary>
    /// A run nobody asked for: no actor, so no policy; the record names no one. It gives way to requests between its
    /// steps (<see cref="GiveWay"/>) and says how long it spent waiting for them.
    /// </summary>
    public async Task<(DetectionRun Run, TimeSpan GaveWay)?> DetectInBackgroundAsync(int consultationId, CancellationToken ct = default)
    {
        var processId = await db.Consultations.Where(c => c.Id == consultationId).Select(c => (int?)c.ProcessId).FirstOrDefaultAsync(ct);
        return processId is { } id ? await RunAsync(consultationId, id, Background, ct) : null;
    }

    /// <summary>
    /// Gives every member of the campaign the same disposition and reason, each added to that comment's history.
    /// Members the committee has already answered one by one keep their answer unless <paramref name="overwrite"/>;
    /// withdrawn members get nothing, and a member that already has exactly this disposition and reason is left alone.
    /// </summary>
    public async Task<Result<CampaignDisposal>> DisposeCampaignAsync(
        int consultationId,
        long campaignId,
        Disposition? disposition,
        string? reason,
        bool overwrite,
        CancellationToken ct = default)
    {
        var found = await consultations.FindAsync(consultationId, ct);
        if (found.Error is { } missing)
        {
            return missing;
        }

        var (_, process, actor) = found.Value;
        if (ConsultationPolicy.Dispose(actor, process) is { } denied)
        {
            return denied;
        }

        if (!await db.Campaigns.AnyAsync(k => k.Id == campaignId && k.ConsultationId == consultationId, ct))
        {
            return Error.NotFound("No such campaign.");
        }

        if (disposition is not { } chosen)
        {
            return Error.Invalid("disposition", "Choose a disposition.");
        }

        var now = clock.GetUtcNow();
        var created = CommentDisposition.Create(chosen, reason, actor.AccountId!, now);
        if (created.Error is { } invalid)
        {
            return invalid;
        }

        var decision = created.Value;
        var count = 0;
        await writes.SaveAsync(process.Id, EqualFooting.Web.Consultations.ConsultationRecord.CampaignDisposed, () => new Dictionary<string, object?>
        {
            ["consultation"] = consultationId,
            ["campaign"] = campaignId,
            ["disposition"] = chosen,
            ["reason"] = decision.Reason,
            ["overwrite"] = overwrite,
            ["comments"] = count,
        }, ct, async token =>
        {
            await ClaimAsync(consultationId, token);
            if (!settings.Value.CampaignNotices)
            {
                count = await InsertHistoryAsync(campaignId, decision, overwrite, token);
            }
            else
            {
                // Not 12,000 notices in the request: one row naming this disposition's history rows, which the
                // worker expands into the members' notices once this commits (NoticeFanout).
                var after = await LastHistoryIdAsync(token);
                count = await InsertHistoryAsync(campaignId, decision, overwrite, token);
                if (count > 0)
                {
                    db.NoticeFanouts.Add(NoticeFanout.CampaignDisposed(
                        process.Id, consultationId, campaignId, chosen.ToString(), decision.Reason, decision.DecidedBy, decision.DecidedAt, after, await LastHistoryIdAsync(token)));
                }
            }

            var members = db.Comments.Where(c => c.CampaignId == campaignId && c.ParentId == null && c.WithdrawnAt == null);
            if (!overwrite)
            {
                members = members.Where(c => EF.Property<Disposition?>(c, CommentColumns.CurrentDisposition) == null);
            }

            await members.ExecuteUpdateAsync(s => s.SetProperty(c => EF.Property<Disposition?>(c, CommentColumns.CurrentDisposition), chosen), token);
        });
        if (count > 0 && settings.Value.CampaignNotices)
        {
            // Once the answer has gone: expanding 12,000 notices beside the request's last steps slowed it on two cores.
            if (http.HttpContext is { } context)
            {
                context.Response.OnCompleted(() =>
                {
                    fanout.Wake();
                    return Task.CompletedTask;
                });
            }
            else
            {
                fanout.Wake();
            }
        }

        return new CampaignDisposal(campaignId, chosen, decision.Reason, count, overwrite);
    }

    private async Task<(DetectionRun Run, TimeSpan GaveWay)> RunAsync(int consultationId, int processId, string trigger, CancellationToken ct)
    {
        var threshold = settings.Value.CampaignSimilarity;

        // Reading and sketching every comment is seconds of a core at a million comments. A background run gives way
        // to requests between its steps, so during a flood it waits instead of taking a core from intake. The
        // committee's "detect now" does not; someone waits for it.
        var courtesy = trigger == Background ? giveWay : null;
        var (detected, count, gaveWay) = await DedicatedThread.RunAsync("Campaign detection", () => Detect(consultationId, threshold, courtesy, ct));
        var now = clock.GetUtcNow();
        var run = new DetectionRun(consultationId, threshold, count, detected.Count, detected.Sum(d => d.Count), 0, 0, 0);
        await writes.SaveAsync(processId, EqualFooting.Web.Consultations.ConsultationRecord.CampaignsDetected, () => new Dictionary<string, object?>
        {
            ["consultation"] = consultationId,
            ["trigger"] = trigger,
            ["threshold"] = threshold.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
            ["comments"] = run.Comments,
            ["campaigns"] = run.Campaigns,
            ["members"] = run.Members,
            ["created"] = run.Created,
            ["retired"] = run.Retired,
            ["moved"] = run.Moved,
        }, ct, async token =>
        {
            await ClaimAsync(consultationId, token);
            run = await StoreAsync(consultationId, detected, threshold, now, run, token);
        });
        return (run, gaveWay);
    }

    /// <summary>
    /// Sketches the consultation's comments and groups them, outside any transaction and synchronously, on the thread
    /// <see cref="RunAsync"/> gives it. Comments are read in pages by id, each its own short query: one statement open
    /// for the whole run would hold SQLite's WAL from being copied back and emptied while intake keeps writing.
    /// </summary>
    private (IReadOnlyList<Campaign> Detected, int Comments, TimeSpan GaveWay) Detect(int consultationId, double threshold, GiveWay? courtesy, CancellationToken ct)
    {
        // A no-op on demand, so the detector and the page loop call it either way.
        var waited = TimeSpan.Zero;
        void WaitForRequests()
        {
            if (courtesy is not null)
            {
                var began = Stopwatch.GetTimestamp();
                courtesy.Wait();
                waited += Stopwatch.GetElapsedTime(began);
            }
        }

        // In the background, only the calling thread (with one degree, Parallel runs everything on it, queueing nothing
        // that would look like a request waiting), in steps of a few milliseconds; on demand, half the cores, since
        // detection shares the machine with requests.
        var cores = courtesy is null ? Math.Max(1, Environment.ProcessorCount / 2) : 1;
        var pageSize = courtesy is null ? SketchBatch : BackgroundSketchBatch;
        var detector = new CampaignDetector(new CampaignOptions
        {
            Threshold = threshold,
            MaxDegreeOfParallelism = cores,
            BetweenSteps = WaitForRequests,
        });
        for (long after = 0; ;)
        {
            ct.ThrowIfCancellationRequested();
            WaitForRequests();
            var from = after;
            var page = db.Comments.AsNoTracking()
                .Where(c => c.ConsultationId == consultationId && c.ParentId == null && c.WithdrawnAt == null && c.Id > from)
                .OrderBy(c => c.Id)
                .Take(pageSize)
                .Select(c => new CampaignInput(c.Id, c.Text))
                .ToList();
            if (page.Count == 0)
            {
                return (detector.Detect(), detector.Count, waited);
            }

            detector.Add(page);
            after = page[^1].CommentId;
        }
    }

    /// <summary>Inside the claimed transaction: maps the groups onto the stored campaigns and writes only what differs.</summary>
    private async Task<DetectionRun> StoreAsync(int consultationId, IReadOnlyList<Campaign> detected, double threshold, DateTimeOffset now, DetectionRun run, CancellationToken ct)
    {
        var stored = await db.Campaigns.Where(k => k.ConsultationId == consultationId).ToDictionaryAsync(k => k.Id, ct);
        var membership = await db.Comments.Where(c => c.ConsultationId == consultationId && c.CampaignId != null)
            .Select(c => new { c.Id, Campaign = c.CampaignId!.Value })
            .ToDictionaryAsync(x => x.Id, x => x.Campaign, ct);
        var mapping = CampaignIdentity.Match(stored.Keys, membership, detected.Select(d => d.MemberIds).ToList());

        var rows = new CommentCampaign[detected.Count];
        for (var i = 0; i < detected.Count; i++)
        {
            if (mapping.Continues[i] is { } id)
            {
                rows[i] = stored[id];
                rows[i].Update(detected[i], threshold, now);
            }
            else
            {
                rows[i] = CommentCampaign.Create(consultationId, detected[i], threshold, now);
                db.Campaigns.Add(rows[i]);
            }
        }

        await db.SaveChangesAsync(ct);

        var moves = new Dictionary<long, List<long>>();
        var members = new HashSet<long>();
        for (var i = 0; i < detected.Count; i++)
        {
            foreach (var comment in detected[i].MemberIds)
            {
                members.Add(comment);
                if (!membership.TryGetValue(comment, out var was) || was != rows[i].Id)
                {
                    (moves.TryGetValue(rows[i].Id, out var list) ? list : moves[rows[i].Id] = []).Add(comment);
                }
            }
        }

        var leaving = membership.Keys.Where(c => !members.Contains(c)).ToList();
        foreach (var (campaign, ids) in moves)
        {
            foreach (var chunk in ids.Chunk(Chunk))
            {
                await db.Comments.Where(c => EF.Parameter(chunk).Contains(c.Id) && c.ConsultationId == consultationId)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.CampaignId, campaign), ct);
            }
        }

        foreach (var chunk in leaving.Chunk(Chunk))
        {
            await db.Comments.Where(c => EF.Parameter(chunk).Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.CampaignId, (long?)null), ct);
        }

        if (mapping.Retired.Count > 0)
        {
            var retired = mapping.Retired.ToArray();
            await db.Campaigns.Where(k => EF.Parameter(retired).Contains(k.Id)).ExecuteDeleteAsync(ct);
            foreach (var id in retired)
            {
                // Already gone from the database; the context must not try to save them again.
                db.Entry(stored[id]).State = EntityState.Detached;
            }
        }

        return run with
        {
            Created = mapping.Continues.Count(c => c is null),
            Retired = mapping.Retired.Count,
            Moved = moves.Values.Sum(l => l.Count) + leaving.Count,
        };
    }

    /// <summary>Takes the consultation's row lock for the rest of the transaction (see <see cref="CampaignColumns.Runs"/>).</summary>
    private Task<int> ClaimAsync(int consultationId, CancellationToken ct) =>
        db.Consultations.Where(c => c.Id == consultationId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => EF.Property<int>(c, CampaignColumns.Runs), c => EF.Property<int>(c, CampaignColumns.Runs) + 1), ct);

    /// <summary>
    /// The highest history row id this transaction sees. A disposition's own rows come after the value read before
    /// writing them (ids are handed out in order, also on PostgreSQL where another transaction may hold lower ones
    /// uncommitted) and up to the value read after.
    /// </summary>
    private Task<long> LastHistoryIdAsync(CancellationToken ct) =>
        db.Database.SqlQueryRaw<long>("SELECT COALESCE(MAX(\"Id\"), 0) AS \"Value\" FROM \"CommentDispositions\"").SingleAsync(ct);

    /// <summary>
    /// The members a disposition reaches: not yet answered; or, when overwriting, anything but this very answer (the
    /// comment's own rule: the same disposition with the same reason again changes nothing). When overwriting, the
    /// statement's parameters <paramref name="first"/> and the next are the disposition and its reason.
    /// </summary>
    private static string Members(bool overwrite, int first) =>
        overwrite
            ? $$"""
              (c."Disposition" IS NULL OR c."Disposition" <> {{{first}}} OR (SELECT d."Reason" FROM "CommentDispositions" AS d
                WHERE d."CommentId" = c."Id" ORDER BY d."Id" DESC LIMIT 1) <> {{{first + 1}}})
              """
            : "c.\"Disposition\" IS NULL";

    /// <summary>
    /// One INSERT … SELECT for the whole campaign rather than thousands of tracked comments: the history rows of
    /// <see cref="Comment.Dispositions"/> written straight into their table, with the values the mapping would write.
    /// </summary>
    private Task<int> InsertHistoryAsync(long campaignId, CommentDisposition decision, bool overwrite, CancellationToken ct)
    {
        var owned = db.Model.FindEntityType(typeof(Comment))!.FindNavigation(nameof(Comment.Dispositions))!.TargetEntityType;
        var decidedAt = owned.FindProperty(nameof(CommentDisposition.DecidedAt))!.GetTypeMapping().Converter is { } converter
            ? converter.ConvertToProvider(decision.DecidedAt)!
            : decision.DecidedAt;

        var which = Members(overwrite, 0);
        var sql = """
            INSERT INTO "CommentDispositions" ("CommentId", "Disposition", "Reason", "DecidedBy", "DecidedAt")
            SELECT c."Id", {0}, {1}, {2}, {3} FROM "Comments" AS c
            WHERE c."CampaignId" = {4} AND c."ParentId" IS NULL AND c."WithdrawnAt" IS NULL AND
            """ + " " + which;
        return db.Database.ExecuteSqlRawAsync(sql, [decision.Disposition.ToString(), decision.Reason, decision.DecidedBy, decidedAt, campaignId], ct);
    }
}
