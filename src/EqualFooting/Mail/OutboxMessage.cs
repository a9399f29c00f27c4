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
    }
}
