using EqualFooting.Participation;
using EqualFooting.Persistence;
using EqualFooting.Polls;
using EqualFooting.Processes;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Polls;

public sealed record PollDto(
    int Id,
    int ProcessId,
    int? SessionId,
    string Question,
    PollKind Kind,
    IReadOnlyList<string> Options,
    IReadOnlyList<string> Categories,
    int? ScaleMin,
    int? ScaleMax,
    bool DontKnow,
    bool Anonymous,
    bool ResultsWhileOpen,
    PollStatus Status,
    bool Open,
    bool HasBallots,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClosesAt,
    DateTimeOffset? ClosedAt,
    int? SecondsLeft,
    long Version);

public sealed record CellDto(int N, IReadOnlyList<int>? Counts, bool Hidden, double? Mean, double? Median);

public sealed record GroupCellDto(int Id, string Name, CellDto Cell);

public sealed record GroupRegionCellDto(int StakeholderGroupId, string StakeholderGroup, int RegionId, string Region, CellDto Cell);

public sealed record TallyDto(CellDto Overall, IReadOnlyList<GroupCellDto> ByStakeholderGroup, IReadOnlyList<GroupCellDto> ByRegion, IReadOnlyList<GroupRegionCellDto> ByStakeholderGroupAndRegion);

/// <summary>A ballot of a named poll, shown with the voter's name (resolved now, never stored in the record).</summary>
public sealed record NamedBallotDto(int ParticipantId, string Name, string StakeholderGroup, string Region, IReadOnlyList<int> Choices, int? Rating, string? Stance, string? Reason);

/// <summary>
/// A poll's results: individual ballots and hand counts apart, each overall, by stakeholder group, by region and by
/// both, with n per cell. <see cref="Visible"/> is false while a poll that shows results only after closing is open;
/// then only the number of ballots is given.
/// </summary>
public sealed record PollResultsDto(PollDto Poll, bool Visible, int MinimumCell, int Ballots, TallyDto? Individual, TallyDto? HandCounts, IReadOnlyList<NamedBallotDto>? Named);

/// <summary>One result table to render: ballots or hand counts.</summary>
public sealed record TallyView(PollDto Poll, TallyDto Tally, string Caption, string Id);

public sealed record MyBallotDto(long Id, IReadOnlyList<int> Choices, int? Rating, string? Stance, string? Reason, DateTimeOffset ChangedAt);

/// <summary>Read models of polls; the tally itself is the pure <see cref="PollTally"/> over grouped rows.</summary>
public sealed class PollQueries(EqualFootingDb db, IConfiguration configuration)
{
    /// <summary>
    /// In anonymous polls, a cell with fewer ballots is hidden. One setting for the instance until processes carry a
    /// privacy setting of their own.
    /// </summary>
    public int MinimumCell => Math.Max(1, configuration.GetValue("Polls:MinimumCellSize", 3));

    public static PollDto Describe(Poll p, DateTimeOffset now) => new(
        p.Id, p.ProcessId, p.SessionId, p.Question, p.Kind, p.Options, p.Categories,
        p.Kind == PollKind.Likert ? p.ScaleMin : null, p.Kind == PollKind.Likert ? Poll.ScaleMax : null, p.DontKnow,
        p.Anonymous, p.ResultsWhileOpen, p.Status, p.IsOpenAt(now), p.HasBallots, p.CreatedAt, p.ClosesAt, p.ClosedAt,
        p.IsOpenAt(now) && p.ClosesAt is { } due ? (int)Math.Ceiling((due - now).TotalSeconds) : null, p.Version);

    public static async Task<List<BallotRow>> BallotRowsAsync(EqualFootingDb db, int pollId, CancellationToken ct) =>
        (await db.Ballots.Where(b => b.PollId == pollId)
            .GroupBy(b => new { b.StakeholderGroupId, b.RegionId, b.Choices })
            .Select(g => new { g.Key.StakeholderGroupId, g.Key.RegionId, g.Key.Choices, Count = g.Count() })
            .ToListAsync(ct))
        .ConvertAll(r => new BallotRow(r.StakeholderGroupId, r.RegionId, r.Choices, r.Count));

    public static async Task<List<HandRow>> HandRowsAsync(EqualFootingDb db, int pollId, CancellationToken ct) =>
        (await db.HandCounts.AsNoTracking().Where(h => h.PollId == pollId).ToListAsync(ct))
        .ConvertAll(h => new HandRow(h.StakeholderGroupId, h.RegionId, h.Counts));

