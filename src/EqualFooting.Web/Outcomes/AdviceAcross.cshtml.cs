using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Outcomes;

/// <summary>The public advice register across processes: how much advice was heeded, by process, and all of it paged.</summary>
public sealed class AdviceAcrossModel(AdviceRegisterQueries queries) : PageModel
{
    public AdviceRegisterView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken ct)
    {
        if (page is < 1 or > OutcomeQueries.MaxPage || !ModelState.IsValid)
        {
            return BadRequest();
        }

        View = await queries.ViewAsync(page ?? 1, ct);
        return Page();
    }
}
