using System.Globalization;
using EqualFooting.Decisions;
using EqualFooting.Processes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Decisions;

/// <summary>The seat council's seat holders and the process's reviewers and facilitators; conveners appoint them here without JavaScript.</summary>
public sealed class SeatsModel(ProcessAccess processes, DecisionQueries queries, DecisionCommands commands, TimeProvider clock) : PageModel
{
    public static readonly IReadOnlyList<string> Notices = ["The seat holder is appointed.", "The duty is assigned."];

    public Process Process { get; private set; } = null!;

    public bool CanAppoint { get; private set; }

    public IReadOnlyList<SeatLine> Seats { get; private set; } = [];

    public IReadOnlyList<DutyLine> Duties { get; private set; } = [];

    public IReadOnlyList<ParticipantChoice> Participants { get; private set; } = [];

    [BindProperty]
    public int? ParticipantId { get; set; }

    [BindProperty]
    public int? StakeholderGroupId { get; set; }

    /// <summary>Dates as the date input sends them (yyyy-MM-dd, UTC): parsed here so a malformed one is a field message, not a binding failure.</summary>
    [BindProperty]
    public string? From { get; set; }

    [BindProperty]
    public string? Until { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Duty { get; set; }

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        From ??= clock.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Until ??= clock.GetUtcNow().AddYears(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return await LoadAsync(id, ct) ?? Page();
    }

    public async Task<IActionResult> OnPostSeatAsync(int id, CancellationToken ct)
    {
        var error = ParticipantId is not { } participant ? Common.Error.Invalid("participantId", "Choose a participant.")
            : StakeholderGroupId is not { } group ? Common.Error.Invalid("stakeholderGroupId", "Choose the group whose seat it is.")
            : Date(From) is not { } from ? Common.Error.Invalid("from", "A term has a start (a date).")
            : Date(Until) is not { } until ? Common.Error.Invalid("until", "A term has an end (a date).")
            : (await commands.AppointSeatAsync(id, participant, group, from, until, ct)).Error;
        return await AfterAsync(id, error, Notices[0], ct);
    }

    public async Task<IActionResult> OnPostDutyAsync(int id, CancellationToken ct)
    {
        var error = !Enum.TryParse<Duty>(Duty, out var duty) || !Enum.IsDefined(duty) || int.TryParse(Duty, out _)
            ? Common.Error.Invalid("duty", "Choose reviewer or facilitator.")
            : (await commands.AssignDutyAsync(id, Email, duty, ct)).Error;
        return await AfterAsync(id, error, Notices[1], ct);
    }

    private static DateTimeOffset? Date(string? value) =>
        DateTime.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d)
            ? new DateTimeOffset(d, TimeSpan.Zero)
            : null;

    private async Task<IActionResult> AfterAsync(int id, Common.Error? error, string done, CancellationToken ct)
    {
        if (error is null)
        {
            TempData["Notice"] = done;
            return Redirect($"/processes/{id}/seats");
        }

        return await LoadAsync(id, ct) ?? Problems.ToPage(this, error) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var found = await processes.ViewAsync(id, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        (Process, var actor) = found.Value;
        CanAppoint = DecisionPolicy.Appoint(actor, Process) is null;
        Seats = await queries.SeatsAsync(Process, clock.GetUtcNow(), ct);
        Duties = await queries.DutiesAsync(id, ct);
        if (CanAppoint)
        {
            Participants = await queries.ParticipantsAsync(id, null, ct);
        }

        Notice = TempData["Notice"] as string;
        return null;
    }
}
