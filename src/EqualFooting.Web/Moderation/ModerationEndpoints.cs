using EqualFooting.Moderation;
using EqualFooting.Web.Hosting;

namespace EqualFooting.Web.Moderation;

public sealed record ReasonRequest(string? Reason);

public sealed record ReportDto(long Id, long CommentId, string Reason, DateTimeOffset ReportedAt)
{
    public static ReportDto Of(ContentReport r) => new(r.Id, r.CommentId, r.Reason, r.ReportedAt);
}

public sealed record ReportedCommentDto(long CommentId, int ConsultationId, bool Hidden, int Reports, IReadOnlyDictionary<string, int> ByStakeholderGroup, IReadOnlyList<ReportReason> Reasons);

public sealed record ModerationQueueDto(IReadOnlyList<ReportedCommentDto> Open, IReadOnlyList<HiddenComment> Hidden, IReadOnlyDictionary<string, int> ReportsByStakeholderGroup);

public static class ModerationEndpoints
{
    public static void MapModerationEndpoints(this IEndpointRouteBuilder app)
    {
        var comments = app.MapGroup("/api/comments/{commentId:long}").WithTags("Moderation");

        comments.MapPost("/reports", async (long commentId, ReasonRequest request, ModerationCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.ReportAsync(commentId, request.Reason, ct), r =>
                r.Created ? Results.Created($"/api/comments/{commentId}/reports/{r.Report.Id}", ReportDto.Of(r.Report)) : Results.Ok(ReportDto.Of(r.Report))))
            .WithName("ReportComment")
            .WithSummary("Reports a comment to the process's moderators with a reason; reporting again returns the first report.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        comments.MapPost("/hide", async (long commentId, ReasonRequest request, ModerationCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.HideAsync(commentId, request.Reason, ct), changed => Results.Ok(new { hidden = true, changed })))
            .WithName("HideComment")
            .WithSummary("A moderator hides a comment with a reason; readers see the reason instead of the text.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        comments.MapPost("/restore", async (long commentId, ReasonRequest request, ModerationCommands commands, CancellationToken ct) =>
            Problems.ToResult(await commands.RestoreAsync(commentId, request.Reason, ct), changed => Results.Ok(new { hidden = false, changed })))
            .WithName("RestoreComment")
            .WithSummary("A moderator shows a hidden comment again, with a reason.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/api/processes/{id:int}/moderation", async (int id, ProcessAccess processes, ModerationQueries queries, CancellationToken ct) =>
        {
            var found = await processes.FindForAsync(id, ModerationPolicy.Moderate, ct);
            if (found.Error is { } error)
            {
                return Problems.ToResult(error);
            }

            var queue = await queries.QueueAsync(found.Value.Process, ct);
            return Results.Ok(new ModerationQueueDto(
                [.. queue.Open.Select(o => new ReportedCommentDto(o.CommentId, o.ConsultationId, o.Hidden, o.Reports, o.ByStakeholderGroup.ToDictionary(x => x.StakeholderGroup, x => x.Reporters), o.Reasons))],
                queue.Hidden,
                queue.ReportsByStakeholderGroup.ToDictionary(x => x.StakeholderGroup, x => x.Reports)));
        })
            .WithTags("Moderation")
            .WithName("ModerationQueue")
            .WithMetadata(new EqualFooting.Web.Hosting.NeedsAccount())
            .WithSummary("The moderators' queue: open reports per comment with counts by the reporters' stakeholder group, and the hidden comments.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
