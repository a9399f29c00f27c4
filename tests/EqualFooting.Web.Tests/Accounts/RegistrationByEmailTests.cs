using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using EqualFooting.Persistence;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace EqualFooting.Web.Tests.Accounts;

/// <summary>
/// Registration answered by e-mail (the default once a mail server is configured): the same answer for every address,
/// a link to confirm a new account, a note to the owner of an existing one, and no sign-in before the link is followed.
/// </summary>
public abstract partial class RegistrationByEmailTests(AppFactory app)
{
    private const string Password = "correct horse battery";

    private static string NewAddress() => $"newcomer-{Guid.NewGuid():N}@example.org";

    private Task<HttpResponseMessage> RegisterAsync(string email, string password = Password, string name = "Newcomer") =>
        app.Anonymous().PostAsJsonAsync("/api/account/register", new { displayName = name, email, password });

    private Task<List<(string Subject, string Body)>> MessagesAsync(string email) =>
        app.WithDbAsync(async db => (await db.Outbox.AsNoTracking().Where(m => m.To == email).OrderBy(m => m.Id).Select(m => new { m.Subject, m.Body }).ToListAsync())
            .Select(m => (m.Subject, m.Body)).ToList());

    private async Task<HttpStatusCode> TokenStatusAsync(string email, string password) =>
        (await app.Anonymous().PostAsJsonAsync("/api/account/token", new { email, password })).StatusCode;

    /// <summary>Opens the link and presses its button, as the owner does; returns the client and the response.</summary>
    private async Task<(HttpClient Client, HttpResponseMessage Response)> FollowAsync(string link)
    {
        var path = new Uri(link).PathAndQuery;
        var client = app.Anonymous();
        var page = await client.GetStringAsync(path);
        var form = await AppFactory.FormAsync(client, path);
        form["Account"] = WebUtility.HtmlDecode(Hidden(page, "Account"));
        form["Code"] = WebUtility.HtmlDecode(Hidden(page, "Code"));
        return (client, await client.PostAsync("/account/confirm", new FormUrlEncodedContent(form)));
    }

    [Fact]
    public async Task Every_address_gets_the_same_answer_and_only_the_link_in_the_message_opens_a_new_account()
    {
        var email = NewAddress();
        var registered = await RegisterAsync(email);
        var body = await registered.JsonAsync(HttpStatusCode.Accepted);
        var confirmation = Assert.Single(await MessagesAsync(email));
        Assert.Equal("Confirm your EqualFooting account", confirmation.Subject);

        // Nobody signs in before the link is followed; only the right password learns why.
        Assert.Equal(HttpStatusCode.Unauthorized, await TokenStatusAsync(email, "a wrong guess at it"));
        Assert.Equal(HttpStatusCode.Forbidden, await TokenStatusAsync(email, Password));

        var (client, confirmed) = await FollowAsync(ConfirmLink().Match(confirmation.Body).Value);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/account/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(email, Password));

