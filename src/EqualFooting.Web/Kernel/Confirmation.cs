using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace EqualFooting.Web.Kernel;

/// <summary>
/// The second step of a destructive action on a page (end a session, close a consultation, retire a group): the form
/// carries a "Yes, I am sure" box (<c>Shared/_Confirm.cshtml</c>) and the page acts only when it is ticked, so one
/// stray click does nothing, with or without JavaScript. The API is for deliberate callers and asks for no such box.
/// </summary>
public static class Confirmation
{
    public const string Field = "confirm";

    public const string Missing = "Tick “Yes, I am sure” to confirm.";

    public static bool Given(HttpRequest request) =>
        request.HasFormContentType && string.Equals(request.Form[Field], "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when given; otherwise adds the form error and returns false, for the page to show itself again.</summary>
    public static bool Check(HttpRequest request, ModelStateDictionary modelState)
    {
        if (Given(request))
        {
            return true;
        }

        modelState.AddModelError(Field, Missing);
        return false;
    }
}
