using System.Globalization;
using System.Text;
using EqualFooting.Assessments;
using EqualFooting.Common;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using EqualFooting.Sessions;
using EqualFooting.Web.Privacy;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Assessments;

/// <summary>What the table's rows are: the participants' regions or their stakeholder groups.</summary>
public enum GridRows
{
    Regions,
    StakeholderGroups,
}

public sealed record GridDto(
    int Id,
    int ProcessId,
    string Title,
    IReadOnlyList<string> Questions,
    int ScaleMin,
    int ScaleMax,
    double DividedAt,
    bool Anonymous,
    int? BreakoutId,
    int? PreviousId,
    int? NextId,
    int Round,
    GridStatus Status,
    bool Open,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt);

/// <summary>One cell: n, and unless hidden or empty, mean, median, quartiles, IQR and standard deviation (two decimals).</summary>
public sealed record GridCellDto(int N, double? Mean, double? Median, double? Q1, double? Q3, double? Iqr, double? StandardDeviation, bool Divided, bool Hidden, double? Shade);

/// <param name="Consensus">The breakout groups' agreed values for this row (regions only), beside the individual answers; null when there are none.</param>
public sealed record GridRowDto(int Id, string Name, IReadOnlyList<GridCellDto> Cells, IReadOnlyList<GridCellDto>? Consensus);

/// <summary>A comment given with a rating, readable under its cell; the name only in named grids, as the process's privacy settings allow.</summary>
public sealed record GridCommentDto(int RowId, int Question, int Rating, string Comment, string? Name);

public sealed record ConsensusDto(int GroupNumber, string Group, int? RegionId, string? Region, int Question, int Rating, string? Note, DateTimeOffset EnteredAt);

/// <summary>
/// The rapporteur's table: rows (regions or stakeholder groups) by questions, each cell with its statistics, the
/// overall line, the breakout groups' agreed values beside the individual answers, and the comments of shown cells.
/// </summary>
public sealed record GridResultsDto(
    GridDto Grid,
    GridRows Rows,
    int MinimumCell,
    int Participants,
    IReadOnlyList<GridRowDto> Table,
    IReadOnlyList<GridCellDto> Overall,
    IReadOnlyList<ConsensusDto> Consensus,
    IReadOnlyList<GridCommentDto> Comments);

public sealed record GridChangeDto(int RowId, string Row, int Question, double? Before, double? After, double? Change);

/// <summary>A grid beside the round it runs again: each cell's change of mean.</summary>
public sealed record GridComparisonDto(GridDto Grid, GridDto Previous, GridRows Rows, IReadOnlyList<GridChangeDto> Changes);

public sealed record MyAnswerDto(int Question, int Rating, string? Comment, DateTimeOffset ChangedAt);

public sealed record BreakoutGroupChoice(int Number, string Name, int? RapporteurParticipantId);

/// <summary>Read models of assessment grids; the statistics are the pure <see cref="GridStatistics"/>.</summary>
public sealed class GridQueries(EqualFootingDb db, PublicNames names)
{
    public static GridDto Describe(AssessmentGrid g, int? nextId = null) => new(
        g.Id, g.ProcessId, g.Title, g.Questions, g.ScaleMin, AssessmentGrid.ScaleMax, g.DividedAt, g.Anonymous, g.BreakoutId, g.PreviousId, nextId,
        g.Round, g.Status, g.IsOpen, g.CreatedAt, g.ClosedAt);

    public async Task<List<GridDto>> ListAsync(int processId, CancellationToken ct = default) =>
        (await db.AssessmentGrids.AsNoTracking().Where(g => g.ProcessId == processId).OrderByDescending(g => g.Id).Take(200).ToListAsync(ct))
        .ConvertAll(g => Describe(g));

    public async Task<List<MyAnswerDto>> MyAnswersAsync(int gridId, Actor actor, int processId, CancellationToken ct = default) =>
        actor.AccountId is not { } account ? []
        : await db.GridAnswers.AsNoTracking()
            .Where(a => a.GridId == gridId && db.Participants.Any(p => p.Id == a.ParticipantId && p.ProcessId == processId && p.AccountId == account))
            .OrderBy(a => a.Question)
            .Select(a => new MyAnswerDto(a.Question, a.Rating, a.Comment, a.ChangedAt))
            .ToListAsync(ct);

