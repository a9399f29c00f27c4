using System.Text.Json;
using EqualFooting.Common;
using EqualFooting.Persistence;
using EqualFooting.Web.Hosting;
using EqualFooting.Web.Processes;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Record;

/// <param name="Entry">The canonical JSON exactly as stored, the bytes a later verification will hash.</param>
public sealed record RecordEntryDto(long Sequence, int Format, string Action, DateTimeOffset At, string? ActorAccountId, string Entry);

/// <summary>A record entry as a reader sees it on a page.</summary>
public sealed record RecordLine(long Sequence, DateTimeOffset At, string Action, string? ActorName, string? StakeholderGroup, string? Region, string? Subject)
{
    /// <summary>Action → English phrase; the phrases are translation keys, checked by the localisation tests.</summary>
    internal static IReadOnlyDictionary<string, string> Phrases { get; } = new Dictionary<string, string>
    {
        ["process.created"] = "created the process",
        ["process.updated"] = "updated the process",
        ["participant.joined"] = "joined",
        ["participant.affiliation-changed"] = "changed affiliation",
        ["role.assigned"] = "assigned a role",
        ["role.removed"] = "removed a role",
        ["stakeholder-group.added"] = "added a stakeholder group",
        ["stakeholder-group.renamed"] = "renamed a stakeholder group",
        ["stakeholder-group.retired"] = "retired a stakeholder group",
        ["stakeholder-group.restored"] = "restored a stakeholder group",
        ["region.added"] = "added a region",
        ["region.renamed"] = "renamed a region",
        ["region.retired"] = "retired a region",
        ["region.restored"] = "restored a region",
        ["session.created"] = "scheduled a session",
        ["session.agenda-item-added"] = "added an agenda item",
        ["session.started"] = "started a session",
        ["session.ended"] = "ended a session",
        ["session.hand-raised"] = "raised a hand",
        ["session.hand-lowered"] = "lowered a hand",
        ["session.floor-given"] = "gave the floor",
        ["session.floor-given-out-of-turn"] = "gave the floor out of turn",
        ["session.intervention-ended"] = "ended an intervention",
        ["session.queue-closed"] = "closed the speaking queue",
        ["session.queue-reopened"] = "reopened the speaking queue",
        ["session.agenda-item-started"] = "moved on to an agenda item",
        ["session.allotment-adjusted"] = "changed the time per speaker",
        ["session.table-declared"] = "declared a table",
        ["breakout.created"] = "split the room into breakout groups",
        ["breakout.member-moved"] = "moved someone between breakout groups",
        ["breakout.rapporteur-chosen"] = "chose a breakout group's rapporteur",
        ["breakout.report-saved"] = "saved a breakout group's report",
        ["breakout.reported"] = "sent a breakout group's report",
        ["breakout.reminder-sent"] = "reminded a breakout group of its report",
        ["consultation.created"] = "opened a consultation",
        ["consultation.extended"] = "extended a consultation",
        ["consultation.closed"] = "closed a consultation",
        ["consultation.version-published"] = "published a new version of a draft",
        ["comment.submitted"] = "commented on a draft",
        ["comment.batch-submitted"] = "sent a batch of comments",
        ["comment.replied"] = "replied to a comment",
        ["comment.edited"] = "edited a comment",
        ["comment.withdrawn"] = "withdrew a comment",
        ["comment.disposed"] = "disposed of a comment",
        ["campaigns.detected"] = "looked for comment campaigns",
        ["campaign.disposed"] = "disposed of a comment campaign",
    };

    /// <summary>The English phrase for the action, also the key of its translations.</summary>
    public string Phrase => Phrases.GetValueOrDefault(Action, Action);
}

public static class RecordQueries
{
    public const int MaxLimit = 200;

    /// <summary>Newest first; <paramref name="before"/> pages back through older entries.</summary>
    public static Task<List<RecordEntryDto>> ForProcessAsync(EqualFootingDb db, int processId, long? before, int limit, CancellationToken ct) =>
        db.Record
            .Where(r => r.ProcessId == processId && (before == null || r.Id < before))
            .OrderByDescending(r => r.Id)
            .Take(limit)
            .Select(r => new RecordEntryDto(r.Id, r.Format, r.Action, r.At, r.ActorAccountId, r.Entry))
            .ToListAsync(ct);

    public static async Task<List<RecordLine>> RecentLinesAsync(EqualFootingDb db, int processId, int limit, CancellationToken ct) =>
        (await ForProcessAsync(db, processId, null, limit, ct)).Select(ToLine).ToList();

    /// <summary>Reads back the parts of the canonical entry a page shows; group and region are as they were then.</summary>
    public static RecordLine ToLine(RecordEntryDto e)
    {
        using var doc = JsonDocument.Parse(e.Entry);
        var root = doc.RootElement;
        string? name = null, group = null, region = null, subject = null;
        if (root.TryGetProperty("actor", out var actor) && actor.ValueKind == JsonValueKind.Object)
        {
            name = Str(actor, "name");
            if (actor.TryGetProperty("affiliation", out var aff) && aff.ValueKind == JsonValueKind.Object)
            {
                group = Str(aff, "stakeholderGroup");
                region = Str(aff, "region");
            }
        }

        if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
        {
            subject = Str(data, "name") ?? Str(data, "title");
            if (Str(data, "role") is { } role)
            {
                subject = subject is null ? role : $"{subject}: {role}";
            }
        }

        return new RecordLine(e.Sequence, e.At, e.Action, name, group, region, subject);
    }

    private static string? Str(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

public static class RecordEndpoints
{
    public static void MapRecordEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/processes/{id:int}/record", async (int id, long? before, int? limit, ProcessCommands processes, EqualFootingDb db, CancellationToken ct) =>
        {
            var found = await processes.ViewAsync(id, ct);
            if (found.Error is { } error)
            {
                return Problems.ToResult(error);
            }

            if (limit is < 1 or > RecordQueries.MaxLimit)
            {
                return Problems.ToResult(Error.Invalid("limit", $"Limit must be between 1 and {RecordQueries.MaxLimit}."));
            }

            return Results.Ok(await RecordQueries.ForProcessAsync(db, id, before, limit ?? 50, ct));
        }).WithTags("Record").WithName("ProcessRecord");
}
