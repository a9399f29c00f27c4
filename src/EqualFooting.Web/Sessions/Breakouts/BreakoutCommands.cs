using System.Security.Cryptography;
using EqualFooting.Common;
using EqualFooting.Notifications;
using EqualFooting.Persistence;
using EqualFooting.Sessions;
using EqualFooting.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Sessions.Breakouts;

/// <summary>A breakout round loaded with its session, process and the actor's standing, and the actor's participant id in the process.</summary>
public sealed record BreakoutContext(Breakout Breakout, SessionContext Session, int? MyParticipantId);

/// <summary>What a moderator asks for when splitting the room.</summary>
public sealed record SplitRequest(string? Title, IReadOnlyList<string?>? Questions, BreakoutStrategy? Strategy, int? GroupCount, int? TableCount, int? Seed);

/// <summary>
/// The use cases of breakout rounds. Each loads the round, checks <see cref="BreakoutPolicy"/>, calls the domain,
/// saves with a record entry in one transaction, and after the commit tells the session's screens. Every change first
/// claims the round's version row; a change that loses that race is retried on fresh state, where the domain decides
/// again (a report based on a version someone else has just replaced then becomes a conflict for its writer).
/// </summary>
public sealed class BreakoutCommands(EqualFootingDb db, SessionCommands sessions, Writes writes, TimeProvider clock, BreakoutBroadcaster broadcaster)
{

    public async Task<Result<BreakoutContext>> FindAsync(int breakoutId, CancellationToken ct = default)
    {
        var breakout = await db.Breakouts
            .Include(b => b.Groups)
            .Include(b => b.Members)
            .AsSplitQuery()
            .FirstOrDefaultAsync(b => b.Id == breakoutId, ct);
        if (breakout is null)
        {
            return Error.NotFound("No such breakout round.");
        }

        var session = await sessions.FindAsync(breakout.SessionId, ct);
        if (session.Error is { } error)
        {
            return error.Kind == ErrorKind.NotFound ? Error.NotFound("No such breakout round.") : error;
        }

        return new BreakoutContext(breakout, session.Value, await MyParticipantIdAsync(session.Value, ct));
    }

