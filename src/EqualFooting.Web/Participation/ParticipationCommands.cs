using EqualFooting.Common;
using EqualFooting.Participation;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Participation;

/// <summary>Joining a process and changing one's affiliation, through the write path with <see cref="ProcessPolicy"/>.</summary>
public sealed class ParticipationCommands(EqualFootingDb db, ProcessAccess processes, Writes writes)
{
    /// <summary>
    /// Joins the acting account to a process. Joining twice returns the existing participant unchanged (Created is
    /// false), even when two requests race: the unique index lets one insert win and the other reads it back.
    /// </summary>
    public Task<Result<(Participant Participant, bool Created)>> JoinAsync(int processId, AffiliationChoice choice, CancellationToken ct = default) =>
        writes.RunAsync<ProcessContext, (Participant, bool)>(
            token => processes.LoadAsync(processId, token),
            c => ProcessPolicy.Join(c.Actor, c.Process),
            async (c, now) =>
            {
                if (await LoadAsync(processId, c.Actor.AccountId!, ct) is { } existing)
                {
                    return Change.None((existing, false));
                }

                var joined = Participant.Join(c.Process, c.Actor.AccountId!, choice, now);
                if (joined.Error is { } invalid)
                {
                    return invalid;
                }

                var participant = joined.Value;
                db.Participants.Add(participant);
                return Change.Recorded((participant, true), processId, ParticipationRecord.Joined, () => ParticipationRecord.Describe(participant.Current))
                    .OnDuplicate(async token => await LoadAsync(processId, c.Actor.AccountId!, token) is { } winner
                        ? (Result<(Participant, bool)>?)(winner, false)
                        : null);
            },
            ct);

    /// <summary>
    /// Declares a new affiliation; the same declaration again changes nothing (Changed is false). The change claims the
    /// participant's version, so two at once (a double click) close the current declaration once, and the second is
    /// decided again on the first one's result.
    /// </summary>
    public Task<Result<(Participant Participant, bool Changed)>> ChangeAffiliationAsync(int processId, AffiliationChoice choice, CancellationToken ct = default) =>
        writes.RunAsync<ProcessContext, (Participant, bool)>(
            token => processes.LoadAsync(processId, token),
            c => ProcessPolicy.ChangeAffiliation(c.Actor, c.Process),
            async (c, now) =>
            {
                var participant = (await LoadAsync(processId, c.Actor.AccountId!, ct))!;
                var previous = participant.Current;
                var changed = participant.ChangeAffiliation(c.Process, choice, now);
                if (changed.Error is { } invalid)
                {
                    return invalid;
                }

                if (changed.Value is not { } next)
                {
                    return Change.None((participant, false));
                }

                return Change.Recorded((participant, true), processId, ParticipationRecord.AffiliationChanged, () => new AffiliationChangeEntry(ParticipationRecord.Describe(previous), ParticipationRecord.Describe(next)))
                    .Claiming(Claim.Version(participant));
            },
            ct);

    private Task<Participant?> LoadAsync(int processId, string accountId, CancellationToken ct) =>
        db.Participants.Include(p => p.Affiliations).FirstOrDefaultAsync(p => p.ProcessId == processId && p.AccountId == accountId, ct);
}
