using System.Globalization;
using System.Text;
using EqualFooting.Balance;
using EqualFooting.Common;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Balance;

/// <summary>One process's balance on one measure: shares and indices by stakeholder group and by region.</summary>
public sealed record ProcessBalance(int ProcessId, string Name, DateOnly StartsOn, BalanceMeasure ByGroup, BalanceMeasure ByRegion);

/// <summary>Every public process on one measure, by start date: how balance changes year to year.</summary>
/// <param name="Groups">Every stakeholder group name any process uses, in order of first appearance; processes are compared by name.</param>
public sealed record BalanceOverTimeDto(string Measure, IReadOnlyList<string> Measures, IReadOnlyList<string> Groups, IReadOnlyList<string> Regions, IReadOnlyList<ProcessBalance> Processes);

/// <summary>
/// Participation balance across processes over time. Each measure is counted for every public process in one grouped
/// query, so the page costs the same few queries however many processes there are. Processes define their own
/// stakeholder groups and regions; they are lined up by name, so processes that share the usual groups compare.
/// </summary>
public sealed class BalanceOverTime(EqualFootingDb db)
{
    public static readonly IReadOnlyList<string> Measures =
        [BalanceQueries.Registrations, BalanceQueries.Attendance, BalanceQueries.Interventions, BalanceQueries.Comments, BalanceQueries.Positions];

    private sealed record Cell(int ProcessId, int Group, int Region, long Count);

    public async Task<Result<BalanceOverTimeDto>> ReadAsync(string? measure, CancellationToken ct = default)
    {
        var key = string.IsNullOrWhiteSpace(measure) ? BalanceQueries.Registrations : measure.Trim();
        if (!Measures.Contains(key))
        {
            return Error.Invalid("measure", "Choose a measure: " + string.Join(", ", Measures) + ".");
        }

        var processes = await db.Processes.AsNoTracking()
            .Where(p => p.Status != ProcessStatus.Draft)
            .Include(p => p.StakeholderGroups)
            .Include(p => p.Regions)
            .AsSplitQuery()
            .ToListAsync(ct);
        var cells = (await CellsAsync(key, ct)).GroupBy(c => c.ProcessId).ToDictionary(g => g.Key, g => g.ToList());
        var rows = processes
            .Select(p => (Process: p, StartsOn: p.StartsOn ?? DateOnly.FromDateTime(p.CreatedAt.UtcDateTime)))
            .OrderBy(p => p.StartsOn)
            .ThenBy(p => p.Process.Id)
            .Select(p =>
            {
                var mine = cells.GetValueOrDefault(p.Process.Id) ?? [];
                var groups = p.Process.StakeholderGroups.OrderBy(g => g.Position).ToList();
                var regions = p.Process.Regions.OrderBy(r => r.Position).ToList();
                var byGroup = groups.ToDictionary(g => g.Name, g => mine.Where(c => c.Group == g.Id).Sum(c => c.Count));
                var byRegion = regions.ToDictionary(r => r.Name, r => mine.Where(c => c.Region == r.Id).Sum(c => c.Count));
                return new ProcessBalance(
                    p.Process.Id,
                    p.Process.Name,
                    p.StartsOn,
                    BalanceMeasure.Of(key, groups.Select(g => g.Name), byGroup),
                    BalanceMeasure.Of(key, regions.Select(r => r.Name), byRegion));
            })
            .ToList();
        return new BalanceOverTimeDto(
            key,
            Measures,
            [.. rows.SelectMany(r => r.ByGroup.Groups.Select(g => g.Group)).Distinct()],
            [.. rows.SelectMany(r => r.ByRegion.Groups.Select(g => g.Group)).Distinct()],
            rows);
    }

    private Task<List<Cell>> CellsAsync(string measure, CancellationToken ct) => measure switch
    {
        BalanceQueries.Attendance => db.CheckIns
            .Join(db.Sessions, a => a.SessionId, s => s.Id, (a, s) => new { s.ProcessId, a.StakeholderGroupId, a.RegionId })
            .GroupBy(x => new { x.ProcessId, x.StakeholderGroupId, x.RegionId })
            .Select(g => new Cell(g.Key.ProcessId, g.Key.StakeholderGroupId, g.Key.RegionId, g.Count()))
            .ToListAsync(ct),
        BalanceQueries.Interventions => db.Interventions
            .Join(db.Sessions, i => i.SessionId, s => s.Id, (i, s) => new { s.ProcessId, i.StakeholderGroupId, i.RegionId })
            .GroupBy(x => new { x.ProcessId, x.StakeholderGroupId, x.RegionId })
            .Select(g => new Cell(g.Key.ProcessId, g.Key.StakeholderGroupId, g.Key.RegionId, g.Count()))
            .ToListAsync(ct),
        BalanceQueries.Comments => db.Comments.Where(c => c.WithdrawnAt == null)
            .Join(db.Consultations, c => c.ConsultationId, k => k.Id, (c, k) => new { k.ProcessId, c.StakeholderGroupId, c.RegionId })
            .GroupBy(x => new { x.ProcessId, x.StakeholderGroupId, x.RegionId })
            .Select(g => new Cell(g.Key.ProcessId, g.Key.StakeholderGroupId, g.Key.RegionId, g.Count()))
            .ToListAsync(ct),
        BalanceQueries.Positions => db.ProposalPositions
            .Join(db.Proposals, p => p.ProposalId, q => q.Id, (p, q) => new { q.ProcessId, p.StakeholderGroupId, p.RegionId })
            .GroupBy(x => new { x.ProcessId, x.StakeholderGroupId, x.RegionId })
            .Select(g => new Cell(g.Key.ProcessId, g.Key.StakeholderGroupId, g.Key.RegionId, g.Count()))
            .ToListAsync(ct),
        _ => db.Affiliations.Where(a => a.Until == null)
            .GroupBy(a => new { a.ProcessId, a.StakeholderGroupId, a.RegionId })
            .Select(g => new Cell(g.Key.ProcessId, g.Key.StakeholderGroupId, g.Key.RegionId, g.Count()))
            .ToListAsync(ct),
    };

    /// <summary>process_id, process, starts_on, measure, split, name, count, share; each split's indices as rows of their own.</summary>
    public static string Csv(BalanceOverTimeDto dto)
    {
        var csv = new StringBuilder("process_id,process,starts_on,measure,split,name,count,share\r\n");
        static string Number(double? d) => d is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : string.Empty;
        foreach (var p in dto.Processes)
        {
            var head = $"{p.ProcessId},{Common.Csv.Quote(p.Name)},{p.StartsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)},{dto.Measure}";
            foreach (var (split, m) in new[] { ("stakeholder-group", p.ByGroup), ("region", p.ByRegion) })
            {
                foreach (var g in m.Groups)
                {
                    csv.Append(CultureInfo.InvariantCulture, $"{head},{split},{Common.Csv.Quote(g.Group)},{g.Count},{Number(g.Share)}\r\n");
                }

                csv.Append(CultureInfo.InvariantCulture, $"{head},{split},(evenness),,{Number(m.Evenness)}\r\n");
                csv.Append(CultureInfo.InvariantCulture, $"{head},{split},(largest-to-smallest),,{Number(m.LargestToSmallest)}\r\n");
            }
        }

        return csv.ToString();
    }
}