    public async Task<int?> MyParticipantIdAsync(SessionContext c, CancellationToken ct = default) =>
        c.Actor.AccountId is { } account && c.Actor.IsParticipant
            ? await db.Participants.Where(p => p.ProcessId == c.Process.Id && p.AccountId == account).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct)
            : null;

    /// <summary>The process's participants with their affiliation now and their declared table: whom a moderator can place.</summary>
    public Task<List<BreakoutCandidate>> RoomAsync(SessionContext c, CancellationToken ct = default) => RoomAsync(c, false, ct);

    /// <summary>
    /// The room a round splits: the process's participants with the affiliation they hold now and the table they
    /// declared for this session; with <paramref name="presentOnly"/>, only those who checked in, once anyone has.
    /// </summary>
    public async Task<List<BreakoutCandidate>> RoomAsync(SessionContext c, bool presentOnly, CancellationToken ct = default)
    {
        var sessionId = c.Session.Id;
        var present = presentOnly && await db.CheckIns.AnyAsync(a => a.SessionId == sessionId && a.ParticipantId != null, ct);
        return await db.Affiliations
            .Where(a => a.ProcessId == c.Process.Id && a.Until == null)
            .Where(a => !present || db.CheckIns.Any(x => x.SessionId == sessionId && x.ParticipantId == a.ParticipantId))
            .Select(a => new BreakoutCandidate(
                a.ParticipantId,
                a.StakeholderGroupId,
                a.RegionId,
                db.TableDeclarations.Where(t => t.SessionId == sessionId && t.ParticipantId == a.ParticipantId).Select(t => (int?)t.Table).FirstOrDefault()))
            .ToListAsync(ct);
    }

    public async Task<Result<Breakout>> SplitAsync(int sessionId, SplitRequest request, CancellationToken ct = default)
    {
        var found = await sessions.FindAsync(sessionId, ct);
        if (found.Error is { } missing)
        {
            return missing;
        }

        var c = found.Value;
        if (BreakoutPolicy.Arrange(c.Actor, c.Process, c.Session) is { } denied)
        {
            return denied;
        }

        // Once people have checked in, the round splits those present rather than everyone registered.
        var room = await RoomAsync(c, presentOnly: true, ct);
        var seed = request.Strategy == BreakoutStrategy.RandomBalanced ? request.Seed ?? RandomNumberGenerator.GetInt32(int.MaxValue) : (int?)null;
        var split = request.Strategy switch
        {
            BreakoutStrategy.ByRegion => BreakoutAssignment.ByRegion(room, [.. c.Process.Regions.OrderBy(r => r.Position).Select(r => (r.Id, r.Name))]),
            BreakoutStrategy.ByTable => BreakoutAssignment.ByTable(room, request.TableCount),
            BreakoutStrategy.ByHand => BreakoutAssignment.ByHand(room, request.GroupCount),
            BreakoutStrategy.RandomBalanced => BreakoutAssignment.RandomBalanced(room, request.GroupCount, seed!.Value),
            _ => Error.Invalid("strategy", "Choose how to split the room: ByRegion, ByTable, ByHand or RandomBalanced."),
        };
        if (split.Error is { } badSplit)
        {
            return badSplit;
        }

        var created = Breakout.Create(sessionId, request.Title, request.Questions, request.Strategy!.Value, split.Value, seed, clock.GetUtcNow());
        if (created.Error is { } invalid)
        {
            return invalid;
        }

        var breakout = created.Value;
        db.Breakouts.Add(breakout);
        await writes.SaveAsync(c.Process.Id, BreakoutRecord.Created, () => new Dictionary<string, object?>
        {
            ["session"] = sessionId,
            ["breakout"] = breakout.Id,
            ["title"] = breakout.Title,
            ["strategy"] = breakout.Strategy,
            ["seed"] = breakout.Seed,
            ["questions"] = breakout.Questions.ToList<object?>(),
            ["groups"] = breakout.Groups.Select(g => (object?)new Dictionary<string, object?>
            {
                ["number"] = g.Number,
                ["name"] = g.Name,
                ["members"] = breakout.MembersOf(g.Number).Select(m => (object?)m.ParticipantId).ToList(),
            }).ToList(),
        }, ct);
        await broadcaster.PublishAsync(breakout);
        return breakout;
    }

    /// <summary>Puts a participant of the process in a group, moves them, or takes them out of the round (<paramref name="group"/> null).</summary>
    public Task<Result<bool>> MoveAsync(int breakoutId, int participantId, int? group, CancellationToken ct = default) =>
        ChangeAsync<bool>(breakoutId, async (c, _) =>
        {
            if (BreakoutPolicy.Arrange(c.Session.Actor, c.Session.Process, c.Session.Session) is { } denied)
            {
                return denied;
            }

            var who = (await RoomAsync(c.Session, ct)).FirstOrDefault(p => p.ParticipantId == participantId);
            if (who is null)
            {
                return Error.Invalid("participantId", "That person is not a participant of this process.");
            }

            var moved = c.Breakout.Move(who, group);
            return moved.Error is { } error ? error
                : !moved.Value ? new Outcome<bool>(false)
                : new Outcome<bool>(true, BreakoutRecord.MemberMoved, () => new Dictionary<string, object?>
                {
                    ["breakout"] = c.Breakout.Id,
                    ["participant"] = participantId,
                    ["group"] = group,
                });
        }, ct);

    public Task<Result<bool>> ChooseRapporteurAsync(int breakoutId, int group, int? participantId, CancellationToken ct = default) =>
        ChangeAsync<bool>(breakoutId, (c, _) =>
        {
            if (BreakoutPolicy.Arrange(c.Session.Actor, c.Session.Process, c.Session.Session) is { } denied)
            {
                return Task.FromResult<Result<Outcome<bool>>>(denied);
            }

            var chosen = c.Breakout.ChooseRapporteur(group, participantId);
            Result<Outcome<bool>> outcome = chosen.Error is { } error ? error
                : !chosen.Value ? new Outcome<bool>(false)
                : new Outcome<bool>(true, BreakoutRecord.RapporteurChosen, () => new Dictionary<string, object?>
                {
                    ["breakout"] = c.Breakout.Id,
                    ["group"] = group,
                    ["participant"] = participantId,
                });
            return Task.FromResult(outcome);
        }, ct);

    /// <param name="basedOn">The report version the writer started from; see <see cref="Breakout.SaveReport"/>.</param>
    public Task<Result<BreakoutGroup>> SaveReportAsync(int breakoutId, int group, string? text, int? basedOn, bool send, CancellationToken ct = default) =>
        ChangeAsync<BreakoutGroup>(breakoutId, async (c, now) =>
        {
            if (c.Breakout.Group(group) is null)
            {
                return Error.NotFound("No such group in this round.");
            }

            if (BreakoutPolicy.WriteReport(c.Session.Actor, c.Session.Process, c.Breakout, group, c.MyParticipantId) is { } denied)
            {
                return denied;
            }

            var name = await db.Users.Where(u => u.Id == c.Session.Actor.AccountId).Select(u => u.DisplayName).FirstAsync(ct);
            var before = c.Breakout.Group(group)!;
            var (version, wasReported) = (before.ReportVersion, before.IsReported);
            var saved = c.Breakout.SaveReport(group, text, basedOn, send, new ReportAuthor(c.Session.Actor.AccountId!, name), now);
            if (saved.Error is { } error)
            {
                return error;
            }

            var g = saved.Value;
            if (g.ReportVersion == version && g.IsReported == wasReported)
            {
                return new Outcome<BreakoutGroup>(g);
            }

            return new Outcome<BreakoutGroup>(g, g.IsReported && !wasReported ? BreakoutRecord.Reported : BreakoutRecord.ReportSaved, () => new Dictionary<string, object?>
            {
                ["breakout"] = c.Breakout.Id,
                ["group"] = g.Number,
                ["name"] = g.Name,
                ["version"] = g.ReportVersion,
                ["reported"] = g.IsReported,
                ["text"] = g.Report,
            });
        }, ct);

    /// <summary>
    /// A reminder is a notice on the group members' session page, pushed live, a notice in the rapporteur's inbox,
    /// and a record entry, so the chasing of missing reports is itself on the record.
    /// </summary>
    public Task<Result<BreakoutGroup>> RemindAsync(int breakoutId, int group, CancellationToken ct = default) =>
        ChangeAsync<BreakoutGroup>(breakoutId, async (c, now) =>
        {
            if (BreakoutPolicy.FollowUp(c.Session.Actor, c.Session.Process) is { } denied)
            {
                return denied;
            }

            var reminded = c.Breakout.Remind(group, now);
            if (reminded.Error is { } error)
            {
                return error;
            }

            // The rapporteur also finds it in their inbox (and e-mail, if they chose it), away from the session page.
            if (reminded.Value.RapporteurParticipantId is { } rapporteur
                && await db.Participants.Where(p => p.Id == rapporteur).Select(p => p.AccountId).FirstOrDefaultAsync(ct) is { } account)
            {
                db.Notifications.Add(Notification.AboutProcess(account, NoticeKind.BreakoutReportDue, c.Session.Process.Id, c.Breakout.Id, reminded.Value.Name, null, now));
            }

            return new Outcome<BreakoutGroup>(reminded.Value, BreakoutRecord.ReminderSent, () => new Dictionary<string, object?>
            {
                ["breakout"] = c.Breakout.Id,
                ["group"] = group,
                ["name"] = reminded.Value.Name,
                ["reminders"] = reminded.Value.Reminders,
            });
        }, ct);

    /// <summary>A participant says which table they sit at, for a split by table. Declaring the same table again writes nothing.</summary>
    public Task<Result<int>> DeclareTableAsync(int sessionId, int? table, CancellationToken ct = default) =>
        writes.RunAsync<SessionContext, int>(
            token => sessions.FindAsync(sessionId, token),
            c => SessionPolicy.LowerOwnHand(c.Actor, c.Process) ?? (c.Session.Status == SessionStatus.Ended ? Error.Conflict("The session has ended.") : null),
            async (c, _) =>
            {
                if (TableDeclaration.Check(table) is { } invalid)
                {
                    return invalid;
                }

                var me = (await MyParticipantIdAsync(c, ct))!.Value;
                var declared = await db.TableDeclarations.FirstOrDefaultAsync(t => t.SessionId == sessionId && t.ParticipantId == me, ct);
                if (declared?.Table == table)
                {
                    return Change.None(table!.Value);
                }

                if (declared is null)
                {
                    db.TableDeclarations.Add(new TableDeclaration(sessionId, me, table!.Value));
                }
                else
                {
                    declared.Table = table!.Value;
                }

                var change = Change.Recorded(table!.Value, c.Process.Id, SessionRecord.TableDeclared, () => new Dictionary<string, object?>
                {
                    ["session"] = sessionId,
                    ["participant"] = me,
                    ["table"] = table,
                });

                // The same person declaring from two tabs at once: the other insert won, and this one's table is applied to it.
                return declared is null ? change.OnDuplicate(async token => await DeclareTableAsync(sessionId, table, token)) : change;
            },
            ct);

    /// <summary>Runs a step through the write path, claiming the round's version; a lost claim starts again on fresh state.</summary>
    private Task<Result<T>> ChangeAsync<T>(int breakoutId, Func<BreakoutContext, DateTimeOffset, Task<Result<Outcome<T>>>> step, CancellationToken ct) =>
        writes.RunAsync<BreakoutContext, T>(
            token => FindAsync(breakoutId, token),

            // Each step applies BreakoutPolicy itself: who may act depends on the group the step names.
            _ => null,
            async (c, now) => Outcome.ToChange(await step(c, now), c.Session.Process.Id, Claim.Version(c.Breakout), _ => broadcaster.PublishAsync(c.Breakout)),
            ct);
}
