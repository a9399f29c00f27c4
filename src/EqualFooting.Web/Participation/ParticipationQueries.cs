using EqualFooting.Participation;
using EqualFooting.Persistence;
using EqualFooting.Privacy;
using EqualFooting.Processes;
using EqualFooting.Web.Privacy;
using EqualFooting.Web.Record;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace EqualFooting.Web.Participation;

public sealed record ParticipantRow(
    int Id,
    string DisplayName,
    int StakeholderGroupId,
    string StakeholderGroup,
    int RegionId,
    string Region,
    string? Country,
    string? Organisation,
    DateTimeOffset JoinedAt);

public sealed record ParticipantPage(int Page, int PageSize, int Total, IReadOnlyList<ParticipantRow> Items)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed record AffiliationHistoryRow(
    long Id,
    string StakeholderGroup,
    string Region,
    string? Country,
    string? Gender,
    string? Organisation,
    DateTimeOffset From,
    DateTimeOffset? Until);

/// <summary>Read models for participation, projected straight from the database.</summary>
public sealed class ParticipationQueries(EqualFootingDb db, IMemoryCache cache, ProcessVersions versions, PublicNames publicNames)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>
    /// Counts by group × region. Recounting every current declaration on each view of a busy process was most of a
    /// page's cost, so counts are cached under the process's version (see <see cref="ProcessVersions"/>). The version is
    /// read before counting, so a count is never filed under a newer version than it has seen.
    /// </summary>
    public async Task<ParticipationTable> TableAsync(Process process, CancellationToken ct = default)
    {
        var version = await versions.OfAsync(process.Id, ct);
        var counts = await cache.GetOrCreateAsync(("participation-counts", process.Id, version), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return db.Affiliations
                .Where(a => a.ProcessId == process.Id && a.Until == null)
                .GroupBy(a => new { a.StakeholderGroupId, a.RegionId })
                .Select(g => new GroupRegionCount(g.Key.StakeholderGroupId, g.Key.RegionId, g.Count()))
                .ToListAsync(ct);
        });
        return ParticipationTable.Build(process.StakeholderGroups, process.Regions, counts!);
    }

    /// <summary>
    /// Participants with their current affiliation, newest first, showing only what the process's privacy settings and
    /// each participant's own choice make public. Gender is left out: it is shown only in aggregate.
    /// </summary>
    /// <param name="counts">The process's participation table when the caller has it: the total is read from it instead
    /// of counting every current declaration again.</param>
    public async Task<ParticipantPage> ListAsync(
        Process process, int page, int pageSize, int? groupId, int? regionId, ParticipationTable? counts = null, CancellationToken ct = default)
    {
        // A page of the list changes only when someone joins or changes affiliation, which makes a new version.
        // Privacy settings and personal choices are recorded too, so the faces cached here follow them; the names
        // are put into words after the cache, in the reader's language.
        var version = await versions.OfAsync(process.Id, ct);
        var (total, faces) = (await cache.GetOrCreateAsync(("participants", process.Id, version, page, pageSize, groupId, regionId), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return QueryPageAsync(process, page, pageSize, groupId, regionId, counts, ct);
        }))!;
        var groups = process.StakeholderGroups.ToDictionary(c => c.Id, c => c.Name);
        var regions = process.Regions.ToDictionary(c => c.Id, c => c.Name);
        var items = faces.Select(x => new ParticipantRow(
                x.Id, publicNames.Display(x.Face), x.StakeholderGroupId, groups[x.StakeholderGroupId], x.RegionId, regions[x.RegionId], x.Face.Country, x.Face.Organisation, x.JoinedAt))
            .ToList();
        return new ParticipantPage(page, pageSize, total, items);
    }

    private sealed record FaceRow(int Id, PublicFace Face, int StakeholderGroupId, int RegionId, DateTimeOffset JoinedAt);

    private async Task<(int Total, List<FaceRow> Rows)> QueryPageAsync(
        Process process, int page, int pageSize, int? groupId, int? regionId, ParticipationTable? counts, CancellationToken ct)
    {
        var query = db.Affiliations.Where(a => a.ProcessId == process.Id && a.Until == null);
        if (groupId is { } g)
        {
            query = query.Where(a => a.StakeholderGroupId == g);
        }

        if (regionId is { } r)
        {
            query = query.Where(a => a.RegionId == r);
        }

        var total = counts?.Count(groupId, regionId) ?? await query.CountAsync(ct);

        // Page over the affiliations alone, along their (ProcessId, Until, ParticipantId) index, then join only the rows
        // shown: joining before paging makes the database join and sort every participant of the process on every page.
        var rows = await query
            .OrderByDescending(a => a.ParticipantId)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Join(db.Participants, a => a.ParticipantId, p => p.Id, (a, p) => new { a, p })
            .Join(db.Users, x => x.p.AccountId, u => u.Id, (x, u) => new { x.a, x.p, u.DisplayName, u.ErasedAt })
            .OrderByDescending(x => x.p.Id)
            .Select(x => new
            {
                x.p.Id,
                x.DisplayName,
                x.ErasedAt,
                x.p.OwnNames,
                x.p.Pseudonym,
                x.p.HidesCountry,
                x.p.HidesOrganisation,
                x.a.StakeholderGroupId,
                x.a.RegionId,
                x.a.Country,
                x.a.Organisation,
                x.p.JoinedAt,
            })
            .ToListAsync(ct);

        var settings = await publicNames.SettingsAsync(process.Id, ct);
        return (total, rows.Select(x => new FaceRow(
                x.Id,
                PublicFace.Of(settings, new PersonalPrivacy(x.OwnNames, x.Pseudonym, x.HidesCountry, x.HidesOrganisation), x.Id, x.DisplayName, x.ErasedAt is not null, x.Country, x.Organisation),
                x.StakeholderGroupId,
                x.RegionId,
                x.JoinedAt))
            .ToList());
    }

    public async Task<IReadOnlyList<AffiliationHistoryRow>> HistoryAsync(Process process, string accountId, CancellationToken ct = default)
    {
        var rows = await db.Affiliations
            .AsNoTracking()
            .Where(a => a.ProcessId == process.Id && db.Participants.Any(p => p.Id == a.ParticipantId && p.AccountId == accountId))
            .OrderBy(a => a.From)
            .ToListAsync(ct);
        var groups = process.StakeholderGroups.ToDictionary(c => c.Id, c => c.Name);
        var regions = process.Regions.ToDictionary(c => c.Id, c => c.Name);
        return rows.Select(a => new AffiliationHistoryRow(a.Id, groups[a.StakeholderGroupId], regions[a.RegionId], a.Country, a.Gender, a.Organisation, a.From, a.Until)).ToList();
    }

    /// <summary>The account's participant in the process, with its declarations, untracked; null when it has not joined.</summary>
    public Task<Participant?> ParticipantAsync(int processId, string accountId, CancellationToken ct = default) =>
        db.Participants.AsNoTracking().Include(p => p.Affiliations).FirstOrDefaultAsync(p => p.ProcessId == processId && p.AccountId == accountId, ct);

    public Task<Affiliation?> CurrentAsync(int processId, string accountId, CancellationToken ct = default) =>
        db.Affiliations.AsNoTracking().FirstOrDefaultAsync(a => a.ProcessId == processId && a.Until == null && db.Participants.Any(p => p.Id == a.ParticipantId && p.AccountId == accountId), ct);
}
