using System.Net;
using System.Net.Http.Json;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Tests.Hosting;

public abstract class ReaderTimeZoneTests(AppFactory app)
{
    private static readonly DateTimeOffset Closes = new(2031, 3, 14, 18, 0, 0, TimeSpan.Zero);

    private async Task<int> ConsultationAsync()
    {
        var (admin, _) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        var created = await (await admin.PostAsJsonAsync($"/api/processes/{process.Id()}/consultations", new
        {
            title = "Draft on time zones",
            closesAt = Closes,
            markdown = "One paragraph.",
        })).JsonAsync(HttpStatusCode.Created);
        return created.Id();
    }

    private static async Task ChooseZoneAsync(HttpClient client, string zone, HttpStatusCode expected = HttpStatusCode.Redirect)
    {
        var form = await AppFactory.FormAsync(client, "/time-zone");
        form["Zone"] = zone;
        form["ReturnUrl"] = "/";
        var response = await client.PostAsync("/time-zone", new FormUrlEncodedContent(form));
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_choice_times_are_shown_in_UTC_and_named()
    {
        var cid = await ConsultationAsync();

        var html = await app.Anonymous().GetStringAsync($"/consultations/{cid}");

        Assert.Contains("<time datetime=\"2031-03-14T18:00:00Z\">14 Mar 2031, 18:00 (UTC)</time>", html);
        Assert.Contains("Times are shown in UTC.", html);
    }

    [Fact]
    public async Task The_chosen_zone_changes_how_times_read_but_not_the_machine_readable_time()
    {
        var cid = await ConsultationAsync();
        var reader = app.Anonymous();
        await ChooseZoneAsync(reader, "America/Sao_Paulo");

        var html = await reader.GetStringAsync($"/consultations/{cid}");

        Assert.Contains("<time datetime=\"2031-03-14T18:00:00Z\">14 Mar 2031, 15:00 (America/Sao_Paulo)</time>", html);
        Assert.Contains("Times are shown in America/Sao_Paulo.", html);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("W. Europe Standard Time")]
    [InlineData("%2E%2E%2Fetc")]
    public async Task An_unknown_zone_in_the_cookie_means_UTC(string cookie)
    {
        var cid = await ConsultationAsync();
        var reader = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        reader.DefaultRequestHeaders.Add("Cookie", $"ef-tz={cookie}");

        var response = await reader.GetAsync($"/consultations/{cid}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("14 Mar 2031, 18:00 (UTC)", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_zone_not_on_the_list_is_refused_with_a_form_message_and_no_cookie()
    {
        var reader = app.Anonymous();

        await ChooseZoneAsync(reader, "Atlantis/Capital", HttpStatusCode.OK);

        Assert.Contains("Times are shown in UTC.", await reader.GetStringAsync("/"));
    }

    [Fact]
    public async Task A_time_typed_in_a_form_is_read_in_the_readers_zone_and_stored_in_UTC()
    {
        var (admin, email) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        var browser = await app.BrowserSignedInAsync(email);
        await ChooseZoneAsync(browser, "America/Sao_Paulo");
        var url = $"/processes/{process.Id()}/consultations/new";
        Assert.Contains("Closes at (America/Sao_Paulo)", await browser.GetStringAsync(url));
        var form = await AppFactory.FormAsync(browser, url);
        form["Form.Title"] = "Typed in São Paulo";
        form["Form.OpensAt"] = "2031-03-01T09:00";
        form["Form.ClosesAt"] = "2031-03-14T15:00";
        form["Form.Markdown"] = "A paragraph.";

        var response = await browser.PostAsync(url, new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await app.WithDbAsync(db => db.Consultations.SingleAsync(c => c.Title == "Typed in São Paulo"));
        Assert.Equal(new DateTimeOffset(2031, 3, 1, 12, 0, 0, TimeSpan.Zero), stored.OpensAt);
        Assert.Equal(Closes, stored.ClosesAt);
    }

    [Fact]
    public async Task A_session_scheduled_through_the_form_is_stored_in_UTC()
    {
        var (admin, email) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        var browser = await app.BrowserSignedInAsync(email);
        await ChooseZoneAsync(browser, "Europe/Berlin");
        var url = $"/processes/{process.Id()}/sessions/new";
        Assert.Contains("Starts (Europe/Berlin)", await browser.GetStringAsync(url));
        var form = await AppFactory.FormAsync(browser, url);
        form["Form.Title"] = "Typed in Berlin";
        form["Form.StartsAt"] = "2031-07-01T14:00";
        form["Form.EndsAt"] = "2031-07-01T15:30";
        form["Form.RemoteParticipation"] = "true";

        var response = await browser.PostAsync(url, new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await app.WithDbAsync(db => db.Sessions.SingleAsync(s => s.Title == "Typed in Berlin"));
        Assert.Equal(new DateTimeOffset(2031, 7, 1, 12, 0, 0, TimeSpan.Zero), stored.StartsAt);
        Assert.Equal(new DateTimeOffset(2031, 7, 1, 13, 30, 0, TimeSpan.Zero), stored.EndsAt);
        Assert.Contains("1 Jul 2031, 14:00 (Europe/Berlin)", await browser.GetStringAsync(response.Headers.Location!.OriginalString.Replace("/console", "")));
    }
}

public sealed class ReaderTimeZoneOnSqlite(SqliteApp app) : ReaderTimeZoneTests(app), IClassFixture<SqliteApp>;

public sealed class ReaderTimeZoneOnPostgres(PostgresApp app) : ReaderTimeZoneTests(app), IClassFixture<PostgresApp>;
