using EqualFooting.Common;
using EqualFooting.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Shared;

/// <summary>Choosing the zone times are shown in, for readers without JavaScript or whose browser guessed wrong.</summary>
public sealed class TimeZoneModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Zone { get; set; }

    public void OnGet() => Zone = ReaderTime.ZoneName;

    public IActionResult OnPost()
    {
        Zone = Zone?.Trim();
        if (string.IsNullOrEmpty(Zone) || ZonedTime.Name(ZonedTime.Find(Zone)) != Zone)
        {
            ModelState.AddModelError(nameof(Zone), "Choose a time zone from the list.");
            return Page();
        }

        Response.Cookies.Append(
            ReaderTime.CookieName,
            Zone,
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
        return LocalRedirect(LocalUrls.OrHome(ReturnUrl));
    }
}
