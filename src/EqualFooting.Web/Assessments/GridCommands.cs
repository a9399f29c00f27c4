using System.Collections.Concurrent;
using EqualFooting.Assessments;
using EqualFooting.Common;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using EqualFooting.Sessions;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Assessments;

/// <summary>A grid with its process and the actor's standing there.</summary>
public sealed record GridContext(AssessmentGrid Grid, Process Process, Actor Actor);

/// <summary>One rating as sent: the question's index (from 0), the rating, and a comment (or, from a rapporteur, the group's note).</summary>
public sealed record RatingInput(int? Question, int? Rating, string? Comment);

/// <summary>What a participant's answers need: the grid and the affiliation they count under.</summary>
public sealed record AnswererContext(GridContext Grid, int? ParticipantId, int StakeholderGroupId, int RegionId, List<GridAnswer> Existing);

/// <summary>What a rapporteur's entry needs: the grid, the breakout group and the actor's participant id.</summary>
public sealed record ConsensusContext(GridContext Grid, BreakoutGroup? Group, int? ParticipantId, List<GridConsensus> Existing);

/// <summary>
/// The use cases of assessment grids, each through <see cref="Writes"/>. Answers and consensus values claim the grid's
/// row while it is open (<see cref="OpenGridClaim"/>), so none passes the close; the unique indexes on (grid,
/// participant, question) and (grid, breakout, group, question) keep one of each when a form is sent twice at once.
/// </summary>
public sealed class GridCommands(EqualFootingDb db, ProcessAccess processes, Writes writes, GridGate gate)
{
    public async Task<Result<GridContext>> FindAsync(int gridId, bool tracked, CancellationToken ct = default)
    {
        var query = tracked ? db.AssessmentGrids : db.AssessmentGrids.AsNoTracking();
        var grid = await query.FirstOrDefaultAsync(g => g.Id == gridId, ct);
        if (grid is null)
        {
            return Error.NotFound("No such assessment grid.");
        }

        var found = tracked ? await processes.FindAsync(grid.ProcessId, ct) : await processes.ViewAsync(grid.ProcessId, ct);
        if (found.Error is { } error)
        {
            return error.Kind == ErrorKind.NotFound ? Error.NotFound("No such assessment grid.") : error;
        }

        return new GridContext(grid, found.Value.Process, found.Value.Actor);
    }

    public Task<Result<AssessmentGrid>> CreateAsync(int processId, GridDefinition definition, CancellationToken ct = default) =>
        writes.RunAsync(
            token => processes.LoadAsync(processId, token),
            c => GridPolicy.Run(c.Actor, c.Process),
            async (c, now) =>
            {
                if (await BreakoutErrorAsync(processId, definition.BreakoutId, ct) is { } badBreakout)
                {
                    return (Result<Change<AssessmentGrid>>)badBreakout;
                }

                var created = AssessmentGrid.Create(processId, definition, now);
                return created.Error is { } error ? error : Created(created.Value, processId);
            },
            ct);

    /// <summary>Runs a grid again (next year's summit): the same questions and settings as a new round, compared with this one.</summary>
    public Task<Result<AssessmentGrid>> RunAgainAsync(int gridId, int? breakoutId, CancellationToken ct = default) =>
        writes.RunAsync(
            token => FindAsync(gridId, tracked: true, token),
            c => GridPolicy.Run(c.Actor, c.Process),
            async (c, now) =>
            {
                if (await BreakoutErrorAsync(c.Process.Id, breakoutId, ct) is { } badBreakout)
                {
                    return (Result<Change<AssessmentGrid>>)badBreakout;
                }

                if (await db.AssessmentGrids.AnyAsync(g => g.PreviousId == gridId, ct))
                {
                    return (Result<Change<AssessmentGrid>>)Error.Conflict("This grid has been run again already; run the latest round again.");
                }

                return Created(c.Grid.RunAgain(breakoutId, now), c.Process.Id).Claiming(Claim.Version(c.Grid));
            },
            ct);

    private Change<AssessmentGrid> Created(AssessmentGrid grid, int processId)
    {
        db.AssessmentGrids.Add(grid);
        return Change.Recorded(grid, processId, GridRecord.Created, () => new GridEntry(
            grid.Id, grid.Title, grid.Questions, grid.ScaleMin, grid.DividedAt.ToString(System.Globalization.CultureInfo.InvariantCulture), grid.Anonymous, grid.BreakoutId, grid.PreviousId, grid.Round));
    }

    private async Task<Error?> BreakoutErrorAsync(int processId, int? breakoutId, CancellationToken ct) =>
        breakoutId is not { } id ? null
        : await db.Breakouts.AnyAsync(b => b.Id == id && db.Sessions.Any(s => s.Id == b.SessionId && s.ProcessId == processId), ct) ? null
        : Error.Invalid("breakoutId", "Choose a breakout round of this process, or none.");

