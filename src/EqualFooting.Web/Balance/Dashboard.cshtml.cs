using EqualFooting.Processes;
using EqualFooting.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Balance;

public sealed class DashboardModel(ProcessAccess access, BalanceQueries queries, TimeProvider clock) : PageModel
{
    public Process Process { get; private set; } = null!;

    public BalanceDashboard Dashboard { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var found = await access.ViewAsync(id, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        Process = found.Value.Process;
        Dashboard = await queries.DashboardAsync(Process, clock.GetUtcNow(), ct: ct);
        return Page();
    }

    /// <summary>Bar width in the chart for a share, out of 300 units.</summary>
    public static string Width(double share) => (share * 300).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    public static string Percent(double share) => share.ToString("0.#%", System.Globalization.CultureInfo.CurrentCulture);

    public static string Ratio(double? ratio) => ratio is { } r ? r.ToString("0.00", System.Globalization.CultureInfo.CurrentCulture) : "–";
}
