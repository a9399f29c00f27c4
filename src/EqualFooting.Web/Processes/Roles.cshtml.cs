using EqualFooting.Participation;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using EqualFooting.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Processes;

public sealed class RolesModel(ProcessCommands commands, ProcessAccess access, EqualFootingDb db) : PageModel
{
    public int ProcessId { get; private set; }

    public string ProcessName { get; private set; } = "";

    public IReadOnlyList<RoleAssignmentDto> Roles { get; private set; } = [];

    public string? Email { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAssignAsync(int id, string? email, ProcessRole role, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied)
        {
            return denied;
        }

        var result = await commands.AssignRoleAsync(id, email, role, ct);
        if (result.Error is { } error)
        {
            Email = email;
            return Problems.ToPage(this, error) ?? Page();
        }

        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, int assignmentId, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied)
        {
            return denied;
        }

        var result = await commands.RemoveRoleAsync(id, assignmentId, ct);
        if (result.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? Page();
        }

        return RedirectToPage(new { id });
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var found = await access.FindAsync(id, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        var (process, actor) = found.Value;
        if (ProcessPolicy.AssignRoles(actor, process) is { } denied)
        {
            return Problems.ToPage(this, denied) ?? Forbid();
        }

        ProcessId = id;
        ProcessName = process.Name;
        Roles = await ProcessListing.RolesAsync(db, id, ct);
        return null;
    }
}
