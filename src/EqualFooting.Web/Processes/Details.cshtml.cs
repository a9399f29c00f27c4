using EqualFooting.Processes;
using EqualFooting.Web.Participation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Processes;

/// <summary>The process page: its details and the actor's standing, then every feature's section (<see cref="ProcessSection"/>).</summary>
public sealed class DetailsModel(ProcessAccess access, ParticipationQueries participation, IEnumerable<ProcessSection> sections) : PageModel
{
    public Process Process { get; private set; } = null!;

    public (string Group, string Region)? Affiliation { get; private set; }

    public bool CanConvene { get; private set; }

    public IReadOnlyList<RenderedSection> Sections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var found = await access.ViewAsync(id, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        (Process, var actor) = found.Value;
        CanConvene = ProcessPolicy.Edit(actor, Process) is null;
        Sections = await ProcessSections.RenderAsync(sections, new ProcessContext(Process, actor), ct);
        if (actor.IsParticipant && await participation.CurrentAsync(id, actor.AccountId!, ct) is { } current)
        {
            Affiliation = (
                Process.StakeholderGroups.First(g => g.Id == current.StakeholderGroupId).Name,
                Process.Regions.First(r => r.Id == current.RegionId).Name);
        }

        return Page();
    }
}
