using EqualFooting.Mail;
using EqualFooting.Persistence;

namespace EqualFooting.Web.Mail;

/// <summary>
/// Puts a message in the outbox, which administrators read at /admin/outbox; in Development it is also logged. It
/// never blocks on a mail server: the request that caused the message only writes one row.
/// </summary>
public sealed class Mailer(EqualFootingDb db, TimeProvider clock, IHostEnvironment environment, ILogger<Mailer> log)
{
    public async Task QueueAsync(string to, string subject, string body, CancellationToken ct = default)
    {
        db.Outbox.Add(OutboxMessage.Create(to, subject, body, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        if (environment.IsDevelopment())
        {
            log.LogInformation("Outbox: to {To}: {Subject}\n{Body}", to, subject, body);
        }
    }
}
