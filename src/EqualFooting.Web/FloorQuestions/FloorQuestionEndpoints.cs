namespace EqualFooting.Web.FloorQuestions;

public static class FloorQuestionEndpoints
{
    public static void MapFloorQuestionEndpoints(this IEndpointRouteBuilder app)
    {
        var process = app.MapGroup("/api/processes/{processId:int}/questions").WithTags("Questions from the floor");
        process.MapGet("", async (int processId, int? session, string? order, ProcessAccess access, FloorQuestionQueries queries, CancellationToken ct) =>
            {
                if (order is not (null or "votes" or "balanced"))
                {
                    return Problems.ToResult(Common.Error.Invalid("order", "Order by votes or balanced."));
                }

                var found = await access.ViewAsync(processId, ct);
                return found.Error is { } error ? Problems.ToResult(error)
                    : Results.Ok(await queries.ListAsync(found.Value.Process, found.Value.Actor, session, order == "balanced", ct));
            })
            .WithName("ListFloorQuestions").WithSummary("Questions from the floor, by votes or balanced round-robin across stakeholder groups, each with its votes by group.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

        process.MapPost("", async (int processId, AskRequest request, FloorQuestionCommands commands, CancellationToken ct) =>
                Problems.ToResult(await commands.AskAsync(processId, request, ct), q => Results.Created($"/api/questions/{q.Id}", new { q.Id, q.Status, q.SessionId })))
            .WithName("AskFloorQuestion").WithSummary("Asks a question for a session's speakers or a body's leaders (participants).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);

        var question = app.MapGroup("/api/questions/{questionId:int}").WithTags("Questions from the floor");
        question.MapPost("/votes", async (int questionId, FloorQuestionCommands commands, CancellationToken ct) =>
                Problems.ToResult(await commands.UpvoteAsync(questionId, ct), added => Results.Ok(new { added })))
            .WithName("UpvoteFloorQuestion").WithSummary("Upvotes a question; a second upvote changes nothing.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);

        question.MapPost("/approve", async (int questionId, FloorQuestionCommands commands, CancellationToken ct) =>
                Problems.ToResult(await commands.ApproveAsync(questionId, ct), changed => Results.Ok(new { changed })))
            .WithName("ApproveFloorQuestion").WithSummary("Approves a question held for review (moderators).")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);

        question.MapPost("/hold", async (int questionId, FloorQuestionCommands commands, CancellationToken ct) =>
                Problems.ToResult(await commands.HoldAsync(questionId, ct), changed => Results.Ok(new { changed })))
            .WithName("HoldFloorQuestion").WithSummary("Holds a question for review (moderators).")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);

        question.MapPost("/merge", async (int questionId, MergeRequest request, FloorQuestionCommands commands, CancellationToken ct) =>
                Problems.ToResult(await commands.MergeAsync(questionId, request.Into, ct), changed => Results.Ok(new { changed })))
            .WithName("MergeFloorQuestion").WithSummary("Merges a duplicate into another question; its votes count there (moderators).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);

        question.MapPut("/answer", async (int questionId, AnswerRequest request, FloorQuestionCommands commands, CancellationToken ct) =>
                Problems.ToResult(await commands.AnswerAsync(questionId, request, ct), changed => Results.Ok(new { changed })))
            .WithName("AnswerFloorQuestion").WithSummary("Marks a question answered, linked to the intervention of its session that answered it (moderators).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
    }
}