    /// <summary>The groups of the grid's breakout round, for the rapporteurs' forms.</summary>
    public async Task<List<BreakoutGroupChoice>> GroupsAsync(AssessmentGrid grid, CancellationToken ct = default) =>
        grid.BreakoutId is not { } id ? []
        : await db.Set<BreakoutGroup>().AsNoTracking().Where(g => g.BreakoutId == id).OrderBy(g => g.Number)
            .Select(g => new BreakoutGroupChoice(g.Number, g.Name, g.RapporteurParticipantId)).ToListAsync(ct);

    /// <summary>The breakout rounds of the process, newest first, for the create form.</summary>
    public async Task<List<(int Id, string Title)>> BreakoutsAsync(int processId, CancellationToken ct = default) =>
        (await db.Breakouts.AsNoTracking()
            .Where(b => db.Sessions.Any(s => s.Id == b.SessionId && s.ProcessId == processId))
            .OrderByDescending(b => b.Id).Take(50)
            .Select(b => new { b.Id, b.Title }).ToListAsync(ct))
        .ConvertAll(b => (b.Id, b.Title));

    public async Task<GridResultsDto> ResultsAsync(AssessmentGrid grid, Process process, GridRows rows, CancellationToken ct = default)
    {
        var minimum = await MinimumCellAsync(grid, ct);
        var answers = await AnswersAsync(grid.Id, ct);
        var consensus = await db.GridConsensus.AsNoTracking().Where(c => c.GridId == grid.Id && c.BreakoutId == grid.BreakoutId).OrderBy(c => c.GroupNumber).ThenBy(c => c.Question).ToListAsync(ct);
        var groups = await GroupsAsync(grid, ct);
        var nextId = await db.AssessmentGrids.Where(g => g.PreviousId == grid.Id).Select(g => (int?)g.Id).FirstOrDefaultAsync(ct);

        var questions = grid.Questions.Count;
        var rated = answers.ConvertAll(a => new RatingRow<int>(RowOf(a, rows), a.Question, a.Rating));
        var table = GridStatistics.Table(rated, questions, grid.DividedAt, minimum);
        var agreed = rows == GridRows.Regions
            ? GridStatistics.Table(consensus.Where(c => c.RegionId is not null).Select(c => new RatingRow<int>(c.RegionId!.Value, c.Question, c.Rating)), questions, grid.DividedAt)
            : new Dictionary<int, GridCell[]>();

        var categories = Categories(process, rows);
        var tableRows = categories
            .Where(c => table.ContainsKey(c.Id) || agreed.ContainsKey(c.Id))
            .Select(c => new GridRowDto(
                c.Id,
                c.Name,
                [.. (table.TryGetValue(c.Id, out var cells) ? cells : Enumerable.Repeat(GridCell.Empty, questions)).Select(x => Cell(x, grid))],
                agreed.TryGetValue(c.Id, out var values) ? [.. values.Select(x => Cell(x, grid))] : null))
            .ToList();

        // Comments are shown only under cells that show figures: a hidden cell's comments would give its answers away.
        var shownNames = grid.Anonymous ? null : await names.NamesAsync(process.Id, answers.Where(a => a.Comment is not null).Select(a => a.ParticipantId).Distinct(), ct);
        var comments = answers
            .Where(a => a.Comment is not null && table.TryGetValue(RowOf(a, rows), out var cells) && cells[a.Question].Shown)
            .OrderBy(a => a.Question).ThenBy(a => a.ChangedAt)
            .Select(a => new GridCommentDto(RowOf(a, rows), a.Question, a.Rating, a.Comment!, shownNames?.GetValueOrDefault(a.ParticipantId)))
            .ToList();

        return new GridResultsDto(
            Describe(grid, nextId),
            rows,
            minimum,
            answers.Select(a => a.ParticipantId).Distinct().Count(),
            tableRows,
            [.. GridStatistics.Overall(rated, questions, grid.DividedAt, minimum).Select(x => Cell(x, grid))],
            [.. consensus.Select(c => new ConsensusDto(
                c.GroupNumber,
                groups.FirstOrDefault(g => g.Number == c.GroupNumber)?.Name ?? "",
                c.RegionId,
                c.RegionId is { } r ? process.Regions.FirstOrDefault(x => x.Id == r)?.Name : null,
                c.Question,
                c.Rating,
                c.Note,
                c.EnteredAt))],
            comments);
    }

