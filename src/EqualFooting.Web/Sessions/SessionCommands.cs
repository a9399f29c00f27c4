using System.Data;
using EqualFooting.Common;
using EqualFooting.Persistence;
using EqualFooting.Processes;
using EqualFooting.Record;
using EqualFooting.Sessions;
using EqualFooting.Web.Hosting;
using EqualFooting.Web.Processes;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Sessions;

/// <summary>A session loaded with its process and the actor's standing in that process.</summary>
public sealed record SessionContext(Session Session, Process Process, Actor Actor);

/// <summary>
/// The use cases that run a session. Each loads the session, checks <see cref="SessionPolicy"/>, calls the domain,
/// saves the change with its record entry in one transaction and, only after the commit, sends the new state to
/// the session's screens. A save that loses the race on the session's version is a 409 for moderator actions: the
/// moderator decided on a state that no longer exists. Changes that mean the same whatever else changed (raising or
/// lowering a hand, adding someone in the room, adding an agenda item) are retried on fresh state instead.
/// </summary>
public sealed partial class SessionCommands(EqualFootingDb db, ProcessAccess processes, Writes writes, SessionBroadcaster broadcaster)
{
    private const int MaxOptimisticLoads = 5;

    /// <summary>What a step did: the value to return, and the record entry to write, or no action when nothing changed.</summary>

    public async Task<Result<SessionContext>> FindAsync(int sessionId, CancellationToken ct = default)
    {
        var session = await LoadConsistentAsync(sessionId, ct);
        if (session is null)
        {
            return Error.NotFound("No such session.");
        }

        var found = await processes.FindAsync(session.ProcessId, ct);
        if (found.Error is { } error)
        {
            // A session of a draft process is as invisible as the process.
            return error.Kind == ErrorKind.NotFound ? Error.NotFound("No such session.") : error;
        }

        return new SessionContext(session, found.Value.Process, found.Value.Actor);
    }

