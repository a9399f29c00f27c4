using EqualFooting.Persistence;
using EqualFooting.Web.Hosting;
using EqualFooting.Web.Processes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EqualFooting.Web.Record;

public sealed class IndexModel(ProcessAccess access, EqualFootingDb db, RecordActions actions, Privacy.PublicNames publicNames) : PageModel
{
    public const int PageSize = 50;

    public int ProcessId { get; private set; }

    public string ProcessName { get; private set; } = "";

    public IReadOnlyList<RecordLine> Lines { get; private set; } = [];

    public long? Older { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, long? before, CancellationToken ct)
    {
        var found = await access.ViewAsync(id, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        ProcessId = id;
        ProcessName = found.Value.Process.Name;
        var entries = await RecordQueries.ForProcessAsync(db, id, before, PageSize + 1, ct);
        Lines = await RecordQueries.LinesAsync(actions, entries.Take(PageSize).ToList(), publicNames, id, ct);
        Older = entries.Count > PageSize ? Lines[^1].Sequence : null;
        return Page();
    }
}
