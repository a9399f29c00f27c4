using EqualFooting.Common;
using EqualFooting.Participation;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using EqualFooting.Web.Hosting;
using EqualFooting.Web.Processes;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Participation;

/// <summary>Joining a process and changing one's affiliation.</summary>
public sealed class ParticipationCommands(EqualFootingDb db, ProcessCommands processes, Recorder recorder, TimeProvider clock)
{
    /// <summary>
    /// Joins the acting account to a process. Joining twice returns the existing participant unchanged (Created is
    /// false), even when two requests race: the unique index lets one insert win and the other reads it back.
    /// </summary>
    public async Task<Result<(Participant Participant, bool Created)>> JoinAsync(int processId, AffiliationChoice choice, CancellationToken ct = default)
    {
        var found = await processes.FindForAsync(processId, ProcessPolicy.Join, ct);
        if (found.Error is { } denied)
        {
            return denied;
        }

        var (process, actor) = found.Value;

        if (await LoadAsync(processId, actor.AccountId!, ct) is { } existing)
        {
            return (existing, false);
        }

        var joined = Participant.Join(process, actor.AccountId!, choice, clock.GetUtcNow());
        if (joined.Error is { } invalid)
        {
            return invalid;
        }

        var participant = joined.Value;
        db.Participants.Add(participant);
        try
        {
            await recorder.SaveAsync(processId, "participant.joined", () => Describe(participant.Current), ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await LoadAsync(processId, actor.AccountId!, ct) is { } winner)
            {
                return (winner, false);
            }

            throw;
        }

        return (participant, true);
    }

    /// <summary>Declares a new affiliation; the same declaration again changes nothing (Changed is false).</summary>
    public async Task<Result<(Participant Participant, bool Changed)>> ChangeAffiliationAsync(int processId, AffiliationChoice choice, CancellationToken ct = default)
    {
        var found = await processes.FindForAsync(processId, ProcessPolicy.ChangeAffiliation, ct);
        if (found.Error is { } denied)
        {
            return denied;
        }

        var (process, actor) = found.Value;

        var participant = (await LoadAsync(processId, actor.AccountId!, ct))!;
        var previous = participant.Current;
        var changed = participant.ChangeAffiliation(process, choice, clock.GetUtcNow());
        if (changed.Error is { } invalid)
        {
            return invalid;
        }

        if (changed.Value is not { } next)
        {
            return (participant, false);
        }

        await recorder.SaveAsync(processId, "participant.affiliation-changed", () => new Dictionary<string, object?>
        {
            ["from"] = Describe(previous),
            ["to"] = Describe(next),
        }, ct);
        return (participant, true);
    }

    private Task<Participant?> LoadAsync(int processId, string accountId, CancellationToken ct) =>
        db.Participants.Include(p => p.Affiliations).FirstOrDefaultAsync(p => p.ProcessId == processId && p.AccountId == accountId, ct);

    private static Dictionary<string, object?> Describe(Affiliation a) => new()
    {
        ["affiliation"] = a.Id,
        ["stakeholderGroupId"] = a.StakeholderGroupId,
        ["regionId"] = a.RegionId,
        ["country"] = a.Country,
        ["gender"] = a.Gender,
        ["organisation"] = a.Organisation,
    };
}
