using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Tests.Sessions;

/// <summary>
/// Points of order from the floor, the conference link for remote participants, pausing the speaker, interposed
/// questions and follow-ups, and the warning before the time runs out (issue 12).
/// </summary>
public abstract class RoomFeatureTests(AppFactory app)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_moderator_pauses_and_resumes_the_speaker_the_timer_stands_still_and_every_screen_hears_of_it()
    {
        var s = await SessionScenario.StartAsync(app, session: new { title = "Timed", startsAt = "2014-06-22T09:00:00+01:00", endsAt = "2014-06-22T10:30:00+01:00", policySettings = new { turnSeconds = 120 } });
        var amara = await s.ParticipantAsync("Amara");
        await (await s.Moderator.PostAsJsonAsync($"{s.Url}/floor/pause", new { })).ProblemAsync(HttpStatusCode.Conflict);
        await s.RaiseAsync(amara);
        await (await s.Moderator.PostAsJsonAsync($"{s.Url}/floor", new { })).JsonAsync(HttpStatusCode.OK);
        await using var screen = await ConnectAsync();
        var pausedPushed = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        screen.On<JsonElement>("StateChanged", state =>
        {
            if (state.GetProperty("current") is { ValueKind: JsonValueKind.Object } current && current.GetProperty("timer").GetProperty("paused").GetBoolean())
            {
                pausedPushed.TrySetResult(state);
            }
        });
        await screen.InvokeAsync<JsonElement>("Join", s.SessionId);

        await (await amara.PostAsJsonAsync($"{s.Url}/floor/pause", new { })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await app.Anonymous().PostAsJsonAsync($"{s.Url}/floor/pause", new { })).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await s.Moderator.PostJsonTextAsync($"{s.Url}/floor/pause", """{"expectedSequence":"soon"}""")).ProblemAsync(HttpStatusCode.BadRequest, "expectedSequence");
        await (await s.Moderator.PostAsJsonAsync($"{s.Url}/floor/pause", new { expectedSequence = 1 })).ProblemAsync(HttpStatusCode.Conflict);
        var paused = await (await s.Moderator.PostAsJsonAsync($"{s.Url}/floor/pause", new { })).JsonAsync(HttpStatusCode.OK);
        var again = await (await s.Moderator.PostAsJsonAsync($"{s.Url}/floor/pause", new { })).JsonAsync(HttpStatusCode.OK);
        var pushed = await pausedPushed.Task.WaitAsync(Patience);
        var stillPaused = await s.StateAsync();
        var console = await (await app.BrowserSignedInAsync(s.ModeratorEmail)).GetStringAsync($"/sessions/{s.SessionId}/console");
        var projector = await app.Anonymous().GetStringAsync($"/sessions/{s.SessionId}/projector");
        var resumed = await (await s.Moderator.PostAsJsonAsync($"{s.Url}/floor/resume", new { expectedSequence = again.GetProperty("sequence").GetInt64() })).JsonAsync(HttpStatusCode.OK);
        var actions = await app.WithDbAsync(db => db.Record.Where(r => r.ProcessId == s.Process.Id() && r.Action.StartsWith("session.intervention-")).Select(r => r.Action).ToListAsync());

        Assert.True(paused.GetProperty("current").GetProperty("timer").GetProperty("paused").GetBoolean());
        Assert.Equal(paused.GetProperty("sequence").GetInt64(), again.GetProperty("sequence").GetInt64());
        Assert.True(pushed.GetProperty("current").GetProperty("timer").GetProperty("paused").GetBoolean());
        Assert.Equal(
            paused.GetProperty("current").GetProperty("timer").GetProperty("elapsedSeconds").GetDouble(),
            stillPaused.GetProperty("current").GetProperty("timer").GetProperty("elapsedSeconds").GetDouble());
        Assert.Contains("Resume the speaker&#x27;s time", console);
        Assert.Contains("data-timer-paused=\"true\"", projector);
        Assert.False(resumed.GetProperty("current").GetProperty("timer").GetProperty("paused").GetBoolean());
        Assert.Equal(["session.intervention-paused", "session.intervention-resumed"], actions.Order());
    }

    [Fact]
    public async Task Interposed_questions_and_follow_ups_go_after_points_of_order_with_their_own_time()
    {
        var s = await SessionScenario.StartAsync(app, session: new { title = "Short turns", startsAt = "2014-06-22T09:00:00+01:00", endsAt = "2014-06-22T10:30:00+01:00", policySettings = new { turnSeconds = 180, followUpSeconds = 20 } });
        await (await s.Moderator.PostAsJsonAsync($"/api/processes/{s.Process.Id()}/sessions", new { title = "Bad", startsAt = "2014-06-22T09:00:00+01:00", endsAt = "2014-06-22T10:30:00+01:00", policySettings = new { interposedQuestionSeconds = 0 } })).ProblemAsync(HttpStatusCode.BadRequest, "interposedQuestionSeconds");
        var amara = await s.ParticipantAsync("Amara");
        var bea = await s.ParticipantAsync("Bea", "Government", "Africa");
        var (joiner, email) = await app.SignedInAsync("Kwame");
        await (await joiner.JoinAsync(s.Process, "Technical community", "Africa")).JsonAsync(HttpStatusCode.Created);
        var kwame = await app.BrowserSignedInAsync(email);
        await (await bea.PostAsJsonAsync($"{s.Url}/hands", new { kind = "InterposedQuestion" })).ProblemAsync(HttpStatusCode.Conflict);
        await s.RaiseAsync(amara);
        await (await s.Moderator.PostAsJsonAsync($"{s.Url}/floor", new { })).JsonAsync(HttpStatusCode.OK);

        await (await bea.PostAsJsonAsync($"{s.Url}/hands", new { kind = "Shout" })).ProblemAsync(HttpStatusCode.BadRequest, "kind");
        await s.RaiseAsync(amara);
        var page = $"/sessions/{s.SessionId}";
        var html = await kwame.GetStringAsync(page);
        var followUp = await kwame.PostAsync(page + "?handler=FollowUp", new FormUrlEncodedContent(await AppFactory.FormAsync(kwame, page)));
        await (await bea.PostAsJsonAsync($"{s.Url}/hands", new { kind = "InterposedQuestion" })).JsonAsync(HttpStatusCode.OK);
        await (await s.Moderator.PostAsJsonAsync($"{s.Url}/hands/in-room", new { name = "Delegate at table 4", stakeholderGroupId = s.Process.GroupId("Government"), regionId = s.Process.RegionId("Europe"), kind = "InterposedQuestion" })).JsonAsync(HttpStatusCode.OK);
        await (await amara.PostAsJsonAsync($"{s.Url}/hands/in-room", new { name = "Delegate at table 5", stakeholderGroupId = s.Process.GroupId("Government"), regionId = s.Process.RegionId("Europe"), kind = "FollowUp" })).ProblemAsync(HttpStatusCode.Forbidden);
        var queue = (await s.StateAsync()).GetProperty("queue").EnumerateArray().ToList();
        var question = await (await s.Moderator.PostAsJsonAsync($"{s.Url}/floor", new { })).JsonAsync(HttpStatusCode.OK);
        await (await s.Moderator.PostAsJsonAsync($"{s.Url}/floor", new { })).JsonAsync(HttpStatusCode.OK);
        var follow = await (await s.Moderator.PostAsJsonAsync($"{s.Url}/floor", new { })).JsonAsync(HttpStatusCode.OK);
        var entries = await app.WithDbAsync(db => db.Record.Where(r => r.ProcessId == s.Process.Id() && r.Action == "session.floor-given").Select(r => r.Entry).ToListAsync());

        Assert.Contains("Ask an interposed question", html);
        Assert.Equal(HttpStatusCode.Redirect, followUp.StatusCode);
        Assert.Equal(["Bea", "Delegate at table 4", "Kwame", "Amara"], queue.Select(w => w.GetProperty("speaker").GetProperty("name").GetString()));
        Assert.Equal(["InterposedQuestion", "InterposedQuestion", "FollowUp", "Normal"], queue.Select(w => w.GetProperty("kind").GetString()));
        Assert.Equal("InterposedQuestion", question.GetProperty("current").GetProperty("kind").GetString());
        Assert.Equal(60, question.GetProperty("current").GetProperty("timer").GetProperty("allottedSeconds").GetDouble());
        Assert.Equal(15, question.GetProperty("current").GetProperty("timer").GetProperty("warningSeconds").GetDouble());
        Assert.Equal("FollowUp", follow.GetProperty("current").GetProperty("kind").GetString());
        Assert.Equal(20, follow.GetProperty("current").GetProperty("timer").GetProperty("allottedSeconds").GetDouble());
        Assert.Contains(entries, e => e.Contains("\"kind\":\"InterposedQuestion\"", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Contains("\"kind\":\"FollowUp\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_screen_carries_the_warning_before_the_time_runs_out_and_a_polite_status_line_for_it()
    {
        var s = await SessionScenario.StartAsync(app, session: new { title = "Timed", startsAt = "2014-06-22T09:00:00+01:00", endsAt = "2014-06-22T10:30:00+01:00", policySettings = new { turnSeconds = 300, warningSeconds = 45 } });
        var amara = await s.ParticipantAsync("Amara");
        await s.RaiseAsync(amara);
        var state = await (await s.Moderator.PostAsJsonAsync($"{s.Url}/floor", new { })).JsonAsync(HttpStatusCode.OK);
        var moderatorPages = await app.BrowserSignedInAsync(s.ModeratorEmail);

        Assert.Equal(45, state.GetProperty("current").GetProperty("timer").GetProperty("warningSeconds").GetDouble());
        Assert.False(state.GetProperty("current").GetProperty("timer").GetProperty("warning").GetBoolean());
        foreach (var html in new[]
        {
            await app.Anonymous().GetStringAsync($"/sessions/{s.SessionId}"),
            await moderatorPages.GetStringAsync($"/sessions/{s.SessionId}/console"),
            await app.Anonymous().GetStringAsync($"/sessions/{s.SessionId}/projector"),
        })
        {
            Assert.Contains("data-timer-warning=\"45\"", html);
            Assert.Contains("role=\"status\" data-timer-announce data-announce-text=\"Time is nearly up: please conclude.\"", html);
        }
    }

    [Fact]
    public async Task Moderators_and_conveners_change_the_conference_link_https_only()
    {
        var s = await SessionScenario.StartAsync(app);
        var amara = await s.ParticipantAsync("Amara");
        var link = $"{s.Url}/conference-link";

        await (await s.Moderator.PutAsJsonAsync(link, new { conferenceUrl = "http://meet.example.org/atlas" })).ProblemAsync(HttpStatusCode.BadRequest, "conferenceUrl");
        await (await s.Moderator.PutAsJsonAsync(link, new { conferenceUrl = "javascript:alert(1)" })).ProblemAsync(HttpStatusCode.BadRequest, "conferenceUrl");
        await (await s.Moderator.PutAsync(link, new StringContent("""{"conferenceUrl":42}""", System.Text.Encoding.UTF8, "application/json"))).ProblemAsync(HttpStatusCode.BadRequest, "conferenceUrl");
        await (await amara.PutAsJsonAsync(link, new { conferenceUrl = "https://meet.example.org/atlas" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await app.Anonymous().PutAsJsonAsync(link, new { conferenceUrl = "https://meet.example.org/atlas" })).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.Anonymous().PutAsJsonAsync("/api/sessions/999999/conference-link", new { conferenceUrl = "https://meet.example.org/atlas" })).ProblemAsync(HttpStatusCode.NotFound);
        var set = await (await s.Moderator.PutAsJsonAsync(link, new { conferenceUrl = "https://meet.example.org/atlas" })).JsonAsync(HttpStatusCode.OK);
        var same = await (await s.Convener.PutAsJsonAsync(link, new { conferenceUrl = "https://meet.example.org/atlas" })).JsonAsync(HttpStatusCode.OK);
        var moderator = await app.BrowserSignedInAsync(s.ModeratorEmail);
        var console = $"/sessions/{s.SessionId}/console";
        var form = await AppFactory.FormAsync(moderator, console);
        form["conferenceUrl"] = "https://live.example.org/stream";
        var posted = await moderator.PostAsync(console + "?handler=ConferenceLink", new FormUrlEncodedContent(form));
        var removed = await (await s.Convener.PutAsJsonAsync(link, new { conferenceUrl = "" })).JsonAsync(HttpStatusCode.OK);
        var changes = await app.WithDbAsync(db => db.Record.CountAsync(r => r.ProcessId == s.Process.Id() && r.Action == "session.conference-link-changed"));

        Assert.Equal("https://meet.example.org/atlas", set.GetProperty("conferenceUrl").GetString());
        Assert.Equal(set.GetProperty("sequence").GetInt64(), same.GetProperty("sequence").GetInt64());
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.False(removed.TryGetProperty("conferenceUrl", out var gone) && gone.ValueKind != JsonValueKind.Null);
        Assert.Equal(3, changes);
    }

    private async Task<HubConnection> ConnectAsync()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/sessions"), o =>
            {
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }

    [Fact]
    public async Task A_participant_raises_a_point_of_order_from_the_page_and_a_moderator_adds_one_for_the_room_both_go_first()
    {
        var s = await SessionScenario.StartAsync(app);
        var amara = await s.ParticipantAsync("Amara", "Civil society", "Africa");
        await s.RaiseAsync(amara);
        var (joiner, email) = await app.SignedInAsync("Kwame");
        await (await joiner.JoinAsync(s.Process, "Technical community", "Africa")).JsonAsync(HttpStatusCode.Created);
        var kwame = await app.BrowserSignedInAsync(email);
        var page = $"/sessions/{s.SessionId}";

        var html = await kwame.GetStringAsync(page);
        var form = await AppFactory.FormAsync(kwame, page);
        var raised = await kwame.PostAsync(page + "?handler=PointOfOrder", new FormUrlEncodedContent(form));
        await (await amara.PostAsJsonAsync($"{s.Url}/hands/in-room", new { name = "Delegate at table 4", stakeholderGroupId = s.Process.GroupId("Government"), regionId = s.Process.RegionId("Europe"), pointOfOrder = true })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await s.Moderator.PostAsJsonAsync($"{s.Url}/hands/in-room", new { name = "Delegate at table 4", stakeholderGroupId = s.Process.GroupId("Government"), regionId = s.Process.RegionId("Europe"), pointOfOrder = true })).JsonAsync(HttpStatusCode.OK);
        await (await s.Moderator.PostAsJsonAsync($"{s.Url}/hands/in-room", new { name = "Delegate at table 5", stakeholderGroupId = s.Process.GroupId("Government"), regionId = s.Process.RegionId("Europe") })).JsonAsync(HttpStatusCode.OK);
        var queue = (await s.StateAsync()).GetProperty("queue").EnumerateArray().ToList();
        var console = await (await app.BrowserSignedInAsync(s.ModeratorEmail)).GetStringAsync($"/sessions/{s.SessionId}/console");

        Assert.Contains("Raise a point of order", html);
        Assert.Equal(HttpStatusCode.Redirect, raised.StatusCode);
        Assert.Equal(["Kwame", "Delegate at table 4", "Amara", "Delegate at table 5"], queue.Select(w => w.GetProperty("speaker").GetProperty("name").GetString()));
        Assert.Equal(["PointOfOrder", "PointOfOrder", "Normal", "Normal"], queue.Select(w => w.GetProperty("kind").GetString()));
        Assert.Contains("name=\"kind\"", console);
    }

    [Fact]
    public async Task A_session_carries_a_checked_conference_link_shown_on_its_page()
    {
        var (convener, _) = await app.AdministratorAsync();
        var process = await convener.CreateProcessAsync();
        var url = $"/api/processes/{process.Id()}/sessions";
        object Details(string link) => new { title = "Remote-friendly", startsAt = "2014-06-22T09:00:00+01:00", endsAt = "2014-06-22T10:30:00+01:00", conferenceUrl = link };

        await (await convener.PostAsJsonAsync(url, Details("javascript:alert(1)"))).ProblemAsync(HttpStatusCode.BadRequest, "conferenceUrl");
        await (await convener.PostAsJsonAsync(url, Details("ftp://example.org/stream"))).ProblemAsync(HttpStatusCode.BadRequest, "conferenceUrl");
        await (await convener.PostAsJsonAsync(url, Details("http://example.org/stream"))).ProblemAsync(HttpStatusCode.BadRequest, "conferenceUrl");
        await (await convener.PostAsJsonAsync(url, Details("meet.example.org/atlas"))).ProblemAsync(HttpStatusCode.BadRequest, "conferenceUrl");
        await (await convener.PostAsJsonAsync(url, Details("https://" + new string('a', 500) + ".org"))).ProblemAsync(HttpStatusCode.BadRequest, "conferenceUrl");
        var (member, _) = await app.SignedInAsync("Amara");
        await (await member.PostAsJsonAsync(url, Details("https://meet.example.org/atlas"))).ProblemAsync(HttpStatusCode.Forbidden);
        var created = await (await convener.PostAsJsonAsync(url, Details("https://meet.example.org/atlas?room=3"))).JsonAsync(HttpStatusCode.Created);
        var state = await (await app.Anonymous().GetAsync($"/api/sessions/{created.Id()}")).JsonAsync(HttpStatusCode.OK);
        var html = await app.Anonymous().GetStringAsync($"/sessions/{created.Id()}");

        Assert.Equal("https://meet.example.org/atlas?room=3", state.GetProperty("conferenceUrl").GetString());
        Assert.Contains("href=\"https://meet.example.org/atlas?room=3\"", html);
        Assert.Contains("Follow remotely: conference or livestream", html);
    }
}

public sealed class RoomFeaturesOnSqlite(SqliteApp app) : RoomFeatureTests(app), IClassFixture<SqliteApp>;

public sealed class RoomFeaturesOnPostgres(PostgresApp app) : RoomFeatureTests(app), IClassFixture<PostgresApp>;
