using EqualFooting.Outcomes;
using EqualFooting.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Outcomes;

public sealed record OutcomesSectionModel(int ProcessId, int Reports, int Missing, bool ReportsRequired, int Messages, int Commitments, int Advice);

/// <summary>The process page's outcomes: how many of each, the missing reports, and the way to the outcomes page.</summary>
public sealed class OutcomesSection(EqualFootingDb db, OutcomeQueries queries, TimeProvider clock) : ProcessSection
{
    public override int Order => 280;

    public override string Partial => "/Outcomes/_ProcessSection.cshtml";

    public override async Task<object> ModelAsync(ProcessContext context, CancellationToken ct)
    {
        var id = context.Process.Id;
        return new OutcomesSectionModel(
            id,
            await db.SessionReports.CountAsync(r => r.ProcessId == id && r.Status == ReportStatus.Published, ct),
            (await queries.MissingReportsAsync(id, clock.GetUtcNow(), ct)).Count,
            await queries.ReportsRequiredAsync(id, ct),
            await db.Messages.CountAsync(m => m.ProcessId == id, ct),
            await db.Commitments.CountAsync(c => c.ProcessId == id, ct),
            await db.Advice.CountAsync(a => a.ProcessId == id, ct));
    }
}
