using EqualFooting.Polls;

namespace EqualFooting.Web.Polls;

/// <param name="Anonymous">Whether ballots are anonymous (the default) or named; fixed at the first ballot.</param>
/// <param name="ResultsWhileOpen">Whether results show while voting (the default) or only after the close; fixed at the first ballot.</param>
public sealed record CreatePollRequest(
    string? Question,
    PollKind? Kind,
    IReadOnlyList<string?>? Options,
    int? ScaleMin,
    IReadOnlyList<string?>? Labels,
    bool? DontKnow,
    bool? Anonymous,
    bool? ResultsWhileOpen)
{
    public PollDefinition ToDefinition() => new(Question, Kind, Options, ScaleMin, Labels, DontKnow ?? false, Anonymous ?? true, ResultsWhileOpen ?? true);
}

public sealed record PollSettingsRequest(bool? Anonymous, bool? ResultsWhileOpen);

public sealed record LabelsRequest(IReadOnlyList<string?>? Labels);

/// <param name="Choices">Option indices (0-based) of a choice poll.</param>
/// <param name="Rating">A Likert rating.</param>
/// <param name="DontKnow">"Don't know" on a Likert rating that allows it.</param>
/// <param name="Stance">A sense check's stance: agree, disagree, abstain or block.</param>
public sealed record BallotRequest(IReadOnlyList<int>? Choices, int? Rating, bool? DontKnow, string? Stance, string? Reason)
{
    public AnswerInput ToInput() => new(Choices, Rating, DontKnow ?? false, Stance, Reason);
}

public static class PollEndpoints
{
    public static void MapPollEndpoints(this IEndpointRouteBuilder app)
    {
        var process = app.MapGroup("/api/processes/{processId:int}/polls").WithTags("Polls");
        process.MapGet("", async (int processId, ProcessAccess access, PollQueries queries, TimeProvider clock, CancellationToken ct) =>
            {
                var found = await access.ViewAsync(processId, ct);
                return found.Error is { } error ? Problems.ToResult(error) : Results.Ok(await queries.ListAsync(processId, null, clock.GetUtcNow(), ct));
            })
            .WithName("ListPolls").WithSummary("The process's polls, newest first.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        process.MapPost("", async (int processId, CreatePollRequest request, PollCommands commands, TimeProvider clock, CancellationToken ct) =>
                Problems.ToResult(await commands.CreateAsync(processId, request.ToDefinition(), ct), p => Results.Created($"/api/polls/{p.Id}", PollQueries.Describe(p, clock.GetUtcNow()))))
            .WithName("CreatePoll").WithSummary("Opens a poll in the process (moderators and conveners).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);

        var session = app.MapGroup("/api/sessions/{sessionId:int}/polls").WithTags("Polls");
        session.MapPost("", async (int sessionId, CreatePollRequest request, PollCommands commands, TimeProvider clock, CancellationToken ct) =>
                Problems.ToResult(await commands.CreateInSessionAsync(sessionId, request.ToDefinition(), ct: ct), p => Results.Created($"/api/polls/{p.Id}", PollQueries.Describe(p, clock.GetUtcNow()))))
            .WithName("CreateSessionPoll").WithSummary("Opens a poll put to the room of a live session (moderators and conveners).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);

        session.MapPost("/sense-of-the-room", async (int sessionId, PollCommands commands, TimeProvider clock, CancellationToken ct) =>
                Problems.ToResult(await commands.SenseOfTheRoomAsync(sessionId, ct), p => Results.Created($"/api/polls/{p.Id}", PollQueries.Describe(p, clock.GetUtcNow()))))
            .WithName("SenseOfTheRoom").WithSummary("One click: asks the room agree / disagree / unsure for 60 seconds; every screen of the session shows it (moderators).")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);

        var poll = app.MapGroup("/api/polls/{pollId:int}").WithTags("Polls");
        poll.MapGet("", async (int pollId, PollCommands commands, PollQueries queries, TimeProvider clock, CancellationToken ct) =>
            {
                var found = await commands.FindAsync(pollId, tracked: false, ct);
                if (found.Error is { } error)
                {
                    return Problems.ToResult(error);
                }

                var c = found.Value;
                return Results.Ok(await queries.ResultsAsync(c.Poll, c.Process, PollPolicy.SeesResults(c.Actor, c.Poll), clock.GetUtcNow(), ct));
            })
            .WithName("PollResults").WithSummary("A poll and its results: ballots and hand counts apart, overall and by stakeholder group and region, with n per cell.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        poll.MapGet("/ballot", async (int pollId, PollCommands commands, PollQueries queries, CancellationToken ct) =>
            {
                var found = await commands.FindAsync(pollId, tracked: false, ct);
                if (found.Error is { } error)
                {
                    return Problems.ToResult(error);
                }

                return await queries.MyBallotAsync(pollId, found.Value.Actor, found.Value.Process.Id, ct) is { } mine ? Results.Ok(mine) : Results.NoContent();
            })
            .WithName("MyBallot").WithSummary("The signed-in participant's own ballot on the poll (204 when none).")
            .WithMetadata(new EqualFooting.Web.Hosting.NeedsAccount())
            .ProducesProblem(StatusCodes.Status404NotFound);

        poll.MapPut("/ballot", async (int pollId, BallotRequest request, PollCommands commands) =>
                Problems.ToResult(await commands.VoteAsync(pollId, request.ToInput()), b => Results.Ok(b)))
            .WithName("CastBallot").WithSummary("Casts the participant's ballot, or changes it until the poll closes.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);

        poll.MapPut("/settings", async (int pollId, PollSettingsRequest request, PollCommands commands, CancellationToken ct) =>
            {
                if (request.Anonymous is not { } anonymous)
                {
                    return Problems.ToResult(Common.Error.Invalid("anonymous", "Say whether ballots are anonymous."));
                }

                if (request.ResultsWhileOpen is not { } whileOpen)
                {
                    return Problems.ToResult(Common.Error.Invalid("resultsWhileOpen", "Say whether results show while voting."));
                }

                return Problems.ToResult(await commands.ChangeSettingsAsync(pollId, anonymous, whileOpen, ct), changed => Results.Ok(new { changed }));
            })
            .WithName("ChangePollSettings").WithSummary("Named or anonymous ballots, results while voting or after: only before the first ballot (409 after).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);

        poll.MapPut("/labels", async (int pollId, LabelsRequest request, PollCommands commands, CancellationToken ct) =>
                Problems.ToResult(await commands.RelabelAsync(pollId, request.Labels, ct), changed => Results.Ok(new { changed })))
            .WithName("RelabelPoll").WithSummary("Edits the labels of a Likert rating's points.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);

        poll.MapPost("/close", async (int pollId, PollCommands commands, CancellationToken ct) =>
                Problems.ToResult(await commands.CloseAsync(pollId, ct), changed => Results.Ok(new { changed })))
            .WithName("ClosePoll").WithSummary("Closes the poll; its counts go into the record.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);

        poll.MapPut("/hand-counts", async (int pollId, HandCountRequest request, PollCommands commands, CancellationToken ct) =>
                Problems.ToResult(await commands.CountHandsAsync(pollId, request, ct), h => Results.Ok(new { h.StakeholderGroupId, h.RegionId, h.Counts, h.CountedAt })))
            .WithName("CountHands").WithSummary("A show of hands for one stakeholder group (and region), kept apart from ballots (moderators).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
    }
}
