using EqualFooting.Common;
using EqualFooting.Processes;
using EqualFooting.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Processes;

public sealed class EditModel(ProcessCommands commands, ProcessAccess access) : PageModel
{
    public Process Process { get; private set; } = null!;

    [BindProperty]
    public ProcessForm Form { get; set; } = new();

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied)
        {
            return denied;
        }

        Form = ProcessForm.From(Process);
        return Page();
    }

    public async Task<IActionResult> OnPostDetailsAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied)
        {
            return denied;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var updated = await commands.UpdateProcessAsync(id, Form.ToDetails(), ct);
        if (updated.Error is { } error)
        {
            return Problems.ToPage(this, error, "Form.") ?? Page();
        }

        Message = "Saved.";
        return RedirectToPage(new { id });
    }

    public Task<IActionResult> OnPostAddAsync(int id, CategoryKind kind, string? name, CancellationToken ct) =>
        ChangeAsync(id, () => commands.AddCategoryAsync(id, kind, name, ct), ct);

    public Task<IActionResult> OnPostRenameAsync(int id, CategoryKind kind, int categoryId, string? name, CancellationToken ct) =>
        ChangeAsync(id, () => commands.RenameCategoryAsync(id, kind, categoryId, name, ct), ct);

    public Task<IActionResult> OnPostRetireAsync(int id, CategoryKind kind, int categoryId, CancellationToken ct) =>
        ChangeAsync(
            id,
            () => Confirmation.Given(Request)
                ? commands.RetireCategoryAsync(id, kind, categoryId, ct)
                : Task.FromResult<Result<Category>>(Error.Invalid(Confirmation.Field, Confirmation.Missing)),
            ct);

    public Task<IActionResult> OnPostRestoreAsync(int id, CategoryKind kind, int categoryId, CancellationToken ct) =>
        ChangeAsync(id, () => commands.RestoreCategoryAsync(id, kind, categoryId, ct), ct);

    private async Task<IActionResult> ChangeAsync(int id, Func<Task<Result<Category>>> change, CancellationToken ct)
    {
        var result = await change();
        if (result.Error is { } error)
        {
            var status = Problems.ToPage(this, error);
            if (status is not null)
            {
                return status;
            }

            // Re-render with the message; the details form shows the stored values.
            if (await LoadAsync(id, ct) is { } denied)
            {
                return denied;
            }

            ModelState.Clear();
            ModelState.AddModelError("", error.Message);
            Form = ProcessForm.From(Process);
            return Page();
        }

        Message = "Saved.";
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var found = await access.FindAsync(id, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        (Process, var actor) = found.Value;
        return ProcessPolicy.Edit(actor, Process) is { } denied ? Problems.ToPage(this, denied) ?? Forbid() : null;
    }
}