    public async Task<Result<GridComparisonDto>> CompareAsync(AssessmentGrid grid, Process process, GridRows rows, CancellationToken ct = default)
    {
        if (grid.PreviousId is not { } previousId || await db.AssessmentGrids.AsNoTracking().FirstOrDefaultAsync(g => g.Id == previousId, ct) is not { } previous)
        {
            return Error.NotFound("This grid is a first round: there is nothing to compare it with.");
        }

        var questions = grid.Questions.Count;
        var before = GridStatistics.Table([.. (await AnswersAsync(previous.Id, ct)).Select(a => new RatingRow<int>(RowOf(a, rows), a.Question, a.Rating))], questions, previous.DividedAt, await MinimumCellAsync(previous, ct));
        var after = GridStatistics.Table([.. (await AnswersAsync(grid.Id, ct)).Select(a => new RatingRow<int>(RowOf(a, rows), a.Question, a.Rating))], questions, grid.DividedAt, await MinimumCellAsync(grid, ct));
        var categories = Categories(process, rows);
        var order = Comparer<int>.Create((a, b) => Position(categories, a).CompareTo(Position(categories, b)));
        var changes = GridStatistics.Compare(before, after, questions, order)
            .Select(c => new GridChangeDto(c.Row, categories.FirstOrDefault(x => x.Id == c.Row)?.Name ?? "", c.Question, Round(c.Before), Round(c.After), Round(c.Change)))
            .ToList();
        return new GridComparisonDto(Describe(grid), Describe(previous, grid.Id), rows, changes);
    }

    /// <summary>The table as CSV: one line per row and question, with the consensus beside it.</summary>
    public static string Csv(GridResultsDto r)
    {
        var csv = new StringBuilder();
        csv.Append(r.Rows == GridRows.Regions ? "region" : "stakeholder_group")
            .Append(",question_number,question,n,mean,median,q1,q3,iqr,sd,divided,hidden,consensus_n,consensus_mean\r\n");
        foreach (var row in r.Table)
        {
            for (var q = 0; q < r.Grid.Questions.Count; q++)
            {
                var c = row.Cells[q];
                var agreed = row.Consensus?[q];
                csv.Append(Common.Csv.Quote(row.Name)).Append(',')
                    .Append(q + 1).Append(',')
                    .Append(Common.Csv.Quote(r.Grid.Questions[q])).Append(',')
                    .Append(c.N).Append(',')
                    .Append(Number(c.Mean)).Append(',').Append(Number(c.Median)).Append(',')
                    .Append(Number(c.Q1)).Append(',').Append(Number(c.Q3)).Append(',')
                    .Append(Number(c.Iqr)).Append(',').Append(Number(c.StandardDeviation)).Append(',')
                    .Append(c.Divided ? "true" : "false").Append(',')
                    .Append(c.Hidden ? "true" : "false").Append(',')
                    .Append(agreed?.N ?? 0).Append(',')
                    .Append(Number(agreed?.Mean)).Append("\r\n");
            }
        }

        return csv.ToString();
    }

    private static string Number(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";

    private async Task<int> MinimumCellAsync(AssessmentGrid grid, CancellationToken ct) =>
        grid.Anonymous ? (await names.SettingsAsync(grid.ProcessId, ct)).MinimumCellSize : 0;

    private async Task<List<AnswerRow>> AnswersAsync(int gridId, CancellationToken ct) =>
        await db.GridAnswers.AsNoTracking().Where(a => a.GridId == gridId)
            .Select(a => new AnswerRow(a.ParticipantId, a.StakeholderGroupId, a.RegionId, a.Question, a.Rating, a.Comment, a.ChangedAt))
            .ToListAsync(ct);

    private static int RowOf(AnswerRow a, GridRows rows) => rows == GridRows.Regions ? a.RegionId : a.StakeholderGroupId;

    private static List<Category> Categories(Process process, GridRows rows) =>
        rows == GridRows.Regions ? [.. process.Regions.OrderBy(r => r.Position)] : [.. process.StakeholderGroups.OrderBy(g => g.Position)];

    private static int Position(List<Category> categories, int id) => categories.FindIndex(c => c.Id == id) is var i and >= 0 ? i : int.MaxValue;

    private static GridCellDto Cell(GridCell c, AssessmentGrid grid) => new(
        c.N, Round(c.Mean), Round(c.Median), Round(c.Q1), Round(c.Q3), Round(c.Iqr), Round(c.StandardDeviation), c.Divided, c.Hidden,
        Round(GridStatistics.Shade(c.Mean, grid.ScaleMin, AssessmentGrid.ScaleMax)));

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2) : null;

    private sealed record AnswerRow(int ParticipantId, int StakeholderGroupId, int RegionId, int Question, int Rating, string? Comment, DateTimeOffset ChangedAt);
}

/// <summary>One cell of the page's table: the individual answers and, for a region, the breakout groups' agreed values.</summary>
public sealed record CellView(GridCellDto Cell, GridCellDto? Consensus);
