using EqualFooting.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Record;

/// <summary>The signed-in participant's receipts, each downloadable from <c>/api/record/receipts/{index}</c>.</summary>
[Authorize]
public sealed class ReceiptsModel(EqualFootingDb db, Actors actors) : PageModel
{
    public IReadOnlyList<ReceiptLine> Receipts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var account = actors.AccountId!;
        var rows = await db.RecordReceipts.AsNoTracking().Where(r => r.AccountId == account)
            .Join(db.Record, r => r.LogIndex, e => e.LogIndex, (r, e) => new { r.LogIndex, r.Action, e.At, e.ProcessId })
            .OrderByDescending(r => r.LogIndex).Take(500).ToListAsync(ct);
        Receipts = [.. rows.Select(r => new ReceiptLine(r.LogIndex, r.Action, r.At, r.ProcessId))];
    }
}
