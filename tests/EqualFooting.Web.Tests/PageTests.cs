using System.Net;
using System.Text.RegularExpressions;
using EqualFooting.Web.Accounts;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EqualFooting.Web.Tests;

/// <summary>The server-rendered pages as a browser without JavaScript uses them: GET a form, POST it back.</summary>
public abstract partial class PageTests(AppFactory app)
{
    private static async Task<string> PostFormAsync(HttpClient client, string url, Dictionary<string, string> form, HttpStatusCode expected)
    {
        var response = await client.PostAsync(url, new FormUrlEncodedContent(form));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body[..Math.Min(body.Length, 2000)]}");
        return body;
    }

    [Fact]
    public async Task Anyone_reads_the_process_page_with_its_participation_table()
    {
        var (admin, _) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync("Readable <b>process</b>");
        var (participant, _) = await app.SignedInAsync();
        await participant.JoinAsync(process, "Technical community", "Africa");

        var home = await app.Anonymous().GetStringAsync("/");
        var page = await app.Anonymous().GetStringAsync($"/processes/{process.Id()}");

        Assert.Contains("Readable &lt;b&gt;process&lt;/b&gt;", home);
        Assert.Contains("Participants by stakeholder group and region (1 in total)", page);
        Assert.Matches(new Regex(@"<th scope=""row"">Technical community</th>\s*<td>1</td>"), page);
        Assert.Contains("<svg", page);
        Assert.Contains("joined", page);
        Assert.DoesNotContain("<b>process</b>", page);
    }

    [Fact]
    public async Task Unknown_and_draft_processes_are_404_pages()
    {
        var (admin, _) = await app.AdministratorAsync();
        var draft = await admin.CreateProcessAsync("Secret draft", "Draft");

        var unknown = await app.Anonymous().GetAsync("/processes/987654");
        var hidden = await app.Anonymous().GetAsync($"/processes/{draft.Id()}");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("does not exist", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task Registering_signs_in_and_bad_input_gets_form_messages()
    {
        var client = app.Anonymous();
        var email = $"reg-{Guid.NewGuid():N}@example.org";

        var form = await AppFactory.FormAsync(client, "/account/register");
        form["DisplayName"] = "Ana";
        form["Email"] = email;
        form["Password"] = "short";
        var tooShort = await PostFormAsync(client, "/account/register", form, HttpStatusCode.OK);

        form["Password"] = "a long enough passphrase";
        form["Email"] = "not-an-email";
        var badEmail = await PostFormAsync(client, "/account/register", form, HttpStatusCode.OK);

        form["Email"] = email;
        var registered = await client.PostAsync("/account/register", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var welcome = await client.GetStringAsync(registered.Headers.Location!.OriginalString);

        var again = app.Anonymous();
        var duplicate = await AppFactory.FormAsync(again, "/account/register");
        duplicate["DisplayName"] = "Ana again";
        duplicate["Email"] = email.ToUpperInvariant();
        duplicate["Password"] = "a long enough passphrase";
        var taken = await PostFormAsync(again, "/account/register", duplicate, HttpStatusCode.OK);

        Assert.Contains("at least 10 characters", tooShort);
        Assert.Contains("value=\"Ana\"", tooShort);
        Assert.Contains("Enter an email address", badEmail);
        Assert.Contains("already exists", taken);
        Assert.Contains("Signed in as Ana<", welcome); // the display name, not the e-mail address
        Assert.DoesNotContain(email, welcome);
        Assert.Contains("Next: open a process below and join it", welcome);
        var accountId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        Assert.Equal(1, await app.WithDbAsync(db => db.Record.CountAsync(r => r.Action == "account.registered" && r.ActorAccountId == accountId)));
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == email.ToUpperInvariant())));
    }

    [Fact]
    public async Task Posting_a_form_without_the_antiforgery_token_is_refused()
    {
        var (_, email) = await app.SignedInAsync();
        var browser = await app.BrowserSignedInAsync(email);

        var response = await browser.PostAsync("/processes/new", new FormUrlEncodedContent(new Dictionary<string, string> { ["Form.Name"] = "Forged" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Processes.AnyAsync(p => p.Name == "Forged")));
    }

    [Fact]
    public async Task Writing_pages_send_anonymous_readers_to_sign_in_and_others_to_access_denied()
    {
        var (admin, _) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        var (_, email) = await app.SignedInAsync();
        var participant = await app.BrowserSignedInAsync(email);

        var join = await app.Anonymous().GetAsync($"/processes/{process.Id()}/join");
        var edit = await participant.GetAsync($"/processes/{process.Id()}/edit");
        var create = await participant.GetAsync("/processes/new");

        Assert.Equal(HttpStatusCode.Redirect, join.StatusCode);
        Assert.StartsWith("/account/login", join.Headers.Location?.PathAndQuery);
        Assert.StartsWith("/account/access-denied", edit.Headers.Location?.PathAndQuery);
        Assert.StartsWith("/account/access-denied", create.Headers.Location?.PathAndQuery);
        Assert.Equal(HttpStatusCode.Forbidden, (await participant.GetAsync("/account/access-denied")).StatusCode);
    }

    [Fact]
    public async Task A_participant_joins_through_the_form_and_changes_affiliation_later()
    {
        var (admin, _) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        var (_, email) = await app.SignedInAsync();
        var browser = await app.BrowserSignedInAsync(email);
        var url = $"/processes/{process.Id()}/join";

        var form = await AppFactory.FormAsync(browser, url);
        form["Form.RegionId"] = process.RegionId("Africa").ToString();
        var missingGroup = await PostFormAsync(browser, url, form, HttpStatusCode.OK);
        form["Form.StakeholderGroupId"] = process.GroupId("Technical community").ToString();
        form["Form.Country"] = "Kenya";
        var badCountry = await PostFormAsync(browser, url, form, HttpStatusCode.OK);
        form["Form.Country"] = "ke";
        await PostFormAsync(browser, url, form, HttpStatusCode.Redirect);

        var change = await AppFactory.FormAsync(browser, url);
        change["Form.StakeholderGroupId"] = process.GroupId("Academia").ToString();
        change["Form.RegionId"] = process.RegionId("Africa").ToString();
        await PostFormAsync(browser, url, change, HttpStatusCode.Redirect);
        var page = await browser.GetStringAsync(url);

        Assert.Contains("Stakeholder group is required", missingGroup);
        Assert.Contains("two-letter ISO code", badCountry);
        Assert.Contains("Your affiliation history", page);
        Assert.Matches(new Regex(@"<td>Technical community</td>\s*<td>Africa</td>\s*<td>KE</td>"), page);
        var processPage = await browser.GetStringAsync($"/processes/{process.Id()}");
        Assert.Contains("You take part as Academia, Africa.", processPage);
    }

    [Fact]
    public async Task A_convener_edits_groups_on_the_page_and_sees_conflicts_as_messages()
    {
        var (admin, email) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        var browser = await app.BrowserSignedInAsync(email);
        var url = $"/processes/{process.Id()}/edit";
        var groupId = process.GroupId("Private sector");

        var form = await AppFactory.FormAsync(browser, url);
        form["name"] = "Government";
        var conflict = await PostFormAsync(browser, $"{url}?handler=Rename&kind=StakeholderGroup&categoryId={groupId}", form, HttpStatusCode.OK);
        form["name"] = "Business";
        await PostFormAsync(browser, $"{url}?handler=Rename&kind=StakeholderGroup&categoryId={groupId}", form, HttpStatusCode.Redirect);
        var details = await AppFactory.FormAsync(browser, url);
        details["Form.Name"] = "Edited";
        details["Form.Status"] = "Open";
        details["Form.StartsOn"] = "not a date";
        var badDate = await PostFormAsync(browser, $"{url}?handler=Details", details, HttpStatusCode.OK);

        Assert.Contains("already in the list", conflict);
        Assert.Contains("is not valid", badDate);
        Assert.Contains("value=\"Business\"", await browser.GetStringAsync(url));
    }

    [Fact]
    public async Task Retiring_a_group_on_the_page_needs_the_confirmation_box_and_new_roles_default_to_observer()
    {
        var (admin, email) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        var browser = await app.BrowserSignedInAsync(email);
        var url = $"/processes/{process.Id()}/edit";
        var groupId = process.GroupId("Academia");

        var page = await browser.GetStringAsync(url);
        var form = await AppFactory.FormAsync(browser, url);
        var unconfirmed = await PostFormAsync(browser, $"{url}?handler=Retire&kind=StakeholderGroup&categoryId={groupId}", form, HttpStatusCode.OK);
        var activeAfterOneClick = await app.WithDbAsync(db => db.StakeholderGroups.AnyAsync(g => g.Id == groupId && g.RetiredAt == null));
        form["confirm"] = "true";
        await PostFormAsync(browser, $"{url}?handler=Retire&kind=StakeholderGroup&categoryId={groupId}", form, HttpStatusCode.Redirect);

        Assert.Contains("class=\"danger\">Retire Academia</button>", page);
        Assert.Contains("Tick “Yes, I am sure” to confirm.", unconfirmed);
        Assert.True(activeAfterOneClick);
        Assert.False(await app.WithDbAsync(db => db.StakeholderGroups.AnyAsync(g => g.Id == groupId && g.RetiredAt == null)));
        var roles = await browser.GetStringAsync($"/processes/{process.Id()}/roles");
        Assert.Contains("<option value=\"Observer\" selected=\"selected\">", roles);
        Assert.DoesNotContain("<option value=\"Convener\" selected", roles);
    }

    [Fact]
    public async Task Repeated_sign_in_failures_make_the_next_attempt_wait_without_locking_the_account()
    {
        var (_, email) = await app.SignedInAsync();
        var client = app.Anonymous();
        var bodies = new List<string>();

        // Three free failures, then each makes the next attempt wait twice as long from a second: whatever the
        // machine's speed, an attempt soon lands inside a wait and is turned away unchecked.
        for (var i = 0; i < 12 && !bodies.Any(b => b.Contains("Too many failed attempts", StringComparison.Ordinal)); i++)
        {
            var form = await AppFactory.FormAsync(client, "/account/login");
            form["Email"] = email;
            form["Password"] = "wrong password " + i;
            bodies.Add(await PostFormAsync(client, "/account/login", form, HttpStatusCode.OK));
        }

        Assert.All(bodies[..4], b => Assert.Contains("Wrong email or password.", b, StringComparison.Ordinal));
        Assert.Contains("Too many failed attempts for this address or from this network.", bodies[^1], StringComparison.Ordinal);
        Assert.All(bodies, b => Assert.DoesNotContain("locked", b, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_setup_page_needs_the_token_and_works_once()
    {
        var setup = app.Services.GetRequiredService<AdministratorSetup>();
        var hasAdmin = await app.WithDbAsync(db => db.Users.AnyAsync(u => u.IsAdministrator));
        var client = app.Anonymous();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/setup")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/setup?token=guess")).StatusCode);
        if (hasAdmin)
        {
            // Other tests in this class created administrators already: the page is gone for good.
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/setup?token={setup.Token}")).StatusCode);
            return;
        }

        var form = await AppFactory.FormAsync(client, $"/setup?token={setup.Token}");
        form["Token"] = setup.Token;
        form["DisplayName"] = "First admin";
        form["Email"] = $"admin-{Guid.NewGuid():N}@example.org";
        form["Password"] = "a long enough passphrase";
        var done = await client.PostAsync("/setup", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var next = await client.GetStringAsync(done.Headers.Location!.OriginalString);

        Assert.Contains("Next: create a process", next);
        Assert.Contains("href=\"/processes/new\"", next);
        Assert.True(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.IsAdministrator && u.DisplayName == "First admin")));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/setup?token={setup.Token}")).StatusCode);
    }

    [Fact]
    public async Task The_language_switcher_sets_the_culture()
    {
        var client = app.Anonymous();
        var form = await AppFactory.FormAsync(client, "/");
        form["culture"] = "es";
        form["returnUrl"] = "/";
        await PostFormAsync(client, "/culture", form, HttpStatusCode.Redirect);

        var page = await client.GetStringAsync("/");
        form["culture"] = "xx";
        var bad = await client.PostAsync("/culture", new FormUrlEncodedContent(form));

        Assert.Contains("<html lang=\"es\">", page);
        Assert.Contains("Procesos", page);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}

public sealed class PagesOnSqlite(SqliteApp app) : PageTests(app), IClassFixture<SqliteApp>;

public sealed class PagesOnPostgres(PostgresApp app) : PageTests(app), IClassFixture<PostgresApp>;
