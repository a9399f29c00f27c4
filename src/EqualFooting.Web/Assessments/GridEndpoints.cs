using System.Text;
using EqualFooting.Assessments;

namespace EqualFooting.Web.Assessments;

/// <param name="Template">"atlas2" starts from the ATLAS II thematic group's six questions when no questions are given.</param>
/// <param name="DividedAt">The standard deviation from which a cell is flagged as divided (1.25 by default).</param>
/// <param name="Anonymous">Whether answers are anonymous (the default): then cells under the process's minimum cell size are hidden.</param>
/// <param name="BreakoutId">A breakout round of the process whose groups' rapporteurs enter the values their groups agreed.</param>
public sealed record CreateGridRequest(string? Title, IReadOnlyList<string?>? Questions, string? Template, int? ScaleMin, double? DividedAt, bool? Anonymous, int? BreakoutId)
{
    public const string AtlasTwo = "atlas2";

    public GridDefinition ToDefinition() => new(
        Title,
        Questions is { Count: > 0 } || !string.Equals(Template, AtlasTwo, StringComparison.OrdinalIgnoreCase) ? Questions : [.. GridTemplates.AtlasTwo],
        ScaleMin,
        DividedAt,
        Anonymous ?? true,
        BreakoutId);
}

/// <param name="Answers">Ratings by question index (from 0), each with an optional comment; questions left out keep their earlier answer.</param>
public sealed record AnswersRequest(IReadOnlyList<RatingInput>? Answers);

public sealed record ConsensusValue(int? Question, int? Rating, string? Note);

/// <param name="Values">The group's agreed rating per question (index from 0), each with an optional note.</param>
public sealed record ConsensusRequest(IReadOnlyList<ConsensusValue>? Values)
{
    public IReadOnlyList<RatingInput>? ToInputs() => Values?.Select(v => new RatingInput(v.Question, v.Rating, v.Note)).ToList();
}

/// <param name="BreakoutId">The new round's breakout round, if its groups give consensus values.</param>
public sealed record RunAgainRequest(int? BreakoutId);

public static class GridEndpoints
{
    public static void MapGridEndpoints(this IEndpointRouteBuilder app)
    {
        var process = app.MapGroup("/api/processes/{processId:int}/grids").WithTags("Assessment grids");
        process.MapGet("", async (int processId, ProcessAccess access, GridQueries queries, CancellationToken ct) =>
            {
                var found = await access.ViewAsync(processId, ct);
                return found.Error is { } error ? Problems.ToResult(error) : Results.Ok(await queries.ListAsync(processId, ct));
            })
            .WithName("ListGrids").WithSummary("The process's assessment grids, newest first.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        process.MapPost("", async (int processId, CreateGridRequest request, GridCommands commands, CancellationToken ct) =>
                Problems.ToResult(await commands.CreateAsync(processId, request.ToDefinition(), ct), g => Results.Created($"/api/grids/{g.Id}", GridQueries.Describe(g))))
            .WithName("CreateGrid").WithSummary("Opens an assessment grid of Likert questions, optionally answered by a breakout round's groups too (moderators and conveners).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);

        var grid = app.MapGroup("/api/grids/{gridId:int}").WithTags("Assessment grids");
        grid.MapGet("", async (int gridId, GridRows? rows, GridCommands commands, GridQueries queries, CancellationToken ct) =>
            {
                var found = await commands.FindAsync(gridId, tracked: false, ct);
                return found.Error is { } error ? Problems.ToResult(error)
                    : Results.Ok(await queries.ResultsAsync(found.Value.Grid, found.Value.Process, rows ?? GridRows.Regions, ct));
            })
            .WithName("GridResults").WithSummary("The grid and its table: rows (regions or stakeholder groups) by questions, each cell's n, mean, median, IQR and standard deviation, divided cells flagged, consensus values beside, comments per cell.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

        grid.MapGet("/results.csv", async (int gridId, GridRows? rows, GridCommands commands, GridQueries queries, CancellationToken ct) =>
            {
                var found = await commands.FindAsync(gridId, tracked: false, ct);
                if (found.Error is { } error)
                {
                    return Problems.ToResult(error);
                }

                var results = await queries.ResultsAsync(found.Value.Grid, found.Value.Process, rows ?? GridRows.Regions, ct);
                return Results.File(Encoding.UTF8.GetBytes(GridQueries.Csv(results)), "text/csv; charset=utf-8", $"grid-{gridId}.csv");
            })
            .WithName("GridResultsCsv").WithSummary("The grid's table as CSV, one line per row and question.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

        grid.MapGet("/comparison", async (int gridId, GridRows? rows, GridCommands commands, GridQueries queries, CancellationToken ct) =>
            {
                var found = await commands.FindAsync(gridId, tracked: false, ct);
                return found.Error is { } error ? Problems.ToResult(error)
                    : Problems.ToResult(await queries.CompareAsync(found.Value.Grid, found.Value.Process, rows ?? GridRows.Regions, ct), Results.Ok);
            })
            .WithName("GridComparison").WithSummary("The grid beside the round it runs again: each cell's change of mean.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

        grid.MapGet("/answers", async (int gridId, GridCommands commands, GridQueries queries, CancellationToken ct) =>
            {
                var found = await commands.FindAsync(gridId, tracked: false, ct);
                return found.Error is { } error ? Problems.ToResult(error)
                    : Results.Ok(await queries.MyAnswersAsync(gridId, found.Value.Actor, found.Value.Process.Id, ct));
            })
            .WithName("MyGridAnswers").WithSummary("The signed-in participant's own answers to the grid.")
            .WithMetadata(new EqualFooting.Web.Hosting.NeedsAccount())
            .ProducesProblem(StatusCodes.Status404NotFound);

        grid.MapPut("/answers", async (int gridId, AnswersRequest request, GridCommands commands, CancellationToken ct) =>
                Problems.ToResult(await commands.AnswerAsync(gridId, request.Answers, ct), answers => Results.Ok(answers.Select(a => new MyAnswerDto(a.Question, a.Rating, a.Comment, a.ChangedAt)))))
            .WithName("AnswerGrid").WithSummary("Gives or changes the participant's ratings until the grid closes (one per question).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);

        grid.MapPut("/groups/{group:int}/consensus", async (int gridId, int group, ConsensusRequest request, GridCommands commands, CancellationToken ct) =>
                Problems.ToResult(await commands.EnterConsensusAsync(gridId, group, request.ToInputs(), ct), values => Results.Ok(values.Select(v => new { v.Question, v.Rating, v.Note, v.EnteredAt }))))
            .WithName("EnterGridConsensus").WithSummary("A breakout group's agreed rating per question, with a note (the group's rapporteur).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);

        grid.MapPost("/close", async (int gridId, GridCommands commands, CancellationToken ct) =>
                Problems.ToResult(await commands.CloseAsync(gridId, ct), changed => Results.Ok(new { changed })))
            .WithName("CloseGrid").WithSummary("Closes the grid: answers are refused from then on.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);

        grid.MapPost("/rounds", async (int gridId, RunAgainRequest request, GridCommands commands, CancellationToken ct) =>
                Problems.ToResult(await commands.RunAgainAsync(gridId, request.BreakoutId, ct), g => Results.Created($"/api/grids/{g.Id}", GridQueries.Describe(g))))
            .WithName("RunGridAgain").WithSummary("Runs the grid again as a new round with the same questions, to compare cell by cell (moderators and conveners).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
    }
}
