using EqualFooting.Decisions;
using EqualFooting.Notifications;
using EqualFooting.Outcomes;
using EqualFooting.Participation;
using EqualFooting.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Outcomes;

/// <summary>The <c>Outcomes:Reminders</c> settings.</summary>
public sealed class ReminderSettings
{
    public bool Enabled { get; set; } = true;

    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Sends the outcomes' time-driven reminders (<see cref="OutcomeReminders.Due"/>) to the process's conveners' inboxes
/// (and an overdue milestone's owner's, when a participant owns it) every <see cref="ReminderSettings.Interval"/>. Each reminder is claimed by inserting its (kind, item) row, unique in
/// the database, in the same transaction as its notices: when several web nodes sweep at once, one insert wins and
/// the others roll back, so nobody is reminded twice. A background sweep has no actor and writes no record entry
/// (notices are personal, not part of the public record), so it writes directly rather than through Writes.
/// </summary>
public sealed class OutcomeReminderSweep(
    IServiceScopeFactory scopes,
    Microsoft.Extensions.Options.IOptions<ReminderSettings> options,
    TimeProvider clock,
    ILogger<OutcomeReminderSweep> log) : EqualFooting.Web.Hosting.PeriodicSweep(clock, log)
{
    protected override TimeSpan Period => options.Value.Interval;

    protected override string Name => "The outcome reminders sweep";

    protected override bool Enabled => options.Value.Enabled;

    // The first sweep waits one period: a node that starts is busy enough, and a reminder is never urgent to the minute.
    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        var sent = await SweepAsync(Clock.GetUtcNow(), ct);
        if (sent > 0)
        {
            Log.LogInformation("Sent {Count} outcome reminder(s).", sent);
        }
    }

    /// <summary>Candidates read per kind and sweep; the rest wait for the next sweep.</summary>
    public const int Batch = 500;

    /// <summary>Sends every reminder due at <paramref name="now"/>; returns how many were sent (by this node).</summary>
    public async Task<int> SweepAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EqualFootingDb>();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var oldest = now.AddMonths(-12 * 2 - OutcomeReminders.RevisitWindowMonths);
        var youngest = now.AddMonths(-12);

        var milestones = await db.Milestones.AsNoTracking()
            .Where(m => m.CompletedOn == null && m.DueOn < today && !db.OutcomeReminders.Any(r => r.Kind == ReminderKind.MilestoneOverdue && r.ItemId == m.Id))
            .Join(db.Commitments.Where(c => c.Status != CommitmentStatus.Done && c.Status != CommitmentStatus.Dropped), m => m.CommitmentId, c => c.Id, (m, c) => new { m, c })
            .OrderBy(x => x.m.Id).Take(Batch)
            .Select(x => new OpenMilestone(x.m.Id, x.c.Id, x.c.ProcessId, x.m.Title, x.m.DueOn, x.c.Status, x.m.OwnerAccountId ?? x.c.OwnerAccountId)).ToListAsync(ct);
        var messages = await db.Messages.AsNoTracking()
            .Where(m => m.PublishedAt <= youngest && m.PublishedAt > oldest && !db.OutcomeReminders.Any(r => r.Kind == ReminderKind.MessageRevisitYear2 && r.ItemId == m.Id))
            .OrderBy(m => m.Id).Take(Batch)
            .Select(m => new PublishedOutcome(false, m.Id, m.ProcessId, m.Title, m.PublishedAt)).ToListAsync(ct);
        var decisions = await db.Proposals.AsNoTracking()
            .Where(p => p.ClosedAt != null && p.ClosedAt <= youngest && p.ClosedAt > oldest && !db.OutcomeReminders.Any(r => r.Kind == ReminderKind.DecisionRevisitYear2 && r.ItemId == p.Id))
            .OrderBy(p => p.Id).Take(Batch)
            .Select(p => new PublishedOutcome(true, p.Id, p.ProcessId, p.Title, p.ClosedAt!.Value)).ToListAsync(ct);
        var advice = await db.Advice.AsNoTracking()
            .Where(a => a.Status == AdviceStatus.Pending && a.SentOn != null && a.SentOn < today && !db.OutcomeReminders.Any(r => r.Kind == ReminderKind.AdviceUnanswered && r.ItemId == a.Id))
            .OrderBy(a => a.Id).Take(Batch)
            .Select(a => new
            {
                a.Id,
                a.ProcessId,
                a.Title,
                SentOn = a.SentOn!.Value,
                a.Status,
                Days = db.OutcomeSettings.Where(s => s.ProcessId == a.ProcessId).Select(s => (int?)s.AdviceReminderDays).FirstOrDefault(),
            })
            .ToListAsync(ct);

