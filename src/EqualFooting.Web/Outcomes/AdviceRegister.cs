using EqualFooting.Outcomes;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Outcomes;

/// <summary>One piece of advice in the register across processes.</summary>
public sealed record AdviceAcross(int Id, int ProcessId, string ProcessName, string Title, string? Link, string Recipient, DateOnly? SentOn, AdviceStatus Status, DateOnly? RespondedOn, string? Implemented);

public sealed record ProcessAdviceTally(int ProcessId, string ProcessName, AdviceTally Tally);

/// <summary>How much advice was heeded, overall and by process, and one page of all the advice, newest first.</summary>
public sealed record AdviceRegisterView(AdviceTally Overall, IReadOnlyList<ProcessAdviceTally> ByProcess, OutcomePage<AdviceAcross> Page);

/// <summary>
/// The public advice register across processes: every process readers may see (drafts stay with their conveners),
/// counted by grouped queries so the tallies never load the advice itself.
/// </summary>
public sealed class AdviceRegisterQueries(EqualFootingDb db)
{
    public const string List = "advice";

    private IQueryable<Advice> Public() =>
        db.Advice.AsNoTracking().Where(a => db.Processes.Any(p => p.Id == a.ProcessId && p.Status != ProcessStatus.Draft));

    public async Task<AdviceRegisterView> ViewAsync(int page, CancellationToken ct = default)
    {
        var counts = await Public().GroupBy(a => new { a.ProcessId, Sent = a.SentOn != null, a.Status })
            .Select(g => new { g.Key.ProcessId, g.Key.Sent, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        var ids = counts.Select(c => c.ProcessId).Distinct().ToList();
        var names = await db.Processes.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var byProcess = counts.GroupBy(c => c.ProcessId)
            .Select(g => new ProcessAdviceTally(g.Key, names.GetValueOrDefault(g.Key, ""), AdviceTally.FromCounts(g.Select(c => (c.Sent, c.Status, c.Count)))))
            .OrderBy(t => t.ProcessName, StringComparer.CurrentCulture).ThenBy(t => t.ProcessId)
            .ToList();
        var total = counts.Sum(c => c.Count);
        var items = await Public().OrderByDescending(a => a.Id).Skip((page - 1) * OutcomeQueries.PageSize).Take(OutcomeQueries.PageSize)
            .Join(db.Processes, a => a.ProcessId, p => p.Id, (a, p) => new AdviceAcross(a.Id, a.ProcessId, p.Name, a.Title, a.Link, a.Recipient, a.SentOn, a.Status, a.RespondedOn, a.Implemented))
            .ToListAsync(ct);
        return new AdviceRegisterView(
            AdviceTally.FromCounts(counts.Select(c => (c.Sent, c.Status, c.Count))),
            byProcess,
            new OutcomePage<AdviceAcross>(List, page, OutcomeQueries.PageSize, total, [.. items.OrderByDescending(a => a.Id)]));
    }

    /// <summary>Every piece of public advice, for the CSV export.</summary>
    public Task<List<AdviceAcross>> AllAsync(CancellationToken ct = default) =>
        Public().OrderBy(a => a.ProcessId).ThenBy(a => a.Id)
            .Join(db.Processes, a => a.ProcessId, p => p.Id, (a, p) => new AdviceAcross(a.Id, a.ProcessId, p.Name, a.Title, a.Link, a.Recipient, a.SentOn, a.Status, a.RespondedOn, a.Implemented))
            .ToListAsync(ct);
}
