using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Tests.Accounts;

/// <summary>Password reset through the outbox, sessions that really end, and no way to learn who has an account.</summary>
public abstract partial class AccountRecoveryTests(AppFactory app)
{
    private async Task<string> ForgotAsync(string email)
    {
        var client = app.Anonymous();
        var form = await AppFactory.FormAsync(client, "/account/forgot");
        form["Email"] = email;
        var response = await client.PostAsync("/account/forgot", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        return html[html.IndexOf("<main", StringComparison.Ordinal)..];
    }

    private Task<string?> LinkAsync(string email) =>
        app.WithDbAsync(async db => (await db.Outbox.Where(m => m.To == email).OrderByDescending(m => m.Id).Select(m => m.Body).FirstOrDefaultAsync()) is { } body
            ? ResetLink().Match(body).Value
            : null);

    [Fact]
    public async Task A_participant_resets_a_forgotten_password_once_through_a_link_in_the_outbox()
    {
        var (_, email) = await app.SignedInAsync();

        // Known and unknown addresses get the same answer; only the known one gets a message.
        var known = await ForgotAsync(email);
        var unknown = await ForgotAsync("nobody-" + Guid.NewGuid().ToString("N") + "@example.org");
        Assert.Equal(Scrub(known), Scrub(unknown));
        var link = await LinkAsync(email);
        Assert.NotNull(link);

        var path = new Uri(link!).PathAndQuery;
        var browser = app.Anonymous();
        var form = await AppFactory.FormAsync(browser, path);
        var page = await browser.GetStringAsync(path);
        form["Email"] = System.Net.WebUtility.HtmlDecode(HiddenValue(page, "Email"));
        form["Token"] = System.Net.WebUtility.HtmlDecode(HiddenValue(page, "Token"));
        form["Password"] = "a brand new passphrase";
        var done = await browser.PostAsync("/account/reset", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);

        var signedIn = await app.Anonymous().PostAsJsonAsync("/api/account/token", new { email, password = "a brand new passphrase" });
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var old = await app.Anonymous().PostAsJsonAsync("/api/account/token", new { email, password = "correct horse battery" });
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);

        // The link works once.
        form["Password"] = "yet another passphrase";
        var again = await browser.PostAsync("/account/reset", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("This link has already been used or has expired.", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_administrators_read_the_outbox()
    {
        var (_, email) = await app.SignedInAsync();
        await ForgotAsync(email);
        var (_, adminEmail) = await app.AdministratorAsync();
        var participant = await app.BrowserSignedInAsync(email);
        var admin = await app.BrowserSignedInAsync(adminEmail);

        Assert.Equal(HttpStatusCode.Redirect, (await app.Anonymous().GetAsync("/admin/outbox")).StatusCode);
        var denied = await participant.GetAsync("/admin/outbox");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/account/access-denied", denied.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(email, await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var outbox = await admin.GetAsync("/admin/outbox");
        Assert.Equal(HttpStatusCode.OK, outbox.StatusCode);
        Assert.Contains(email, await outbox.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_a_password_change_ends_the_others()
    {
        var (_, email) = await app.SignedInAsync();
        var first = await app.BrowserSignedInAsync(email);
        var second = await app.BrowserSignedInAsync(email);
        await (await first.GetAsync("/api/account/me")).JsonAsync(HttpStatusCode.OK);
        await (await second.GetAsync("/api/account/me")).JsonAsync(HttpStatusCode.OK);

        var form = await AppFactory.FormAsync(first, "/account/password");
        form["Current"] = "correct horse battery";
        form["Password"] = "a changed passphrase";
        Assert.Equal(HttpStatusCode.OK, (await first.PostAsync("/account/password", new FormUrlEncodedContent(form))).StatusCode);
        await (await first.GetAsync("/api/account/me")).JsonAsync(HttpStatusCode.OK);
        await (await second.GetAsync("/api/account/me")).ProblemAsync(HttpStatusCode.Unauthorized);

        var logout = await AppFactory.FormAsync(first, "/account/logout");
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostAsync("/account/logout", new FormUrlEncodedContent(logout))).StatusCode);
        await (await first.GetAsync("/api/account/me")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    private static string Scrub(string html) => AntiforgeryValue().Replace(html, "");

    private static string HiddenValue(string html, string name) =>
        Regex.Match(html, $"name=\"{name}\" value=\"([^\"]*)\"").Groups[1].Value;

    [GeneratedRegex("https?://[^\\s]+/account/reset\\?[^\\s]+")]
    private static partial Regex ResetLink();

    [GeneratedRegex("value=\"[^\"]{40,}\"")]
    private static partial Regex AntiforgeryValue();
}

public sealed class AccountRecoveryOnSqlite(SqliteApp app) : AccountRecoveryTests(app), IClassFixture<SqliteApp>;

public sealed class AccountRecoveryOnPostgres(PostgresApp app) : AccountRecoveryTests(app), IClassFixture<PostgresApp>;
