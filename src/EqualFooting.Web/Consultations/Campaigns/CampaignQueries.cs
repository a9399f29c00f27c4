using EqualFooting.Consultations;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using EqualFooting.Web.Processes;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Consultations;

/// <param name="Members">Members now (withdrawn ones no longer count); <paramref name="MembersAtDetection"/> as the last run found them.</param>
public sealed record CampaignSummary(
    long Id,
    int ConsultationId,
    long CanonicalCommentId,
    string CanonicalText,
    int Members,
    int MembersAtDetection,
    int ExactCopies,
    int Disposed,
    DateTimeOffset DetectedAt,
    double Threshold);

public sealed record CampaignList(int Page, int PageSize, int Total, IReadOnlyList<CampaignSummary> Items)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>A campaign with who sent it: members split by stakeholder group, region and channel, every group and region listed.</summary>
public sealed record CampaignDetail(
    CampaignSummary Campaign,
    IReadOnlyList<CategoryCount> ByStakeholderGroup,
    IReadOnlyList<CategoryCount> ByRegion,
    IReadOnlyList<ChannelCount> ByChannel);

public sealed record ChannelCount(CommentChannel Channel, int Count);

/// <summary>Read models of campaigns. Counts are of current members: top-level, not withdrawn.</summary>
public sealed class CampaignQueries(EqualFootingDb db, ConsultationQueries consultations)
{
    public const int DefaultPageSize = 50;

    /// <summary>The consultation's campaigns, largest first.</summary>
    public async Task<CampaignList> ListAsync(int consultationId, int page, int pageSize, CancellationToken ct = default)
    {
        var campaigns = db.Campaigns.Where(k => k.ConsultationId == consultationId);
        var total = await campaigns.CountAsync(ct);
        var rows = await campaigns.OrderByDescending(k => k.MemberCount).ThenBy(k => k.Id).Skip((page - 1) * pageSize).Take(pageSize).AsNoTracking().ToListAsync(ct);
        return new CampaignList(page, pageSize, total, await SummariesAsync(rows, ct));
    }

    public async Task<CampaignDetail?> DetailAsync(Process process, int consultationId, long campaignId, CancellationToken ct = default)
    {
        var row = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(k => k.Id == campaignId && k.ConsultationId == consultationId, ct);
        if (row is null)
        {
            return null;
        }

        var summary = (await SummariesAsync([row], ct))[0];
        var split = await consultations.Inputs().Where(c => c.CampaignId == campaignId)
            .GroupBy(c => new { c.StakeholderGroupId, c.RegionId, c.Channel })
            .Select(g => new { g.Key.StakeholderGroupId, g.Key.RegionId, g.Key.Channel, Count = g.Count() })
            .ToListAsync(ct);
        var groups = process.StakeholderGroups.OrderBy(g => g.Position)
            .Select(g => new CategoryCount(g.Id, g.Name, split.Where(x => x.StakeholderGroupId == g.Id).Sum(x => x.Count)))
            .Where(c => c.Count > 0 || process.StakeholderGroups.Any(g => g.Id == c.Id && !g.IsRetired))
            .ToList();
        var regions = process.Regions.OrderBy(r => r.Position)
            .Select(r => new CategoryCount(r.Id, r.Name, split.Where(x => x.RegionId == r.Id).Sum(x => x.Count)))
            .Where(c => c.Count > 0 || process.Regions.Any(r => r.Id == c.Id && !r.IsRetired))
            .ToList();
        var channels = Enum.GetValues<CommentChannel>().Select(ch => new ChannelCount(ch, split.Where(x => x.Channel == ch).Sum(x => x.Count))).ToList();
        return new CampaignDetail(summary, groups, regions, channels);
    }

    /// <summary>Campaign id and canonical comment of every campaign of the consultation, for export.</summary>
    public Task<Dictionary<long, long>> CanonicalsAsync(int consultationId, CancellationToken ct = default) =>
        db.Campaigns.Where(k => k.ConsultationId == consultationId).ToDictionaryAsync(k => k.Id, k => k.CanonicalCommentId, ct);

    private async Task<IReadOnlyList<CampaignSummary>> SummariesAsync(IReadOnlyList<CommentCampaign> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var canonicalIds = rows.Select(r => r.CanonicalCommentId).ToList();
        var texts = await db.Comments.Where(c => canonicalIds.Contains(c.Id)).Select(c => new { c.Id, c.Text }).ToDictionaryAsync(c => c.Id, c => c.Text, ct);
        var counts = await consultations.Inputs().Where(c => c.CampaignId != null && ids.Contains(c.CampaignId.Value))
            .GroupBy(c => c.CampaignId!.Value)
            .Select(g => new { g.Key, Count = g.Count(), Disposed = g.Count(c => EF.Property<Disposition?>(c, CommentColumns.CurrentDisposition) != null) })
            .ToDictionaryAsync(x => x.Key, x => (x.Count, x.Disposed), ct);
        return rows.Select(r =>
        {
            var (members, disposed) = counts.GetValueOrDefault(r.Id);
            return new CampaignSummary(r.Id, r.ConsultationId, r.CanonicalCommentId, texts.GetValueOrDefault(r.CanonicalCommentId, ""), members, r.MemberCount, r.ExactCopies, disposed, r.DetectedAt, r.Threshold);
        }).ToList();
    }
}