    /// <summary>
    /// Loads a session and its queue rows in several queries (one per collection, to avoid a cartesian product),
    /// then checks that the version has not moved meanwhile. Every commit changes the version, so an unchanged
    /// version means all the queries saw the same committed state; otherwise the waiting hands of one moment could
    /// be paired with the last entry id of another.
    /// </summary>
    private async Task<Session?> LoadConsistentAsync(int sessionId, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            // Under a storm of writes the optimistic reads could keep missing; a transaction then holds one snapshot
            // (PostgreSQL's repeatable read; SQLite's transaction takes the write lock, so nothing moves meanwhile).
            await using var snapshot = attempt > MaxOptimisticLoads
                ? await db.Database.BeginTransactionAsync(db.Database.IsNpgsql() ? IsolationLevel.RepeatableRead : IsolationLevel.Serializable, ct)
                : null;
            var session = await db.Sessions
                .Include(s => s.Agenda)
                .Include("_waiting")
                .Include(s => s.InterventionRows)
                .Include("_overrides")
                .Include("_events")
                .AsSplitQuery()
                .FirstOrDefaultAsync(s => s.Id == sessionId, ct);
            if (session is null)
            {
                return null;
            }

            var version = await db.Sessions.Where(s => s.Id == sessionId).Select(s => s.Version).FirstAsync(ct);
            if (version == session.Version || snapshot is not null)
            {
                return session;
            }

            db.ChangeTracker.Clear();
        }
    }

    public Task<Result<Session>> CreateSessionAsync(int processId, SessionDetails details, QueuePolicyKind? policy, QueuePolicySettings? settings, CancellationToken ct = default) =>
        writes.RunAsync<ProcessContext, Session>(
            token => processes.LoadAsync(processId, token),
            c => SessionPolicy.Schedule(c.Actor, c.Process),
            (c, _) =>
            {
                settings ??= QueuePolicySettings.None;
                if (ForeignGroups(c.Process, settings) is { } foreign)
                {
                    return foreign;
                }

                var created = Session.Create(processId, details, policy ?? QueuePolicyKind.FirstComeFirstServed, settings);
                if (created.Error is { } invalid)
                {
                    return invalid;
                }

                var session = created.Value;
                db.Sessions.Add(session);
                return Change.Recorded(session, processId, SessionRecord.Created, () => Describe(session));
            },
            ct);

    /// <summary>Adds an item at the end of the agenda; retried when it loses a race, since it commutes with queue changes.</summary>
    public Task<Result<AgendaItem>> AddAgendaItemAsync(int sessionId, string? title, int? plannedMinutes, int? allottedSeconds, CancellationToken ct = default) =>
        ChangeAsync<AgendaItem>(sessionId, null, true, (c, _) =>
        {
            if (SessionPolicy.Schedule(c.Actor, c.Process) is { } denied)
            {
                return Done<AgendaItem>(denied);
            }

            var added = c.Session.AddAgendaItem(title, plannedMinutes, allottedSeconds);
            return Done(added.Error is { } error ? Fail<AgendaItem>(error)
                : new Outcome<AgendaItem>(added.Value, EqualFooting.Web.Sessions.SessionRecord.AgendaItemAdded, () => Describe(added.Value)));
        }, ct);

    public Task<Result<Session>> StartSessionAsync(int sessionId, long? expectedSequence, CancellationToken ct = default) =>
        ChangeAsync<Session>(sessionId, expectedSequence, false, (c, now) =>
        {
            if (SessionPolicy.Moderate(c.Actor, c.Process) is { } denied)
            {
                return Done<Session>(denied);
            }

            var started = c.Session.Start(now);
            return Done(started.Error is { } error ? Fail<Session>(error)
                : started.Value ? new Outcome<Session>(c.Session, EqualFooting.Web.Sessions.SessionRecord.Started, () => Describe(c.Session))
                : new Outcome<Session>(c.Session));
        }, ct);

    public Task<Result<Session>> EndSessionAsync(int sessionId, long? expectedSequence, CancellationToken ct = default) =>
        ChangeAsync<Session>(sessionId, expectedSequence, false, (c, now) =>
            Done((SessionPolicy.Moderate(c.Actor, c.Process) ?? c.Session.End(now)) is { } error
                ? Fail<Session>(error)
                : new Outcome<Session>(c.Session, EqualFooting.Web.Sessions.SessionRecord.Ended, () => Describe(c.Session))), ct);

    /// <summary>
    /// Puts the actor's own hand up, for an ordinary turn or a point of order, an interposed question or a follow-up.
    /// A second raise of the same kind returns the same entry and writes nothing.
    /// </summary>
    public Task<Result<QueueEntry>> RaiseHandAsync(int sessionId, bool remote, HandKind kind, CancellationToken ct = default) =>
        ChangeAsync<QueueEntry>(sessionId, null, true, async (c, now) =>
        {
            if ((SessionPolicy.RaiseOwnHand(c.Actor, c.Process, c.Session, remote) ?? c.Session.LiveQueue().Error) is { } error)
            {
                return error;
            }

            var me = await db.Participants
                .Where(p => p.ProcessId == c.Process.Id && p.AccountId == c.Actor.AccountId)
                .SelectMany(p => db.Affiliations.Where(a => a.ParticipantId == p.Id && a.Until == null))
                .FirstAsync(ct);
            var hand = new HandRaise(Speaker.Participant(me.ParticipantId), me.StakeholderGroupId, me.RegionId, me.Gender, remote, kind);
            return Raise(c, hand, now);
        }, ct);

    /// <summary>
    /// A moderator puts up the hand of someone in the room without a device, under the name they give; with
    /// <paramref name="kind"/>, the point of order, interposed question or follow-up they raised from the floor.
    /// </summary>
    public Task<Result<QueueEntry>> AddInRoomSpeakerAsync(int sessionId, string? name, int? stakeholderGroupId, int? regionId, string? gender, HandKind kind = HandKind.Normal, CancellationToken ct = default) =>
        ChangeAsync<QueueEntry>(sessionId, null, true, (c, now) =>
        {
            if ((SessionPolicy.Moderate(c.Actor, c.Process) ?? c.Session.LiveQueue().Error) is { } error)
            {
                return Done<QueueEntry>(error);
            }

            var speaker = Speaker.InRoom(name);
            if (speaker.Error is { } badName)
            {
                return Done<QueueEntry>(badName);
            }

            if (c.Process.StakeholderGroups.FirstOrDefault(g => g.Id == stakeholderGroupId && !g.IsRetired) is not { } group)
            {
                return Done<QueueEntry>(Error.Invalid("stakeholderGroupId", "Choose one of this process's stakeholder groups."));
            }

            if (c.Process.Regions.FirstOrDefault(r => r.Id == regionId && !r.IsRetired) is not { } region)
            {
                return Done<QueueEntry>(Error.Invalid("regionId", "Choose one of this process's regions."));
            }

            var cleanGender = Text.Optional("gender", gender, Text.ShortMax);
            if (cleanGender.Error is { } badGender)
            {
                return Done<QueueEntry>(badGender);
            }

            return Done(Raise(c, new HandRaise(speaker.Value, group.Id, region.Id, cleanGender.Value, Kind: kind), now));
        }, ct);

    /// <summary>Takes the actor's own hand down; lowering a hand that is not up changes nothing.</summary>
    public Task<Result<bool>> LowerHandAsync(int sessionId, CancellationToken ct = default) =>
        ChangeAsync<bool>(sessionId, null, true, async (c, now) =>
        {
            if ((SessionPolicy.LowerOwnHand(c.Actor, c.Process) ?? c.Session.LiveQueue().Error) is { } error)
            {
                return error;
            }

            var participantId = await db.Participants
                .Where(p => p.ProcessId == c.Process.Id && p.AccountId == c.Actor.AccountId)
                .Select(p => p.Id)
                .FirstAsync(ct);
            return Lower(c, Speaker.Participant(participantId), now);
        }, ct);

    /// <summary>A moderator takes down a hand in the queue, as for someone in the room who no longer wants to speak.</summary>
    public Task<Result<bool>> LowerHandOfAsync(int sessionId, long entryId, CancellationToken ct = default) =>
        ChangeAsync<bool>(sessionId, null, true, (c, now) =>
        {
            if ((SessionPolicy.Moderate(c.Actor, c.Process) ?? c.Session.LiveQueue().Error) is { } error)
            {
                return Done<bool>(error);
            }

            return Done(c.Session.Queue().Waiting.FirstOrDefault(e => e.Id == entryId) is { } entry
                ? Lower(c, entry.Speaker, now)
                : new Outcome<bool>(false));
        }, ct);

    /// <summary>
    /// Gives the floor to the suggested next speaker (no entry id) or to the hand with that entry id, which needs a
    /// reason when it is not the suggested one. The intervention carries the affiliation declared with the hand.
    /// </summary>
    public Task<Result<Intervention>> GiveFloorAsync(int sessionId, long? entryId, string? reason, long? expectedSequence, CancellationToken ct = default) =>
        ChangeAsync<Intervention>(sessionId, expectedSequence, false, (c, now) =>
        {
            if ((SessionPolicy.Moderate(c.Actor, c.Process) ?? c.Session.LiveQueue().Error) is { } error)
            {
                return Done<Intervention>(error);
            }

            var queue = c.Session.Queue();
            Result<Intervention> given;
            if (entryId is { } id)
            {
                if (queue.Waiting.FirstOrDefault(e => e.Id == id) is not { } entry)
                {
                    return Done<Intervention>(Error.Invalid("entryId", "That person is not in the queue."));
                }

                given = queue.GiveFloor(entry.Speaker, now, reason);
            }
            else
            {
                given = queue.GiveFloorToNext(now);
            }

            if (given.Error is { } refused)
            {
                return Done<Intervention>(refused);
            }

            c.Session.Apply(queue);
            var turn = given.Value;
            var overridden = queue.Overrides.FirstOrDefault(o => o.InterventionId == turn.Id);
            return Done(new Outcome<Intervention>(turn, overridden is null ? EqualFooting.Web.Sessions.SessionRecord.FloorGiven : EqualFooting.Web.Sessions.SessionRecord.FloorGivenOutOfTurn, () =>
            {
                var data = Describe(c, turn);
                data["reason"] = overridden?.Reason;
                data["suggested"] = overridden is null ? null : Describe(overridden.Suggested);
                return data;
            }));
        }, ct);

    public Task<Result<Intervention>> EndInterventionAsync(int sessionId, long? expectedSequence, CancellationToken ct = default) =>
        ChangeAsync<Intervention>(sessionId, expectedSequence, false, (c, now) =>
        {
            if ((SessionPolicy.Moderate(c.Actor, c.Process) ?? c.Session.LiveQueue().Error) is { } error)
            {
                return Done<Intervention>(error);
            }

            var queue = c.Session.Queue();
            var ended = queue.EndIntervention(now);
            if (ended.Error is { } nobody)
            {
                return Done<Intervention>(nobody);
            }

            c.Session.Apply(queue);
            return Done(new Outcome<Intervention>(ended.Value, EqualFooting.Web.Sessions.SessionRecord.InterventionEnded, () => Describe(c, ended.Value)));
        }, ct);

    /// <summary>Stops the speaker's timer (<paramref name="pause"/>) or restarts it where it stopped; doing it twice changes nothing.</summary>
    public Task<Result<bool>> PauseAsync(int sessionId, bool pause, long? expectedSequence, CancellationToken ct = default) =>
        ChangeAsync<bool>(sessionId, expectedSequence, false, (c, now) =>
        {
            if ((SessionPolicy.Moderate(c.Actor, c.Process) ?? c.Session.LiveQueue().Error) is { } error)
            {
                return Done<bool>(error);
            }

            var queue = c.Session.Queue();
            var changed = pause ? queue.Pause(now) : queue.Resume(now);
            if (changed.Error is { } refused)
            {
                return Done<bool>(refused);
            }

            if (!changed.Value)
            {
                return Done(new Outcome<bool>(false));
            }

            c.Session.Apply(queue);
            var turn = queue.Current!;
            return Done(new Outcome<bool>(true, pause ? EqualFooting.Web.Sessions.SessionRecord.InterventionPaused : EqualFooting.Web.Sessions.SessionRecord.InterventionResumed, () => new Dictionary<string, object?>
            {
                ["session"] = c.Session.Id,
                ["intervention"] = turn.Id,
                ["at"] = now,
                ["pausedSeconds"] = (long)turn.Paused.TotalSeconds,
            }));
        }, ct);

    /// <summary>Sets, changes or removes the conference or livestream link; retried when it loses a race, since it commutes with queue changes.</summary>
    public Task<Result<Session>> ChangeConferenceLinkAsync(int sessionId, string? conferenceUrl, CancellationToken ct = default) =>
        ChangeAsync<Session>(sessionId, null, true, (c, _) =>
        {
            if (SessionPolicy.Schedule(c.Actor, c.Process) is { } denied)
            {
                return Done<Session>(denied);
            }

            var changed = c.Session.ChangeConferenceLink(conferenceUrl);
            return Done(changed.Error is { } error ? Fail<Session>(error)
                : changed.Value ? new Outcome<Session>(c.Session, EqualFooting.Web.Sessions.SessionRecord.ConferenceLinkChanged, () => new Dictionary<string, object?>
                {
                    ["session"] = c.Session.Id,
                    ["conferenceUrl"] = c.Session.ConferenceUrl,
                })
                : new Outcome<Session>(c.Session));
        }, ct);

    public Task<Result<bool>> CloseQueueAsync(int sessionId, long? expectedSequence, CancellationToken ct = default) =>
        ToggleQueueAsync(sessionId, expectedSequence, open: false, ct);

    public Task<Result<bool>> ReopenQueueAsync(int sessionId, long? expectedSequence, CancellationToken ct = default) =>
        ToggleQueueAsync(sessionId, expectedSequence, open: true, ct);

    public Task<Result<AgendaItem>> StartAgendaItemAsync(int sessionId, int agendaItemId, long? expectedSequence, CancellationToken ct = default) =>
        ChangeAsync<AgendaItem>(sessionId, expectedSequence, false, (c, now) =>
        {
            if (SessionPolicy.Moderate(c.Actor, c.Process) is { } denied)
            {
                return Done<AgendaItem>(denied);
            }

            var started = c.Session.StartAgendaItem(agendaItemId, now);
            return Done(started.Error is { } error ? Fail<AgendaItem>(error)
                : new Outcome<AgendaItem>(started.Value, EqualFooting.Web.Sessions.SessionRecord.AgendaItemStarted, () => Describe(started.Value)));
        }, ct);

    public Task<Result<Session>> AdjustAllotmentAsync(int sessionId, int? allottedSeconds, long? expectedSequence, CancellationToken ct = default) =>
        ChangeAsync<Session>(sessionId, expectedSequence, false, (c, now) =>
            Done((SessionPolicy.Moderate(c.Actor, c.Process) ?? c.Session.AdjustAllotment(allottedSeconds, now)) is { } error
                ? Fail<Session>(error)
                : new Outcome<Session>(c.Session, EqualFooting.Web.Sessions.SessionRecord.AllotmentAdjusted, () => new Dictionary<string, object?>
                {
                    ["session"] = c.Session.Id,
                    ["agendaItem"] = c.Session.CurrentAgendaItemId,
                    ["allottedSeconds"] = allottedSeconds,
                })), ct);

    private Task<Result<bool>> ToggleQueueAsync(int sessionId, long? expectedSequence, bool open, CancellationToken ct) =>
        ChangeAsync<bool>(sessionId, expectedSequence, false, (c, now) =>
        {
            if ((SessionPolicy.Moderate(c.Actor, c.Process) ?? c.Session.LiveQueue().Error) is { } error)
            {
                return Done<bool>(error);
            }

            var queue = c.Session.Queue();
            if (queue.IsOpen == open)
            {
                return Done(new Outcome<bool>(false));
            }

            if (open)
            {
                queue.Reopen(now);
            }
            else
            {
                queue.Close(now);
            }

            c.Session.Apply(queue);
            return Done(new Outcome<bool>(true, open ? EqualFooting.Web.Sessions.SessionRecord.QueueReopened : EqualFooting.Web.Sessions.SessionRecord.QueueClosed, () => new Dictionary<string, object?> { ["session"] = c.Session.Id }));
        }, ct);

    /// <summary>
    /// Runs a step through the write path, claiming the session's version. Moderator actions name the state they were
    /// decided on (<paramref name="expectedSequence"/>) and answer 409 when it moved on; changes that mean the same
    /// whatever else changed are started again on fresh state.
    /// </summary>
    private Task<Result<T>> ChangeAsync<T>(
        int sessionId,
        long? expectedSequence,
        bool retryOnConflict,
        Func<SessionContext, DateTimeOffset, Task<Result<Outcome<T>>>> step,
        CancellationToken ct) =>
        writes.RunAsync<SessionContext, T>(
            async token =>
            {
                var found = await FindAsync(sessionId, token);
                return found.Error is null && expectedSequence is { } expected && expected != found.Value.Session.Version ? Stale() : found;
            },

            // Each step applies SessionPolicy itself, together with the queue's own rules on the state it acts on.
            _ => null,
            async (c, now) => Outcome.ToChange(await step(c, now), c.Process.Id, Claim.Version(c.Session), _ => broadcaster.PublishAsync(c)),
            ct,
            retryOnConflict ? null : Stale());

    private static Error Stale() =>
        Error.Conflict("The session changed while you were acting (someone else acted at the same moment). Look at the current state and try again.");

    private static Result<Outcome<QueueEntry>> Raise(SessionContext c, HandRaise hand, DateTimeOffset now)
    {
        var queue = c.Session.Queue();
        var logged = queue.Log.Count;
        var raised = queue.RaiseHand(hand, now);
        if (raised.Error is { } refused)
        {
            return refused;
        }

        if (queue.Log.Count == logged)
        {
            return new Outcome<QueueEntry>(raised.Value);
        }

        c.Session.Apply(queue);
        var entry = raised.Value;
        return new Outcome<QueueEntry>(entry, EqualFooting.Web.Sessions.SessionRecord.HandRaised, () => new Dictionary<string, object?>
        {
            ["session"] = c.Session.Id,
            ["entry"] = entry.Id,
            ["speaker"] = Describe(entry.Speaker),
            ["stakeholderGroupId"] = entry.StakeholderGroupId,
            ["regionId"] = entry.RegionId,
            ["remote"] = entry.Remote,
            ["kind"] = entry.Kind,
            ["admittedWhileClosed"] = !queue.IsOpen,
        });
    }

    private static Outcome<bool> Lower(SessionContext c, Speaker speaker, DateTimeOffset now)
    {
        var queue = c.Session.Queue();
        if (!queue.LowerHand(speaker, now))
        {
            return new Outcome<bool>(false);
        }

        c.Session.Apply(queue);
        return new Outcome<bool>(true, EqualFooting.Web.Sessions.SessionRecord.HandLowered, () => new Dictionary<string, object?>
        {
            ["session"] = c.Session.Id,
            ["speaker"] = Describe(speaker),
        });
    }

    /// <summary>Policy settings may only name groups of this process, or a rule would favour a group nobody can declare.</summary>
    private static Error? ForeignGroups(Process process, QueuePolicySettings settings)
    {
        var named = (settings.GroupOrder ?? [])
            .Concat(settings.GovernmentalGroupIds ?? [])
            .Concat(settings.BudgetSecondsByGroup?.Keys ?? Enumerable.Empty<int>());
        var groups = process.StakeholderGroups.Select(g => g.Id).ToHashSet();
        return named.Any(id => !groups.Contains(id))
            ? Error.Invalid("policySettings", "The policy settings name a stakeholder group that is not in this process.")
            : null;
    }

    private static Task<Result<Outcome<T>>> Done<T>(Result<Outcome<T>> result) => Task.FromResult(result);

    private static Task<Result<Outcome<T>>> Done<T>(Outcome<T> outcome) => Task.FromResult<Result<Outcome<T>>>(outcome);

    private static Task<Result<Outcome<T>>> Done<T>(Error error) => Task.FromResult<Result<Outcome<T>>>(error);

    private static Result<Outcome<T>> Fail<T>(Error error) => error;

    private static Dictionary<string, object?> Describe(Session s) => new()
    {
        ["session"] = s.Id,
        ["title"] = s.Title,
        ["startsAt"] = s.StartsAt,
        ["endsAt"] = s.EndsAt,
        ["room"] = s.Room,
        ["remoteParticipation"] = s.RemoteParticipation,
        ["conferenceUrl"] = s.ConferenceUrl,
        ["status"] = s.Status,
        ["policy"] = s.PolicyKind,
        ["policySettings"] = s.PolicySettings,
    };

    private static Dictionary<string, object?> Describe(AgendaItem a) => new()
    {
        ["session"] = a.SessionId,
        ["agendaItem"] = a.Id,
        ["position"] = a.Position,
        ["title"] = a.Title,
        ["plannedMinutes"] = a.PlannedMinutes,
        ["allottedSeconds"] = a.AllottedSeconds,
        ["startedAt"] = a.StartedAt,
    };

    private static Dictionary<string, object?> Describe(Speaker s) => new()
    {
        ["kind"] = s.Kind,
        ["id"] = s.Id,
    };

    /// <summary>An intervention as the record keeps it: who spoke, and the group and region they spoke for at the time.</summary>
    private static Dictionary<string, object?> Describe(SessionContext c, Intervention i) => new()
    {
        ["session"] = c.Session.Id,
        ["intervention"] = i.Id,
        ["speaker"] = Describe(i.Speaker),
        ["stakeholderGroupId"] = i.StakeholderGroupId,
        ["stakeholderGroup"] = c.Process.StakeholderGroups.FirstOrDefault(g => g.Id == i.StakeholderGroupId)?.Name,
        ["regionId"] = i.RegionId,
        ["region"] = c.Process.Regions.FirstOrDefault(r => r.Id == i.RegionId)?.Name,
        ["remote"] = i.Remote,
        ["kind"] = i.Kind,
        ["agendaItem"] = i.AgendaItemId,
        ["allottedSeconds"] = i.Allotted is { } a ? (long)a.TotalSeconds : null,
        ["startedAt"] = i.StartedAt,
        ["endedAt"] = i.EndedAt,
        ["pausedSeconds"] = i.Paused > TimeSpan.Zero ? (long)i.Paused.TotalSeconds : null,
    };
}
