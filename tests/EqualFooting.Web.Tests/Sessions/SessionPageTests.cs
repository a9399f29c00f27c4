using System.Net;
using System.Net.Http.Json;
using EqualFooting.Web.Tests.Infrastructure;

namespace EqualFooting.Web.Tests.Sessions;

/// <summary>The session pages work without JavaScript: reading, raising a hand and running the session are plain forms.</summary>
public abstract class SessionPageTests(AppFactory app)
{
    [Fact]
    public async Task Anyone_reads_the_session_page_and_the_projector_with_the_queue_and_live_regions()
    {
        var s = await SessionScenario.StartAsync(app);
        await s.RaiseAsync(await s.ParticipantAsync("Lianna", "Academia", "Africa"));
        var reader = app.Anonymous();

        var page = await reader.GetStringAsync($"/sessions/{s.SessionId}");
        var projector = await reader.GetStringAsync($"/sessions/{s.SessionId}/projector");
        var process = await reader.GetStringAsync($"/processes/{s.Process.Id()}");

        Assert.Contains("Lianna", page);
        Assert.Contains("Academia", page);
        Assert.Contains("aria-live=\"polite\"", page);
        Assert.Contains("<script src=\"/js/session.js\"></script>", page);
        Assert.Contains("Floor and room by stakeholder group", page);
        Assert.Contains("Lianna", projector);
        Assert.Contains($"href=\"/sessions/{s.SessionId}\"", process);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/lib/signalr/signalr.min.js")).StatusCode);
    }

    [Fact]
    public async Task A_participant_raises_and_lowers_a_hand_with_forms()
    {
        var s = await SessionScenario.StartAsync(app);
        var (api, email) = await app.SignedInAsync("Evan");
        await (await api.JoinAsync(s.Process, "Technical community", "Europe")).JsonAsync(HttpStatusCode.Created);
        var browser = await app.BrowserSignedInAsync(email);
        var url = $"/sessions/{s.SessionId}";

        var form = await AppFactory.FormAsync(browser, url);
        form["remote"] = "true";
        var raised = await browser.PostAsync($"{url}?handler=Raise", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Redirect, raised.StatusCode);
        var page = await browser.GetStringAsync(url);
        Assert.Contains("Your hand is up: number 1 in the queue.", page);
        var lower = await AppFactory.FormAsync(browser, url);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync($"{url}?handler=Lower", new FormUrlEncodedContent(lower))).StatusCode);
        Assert.Equal(0, (await s.StateAsync()).GetProperty("queue").GetArrayLength());
    }

    [Fact]
    public async Task The_console_is_for_moderators_and_a_stale_form_says_the_session_moved_on()
    {
        var s = await SessionScenario.StartAsync(app);
        await s.RaiseAsync(await s.ParticipantAsync("Ana"));
        var (_, email) = await app.SignedInAsync("Plain");
        var plain = await app.BrowserSignedInAsync(email);
        var moderator = await app.BrowserSignedInAsync(s.ModeratorEmail);
        var url = $"/sessions/{s.SessionId}/console";

        var denied = await plain.GetAsync(url);
        var console = await moderator.GetStringAsync(url);
        var form = await AppFactory.FormAsync(moderator, url);
        form["sequence"] = "1";
        var stale = await moderator.PostAsync($"{url}?handler=Floor", new FormUrlEncodedContent(form));
        form["sequence"] = (await s.StateAsync()).GetProperty("sequence").GetInt64().ToString();
        var given = await moderator.PostAsync($"{url}?handler=Floor", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("access-denied", denied.Headers.Location?.ToString());
        Assert.Contains("Give the floor to Ana", console);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("The session changed while you were acting", await stale.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, given.StatusCode);
        Assert.Equal("Ana", (await s.StateAsync()).GetProperty("current").GetProperty("speaker").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Ending_the_session_needs_the_confirmation_box_and_the_in_room_form_asks_for_a_group_and_region()
    {
        var s = await SessionScenario.StartAsync(app);
        var moderator = await app.BrowserSignedInAsync(s.ModeratorEmail);
        var url = $"/sessions/{s.SessionId}/console";

        var console = await moderator.GetStringAsync(url);
        var form = await AppFactory.FormAsync(moderator, url);
        form["sequence"] = (await s.StateAsync()).GetProperty("sequence").GetInt64().ToString();
        var unconfirmed = await moderator.PostAsync($"{url}?handler=End", new FormUrlEncodedContent(form));
        var stillRunning = (await s.StateAsync()).GetProperty("status").GetString();
        form["confirm"] = "true";
        var ended = await moderator.PostAsync($"{url}?handler=End", new FormUrlEncodedContent(form));

        Assert.Contains("class=\"danger\">End the session</button>", console);
        Assert.Contains("name=\"confirm\" value=\"true\"", console);
        Assert.Matches("<select id=\"in-room-group\" name=\"stakeholderGroupId\" required>\\s*<option value=\"\">Choose…</option>", console);
        Assert.Matches("<select id=\"in-room-region\" name=\"regionId\" required>\\s*<option value=\"\">Choose…</option>", console);
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Contains("Tick “Yes, I am sure” to confirm.", await unconfirmed.Content.ReadAsStringAsync());
        Assert.Equal("Running", stillRunning);
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Equal("Ended", (await s.StateAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_moderator_schedules_a_session_from_the_process_page()
    {
        var s = await SessionScenario.StartAsync(app, start: false);
        var moderator = await app.BrowserSignedInAsync(s.ModeratorEmail);
        var url = $"/processes/{s.Process.Id()}/sessions/new";

        var form = await AppFactory.FormAsync(moderator, url);
        form["Form.Title"] = "Closing plenary";
        form["Form.StartsAt"] = "2014-04-24T16:00";
        form["Form.EndsAt"] = "2014-04-24T15:00";
        var invalid = await moderator.PostAsync(url, new FormUrlEncodedContent(form));
        form["Form.EndsAt"] = "2014-04-24T18:00";
        var created = await moderator.PostAsync(url, new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Contains("The session must end after it starts.", await invalid.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Contains("/console", created.Headers.Location?.ToString());
        var list = await (await app.Anonymous().GetAsync($"/api/processes/{s.Process.Id()}/sessions")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(list.EnumerateArray(), x => x.GetProperty("title").GetString() == "Closing plenary" && x.GetProperty("startsAt").GetDateTimeOffset() == new DateTimeOffset(2014, 4, 24, 16, 0, 0, TimeSpan.Zero));
    }
}

public sealed class SessionPageOnSqlite(SqliteApp app) : SessionPageTests(app), IClassFixture<SqliteApp>;

public sealed class SessionPageOnPostgres(PostgresApp app) : SessionPageTests(app), IClassFixture<PostgresApp>;
