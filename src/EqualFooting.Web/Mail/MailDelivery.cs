using EqualFooting.Mail;
using EqualFooting.Persistence;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace EqualFooting.Web.Mail;

/// <summary>The <c>Smtp</c> settings. With no <see cref="Host"/>, nothing is sent and the outbox keeps every message.</summary>
public sealed class SmtpSettings
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>Auto (STARTTLS when offered), StartTls, SslOnConnect or None, as MailKit names them.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, as "Name &lt;address&gt;" or an address.</summary>
    public string From { get; set; } = "EqualFooting <noreply@localhost>";

    public bool Configured => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>What hands one message to a mail server; the SMTP one is <see cref="SmtpTransport"/>.</summary>
public interface IMailTransport
{
    Task SendAsync(OutboxMessage message, CancellationToken ct);
}

/// <summary>SMTP through MailKit, one connection per sweep's message (a sweep sends a handful at most).</summary>
public sealed class SmtpTransport(Microsoft.Extensions.Options.IOptions<SmtpSettings> options) : IMailTransport
{
    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var settings = options.Value;
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(settings.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.Body = new TextPart("plain") { Text = message.Body };

        using var client = new SmtpClient { Timeout = 30_000 };
        await client.ConnectAsync(settings.Host!, settings.Port, settings.Security, ct);
        if (!string.IsNullOrEmpty(settings.Username))
        {
            await client.AuthenticateAsync(settings.Username, settings.Password ?? "", ct);
        }

        await client.SendAsync(mime, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}

/// <summary>
/// Sends the outbox through SMTP when a server is configured: at once when a message is queued (the request that
/// queued it never waits for the server), and on a sweep every <see cref="Interval"/> for retries after
/// <see cref="OutboxMessage.Backoff"/>. Each message is claimed in the database before it is sent, so several web
/// nodes sweeping the same outbox never send one twice.
/// </summary>
public sealed class MailDelivery(
    IServiceScopeFactory scopes,
    Microsoft.Extensions.Options.IOptions<SmtpSettings> options,
    TimeProvider clock,
    ILogger<MailDelivery> log) : EqualFooting.Web.Hosting.PeriodicSweep(clock, log)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    /// <summary>How long a claim holds: longer than one SMTP exchange may take, so a node that dies frees it soon.</summary>
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);

    private const int Batch = 20;

    // One sweep at a time on a node: a sweep that returns has seen every message queued before it started.
    private readonly SemaphoreSlim _sweeping = new(1, 1);

    protected override TimeSpan Period => Interval;

    protected override string Name => "Sending the outbox";

    protected override bool Enabled => options.Value.Configured;

    // Messages left by a stop go out as soon as the node is back.
    protected override bool RunAtStart => true;

    protected override Task RunOnceAsync(CancellationToken ct) => SweepAsync(ct);

    /// <summary>Wakes the sender now rather than at its next sweep.</summary>
    public void Nudge() => Wake();

    /// <summary>Sends every message that is due; returns how many were sent.</summary>
    public async Task<int> SweepAsync(CancellationToken ct = default)
    {
        if (!options.Value.Configured)
        {
            return 0;
        }

        await _sweeping.WaitAsync(ct);
        try
        {
            return await SendDueAsync(ct);
        }
        finally
        {
            _sweeping.Release();
        }
    }

    private async Task<int> SendDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EqualFootingDb>();
        var transport = scope.ServiceProvider.GetRequiredService<IMailTransport>();
        var now = Clock.GetUtcNow();
        var due = await db.Outbox
            .Where(m => m.SentAt == null && m.Attempts < OutboxMessage.MaxAttempts && (m.NextAttemptAt == null || m.NextAttemptAt <= now))
            .OrderBy(m => m.Id)
            .Select(m => m.Id)
            .Take(Batch)
            .ToListAsync(ct);
        var sent = 0;
        foreach (var id in due)
        {
            var until = now + ClaimFor;
            var claimed = await db.Outbox
                .Where(m => m.Id == id && m.SentAt == null && (m.ClaimedUntil == null || m.ClaimedUntil <= now))
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.ClaimedUntil, until), ct);
            if (claimed == 0)
            {
                continue;
            }

            var message = await db.Outbox.SingleAsync(m => m.Id == id, ct);
            try
            {
                await transport.SendAsync(message, ct);
                message.MarkSent(Clock.GetUtcNow());
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                message.MarkFailed($"{e.GetType().Name}: {e.Message}", Clock.GetUtcNow());
                Log.LogWarning("Mail {Message} was not accepted by the SMTP server (attempt {Attempts}): {Error}", message.Id, message.Attempts, e.Message);
            }

            await db.SaveChangesAsync(ct);
        }

        return sent;
    }

    public override void Dispose()
    {
        _sweeping.Dispose();
        base.Dispose();
    }
}