    public async Task<List<PollDto>> ListAsync(int processId, int? sessionId, DateTimeOffset now, CancellationToken ct = default)
    {
        var query = db.Polls.AsNoTracking().Where(p => p.ProcessId == processId);
        if (sessionId is { } session)
        {
            query = query.Where(p => p.SessionId == session);
        }

        return (await query.OrderByDescending(p => p.Id).Take(200).ToListAsync(ct)).ConvertAll(p => Describe(p, now));
    }

    public async Task<MyBallotDto?> MyBallotAsync(int pollId, Actor actor, int processId, CancellationToken ct = default)
    {
        if (actor.AccountId is not { } account)
        {
            return null;
        }

        var ballot = await db.Ballots.AsNoTracking()
            .Where(b => b.PollId == pollId && db.Participants.Any(p => p.Id == b.ParticipantId && p.ProcessId == processId && p.AccountId == account))
            .FirstOrDefaultAsync(ct);
        return ballot is null ? null : new MyBallotDto(ballot.Id, Bits(ballot.Choices), ballot.Rating, ballot.Stance?.ToString(), ballot.Reason, ballot.ChangedAt);
    }

    public async Task<PollResultsDto> ResultsAsync(Poll poll, Process process, bool visible, DateTimeOffset now, CancellationToken ct = default)
    {
        var dto = Describe(poll, now);
        var rows = await BallotRowsAsync(db, poll.Id, ct);
        var ballots = rows.Sum(r => r.Weight);
        if (!visible)
        {
            return new PollResultsDto(dto, false, MinimumCell, ballots, null, null, null);
        }

        var shape = TallyShape.Of(poll);
        var minimum = poll.Anonymous ? MinimumCell : 0;
        var individual = PollTally.Ballots(shape, rows, minimum);
        var hands = PollTally.Hands(shape, await HandRowsAsync(db, poll.Id, ct));
        var named = poll.Anonymous ? null : await NamedAsync(poll, process, ct);
        return new PollResultsDto(dto, true, minimum, ballots, Table(individual, process), Table(hands, process), named);
    }

    private async Task<List<NamedBallotDto>> NamedAsync(Poll poll, Process process, CancellationToken ct)
    {
        var rows = await db.Ballots.AsNoTracking()
            .Where(b => b.PollId == poll.Id)
            .OrderBy(b => b.CastAt).ThenBy(b => b.Id)
            .Select(b => new { b.ParticipantId, Name = db.Users.Where(u => db.Participants.Any(p => p.Id == b.ParticipantId && p.AccountId == u.Id)).Select(u => u.DisplayName).FirstOrDefault(), b.StakeholderGroupId, b.RegionId, b.Choices, b.Rating, b.Stance, b.Reason })
            .Take(5_000)
            .ToListAsync(ct);
        return rows.ConvertAll(b => new NamedBallotDto(
            b.ParticipantId, b.Name ?? "", NameOf(process.StakeholderGroups, b.StakeholderGroupId), NameOf(process.Regions, b.RegionId), Bits(b.Choices), b.Rating, b.Stance?.ToString(), b.Reason));
    }

    private static TallyDto Table(TallyTable t, Process process) => new(
        Cell(t.Overall),
        [.. process.StakeholderGroups.OrderBy(g => g.Position).Where(g => t.ByGroup.ContainsKey(g.Id)).Select(g => new GroupCellDto(g.Id, g.Name, Cell(t.ByGroup[g.Id])))],
        [.. process.Regions.OrderBy(r => r.Position).Where(r => t.ByRegion.ContainsKey(r.Id)).Select(r => new GroupCellDto(r.Id, r.Name, Cell(t.ByRegion[r.Id])))],
        [.. from g in process.StakeholderGroups.OrderBy(g => g.Position)
            from r in process.Regions.OrderBy(r => r.Position)
            where t.ByGroupAndRegion.ContainsKey((g.Id, r.Id))
            select new GroupRegionCellDto(g.Id, g.Name, r.Id, r.Name, Cell(t.ByGroupAndRegion[(g.Id, r.Id)]))]);

    private static CellDto Cell(TallyCell c) => new(c.N, c.Counts, c.Hidden, c.Mean is { } m ? Math.Round(m, 2) : null, c.Median);

    private static string NameOf<T>(IEnumerable<T> categories, int id)
        where T : Category => categories.FirstOrDefault(c => c.Id == id)?.Name ?? "";

    private static List<int> Bits(int mask) => [.. Enumerable.Range(0, 31).Where(i => (mask & (1 << i)) != 0)];
}
