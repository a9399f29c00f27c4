using EqualFooting.Outcomes;
using EqualFooting.Processes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Outcomes;

/// <summary>One page of a full outcomes list (the outcomes page shows the first few of each and links here).</summary>
public sealed class OutcomeListModel(ProcessAccess processes, OutcomeQueries queries, TimeProvider clock) : PageModel
{
    public Process Process { get; private set; } = null!;

    public string List { get; private set; } = "";

    public object Items { get; private set; } = null!;

    public int PageNumber { get; private set; }

    public int Pages { get; private set; }

    public int Total { get; private set; }

    public bool CanEdit { get; private set; }

    public int AdviceReminderDays { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string list, [FromQuery(Name = "page")] int? page, CancellationToken ct)
    {
        if (!OutcomeLists.All.Contains(list))
        {
            return NotFound();
        }

        if (page is < 1 or > OutcomeQueries.MaxPage || !ModelState.IsValid)
        {
            return BadRequest();
        }

        var found = await processes.ViewAsync(id, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        Process = found.Value.Process;
        List = list;
        CanEdit = OutcomePolicy.Publish(found.Value.Actor, Process) is null;
        AdviceReminderDays = (await queries.SettingsAsync(id, ct)).AdviceReminderDays;
        PageNumber = page ?? 1;
        Items = (await queries.ListAsync(Process, list, PageNumber, clock.GetUtcNow(), ct))!;
        (Total, Pages) = Items switch
        {
            OutcomePage<ReportSummary> p => (p.Total, p.Pages),
            OutcomePage<MissingReport> p => (p.Total, p.Pages),
            OutcomePage<MessageDto> p => (p.Total, p.Pages),
            OutcomePage<CommitmentDto> p => (p.Total, p.Pages),
            OutcomePage<IndicatorSummary> p => (p.Total, p.Pages),
            OutcomePage<AdviceDto> p => (p.Total, p.Pages),
            _ => (0, 1),
        };
        return Page();
    }
}
