using EqualFooting.Processes;
using EqualFooting.Web.Hosting;
using EqualFooting.Web.Processes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Participation;

public sealed class ParticipantsModel(ProcessAccess processes, ParticipationQueries queries) : PageModel
{
    public Process Process { get; private set; } = null!;

    public ParticipantPage List { get; private set; } = null!;

    public int? Group { get; private set; }

    public int? Region { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int? group, int? region, CancellationToken ct)
    {
        var found = await processes.ViewAsync(id, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        Process = found.Value.Process;
        Group = group;
        Region = region;
        List = await queries.ListAsync(Process, Math.Max(1, PageNumber.From(Request) ?? 1), ParticipationQueries.DefaultPageSize, group, region, ct: ct);
        return Page();
    }
}
