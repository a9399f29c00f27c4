using EqualFooting.Consultations;
using EqualFooting.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Consultations;

/// <summary>"Were inputs taken into account?" per stakeholder group and region, as tables and a chart.</summary>
public sealed class UptakeModel(ConsultationCommands commands, ConsultationQueries queries) : PageModel
{
    public const int LabelWidth = 200;
    public const int BarArea = 340;
    public const int RowHeight = 24;

    public Consultation Consultation { get; private set; } = null!;

    public UptakeReport Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int cid, CancellationToken ct)
    {
        var found = await commands.FindAsync(cid, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        Consultation = found.Value.Consultation;
        Report = await queries.UptakeAsync(found.Value.Process, cid, ct);
        return Page();
    }

    public static string Percent(double? rate) => rate is { } r ? r.ToString("P0", System.Globalization.CultureInfo.CurrentCulture) : "–";
}
