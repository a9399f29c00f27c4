using EqualFooting.Common;
using EqualFooting.Persistence;
using EqualFooting.Sessions;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Sessions.Attendance;

/// <param name="Created">False when the person had already checked in: the earlier check-in stands and nothing was written.</param>
public sealed record CheckInResult(CheckIn CheckIn, bool Created);

/// <summary>
/// Checking in to a session, through the one write path. A check-in claims nothing of the session (it does not touch
/// the queue, so it never makes a moderator's action stale); the unique indexes on the check-ins decide between a
/// double click or two requests at once, and the loser answers with the winner's check-in.
/// </summary>
public sealed class AttendanceCommands(EqualFootingDb db, SessionCommands sessions, Writes writes, AttendanceBroadcaster broadcaster)
{
    /// <summary>The actor checks themselves in, with the affiliation they hold now.</summary>
    public Task<Result<CheckInResult>> CheckInAsync(int sessionId, AttendanceMode? mode, int? hubId, CancellationToken ct = default) =>
        writes.RunAsync<SessionContext, CheckInResult>(
            token => sessions.FindAsync(sessionId, token),
            c => AttendancePolicy.CheckInSelf(c.Actor, c.Process),
            async (c, now) =>
            {
                var me = await db.Participants
                    .Where(p => p.ProcessId == c.Process.Id && p.AccountId == c.Actor.AccountId)
                    .SelectMany(p => db.Affiliations.Where(a => a.ParticipantId == p.Id && a.Until == null))
                    .FirstAsync(ct);
                if (await db.CheckIns.AsNoTracking().FirstOrDefaultAsync(a => a.SessionId == sessionId && a.ParticipantId == me.ParticipantId, ct) is { } earlier)
                {
                    return Change.None(new CheckInResult(earlier, false));
                }

                var hub = mode == AttendanceMode.Hub && hubId is { } h
                    ? await db.RemoteHubs.AsNoTracking().FirstOrDefaultAsync(x => x.Id == h && x.SessionId == sessionId, ct)
                    : null;
                var checkedIn = CheckIn.Participant(c.Session, me, mode, hub, now);
                if (checkedIn.Error is { } refused)
                {
                    return refused;
                }

                var row = checkedIn.Value;
                db.CheckIns.Add(row);
                var participant = me.ParticipantId;
                return Change.Recorded(new CheckInResult(row, true), c.Process.Id, AttendanceRecord.CheckedIn, () => AttendanceRecord.Describe(row))
                    .Then(token => broadcaster.PublishAsync(c.Session.Id, token))
                    .OnDuplicate(async token => await db.CheckIns.AsNoTracking().FirstOrDefaultAsync(a => a.SessionId == sessionId && a.ParticipantId == participant, token) is { } winner
                        ? new CheckInResult(winner, false)
                        : null);
            },
            ct);

    /// <summary>A moderator checks in someone without a device under a name, in the room or through one of the session's hubs.</summary>
    public Task<Result<CheckInResult>> CheckInPersonAsync(int sessionId, string? name, int? stakeholderGroupId, int? regionId, int? hubId, CancellationToken ct = default) =>
        writes.RunAsync<SessionContext, CheckInResult>(
            token => sessions.FindAsync(sessionId, token),
            c => AttendancePolicy.CheckInOthers(c.Actor, c.Process),
            async (c, now) =>
            {
                RemoteHub? hub = null;
                if (hubId is { } h)
                {
                    hub = await db.RemoteHubs.AsNoTracking().FirstOrDefaultAsync(x => x.Id == h && x.SessionId == sessionId, ct);
                    if (hub is null)
                    {
                        return Error.Invalid("hubId", "Choose one of this session's remote hubs.");
                    }
                }

                var checkedIn = CheckIn.WithoutDevice(c.Session, c.Process, name, stakeholderGroupId, regionId, hub, now);
                if (checkedIn.Error is { } refused)
                {
                    return refused;
                }

                var row = checkedIn.Value;
                var key = row.NameKey;
                if (await db.CheckIns.AsNoTracking().FirstOrDefaultAsync(a => a.SessionId == sessionId && a.NameKey == key, ct) is { } earlier)
                {
                    return Change.None(new CheckInResult(earlier, false));
                }

                db.CheckIns.Add(row);
                return Change.Recorded(new CheckInResult(row, true), c.Process.Id, AttendanceRecord.PersonCheckedIn, () => AttendanceRecord.Describe(row))
                    .Then(token => broadcaster.PublishAsync(c.Session.Id, token))
                    .OnDuplicate(async token => await db.CheckIns.AsNoTracking().FirstOrDefaultAsync(a => a.SessionId == sessionId && a.NameKey == key, token) is { } winner
                        ? new CheckInResult(winner, false)
                        : null);
            },
            ct);
}
