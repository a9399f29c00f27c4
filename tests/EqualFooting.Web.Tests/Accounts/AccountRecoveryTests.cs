using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EqualFooting.Web.Tests.Accounts;

/// <summary>
/// Password reset through the outbox, sessions that really end, no way to learn who has an account, waits after
/// failed sign-ins, and the administrators' lock, unlock and reset link. The app's clock is the test's, so a wait
/// passes without waiting.
/// </summary>
public abstract partial class AccountRecoveryTests(FakeClockApp app)
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

    private static async Task<string> AccountIdAsync(HttpClient admin, string email)
    {
        var list = await (await admin.GetAsync($"/api/admin/accounts?q={Uri.EscapeDataString(email.ToUpperInvariant())}")).JsonAsync(HttpStatusCode.OK);
        return list.GetProperty("accounts").EnumerateArray().Single().GetProperty("id").GetString()!;
    }

    private async Task<HttpStatusCode> TokenStatusAsync(string email, string password) =>
        (await app.Anonymous().PostAsJsonAsync("/api/account/token", new { email, password })).StatusCode;

    private async Task ResetThroughLinkAsync(string email, string password)
    {
        var path = new Uri((await LinkAsync(email))!).PathAndQuery;
        var browser = app.Anonymous();
        var page = await browser.GetStringAsync(path);
        var form = await AppFactory.FormAsync(browser, path);
        form["Email"] = System.Net.WebUtility.HtmlDecode(HiddenValue(page, "Email"));
        form["Token"] = System.Net.WebUtility.HtmlDecode(HiddenValue(page, "Token"));
        form["Password"] = password;
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/account/reset", new FormUrlEncodedContent(form))).StatusCode);
    }

    [Fact]
    public async Task An_administrators_lock_ends_every_session_outlasts_a_reset_by_the_owner_and_ends_when_an_administrator_lifts_it()
    {
        var (api, email) = await app.SignedInAsync("Lockable Person");
        var session = await app.BrowserSignedInAsync(email);
        var (admin, _) = await app.AdministratorAsync();
        var id = await AccountIdAsync(admin, email);

        var locked = await (await admin.PostAsync($"/api/admin/accounts/{id}/lock", null)).JsonAsync(HttpStatusCode.OK);
        var again = await (await admin.PostAsync($"/api/admin/accounts/{id}/lock", null)).JsonAsync(HttpStatusCode.OK);
        await (await session.GetAsync("/api/account/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await api.GetAsync("/api/account/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal((HttpStatusCode)423, await TokenStatusAsync(email, "correct horse battery"));

        // The owner's reset link changes the password but does not lift an administrator's lock.
        await (await admin.PostAsync($"/api/admin/accounts/{id}/reset-link", null)).JsonAsync(HttpStatusCode.OK);
        await ResetThroughLinkAsync(email, "chosen after the lock");
        Assert.Equal((HttpStatusCode)423, await TokenStatusAsync(email, "chosen after the lock"));

        var unlocked = await (await admin.PostAsync($"/api/admin/accounts/{id}/unlock", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(email, "chosen after the lock"));

        Assert.Equal("LockedByAdministrator", locked.GetProperty("standing").GetString());
        Assert.Equal("LockedByAdministrator", again.GetProperty("standing").GetString());
        Assert.Equal("Active", unlocked.GetProperty("standing").GetString());
        var entries = await app.WithDbAsync(db => db.Record.AsNoTracking()
            .Where(r => r.Action == "account.locked" || r.Action == "account.unlocked" || r.Action == "account.reset-link-sent")
            .Where(r => r.Entry.Contains(id)).Select(r => new { r.Action, r.Entry }).ToListAsync());
        Assert.Equal(["account.locked", "account.reset-link-sent", "account.unlocked"], entries.Select(e => e.Action).Order().ToArray());
        Assert.All(entries, e =>
        {
            Assert.DoesNotContain(email, e.Entry, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Lockable Person", e.Entry, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Only_administrators_manage_accounts_and_bad_requests_are_named()
    {
        var (participant, email) = await app.SignedInAsync();
        var (admin, adminEmail) = await app.AdministratorAsync();
        var id = await AccountIdAsync(admin, email);
        var adminId = await AccountIdAsync(admin, adminEmail);

        await (await app.Anonymous().GetAsync("/api/admin/accounts")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.Anonymous().PostAsync($"/api/admin/accounts/{id}/lock", null)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await participant.GetAsync("/api/admin/accounts")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await participant.PostAsync($"/api/admin/accounts/{adminId}/lock", null)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await participant.PostAsync($"/api/admin/accounts/{id}/reset-link", null)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await admin.PostAsync("/api/admin/accounts/no-such-account/lock", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await admin.PostAsync("/api/admin/accounts/no-such-account/unlock", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await admin.PostAsync($"/api/admin/accounts/{adminId}/lock", null)).ProblemAsync(HttpStatusCode.Conflict);
        await (await admin.GetAsync("/api/admin/accounts?q=" + new string('x', 300))).ProblemAsync(HttpStatusCode.BadRequest, "q");
        await (await admin.GetAsync("/api/admin/accounts?page=0")).ProblemAsync(HttpStatusCode.BadRequest, "page");
        await (await participant.GetAsync("/api/account/me")).JsonAsync(HttpStatusCode.OK);

        // The page: administrators only, and its forms lock and unlock.
        var page = await app.BrowserSignedInAsync(adminEmail);
        var denied = await (await app.BrowserSignedInAsync(email)).GetAsync("/admin/accounts");
        Assert.Contains("/account/access-denied", denied.Headers.Location?.ToString(), StringComparison.Ordinal);
        var search = $"/admin/accounts?q={Uri.EscapeDataString(email)}";
        var form = await AppFactory.FormAsync(page, search);
        var lockForm = await page.PostAsync($"/admin/accounts?handler=Lock&id={id}&q={Uri.EscapeDataString(email)}", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, lockForm.StatusCode);
        var html = await page.GetStringAsync(search);
        Assert.Contains("Locked by an administrator", html, StringComparison.Ordinal);
        Assert.Contains("The account is locked and signed out everywhere.", html, StringComparison.Ordinal);
        var tooLong = await page.GetAsync("/admin/accounts?q=" + new string('x', 300));
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        Assert.Contains("Search for at most 254 characters.", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var own = await page.PostAsync($"/admin/accounts?handler=Lock&id={adminId}", new FormUrlEncodedContent(await AppFactory.FormAsync(page, "/admin/accounts")));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("You cannot lock your own account", await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_sign_ins_make_the_next_attempt_wait_alike_for_known_and_unknown_addresses_and_never_lock_the_owner_out()
    {
        var (_, email) = await app.SignedInAsync();
        var unknown = "nobody-" + Guid.NewGuid().ToString("N") + "@example.org";

        // Three free failures, then each failure makes the next attempt wait; the same for an address with no account.
        var known = new List<HttpStatusCode>();
        var stranger = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            known.Add(await TokenStatusAsync(email, "a wrong guess " + i));
            stranger.Add(await TokenStatusAsync(unknown, "a wrong guess " + i));
        }

        var waiting = await app.Anonymous().PostAsJsonAsync("/api/account/token", new { email, password = "correct horse battery" });
        var waitingStranger = await app.Anonymous().PostAsJsonAsync("/api/account/token", new { email = unknown, password = "correct horse battery" });
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), known);
        Assert.Equal(known, stranger);
        var problem = await waiting.ProblemAsync(HttpStatusCode.TooManyRequests);
        var strangerProblem = await waitingStranger.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(problem.GetProperty("detail").GetString(), strangerProblem.GetProperty("detail").GetString());
        Assert.Equal("1", waiting.Headers.RetryAfter?.ToString());

        // The page says the same, and does not check the password while the wait lasts.
        var browser = app.Anonymous();
        var form = await AppFactory.FormAsync(browser, "/account/login");
        form["Email"] = email;
        form["Password"] = "correct horse battery";
        var page = await (await browser.PostAsync("/account/login", new FormUrlEncodedContent(form))).Content.ReadAsStringAsync();
        Assert.Contains("Too many failed attempts for this address or from this network. Try again in 1 seconds", page, StringComparison.Ordinal);

        // The wait passes; the right password signs in and clears the count: three more failures are free again.
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(email, "correct horse battery"));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await TokenStatusAsync(email, "a later wrong guess " + i));
        }

        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(email, "correct horse battery"));

        // A stranger's guesses cannot keep the owner out: the owner's reset link lifts the wait at once.
        for (var i = 0; i < 4; i++)
        {
            await TokenStatusAsync(email, "another wrong guess " + i);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await TokenStatusAsync(email, "correct horse battery"));
        await ForgotAsync(email);
        await ResetThroughLinkAsync(email, "chosen while waiting");
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(email, "chosen while waiting"));
    }

    [Fact]
    public async Task Failures_counted_at_the_same_moment_are_all_counted_and_a_lock_is_told_only_to_the_right_password()
    {
        var (_, email) = await app.SignedInAsync("Guessed At");
        var before = await app.WithDbAsync(db => db.SignInFailures.SumAsync(f => f.Count));

        var guesses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => TokenStatusAsync(email, "parallel guess " + i)));

        // Each guess was either checked and counted (401) or turned away by the wait it ran into (429).
        var counted = guesses.Count(g => g == HttpStatusCode.Unauthorized);
        Assert.True(counted >= 3, string.Join(",", guesses));
        Assert.All(guesses, g => Assert.Contains(g, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }));
        var after = await app.WithDbAsync(db => db.SignInFailures.SumAsync(f => f.Count));
        Assert.Equal(2 * counted, after - before);

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var (admin, _) = await app.AdministratorAsync();
        await (await admin.PostAsync($"/api/admin/accounts/{await AccountIdAsync(admin, email)}/lock", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Unauthorized, await TokenStatusAsync(email, "a wrong guess"));
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal((HttpStatusCode)423, await TokenStatusAsync(email, "correct horse battery"));
    }

    private static string Scrub(string html) => AntiforgeryValue().Replace(html, "");

    [Fact]
    public async Task A_registration_never_confirmed_is_deleted_after_the_set_days_and_nothing_else_is()
    {
        var now = app.Clock.GetUtcNow();
        var pending = $"pending-{Guid.NewGuid():N}@example.org";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var registration = scope.ServiceProvider.GetRequiredService<EqualFooting.Web.Accounts.RegistrationByEmail>();
            Assert.Null(await registration.RegisterAsync("Never Confirmed", pending, "correct horse battery", "http://localhost", now));
        }

        // Pending as well, but it joined a process (as an account imported or confirmed and then reset could be): kept.
        var (admin, _) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        var (member, joined) = await app.SignedInAsync();
        await (await member.JoinAsync(process, "Civil society", "Africa")).JsonAsync(HttpStatusCode.Created);
        var (_, confirmed) = await app.SignedInAsync();
        await app.WithDbAsync(db => db.Users.Where(u => u.Email == joined || u.Email == confirmed)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.CreatedAt, now).SetProperty(a => a.ConfirmationPending, a => a.Email == joined)));

        var sweep = app.Services.GetRequiredService<EqualFooting.Web.Accounts.UnconfirmedAccounts>();
        Assert.Equal(TimeSpan.FromDays(7), sweep.Wait);
        Assert.Equal(0, await sweep.SweepAsync(now.AddDays(6)));
        Assert.True(await sweep.SweepAsync(now.AddDays(8)) >= 1);

        var left = await app.WithDbAsync(db => db.Users.Where(u => u.Email == pending || u.Email == joined || u.Email == confirmed).Select(u => u.Email).ToListAsync());
        Assert.Equal(new[] { joined, confirmed }.Order(), left.Order());
        await (await app.Anonymous().PostAsJsonAsync("/api/account/register", new { displayName = "Back Again", email = pending, password = "correct horse battery" })).JsonAsync(HttpStatusCode.Created);
    }

    private static string HiddenValue(string html, string name) =>
        Regex.Match(html, $"name=\"{name}\" value=\"([^\"]*)\"").Groups[1].Value;

    [GeneratedRegex("https?://[^\\s]+/account/reset\\?[^\\s]+")]
    private static partial Regex ResetLink();

    [GeneratedRegex("value=\"[^\"]{40,}\"")]
    private static partial Regex AntiforgeryValue();
}

public sealed class AccountRecoveryOnSqlite(FakeClockSqliteApp app) : AccountRecoveryTests(app), IClassFixture<FakeClockSqliteApp>;

public sealed class AccountRecoveryOnPostgres(FakeClockPostgresApp app) : AccountRecoveryTests(app), IClassFixture<FakeClockPostgresApp>;
