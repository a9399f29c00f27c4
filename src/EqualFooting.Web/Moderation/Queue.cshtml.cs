using EqualFooting.Common;
using EqualFooting.Moderation;
using EqualFooting.Processes;
using EqualFooting.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Moderation;

public sealed class QueueModel(ProcessAccess access, ModerationQueries queries, ModerationCommands commands) : PageModel
{
    public Process Process { get; private set; } = null!;

    public ModerationQueue Queue { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public Task<IActionResult> OnPostHideAsync(int id, long commentId, string? reason, CancellationToken ct) =>
        ActAsync(id, () => commands.HideAsync(commentId, reason, ct), ct);

    public Task<IActionResult> OnPostRestoreAsync(int id, long commentId, string? reason, CancellationToken ct) =>
        ActAsync(id, () => commands.RestoreAsync(commentId, reason, ct), ct);

    private async Task<IActionResult> ActAsync(int id, Func<Task<Result<bool>>> act, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } stop)
        {
            return stop;
        }

        if ((await act()).Error is { } error)
        {
            Queue = await queries.QueueAsync(Process, ct);
            return Problems.ToPage(this, error) ?? Page();
        }

        return Redirect($"/processes/{id}/moderation");
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var found = await access.FindForAsync(id, ModerationPolicy.Moderate, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        Process = found.Value.Process;
        Queue = await queries.QueueAsync(Process, ct);
        return null;
    }
}
