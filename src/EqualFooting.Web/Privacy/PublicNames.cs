using EqualFooting.Consultations;
using EqualFooting.Persistence;
using EqualFooting.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;

namespace EqualFooting.Web.Privacy;

/// <summary>
/// The one place that turns people into what readers may see of them, applying the process's privacy settings and
/// each participant's stricter choice at read time. Every page, API answer and export that names a participant asks
/// here, so making a setting more private applies at once, everywhere.
/// </summary>
public sealed class PublicNames(EqualFootingDb db, IMemoryCache cache, ProcessVersions versions, IStringLocalizer<SharedResource> localizer)
{
    private IStringLocalizer<SharedResource> L => localizer;

    /// <summary>The process's settings, cached under its version (a change of settings is recorded, so it makes a new one).</summary>
    public async Task<PrivacySettings> SettingsAsync(int processId, CancellationToken ct = default)
    {
        var version = await versions.OfAsync(processId, ct);
        return (await cache.GetOrCreateAsync(("privacy", processId, version), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5);
            return LoadSettingsAsync(processId, ct);
        }))!;
    }

    private async Task<PrivacySettings> LoadSettingsAsync(int processId, CancellationToken ct) =>
        (await db.ProcessPrivacy.AsNoTracking().FirstOrDefaultAsync(p => p.ProcessId == processId, ct))?.Settings ?? ProcessPrivacy.Default;

    /// <summary>What others see of each of these participants of one process.</summary>
    public async Task<Dictionary<int, PublicFace>> FacesAsync(int processId, IEnumerable<int> participantIds, CancellationToken ct = default)
    {
        var ids = participantIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var settings = await SettingsAsync(processId, ct);
        var rows = await db.Participants.Where(p => ids.Contains(p.Id))
            .Join(db.Users, p => p.AccountId, u => u.Id, (p, u) => new { p.Id, p.OwnNames, p.Pseudonym, p.HidesCountry, p.HidesOrganisation, u.DisplayName, u.ErasedAt })
            .ToListAsync(ct);
        return rows.ToDictionary(
            r => r.Id,
            r => PublicFace.Of(settings, new PersonalPrivacy(r.OwnNames, r.Pseudonym, r.HidesCountry, r.HidesOrganisation), r.Id, r.DisplayName, r.ErasedAt is not null, null, null));
    }

    /// <summary>Names of participants of one process as readers see them.</summary>
    public async Task<Dictionary<int, string>> NamesAsync(int processId, IEnumerable<int> participantIds, CancellationToken ct = default) =>
        (await FacesAsync(processId, participantIds, ct)).ToDictionary(kv => kv.Key, kv => Display(kv.Value));

    /// <summary>
    /// Names of accounts acting in a process (the record's actors): a participant reads as the privacy settings allow;
    /// an account that never joined (a secretariat's staff) by its name; an erased account as "a former participant".
    /// </summary>
    public async Task<Dictionary<string, string>> AccountNamesAsync(int? processId, IReadOnlyCollection<string> accountIds, CancellationToken ct = default)
    {
        if (accountIds.Count == 0)
        {
            return [];
        }

        var accounts = await db.Users.Where(u => accountIds.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.ErasedAt }).ToListAsync(ct);
        var names = accounts.ToDictionary(a => a.Id, a => a.ErasedAt is null ? a.DisplayName : Display(new PublicFace(FaceKind.Erased, null, 0, null, null)));
        if (processId is { } pid)
        {
            var participants = await db.Participants.Where(p => p.ProcessId == pid && accountIds.Contains(p.AccountId)).Select(p => new { p.Id, p.AccountId }).ToListAsync(ct);
            var faces = await FacesAsync(pid, participants.Select(p => p.Id), ct);
            foreach (var p in participants)
            {
                names[p.AccountId] = Display(faces[p.Id]);
            }
        }

        return names;
    }

    /// <summary>Comment authors of one process, for pages, the API and exports.</summary>
    public async Task<CommentAuthors> CommentAuthorsAsync(int processId, IEnumerable<int> participantIds, CancellationToken ct = default) =>
        new(await SettingsAsync(processId, ct), await NamesAsync(processId, participantIds, ct), this);

    public string Display(PublicFace face) => face.Kind switch
    {
        FaceKind.Named => face.Name!,
        FaceKind.Numbered => L["Participant {0}", face.Number],
        FaceKind.Erased => L["A former participant"],
        _ => L["A participant"],
    };
}

/// <summary>Who wrote each comment as readers may see it: a participant's public face, or a name a convener entered for someone without an account.</summary>
public sealed class CommentAuthors(PrivacySettings settings, IReadOnlyDictionary<int, string> names, PublicNames display)
{
    public string Of(Comment c) =>
        c.AuthorName is { } entered
            ? display.Display(PublicFace.Entered(settings, entered, c.AuthorParticipantId, null))
            : names.GetValueOrDefault(c.AuthorParticipantId, "");
}