        // Registering the address again answers exactly as for a new one; the owner is told, nothing changes.
        var again = await RegisterAsync(email, "a password of someone else", "Someone Else");
        var fresh = await RegisterAsync(NewAddress());
        Assert.Equal(body.GetRawText(), (await again.JsonAsync(HttpStatusCode.Accepted)).GetRawText());
        Assert.Equal(body.GetRawText(), (await fresh.JsonAsync(HttpStatusCode.Accepted)).GetRawText());
        Assert.Equal("Someone tried to register with your address", (await MessagesAsync(email))[^1].Subject);
        Assert.Equal(HttpStatusCode.Unauthorized, await TokenStatusAsync(email, "a password of someone else"));
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(email, Password));
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.Email == email)));

        // The link works once, and its record entry names the account by id only.
        var (_, reused) = await FollowAsync(ConfirmLink().Match(confirmation.Body).Value);
        Assert.Contains("This link is not valid any more", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var entries = await app.WithDbAsync(db => db.Record.AsNoTracking().Where(r => r.Action == "account.confirmed").Select(r => r.Entry).ToListAsync());
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.DoesNotContain(email, e, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Registering_a_pending_address_again_keeps_only_the_latest_request_and_voids_the_first_link()
    {
        var email = NewAddress();
        await (await RegisterAsync(email, "the first password here", "First Comer")).JsonAsync(HttpStatusCode.Accepted);
        await (await RegisterAsync(email, "the second password here", "Second Comer")).JsonAsync(HttpStatusCode.Accepted);
        var messages = await MessagesAsync(email);
        Assert.Equal(2, messages.Count);

        var (_, first) = await FollowAsync(ConfirmLink().Match(messages[0].Body).Value);
        Assert.Contains("This link is not valid any more", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var (_, second) = await FollowAsync(ConfirmLink().Match(messages[1].Body).Value);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await TokenStatusAsync(email, "the first password here"));
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(email, "the second password here"));
        Assert.Equal("Second Comer", await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.DisplayName).SingleAsync()));
    }

    [Fact]
    public async Task Bad_input_is_named_before_anything_depends_on_the_address_and_the_page_answers_alike()
    {
        var (_, existing) = await ConfirmedAsync();
        await (await RegisterAsync(existing, "short")).ProblemAsync(HttpStatusCode.BadRequest, "password");
        await (await RegisterAsync(NewAddress(), "short")).ProblemAsync(HttpStatusCode.BadRequest, "password");
        await (await app.Anonymous().PostAsJsonAsync("/api/account/register", new { displayName = "No Address", password = Password })).ProblemAsync(HttpStatusCode.BadRequest, "email");
        await (await app.Anonymous().PostAsJsonAsync("/api/account/register", new { email = NewAddress(), password = Password })).ProblemAsync(HttpStatusCode.BadRequest, "displayName");

        var answers = new List<string>();
        foreach (var email in new[] { existing, NewAddress() })
        {
            var browser = app.Anonymous();
            var form = await AppFactory.FormAsync(browser, "/account/register");
            form["DisplayName"] = "Page Newcomer";
            form["Email"] = email;
            form["Password"] = Password;
            var response = await browser.PostAsync("/account/register", new FormUrlEncodedContent(form));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            answers.Add(AntiforgeryValue().Replace(html[html.IndexOf("<main", StringComparison.Ordinal)..], ""));
        }

        Assert.Contains("We sent a message to this address.", answers[0], StringComparison.Ordinal);
        Assert.Equal(answers[0], answers[1]);

        // A made-up link confirms nothing.
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.Email == existing).Select(u => u.Id).SingleAsync());
        var (_, forged) = await FollowAsync($"http://localhost/account/confirm?account={id}&code=forged");
        Assert.Contains("This link is not valid any more", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<(HttpClient Client, string Email)> ConfirmedAsync()
    {
        var email = NewAddress();
        await (await RegisterAsync(email)).JsonAsync(HttpStatusCode.Accepted);
        var (client, response) = await FollowAsync(ConfirmLink().Match(Assert.Single(await MessagesAsync(email)).Body).Value);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (client, email);
    }

    private static string Hidden(string html, string name) => Regex.Match(html, $"name=\"{name}\" value=\"([^\"]*)\"").Groups[1].Value;

    [GeneratedRegex("https?://[^\\s]+/account/confirm\\?[^\\s]+")]
    private static partial Regex ConfirmLink();

    [GeneratedRegex("value=\"[^\"]{40,}\"")]
    private static partial Regex AntiforgeryValue();
}

public sealed class RegistrationSettingsTests
{
    [Theory]
    [InlineData(null, null, false)]
    [InlineData("smtp.example.org", null, true)]
    [InlineData("smtp.example.org", "false", false)]
    [InlineData(null, "true", true)]
    public void Registration_is_answered_by_email_by_default_exactly_when_a_mail_server_is_configured(string? smtpHost, string? confirmEmail, bool byEmail)
    {
        var settings = new Dictionary<string, string?> { ["Smtp:Host"] = smtpHost, ["Accounts:ConfirmEmail"] = confirmEmail };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        Assert.Equal(byEmail, EqualFooting.Web.Accounts.RegistrationSettings.From(configuration).ByEmail);
    }
}

/// <summary>A site that answers registration by e-mail, as one with a mail server does by default.</summary>
public abstract class ConfirmEmailApp(DatabaseProvider provider) : AppFactory(provider)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Accounts:ConfirmEmail", "true");
    }
}

public sealed class ConfirmEmailSqliteApp() : ConfirmEmailApp(DatabaseProvider.Sqlite);

public sealed class ConfirmEmailPostgresApp() : ConfirmEmailApp(DatabaseProvider.Postgres);

public sealed class RegistrationByEmailOnSqlite(ConfirmEmailSqliteApp app) : RegistrationByEmailTests(app), IClassFixture<ConfirmEmailSqliteApp>;

public sealed class RegistrationByEmailOnPostgres(ConfirmEmailPostgresApp app) : RegistrationByEmailTests(app), IClassFixture<ConfirmEmailPostgresApp>;
