using EqualFooting.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Balance;

/// <summary>The public page of participation balance across processes over time.</summary>
public sealed class OverTimeModel(BalanceOverTime overTime) : PageModel
{
    /// <summary>Colour-blind-safe (Okabe–Ito), one per stakeholder group in the order of <see cref="BalanceOverTimeDto.Groups"/>.</summary>
    private static readonly string[] Palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

    public BalanceOverTimeDto Balance { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? measure, CancellationToken ct)
    {
        var read = await overTime.ReadAsync(measure, ct);
        if (read.Error is { } error)
        {
            // An unknown measure is a form message over the default measure, not an error page.
            Problems.ToPage(this, error);
            read = await overTime.ReadAsync(null, ct);
        }

        Balance = read.Value;
        return Page();
    }

    public static string Colour(int index) => Palette[index % Palette.Length];

    public static string Number(double value) => value.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}
