using EqualFooting.Participation;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using EqualFooting.Web.Consultations;
using EqualFooting.Web.Hosting;
using EqualFooting.Web.Participation;
using EqualFooting.Web.Record;
using EqualFooting.Web.Sessions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Caching.Memory;

namespace EqualFooting.Web.Processes;

public sealed class DetailsModel(
    ProcessAccess access,
    ParticipationQueries participation,
    SessionQueries sessions,
    ConsultationQueries consultations,
    TimeProvider clock,
    ProcessVersions versions,
    IMemoryCache cache,
    EqualFootingDb db,
    RecordActions actions) : PageModel
{
    public const int RecentRecord = 15;

    public Process Process { get; private set; } = null!;

    public ParticipationTable Table { get; private set; } = null!;

    public IReadOnlyList<RoleAssignmentDto> Roles { get; private set; } = [];

    public IReadOnlyList<RecordLine> Record { get; private set; } = [];

    public (string Group, string Region)? Affiliation { get; private set; }

    public bool CanConvene { get; private set; }

    public IReadOnlyList<SessionSummaryDto> Sessions { get; private set; } = [];

    public bool CanScheduleSessions { get; private set; }

    public IReadOnlyList<ConsultationSummary> Consultations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var found = await access.ViewAsync(id, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        (Process, var actor) = found.Value;
        CanConvene = ProcessPolicy.Edit(actor, Process) is null;
        CanScheduleSessions = EqualFooting.Sessions.SessionPolicy.Schedule(actor, Process) is null;
        Sessions = await sessions.ListAsync(id, ct);
        Table = await participation.TableAsync(Process, ct);
        Consultations = await consultations.ForProcessAsync(id, clock.GetUtcNow(), ct);

        // Who runs the process and its recent activity change only with a new record entry, i.e. a new version.
        var version = await versions.OfAsync(id, ct);
        (Roles, Record) = (await cache.GetOrCreateAsync(("process-page", id, version), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return (await ProcessListing.RolesAsync(db, id, ct), await RecordQueries.RecentLinesAsync(db, actions, id, RecentRecord, ct));
        }))!;
        if (actor.IsParticipant && await participation.CurrentAsync(id, actor.AccountId!, ct) is { } current)
        {
            Affiliation = (
                Process.StakeholderGroups.First(g => g.Id == current.StakeholderGroupId).Name,
                Process.Regions.First(r => r.Id == current.RegionId).Name);
        }

        return Page();
    }
}
