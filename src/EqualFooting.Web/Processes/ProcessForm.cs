using System.ComponentModel.DataAnnotations;
using EqualFooting.Processes;

namespace EqualFooting.Web.Processes;

/// <summary>The create/edit form. Validation lives in the domain; binding errors (a malformed date) surface as form messages.</summary>
public sealed class ProcessForm
{
    [Display(Name = "Name")]
    public string? Name { get; set; }

    [Display(Name = "Description")]
    public string? Description { get; set; }

    [Display(Name = "Status")]
    public ProcessStatus Status { get; set; } = ProcessStatus.Draft;

    [Display(Name = "Starts on")]
    public DateOnly? StartsOn { get; set; }

    [Display(Name = "Ends on")]
    public DateOnly? EndsOn { get; set; }

    [Display(Name = "Languages")]
    public string? Languages { get; set; } = "en";

    public ProcessDetails ToDetails() => new(
        Name,
        Description,
        Status,
        StartsOn,
        EndsOn,
        (Languages ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public static ProcessForm From(Process p) => new()
    {
        Name = p.Name,
        Description = p.Description,
        Status = p.Status,
        StartsOn = p.StartsOn,
        EndsOn = p.EndsOn,
        Languages = string.Join(", ", p.Languages),
    };
}