        var messageIds = messages.Select(m => m.Id).ToList();
        var decisionIds = decisions.Select(d => d.Id).ToList();
        var sent = (await db.OutcomeReminders.AsNoTracking()
            .Where(r => (r.Kind == ReminderKind.MessageRevisitYear1 && messageIds.Contains(r.ItemId)) || (r.Kind == ReminderKind.DecisionRevisitYear1 && decisionIds.Contains(r.ItemId)))
            .Select(r => new { r.Kind, r.ItemId }).ToListAsync(ct))
            .Select(r => (r.Kind, r.ItemId)).ToHashSet();

        var due = OutcomeReminders.Due(
            milestones,
            messages.Concat(decisions),
            advice.Select(a => new SentAdvice(a.Id, a.ProcessId, a.Title, a.SentOn, a.Status, a.Days ?? OutcomeSettings.DefaultAdviceReminderDays)),
            sent,
            now);
        if (due.Count == 0)
        {
            return 0;
        }

        var processIds = due.Select(d => d.ProcessId).Distinct().ToList();
        var conveners = (await db.RoleAssignments.AsNoTracking()
            .Where(r => processIds.Contains(r.ProcessId) && r.Role == ProcessRole.Convener)
            .Select(r => new { r.ProcessId, r.AccountId }).ToListAsync(ct))
            .ToLookup(r => r.ProcessId, r => r.AccountId);

        // A revisit is news for everyone who follows the process; overdue milestones and unanswered advice are the
        // conveners' to chase.
        var followers = due.Any(d => Revisit(d.Kind))
            ? (await db.Follows.AsNoTracking()
                .Where(f => f.Subject == FollowSubject.Process && processIds.Contains(f.SubjectId))
                .Select(f => new { f.SubjectId, f.AccountId }).ToListAsync(ct))
                .ToLookup(f => f.SubjectId, f => f.AccountId)
            : Enumerable.Empty<string>().ToLookup(_ => 0);

        // An overdue milestone's owner (a participant named on it or its commitment) is told with the conveners, under the same claim.
        var owners = milestones.Where(m => m.OwnerAccountId is not null).ToDictionary(m => m.MilestoneId, m => m.OwnerAccountId!);

        var count = 0;
        foreach (var d in due)
        {
            db.OutcomeReminders.Add(new OutcomeReminder(d.Kind, d.ItemId, d.ProcessId, now));
            var told = Revisit(d.Kind) ? conveners[d.ProcessId].Concat(followers[d.ProcessId])
                : d.Kind == ReminderKind.MilestoneOverdue && owners.TryGetValue(d.ItemId, out var owner) ? conveners[d.ProcessId].Append(owner)
                : conveners[d.ProcessId];
            foreach (var account in told.Distinct())
            {
                db.Notifications.Add(Notification.AboutOutcome(account, Notice(d.Kind), d.ProcessId, d.LinkId, d.Title, now));
            }

            try
            {
                await db.SaveChangesAsync(ct);
                count++;
            }
            catch (DbUpdateException)
            {
                // Another node claimed this reminder first (the unique index on kind and item): its notices stand.
                db.ChangeTracker.Clear();
            }
        }

        return count;
    }

    private static bool Revisit(ReminderKind kind) => kind is ReminderKind.MessageRevisitYear1 or ReminderKind.MessageRevisitYear2
        or ReminderKind.DecisionRevisitYear1 or ReminderKind.DecisionRevisitYear2;

    private static NoticeKind Notice(ReminderKind kind) => kind switch
    {
        ReminderKind.MilestoneOverdue => NoticeKind.MilestoneOverdue,
        ReminderKind.MessageRevisitYear1 => NoticeKind.MessageRevisitYear1,
        ReminderKind.MessageRevisitYear2 => NoticeKind.MessageRevisitYear2,
        ReminderKind.DecisionRevisitYear1 => NoticeKind.DecisionRevisitYear1,
        ReminderKind.DecisionRevisitYear2 => NoticeKind.DecisionRevisitYear2,
        _ => NoticeKind.AdviceUnanswered,
    };

}
