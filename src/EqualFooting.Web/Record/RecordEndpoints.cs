using System.Text.Json;
using EqualFooting.Common;
using EqualFooting.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Record;

/// <param name="Sequence">The entry's place in its process's record (commit order, no gaps).</param>
/// <param name="Entry">The canonical JSON exactly as stored, the bytes a later verification will hash.</param>
public sealed record RecordEntryDto(long Sequence, int Format, string Action, DateTimeOffset At, string? ActorAccountId, string Entry);

/// <summary>A record entry as a reader sees it on a page, with names resolved when it is read.</summary>
public sealed record RecordLine(long Sequence, DateTimeOffset At, string Action, string Phrase, string? ActorName, string? StakeholderGroup, string? Region, string? Subject);

public static class RecordQueries
{
    public const int MaxLimit = 200;

    /// <summary>Newest first; <paramref name="before"/> pages back through older entries by their place.</summary>
    public static Task<List<RecordEntryDto>> ForProcessAsync(EqualFootingDb db, int processId, long? before, int limit, CancellationToken ct) =>
        db.Record
            .Where(r => r.ProcessId == processId && (before == null || r.Sequence < before))
            .OrderByDescending(r => r.Sequence)
            .Take(limit)
            .Select(r => new RecordEntryDto(r.Sequence ?? 0, r.Format, r.Action, r.At, r.ActorAccountId, r.Entry))
            .ToListAsync(ct);

    public static async Task<List<RecordLine>> RecentLinesAsync(EqualFootingDb db, RecordActions actions, Privacy.PublicNames publicNames, int processId, int limit, CancellationToken ct) =>
        await LinesAsync(actions, await ForProcessAsync(db, processId, null, limit, ct), publicNames, processId, ct);

    /// <summary>
    /// Lines for entries: people are named by account in the entries and their names are looked up now, so a name
    /// changed or erased later reads as it is today, and as the process's privacy settings allow today. Entries of
    /// format 1 still carry the actor's name and show it.
    /// </summary>
    public static async Task<List<RecordLine>> LinesAsync(RecordActions actions, IReadOnlyList<RecordEntryDto> entries, Privacy.PublicNames publicNames, int? processId, CancellationToken ct)
    {
        var parsed = entries.Select(Parse).ToList();
        var accounts = parsed.SelectMany(p => new[] { p.Actor, p.SubjectAccount }).OfType<string>().Distinct().ToList();
        var names = await publicNames.AccountNamesAsync(processId, accounts, ct);
        return entries.Zip(parsed, (e, p) =>
        {
            var subject = p.Subject ?? (p.SubjectAccount is { } account ? names.GetValueOrDefault(account) : null);
            if (p.Role is { } role)
            {
                subject = subject is null ? role : $"{subject}: {role}";
            }

            var actor = p.ActorName ?? (p.Actor is { } id ? names.GetValueOrDefault(id) : null);
            return new RecordLine(e.Sequence, e.At, e.Action, actions.PhraseOf(e.Action), actor, p.Group, p.Region, subject);
        }).ToList();
    }

    private sealed record Parts(string? Actor, string? ActorName, string? Group, string? Region, string? Subject, string? SubjectAccount, string? Role);

    /// <summary>Reads back the parts of the canonical entry a page shows; group and region are as they were then.</summary>
    private static Parts Parse(RecordEntryDto e)
    {
        using var doc = JsonDocument.Parse(e.Entry);
        var root = doc.RootElement;
        string? account = null, name = null, group = null, region = null, subject = null, subjectAccount = null, role = null;
        if (root.TryGetProperty("actor", out var actor) && actor.ValueKind == JsonValueKind.Object)
        {
            account = Str(actor, "account");
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
            subjectAccount = Str(data, "account");
            role = Str(data, "role");
        }

        return new Parts(account, name, group, region, subject, subjectAccount, role);
    }

    private static string? Str(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

public static class RecordEndpoints
{
    public static void MapRecordEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/processes/{id:int}/record", async (int id, long? before, int? limit, ProcessAccess processes, EqualFootingDb db, CancellationToken ct) =>
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
        }).WithTags("Record").WithName("ProcessRecord")
            .WithSummary("A process's record, newest entry first, paged back by place");
}
