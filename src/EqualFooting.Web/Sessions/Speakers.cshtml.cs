using EqualFooting.Persistence;
using EqualFooting.Sessions;
using EqualFooting.Web.Hosting;
using EqualFooting.Web.Processes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Sessions;

public sealed record ParticipantChoice(int Id, string Name, string StakeholderGroup, string Region);

/// <summary>
/// The process's speaker name table: every name found in imported transcripts, the unknown ones first, and a form to
/// say what a name stands for. A mapping applies at once to every imported intervention under that name.
/// </summary>
public sealed class SpeakersModel(ProcessAccess processes, TranscriptImports imports, EqualFootingDb db) : PageModel
{
    public EqualFooting.Processes.Process Process { get; private set; } = null!;

    public IReadOnlyList<SpeakerNameDto> Names { get; private set; } = [];

    public IReadOnlyList<ParticipantChoice> Participants { get; private set; } = [];

    /// <summary>The session just imported, to link back to its statistics.</summary>
    public int? Imported { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int? imported, CancellationToken ct)
    {
        Imported = imported;
        return await LoadAsync(id, ct) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string? name, int? participantId, int? stakeholderGroupId, int? regionId, int? imported, CancellationToken ct)
    {
        Imported = imported;
        var mapped = await imports.MapSpeakerAsync(id, name, participantId, stakeholderGroupId, regionId, ct);
        if (mapped.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? await LoadAsync(id, ct) ?? Page();
        }

        return Redirect(imported is { } session ? $"/processes/{id}/speakers?imported={session}" : $"/processes/{id}/speakers");
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var found = await processes.FindAsync(id, ct);
        if (found.Error is { } error)
        {
            return Problems.ToPage(this, error) ?? NotFound();
        }

        Process = found.Value.Process;
        var names = await imports.SpeakersAsync(id, ct);
        if (names.Error is { } denied)
        {
            return Problems.ToPage(this, denied) ?? Forbid();
        }

        Names = names.Value;
        var groups = Process.StakeholderGroups.ToDictionary(g => g.Id, g => g.Name);
        var regions = Process.Regions.ToDictionary(r => r.Id, r => r.Name);
        Participants = [.. (await db.Participants
                .Where(p => p.ProcessId == id)
                .Join(db.Users, p => p.AccountId, u => u.Id, (p, u) => new { p.Id, u.DisplayName })
                .Join(db.Affiliations.Where(a => a.Until == null), x => x.Id, a => a.ParticipantId, (x, a) => new { x.Id, x.DisplayName, a.StakeholderGroupId, a.RegionId })
                .ToListAsync(ct))
            .OrderBy(p => p.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .Select(p => new ParticipantChoice(p.Id, p.DisplayName, groups.GetValueOrDefault(p.StakeholderGroupId, ""), regions.GetValueOrDefault(p.RegionId, "")))];
        return null;
    }
}
