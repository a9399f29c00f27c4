using EqualFooting.Accounts;
using EqualFooting.Common;
using EqualFooting.Participation;
using EqualFooting.Persistence;
using EqualFooting.Privacy;
using EqualFooting.Processes;
using EqualFooting.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Privacy;

/// <summary>Privacy settings of a process, a participant's own choice, and erasure of an account, through the write path.</summary>
public sealed class PrivacyCommands(EqualFootingDb db, ProcessAccess processes, Actors actors, Writes writes, UserManager<Account> users)
{
    /// <summary>
    /// A convener changes what is public about participants. More private always works and applies at once; a change
    /// that would reveal what was hidden is refused (409) once the process has opened. Settings equal to the current
    /// ones change nothing.
    /// </summary>
    public Task<Result<PrivacySettings>> ChangeSettingsAsync(int processId, PrivacySettings next, CancellationToken ct = default) =>
        writes.RunAsync<ProcessContext, PrivacySettings>(
            token => processes.LoadAsync(processId, token),
            c => ProcessPolicy.Edit(c.Actor, c.Process),
            async (c, _) =>
            {
                var row = await db.ProcessPrivacy.FirstOrDefaultAsync(p => p.ProcessId == processId, ct);
                var fresh = row is null;
                row ??= ProcessPrivacy.For(processId);
                var changed = row.Change(c.Process, next);
                if (changed.Error is { } refused)
                {
                    return refused;
                }

                if (!changed.Value)
                {
                    return Change.None(row.Settings);
                }

                if (fresh)
                {
                    db.ProcessPrivacy.Add(row);
                }

                var settings = row.Settings;
                return Change.Recorded(settings, processId, PrivacyRecord.SettingsChanged, () => new SettingsEntry(settings.Names.ToString(), settings.CountryPublic, settings.OrganisationPublic, settings.MinimumCellSize))
                    .Claiming(Claim.Structure(c.Process));
            },
            ct);

    /// <summary>A participant chooses what others see of them, stricter than the process's settings where they wish.</summary>
    public Task<Result<Participant>> ChooseOwnAsync(int processId, PersonalPrivacy choice, CancellationToken ct = default) =>
        writes.RunAsync<ProcessContext, Participant>(
            token => processes.LoadAsync(processId, token),
            c => ProcessPolicy.ChangeAffiliation(c.Actor, c.Process),
            async (c, _) =>
            {
                var participant = await db.Participants.Include(p => p.Affiliations).FirstAsync(p => p.ProcessId == processId && p.AccountId == c.Actor.AccountId, ct);
                var chosen = participant.ChoosePrivacy(choice);
                if (chosen.Error is { } invalid)
                {
                    return invalid;
                }

                return chosen.Value
                    ? Change.Recorded(participant, processId, PrivacyRecord.ParticipantChoseOwn, () => new ParticipantEntry(participant.Id)).Claiming(Claim.Version(participant))
                    : Change.None(participant);
            },
            ct);

    /// <summary>
    /// Erases the signed-in account: its name, address and password go, and so do the personal parts of every
    /// affiliation (country, gender, organisation) and every pseudonym. Comments, interventions and positions stay,
    /// attributed to "a former participant" with the stakeholder group and region they were made under. Erasing an
    /// erased account changes nothing. The erasure is recorded once for the account, then once in each process the
    /// account took part in, so every process's readers (and its cached pages) see it at once; no earlier entry changes.
    /// </summary>
    /// <param name="password">The account's password, asked again so a forgotten open session cannot erase it.</param>
    public async Task<Result<bool>> EraseAsync(string? password, CancellationToken ct = default)
    {
        if (actors.AccountId is not { } accountId)
        {
            return Error.Unauthenticated();
        }

        var erased = await writes.RunAsync<Account, bool>(
            async token => await db.Users.FirstOrDefaultAsync(u => u.Id == accountId, token) is { } account ? account : Error.Unauthenticated(),
            _ => null,
            async (account, now) =>
            {
                if (account.ErasedAt is not null)
                {
                    return Change.None(false);
                }

                if (string.IsNullOrEmpty(password) || !await users.CheckPasswordAsync(account, password))
                {
                    return Error.Invalid("password", "Enter your password to erase your account.");
                }

                var participants = await db.Participants.Include(p => p.Affiliations).Where(p => p.AccountId == accountId).ToListAsync(ct);
                foreach (var participant in participants)
                {
                    participant.ErasePersonalData();
                }

                var ids = participants.Select(p => (int?)p.Id).ToList();
                account.Erase(now);
                return Change.Recorded(true, null, PrivacyRecord.AccountErased, () => new AccountEntry(accountId))
                    .Claiming(new ErasureClaim(accountId, now))
                    .Doing(async token =>
                    {
                        await db.Interventions
                            .Where(i => i.SpeakerKind == SpeakerKind.Participant && ids.Contains(i.SpeakerId))
                            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Gender, (string?)null), token);

                        // What someone followed is theirs alone, and goes with them.
                        await db.Follows.Where(f => f.AccountId == accountId).ExecuteDeleteAsync(token);
                    });
            },
            ct);
        if (erased.Error is not null || !erased.Value)
        {
            return erased.Error is { } error ? error : true;
        }

        var inProcesses = await db.Participants.Where(p => p.AccountId == accountId).Select(p => new { p.Id, p.ProcessId }).ToListAsync(ct);
        foreach (var p in inProcesses)
        {
            await writes.SaveAsync(p.ProcessId, PrivacyRecord.ParticipantErased, () => new ParticipantEntry(p.Id), ct, actedBy: accountId);
        }

        return true;
    }
}

/// <summary>
/// Of two erasures at once (two tabs, a double click), the first to mark the account erased wins; the other starts
/// again, finds it erased and changes nothing, so the erasure is recorded once.
/// </summary>
internal sealed class ErasureClaim(string accountId, DateTimeOffset at) : Claim
{
    public override async Task<bool> TakeAsync(EqualFootingDb db, CancellationToken ct) =>
        await db.Users.Where(u => u.Id == accountId && u.ErasedAt == null).ExecuteUpdateAsync(s => s.SetProperty(u => u.ErasedAt, at), ct) == 1;

    public override Task<bool> MovedOnAsync(EqualFootingDb db, CancellationToken ct) =>
        db.Users.AnyAsync(u => u.Id == accountId && u.ErasedAt != null, ct);
}
