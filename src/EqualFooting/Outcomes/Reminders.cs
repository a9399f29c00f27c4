using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EqualFooting.Outcomes;

/// <summary>The time-driven reminders of the outcomes; each is sent once per item.</summary>
public enum ReminderKind
{
    /// <summary>A milestone's due date passed and it is not reached (its commitment neither done nor dropped).</summary>
    MilestoneOverdue,

    /// <summary>A year after a message was published: revisit what happened.</summary>
    MessageRevisitYear1,

    /// <summary>Two years after a message was published.</summary>
    MessageRevisitYear2,

    /// <summary>A year after a decision was taken (its proposal closed).</summary>
    DecisionRevisitYear1,

    /// <summary>Two years after a decision was taken.</summary>
    DecisionRevisitYear2,

    /// <summary>Advice was sent and no response came within the process's waiting time.</summary>
    AdviceUnanswered,
}

/// <summary>A milestone not reached, as the reminder rule sees it.</summary>
/// <param name="OwnerAccountId">Who answers for it: the milestone's owner, else its commitment's (told beside the conveners).</param>
public sealed record OpenMilestone(int MilestoneId, int CommitmentId, int ProcessId, string Title, DateOnly DueOn, CommitmentStatus CommitmentStatus, string? OwnerAccountId = null);

/// <summary>A message or decision and when it was published (taken).</summary>
public sealed record PublishedOutcome(bool IsDecision, int Id, int ProcessId, string Title, DateTimeOffset PublishedAt);

/// <summary>Advice as the reminder rule sees it, with its process's waiting time.</summary>
public sealed record SentAdvice(int AdviceId, int ProcessId, string Title, DateOnly SentOn, AdviceStatus Status, int ReminderDays);

/// <param name="LinkId">What the notice links to: the commitment for a milestone, otherwise the item itself.</param>
public sealed record DueReminder(ReminderKind Kind, int ItemId, int ProcessId, int LinkId, string Title);

/// <summary>
/// Which reminders are due at a given time. Plain dates are judged against today's date in UTC (a reminder is one
/// per item for everyone, so it cannot follow each reader's zone). A revisit is due from 12 (and 24) months after
/// publication until the next one: a message three years old when reminders start gets none rather than two late ones.
/// </summary>
public static class OutcomeReminders
{
    public const int RevisitWindowMonths = 12;

    public static IReadOnlyList<DueReminder> Due(
        IEnumerable<OpenMilestone> milestones,
        IEnumerable<PublishedOutcome> published,
        IEnumerable<SentAdvice> advice,
        IReadOnlySet<(ReminderKind Kind, int ItemId)> alreadySent,
        DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var due = new List<DueReminder>();
        foreach (var m in milestones)
        {
            if (m.DueOn < today && m.CommitmentStatus is not (CommitmentStatus.Done or CommitmentStatus.Dropped))
            {
                due.Add(new DueReminder(ReminderKind.MilestoneOverdue, m.MilestoneId, m.ProcessId, m.CommitmentId, m.Title));
            }
        }

        foreach (var p in published)
        {
            if (Revisit(p.PublishedAt, now) is { } year)
            {
                var kind = (p.IsDecision, year) switch
                {
                    (false, 1) => ReminderKind.MessageRevisitYear1,
                    (false, _) => ReminderKind.MessageRevisitYear2,
                    (true, 1) => ReminderKind.DecisionRevisitYear1,
                    (true, _) => ReminderKind.DecisionRevisitYear2,
                };
                due.Add(new DueReminder(kind, p.Id, p.ProcessId, p.Id, p.Title));
            }
        }

        foreach (var a in advice)
        {
            if (Advice.Unanswered(a.Status, a.SentOn, today, a.ReminderDays))
            {
                due.Add(new DueReminder(ReminderKind.AdviceUnanswered, a.AdviceId, a.ProcessId, a.AdviceId, a.Title));
            }
        }

        return [.. due.Where(d => !alreadySent.Contains((d.Kind, d.ItemId)))];
    }

    /// <summary>1 or 2 when <paramref name="now"/> falls in the window of the first or second year's revisit, else null.</summary>
    public static int? Revisit(DateTimeOffset publishedAt, DateTimeOffset now)
    {
        for (var year = 1; year <= 2; year++)
        {
            var from = publishedAt.AddMonths(12 * year);
            if (now >= from && now < from.AddMonths(RevisitWindowMonths))
            {
                return year;
            }
        }

        return null;
    }
}

/// <summary>A reminder sent: one row per (kind, item), so several web nodes sweeping at once send it once.</summary>
public sealed class OutcomeReminder(ReminderKind kind, int itemId, int processId, DateTimeOffset sentAt)
{
    public long Id { get; private set; }

    public ReminderKind Kind { get; private set; } = kind;

    public int ItemId { get; private set; } = itemId;

    public int ProcessId { get; private set; } = processId;

    public DateTimeOffset SentAt { get; private set; } = sentAt;
}

internal sealed class OutcomeReminderMapping : IEntityTypeConfiguration<OutcomeReminder>
{
    public void Configure(EntityTypeBuilder<OutcomeReminder> b)
    {
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(32);
        b.HasIndex(r => new { r.Kind, r.ItemId }).IsUnique();
        b.HasOne<Processes.Process>().WithMany().HasForeignKey(r => r.ProcessId).OnDelete(DeleteBehavior.Cascade);
    }
}