    public Task<Result<bool>> CloseAsync(int gridId, CancellationToken ct = default) =>
        writes.RunAsync(
            token => FindAsync(gridId, tracked: true, token),
            c => GridPolicy.Run(c.Actor, c.Process),
            async (c, now) =>
            {
                if (!c.Grid.Close(now))
                {
                    return Change.None(false);
                }

                var counts = await db.GridAnswers.Where(a => a.GridId == gridId).GroupBy(a => a.Question).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);
                var answers = Enumerable.Range(0, c.Grid.Questions.Count).Select(q => counts.FirstOrDefault(x => x.Key == q)?.N ?? 0).ToList();
                return (Result<Change<bool>>)Change.Recorded(true, c.Process.Id, GridRecord.Closed, () => new GridClosedEntry(gridId, answers))
                    .Claiming(Claim.Version(c.Grid));
            },
            ct);

    /// <summary>Gives or changes the actor's ratings; the same ratings again write nothing.</summary>
    public async Task<Result<IReadOnlyList<GridAnswer>>> AnswerAsync(int gridId, IReadOnlyList<RatingInput>? ratings, CancellationToken ct = default)
    {
        using var turn = await gate.EnterAsync(gridId, ct);
        return await writes.RunAsync(
            token => LoadAnswererAsync(gridId, token),
            a => GridPolicy.Answer(a.Grid.Actor, a.Grid.Process) ?? (a.ParticipantId is null ? Error.Forbidden("Only participants of this process can answer.") : null),
            (a, now) =>
            {
                var grid = a.Grid.Grid;
                if (!grid.IsOpen)
                {
                    return (Result<Change<IReadOnlyList<GridAnswer>>>)Error.Conflict("This assessment grid is closed.");
                }

                var read = grid.ReadAll(ratings?.Select(r => (r.Question, r.Rating, r.Comment)).ToList());
                if (read.Error is { } invalid)
                {
                    return invalid;
                }

                var touched = new List<GridAnswer>();
                foreach (var rating in read.Value)
                {
                    var existing = a.Existing.FirstOrDefault(x => x.Question == rating.Question);
                    if (existing is null)
                    {
                        existing = GridAnswer.Give(grid.Id, a.ParticipantId!.Value, a.StakeholderGroupId, a.RegionId, rating, now);
                        db.GridAnswers.Add(existing);
                        touched.Add(existing);
                    }
                    else if (existing.Change(a.StakeholderGroupId, a.RegionId, rating, now))
                    {
                        touched.Add(existing);
                    }
                }

                IReadOnlyList<GridAnswer> all = [.. a.Existing.Union(touched).OrderBy(x => x.Question)];
                if (touched.Count == 0)
                {
                    return Change.None(all);
                }

                return Change.Recorded(all, a.Grid.Process.Id, GridRecord.Answered, () => new GridAnswersEntry(
                        grid.Id, [.. touched.Select(t => t.Question)], grid.Anonymous ? null : [.. touched.Select(t => t.Rating)]))
                    .Claiming(new OpenGridClaim(grid.Id))
                    .OnDuplicate(async token => (Result<IReadOnlyList<GridAnswer>>?)await db.GridAnswers.AsNoTracking()
                        .Where(x => x.GridId == grid.Id && x.ParticipantId == a.ParticipantId).OrderBy(x => x.Question).ToListAsync(token));
            },
            ct);
    }

    /// <summary>A breakout group's agreed values, entered by its rapporteur: each replaces the group's earlier value for that question.</summary>
    public async Task<Result<IReadOnlyList<GridConsensus>>> EnterConsensusAsync(int gridId, int groupNumber, IReadOnlyList<RatingInput>? ratings, CancellationToken ct = default)
    {
        using var turn = await gate.EnterAsync(gridId, ct);
        return await writes.RunAsync(
            token => LoadConsensusAsync(gridId, groupNumber, token),
            c => c.Grid.Grid.BreakoutId is null || c.Group is null
                ? GridPolicy.View(c.Grid.Actor, c.Grid.Process) ?? Error.NotFound("This grid has no such breakout group.")
                : GridPolicy.EnterConsensus(c.Grid.Actor, c.Grid.Process, c.Group.RapporteurParticipantId, c.ParticipantId),
            (c, now) =>
            {
                var grid = c.Grid.Grid;
                if (!grid.IsOpen)
                {
                    return (Result<Change<IReadOnlyList<GridConsensus>>>)Error.Conflict("This assessment grid is closed.");
                }

                var read = grid.ReadAll(ratings?.Select(r => (r.Question, r.Rating, r.Comment)).ToList(), "note");
                if (read.Error is { } invalid)
                {
                    return invalid;
                }

                var touched = new List<GridConsensus>();
                foreach (var rating in read.Value)
                {
                    var existing = c.Existing.FirstOrDefault(x => x.Question == rating.Question);
                    if (existing is null)
                    {
                        existing = GridConsensus.Enter(grid.Id, grid.BreakoutId!.Value, groupNumber, c.Group!.RegionId, rating, now);
                        db.GridConsensus.Add(existing);
                        touched.Add(existing);
                    }
                    else if (existing.Change(rating, now))
                    {
                        touched.Add(existing);
                    }
                }

                IReadOnlyList<GridConsensus> all = [.. c.Existing.Union(touched).OrderBy(x => x.Question)];
                return touched.Count == 0
                    ? Change.None(all)
                    : Change.Recorded(all, c.Grid.Process.Id, GridRecord.ConsensusEntered, () => new GridConsensusEntry(
                            grid.Id, grid.BreakoutId!.Value, groupNumber, [.. touched.Select(t => t.Question)], [.. touched.Select(t => t.Rating)]))
                        .Claiming(new OpenGridClaim(grid.Id))
                        .OnDuplicate(async token => (Result<IReadOnlyList<GridConsensus>>?)await db.GridConsensus.AsNoTracking()
                            .Where(x => x.GridId == grid.Id && x.BreakoutId == grid.BreakoutId && x.GroupNumber == groupNumber).OrderBy(x => x.Question).ToListAsync(token));
            },
            ct);
    }

    /// <summary>The actor's participant id in the process, if they joined it.</summary>
    public async Task<int?> MyParticipantIdAsync(GridContext c, CancellationToken ct = default) =>
        c.Actor.AccountId is { } account && c.Actor.IsParticipant
            ? await db.Participants.Where(p => p.ProcessId == c.Process.Id && p.AccountId == account).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct)
            : null;

    private async Task<Result<AnswererContext>> LoadAnswererAsync(int gridId, CancellationToken ct)
    {
        var found = await FindAsync(gridId, tracked: false, ct);
        if (found.Error is { } error)
        {
            return error;
        }

        var c = found.Value;
        if (await Participation.CurrentAffiliation.OfAsync(db, c.Process.Id, c.Actor.AccountId, ct) is not { } current)
        {
            return new AnswererContext(c, null, 0, 0, []);
        }

        var existing = await db.GridAnswers.Where(a => a.GridId == gridId && a.ParticipantId == current.ParticipantId).ToListAsync(ct);
        return new AnswererContext(c, current.ParticipantId, current.GroupId, current.RegionId, existing);
    }

    private async Task<Result<ConsensusContext>> LoadConsensusAsync(int gridId, int groupNumber, CancellationToken ct)
    {
        var found = await FindAsync(gridId, tracked: false, ct);
        if (found.Error is { } error)
        {
            return error;
        }

        var c = found.Value;
        if (c.Grid.BreakoutId is not { } breakoutId)
        {
            return new ConsensusContext(c, null, null, []);
        }

        var group = await db.Set<BreakoutGroup>().AsNoTracking().FirstOrDefaultAsync(g => g.BreakoutId == breakoutId && g.Number == groupNumber, ct);
        var existing = await db.GridConsensus.Where(x => x.GridId == gridId && x.BreakoutId == breakoutId && x.GroupNumber == groupNumber).ToListAsync(ct);
        return new ConsensusContext(c, group, await MyParticipantIdAsync(c, ct), existing);
    }

    /// <summary>
    /// An answer's claim: moves the grid's version only while it is open. It takes the grid row's lock until the
    /// commit, so answers of one grid queue briefly and one that lost to the close starts again and is refused.
    /// </summary>
    private sealed class OpenGridClaim(int gridId) : Claim
    {
        public override async Task<bool> TakeAsync(EqualFootingDb db, CancellationToken ct) =>
            await db.AssessmentGrids
                .Where(g => g.Id == gridId && g.Status == GridStatus.Open)
                .ExecuteUpdateAsync(s => s.SetProperty(g => g.Version, g => g.Version + 1), ct) > 0;

        public override Task<bool> MovedOnAsync(EqualFootingDb db, CancellationToken ct) => Task.FromResult(false);
    }
}

/// <summary>
/// Answers to one grid queue on its row in the database anyway (<c>OpenGridClaim</c>); queueing them here first, per
/// node, means a burst holds one database connection per grid instead of one per waiting request. The database
/// stays the authority across nodes.
/// </summary>
public sealed class GridGate
{
    private readonly ConcurrentDictionary<int, SemaphoreSlim> _grids = new();

    public async Task<IDisposable> EnterAsync(int gridId, CancellationToken ct)
    {
        var gate = _grids.GetOrAdd(gridId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Turn(gate);
    }

    private sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
