using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EqualFooting.Mail;

/// <summary>
/// An e-mail the product has to send. With no SMTP server configured, the outbox is where it stays, and
/// administrators read it in the product, so a site on one machine is still complete (a password reset link can be
/// handed over by hand). Personal data (the address, a link): never copied into the record.
/// </summary>
public sealed class OutboxMessage
{
    public const int SubjectMax = 200;
    public const int BodyMax = 10_000;
    public const int ErrorMax = 500;

    /// <summary>Attempts before a message is given up and shown as failed in the outbox.</summary>
    public const int MaxAttempts = 8;

    private OutboxMessage()
    {
        To = "";
        Subject = "";
        Body = "";
    }

    public long Id { get; private set; }

    public string To { get; private set; }

    public string Subject { get; private set; }

    public string Body { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the SMTP server accepted it; null while it waits or when no server is configured.</summary>
    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>Failed attempts so far.</summary>
    public int Attempts { get; private set; }

    /// <summary>When to try again after a failure; null before the first attempt, and once it is given up.</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }

    /// <summary>Until when one node holds it for sending, so several web nodes never send it twice.</summary>
    public DateTimeOffset? ClaimedUntil { get; private set; }

    public string? LastError { get; private set; }

    public bool GivenUp => SentAt is null && Attempts >= MaxAttempts;

    public bool IsDueAt(DateTimeOffset now) => SentAt is null && !GivenUp && (NextAttemptAt is null || NextAttemptAt <= now);

    /// <summary>
    /// The wait after the n-th failure doubles from one minute and stops growing at six hours: a server that is down
    /// for a moment is retried soon, one that is down for a day is not hammered. Eight attempts span about half a day.
    /// </summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromMinutes(Math.Min(Math.Pow(2, Math.Max(0, attempts - 1)), 360));

    public void MarkSent(DateTimeOffset now)
    {
        SentAt = now;
        NextAttemptAt = null;
        ClaimedUntil = null;
    }

    public void MarkFailed(string error, DateTimeOffset now)
    {
        Attempts++;
        LastError = error.Length > ErrorMax ? error[..ErrorMax] : error;
        NextAttemptAt = GivenUp ? null : now + Backoff(Attempts);
        ClaimedUntil = null;
    }

    public static OutboxMessage Create(string to, string subject, string body, DateTimeOffset now) => new()
    {
        To = to,
        Subject = subject.Length > SubjectMax ? subject[..SubjectMax] : subject,
        Body = body.Length > BodyMax ? body[..BodyMax] : body,
        CreatedAt = now,
    };
}

internal sealed class OutboxMessageMapping : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("Outbox");
        b.Property(m => m.To).HasMaxLength(254);
        b.Property(m => m.Subject).HasMaxLength(OutboxMessage.SubjectMax);
        b.Property(m => m.Body).HasMaxLength(OutboxMessage.BodyMax);
        b.Property(m => m.LastError).HasMaxLength(OutboxMessage.ErrorMax);
        b.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
    }
}
