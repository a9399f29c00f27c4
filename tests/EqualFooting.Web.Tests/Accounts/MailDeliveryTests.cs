using System.Net;
using EqualFooting.Persistence;
using EqualFooting.Web.Mail;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EqualFooting.Web.Tests.Accounts;

/// <summary>The outbox sent through SMTP when a server is configured, never blocking the request, and retried.</summary>
public abstract class MailDeliveryTests(AppFactory app, SmtpSink sink)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private async Task ForgotAsync(string email)
    {
        var client = app.Anonymous();
        var form = await AppFactory.FormAsync(client, "/account/forgot");
        form["Email"] = email;
        var response = await client.PostAsync("/account/forgot", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_reset_link_is_sent_through_smtp_and_marked_sent_in_the_outbox_and_a_refused_one_is_kept_for_a_retry()
    {
        var (_, email) = await app.SignedInAsync();
        sink.Refusing = false;

        await ForgotAsync(email);
        var raw = await sink.Received.Reader.ReadAsync().AsTask().WaitAsync(Patience);

        Assert.Contains($"To: {email}", raw, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("/account/reset", raw, StringComparison.Ordinal);
        var delivery = app.Services.GetRequiredService<MailDelivery>();
        var sent = await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.To == email));
        if (sent.SentAt is null)
        {
            // The server has the message and the row is marked just after, in the same sweep: one sweep runs at a
            // time, so a sweep of our own returns once that one is done.
            await delivery.SweepAsync();
            sent = await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.To == email));
        }

        Assert.NotNull(sent.SentAt);
        Assert.Equal(0, sent.Attempts);

        // A server that refuses: the message stays in the outbox with the reason and a later time to try again.
        var (_, other) = await app.SignedInAsync();
        sink.Refusing = true;
        await ForgotAsync(other);
        await delivery.SweepAsync();
        var refused = await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.To == other));

        Assert.Null(refused.SentAt);
        Assert.True(refused.Attempts >= 1);
        Assert.Contains("Try again later", refused.LastError, StringComparison.Ordinal);
        Assert.True(refused.NextAttemptAt > refused.CreatedAt);
        Assert.Null(refused.ClaimedUntil);
        Assert.Equal(0, await delivery.SweepAsync());
    }
}

/// <summary>A test app whose <c>Smtp</c> settings point at its own <see cref="SmtpSink"/>.</summary>
public abstract class MailApp(DatabaseProvider provider) : AppFactory(provider)
{
    public SmtpSink Sink { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Smtp:Host", "127.0.0.1");
        builder.UseSetting("Smtp:Port", Sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Smtp:Security", "None");

        // With a mail server, registration is answered by e-mail by default; these tests are about delivery and sign
        // their accounts in at once (RegistrationByEmailTests covers the default).
        builder.UseSetting("Accounts:ConfirmEmail", "false");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Sink.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class MailOnSqliteApp() : MailApp(DatabaseProvider.Sqlite);

public sealed class MailOnPostgresApp() : MailApp(DatabaseProvider.Postgres);

public sealed class MailDeliveryOnSqlite(MailOnSqliteApp app) : MailDeliveryTests(app, app.Sink), IClassFixture<MailOnSqliteApp>;

public sealed class MailDeliveryOnPostgres(MailOnPostgresApp app) : MailDeliveryTests(app, app.Sink), IClassFixture<MailOnPostgresApp>;
