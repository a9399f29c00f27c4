using EqualFooting.Common;
using EqualFooting.Consultations;
using EqualFooting.Web.Hosting;

namespace EqualFooting.Web.Consultations;

/// <param name="Overwrite">Also replace the dispositions members were given one by one; by default only unanswered members are disposed.</param>
public sealed record CampaignDispositionRequest(Disposition? Disposition, string? Reason, bool? Overwrite);

public static class CampaignEndpoints
{
    public static void MapCampaignEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/consultations/{cid:int}/campaigns").WithTags("Campaigns");
        api.MapGet("/", async (int cid, int? page, int? pageSize, ConsultationCommands commands, CampaignQueries queries, CancellationToken ct) =>
        {
            var found = await commands.FindAsync(cid, ct);
            if (found.Error is { } error)
            {
                return Problems.ToResult(error);
            }

            var paging = Paging(page, pageSize);
            return paging.Error is { } invalid
                ? Problems.ToResult(invalid)
                : Results.Ok(await queries.ListAsync(cid, paging.Value.Page, paging.Value.PageSize, ct));
        }).WithName("ListCampaigns")
            .WithSummary("List the comment campaigns detected in a consultation");

        api.MapGet("/{campaignId:long}", async (int cid, long campaignId, ConsultationCommands commands, CampaignQueries queries, CancellationToken ct) =>
        {
            var found = await commands.FindAsync(cid, ct);
            if (found.Error is { } error)
            {
                return Problems.ToResult(error);
            }

            var detail = await queries.DetailAsync(found.Value.Process, cid, campaignId, ct);
            return detail is null ? Problems.ToResult(Error.NotFound("No such campaign.")) : Results.Ok(detail);
        }).WithName("GetCampaign")
            .WithSummary("Read one detected campaign");

        api.MapGet("/{campaignId:long}/members", async (int cid, long campaignId, int? page, int? pageSize,
            ConsultationCommands commands, ConsultationQueries consultations, CampaignQueries queries, CancellationToken ct) =>
        {
            var found = await commands.FindAsync(cid, ct);
            if (found.Error is { } error)
            {
                return Problems.ToResult(error);
            }

            var filter = ConsultationEndpoints.Filter(null, null, null, null, null, page, pageSize);
            if (filter.Error is { } invalid)
            {
                return Problems.ToResult(invalid);
            }

            if (await queries.DetailAsync(found.Value.Process, cid, campaignId, ct) is null)
            {
                return Problems.ToResult(Error.NotFound("No such campaign."));
            }

            return Results.Ok(await consultations.CommentsAsync(found.Value.Process, cid, filter.Value with { CampaignId = campaignId }, ct));
        }).WithName("ListCampaignMembers")
            .WithSummary("List the comments in a campaign");

        api.MapPost("/detect", async (int cid, CampaignCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.DetectAsync(cid, ct), Results.Ok))
            .WithName("DetectCampaigns")
            .WithSummary("Detect campaigns (near-identical comments) in a consultation now");

        api.MapPost("/{campaignId:long}/disposition", async (int cid, long campaignId, CampaignDispositionRequest request, CampaignCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.DisposeCampaignAsync(cid, campaignId, request.Disposition, request.Reason, request.Overwrite ?? false, ct), Results.Ok))
            .WithName("DisposeCampaign")
            .WithSummary("Give one disposition to every comment in a campaign");
    }

    public static Result<(int Page, int PageSize)> Paging(int? page, int? pageSize)
    {
        if (page is < 1)
        {
            return Error.Invalid("page", "Page must be 1 or more.");
        }

        if (pageSize is < 1 or > ConsultationQueries.MaxPageSize)
        {
            return Error.Invalid("pageSize", $"Page size must be between 1 and {ConsultationQueries.MaxPageSize}.");
        }

        return (page ?? 1, pageSize ?? CampaignQueries.DefaultPageSize);
    }
}
