using System.Net;
using System.Net.Http.Json;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Tests.Sessions;

public abstract class SessionApiTests(AppFactory app)
{
    [Fact]
    public async Task Only_moderators_and_conveners_schedule_sessions()
    {
        var s = await SessionScenario.StartAsync(app);
        var participant = await s.ParticipantAsync("Evan");
        var url = $"/api/processes/{s.Process.Id()}/sessions";

        var anonymous = await app.Anonymous().PostAsJsonAsync(url, SessionScenario.Details());
        var plain = await participant.PostAsJsonAsync(url, SessionScenario.Details());
        var convener = await s.Convener.PostAsJsonAsync(url, SessionScenario.Details("Plenary"));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        await plain.ProblemAsync(HttpStatusCode.Forbidden);
        await convener.JsonAsync(HttpStatusCode.Created);
        var list = await (await app.Anonymous().GetAsync(url)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, list.GetArrayLength());
    }

    [Theory]
    [InlineData("{\"startsAt\":\"2014-06-22T09:00:00Z\",\"endsAt\":\"2014-06-22T10:00:00Z\"}", "title")]
    [InlineData("{\"title\":\"T\",\"endsAt\":\"2014-06-22T10:00:00Z\"}", "startsAt")]
    [InlineData("{\"title\":\"T\",\"startsAt\":\"2014-06-22T09:00:00Z\",\"endsAt\":\"2014-06-22T08:00:00Z\"}", "endsAt")]
    [InlineData("{\"title\":\"T\",\"startsAt\":\"yesterday\",\"endsAt\":\"2014-06-22T08:00:00Z\"}", "startsAt")]
    [InlineData("{\"title\":\"T\",\"startsAt\":\"2014-06-22T09:00:00Z\",\"endsAt\":\"2014-06-22T10:00:00Z\",\"policy\":\"Lottery\"}", "policy")]
    [InlineData("{\"title\":\"T\",\"startsAt\":\"2014-06-22T09:00:00Z\",\"endsAt\":\"2014-06-22T10:00:00Z\",\"policy\":\"WsisRule\"}", "governmentalGroupIds")]
    [InlineData("{\"title\":\"T\",\"startsAt\":\"2014-06-22T09:00:00Z\",\"endsAt\":\"2014-06-22T10:00:00Z\",\"policy\":\"WsisRule\",\"policySettings\":{\"governmentalGroupIds\":[424242]}}", "policySettings")]
    public async Task Bad_sessions_are_400s_naming_the_field(string json, string field)
    {
        var s = await SessionScenario.StartAsync(app);

        var response = await s.Moderator.PostJsonTextAsync($"/api/processes/{s.Process.Id()}/sessions", json);

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task The_state_lists_the_queue_in_policy_order_with_group_region_and_times_spoken()
    {
        var s = await SessionScenario.StartAsync(app);
        var erick = await s.ParticipantAsync("Erick", "Technical community", "Latin America and Caribbean");
        var lianna = await s.ParticipantAsync("Lianna", "Civil society", "Europe");
        await s.RaiseAsync(erick);
        await s.RaiseAsync(lianna, remote: true);

        await (await s.Moderator.PostAsync($"{s.Url}/floor", null)).JsonAsync(HttpStatusCode.OK);
        await s.RaiseAsync(erick);
        var state = await s.StateAsync();

        var queue = state.GetProperty("queue");
        Assert.Equal(["Lianna", "Erick"], queue.EnumerateArray().Select(e => e.GetProperty("speaker").GetProperty("name").GetString()));
        Assert.Equal("Civil society", queue[0].GetProperty("stakeholderGroup").GetString());
        Assert.Equal("Europe", queue[0].GetProperty("region").GetString());
        Assert.True(queue[0].GetProperty("remote").GetBoolean());
        Assert.Equal(0, queue[0].GetProperty("interventions").GetInt32());
        Assert.Equal(1, queue[1].GetProperty("interventions").GetInt32());
        var current = state.GetProperty("current");
        Assert.Equal("Erick", current.GetProperty("speaker").GetProperty("name").GetString());
        Assert.Equal("Technical community", current.GetProperty("stakeholderGroup").GetString());
        Assert.True(current.GetProperty("timer").GetProperty("elapsedSeconds").GetDouble() >= 0);
        Assert.True(state.GetProperty("sequence").GetInt64() > 0);
    }

    [Fact]
    public async Task The_intervention_record_carries_the_affiliation_the_speaker_had_at_the_time()
    {
        var s = await SessionScenario.StartAsync(app);
        var marilia = await s.ParticipantAsync("Marilia", "Civil society", "Latin America and Caribbean");
        await s.RaiseAsync(marilia);
        await (await marilia.PutAsJsonAsync($"/api/processes/{s.Process.Id()}/participants/me/affiliation",
            new { stakeholderGroupId = s.Process.GroupId("Government"), regionId = s.Process.RegionId("Latin America and Caribbean") })).JsonAsync(HttpStatusCode.OK);

        await (await s.Moderator.PostAsync($"{s.Url}/floor", null)).JsonAsync(HttpStatusCode.OK);

        var entry = await app.WithDbAsync(db => db.Record.Where(r => r.Action == "session.floor-given" && r.ProcessId == s.Process.Id()).Select(r => r.Entry).SingleAsync());
        Assert.Contains("\"stakeholderGroup\":\"Civil society\"", entry);
        Assert.Contains("\"region\":\"Latin America and Caribbean\"", entry);
    }

    [Fact]
    public async Task A_hand_raised_twice_holds_one_place_even_when_both_arrive_at_once()
    {
        var s = await SessionScenario.StartAsync(app);
        var evan = await s.ParticipantAsync("Evan");

        var raises = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => evan.PostAsJsonAsync($"{s.Url}/hands", new { remote = false })));
        var again = await s.RaiseAsync(evan);

        Assert.All(raises, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var ids = await Task.WhenAll(raises.Select(async r => (await r.JsonAsync(HttpStatusCode.OK)).GetProperty("entryId").GetInt64()));
        Assert.Single(ids.Append(again).Distinct());
        Assert.Equal(1, (await s.StateAsync()).GetProperty("queue").GetArrayLength());
        Assert.Equal(1, await app.WithDbAsync(db => db.Record.CountAsync(r => r.ProcessId == s.Process.Id() && r.Action == "session.hand-raised")));
    }

    [Fact]
    public async Task Many_participants_raising_hands_at_once_are_all_queued()
    {
        var s = await SessionScenario.StartAsync(app);
        var people = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => s.ParticipantAsync($"P{i}")));

        var raises = await Task.WhenAll(people.Select(p => p.PostAsJsonAsync($"{s.Url}/hands", new { remote = true })));

        Assert.All(raises, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(8, (await s.StateAsync()).GetProperty("queue").GetArrayLength());
    }

    [Fact]
    public async Task Two_moderators_giving_the_floor_at_the_same_instant_one_wins_and_the_other_gets_a_409()
    {
        var s = await SessionScenario.StartAsync(app);
        var (second, email) = await app.SignedInAsync("Olivier");
        await (await s.Convener.PostAsJsonAsync($"/api/processes/{s.Process.Id()}/roles", new { email, role = "Moderator" })).JsonAsync(HttpStatusCode.OK);
        foreach (var name in new[] { "Ana", "Bruno", "Carla" })
        {
            await s.RaiseAsync(await s.ParticipantAsync(name));
        }

        var seen = (await s.StateAsync()).GetProperty("sequence").GetInt64();
        var answers = await Task.WhenAll(
            s.Moderator.PostAsJsonAsync($"{s.Url}/floor", new { expectedSequence = seen }),
            second.PostAsJsonAsync($"{s.Url}/floor", new { expectedSequence = seen }));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        await answers.Single(a => a.StatusCode != HttpStatusCode.OK).ProblemAsync(HttpStatusCode.Conflict);
        var state = await s.StateAsync();
        Assert.Equal(1, state.GetProperty("interventionCount").GetInt32());
        Assert.Equal("Ana", state.GetProperty("current").GetProperty("speaker").GetProperty("name").GetString());
        Assert.Equal(["Bruno", "Carla"], state.GetProperty("queue").EnumerateArray().Select(e => e.GetProperty("speaker").GetProperty("name").GetString()));
        Assert.Equal(1, await app.WithDbAsync(db => db.Interventions.CountAsync(i => i.SessionId == s.SessionId)));
    }

    [Fact]
    public async Task Giving_the_floor_to_someone_not_in_the_queue_is_a_400_and_out_of_turn_needs_a_reason()
    {
        var s = await SessionScenario.StartAsync(app);
        await s.RaiseAsync(await s.ParticipantAsync("Ana"));
        var bruno = await s.RaiseAsync(await s.ParticipantAsync("Bruno"));

        var missing = await s.Moderator.PostAsJsonAsync($"{s.Url}/floor", new { entryId = 999 });
        var noReason = await s.Moderator.PostAsJsonAsync($"{s.Url}/floor", new { entryId = bruno });
        var withReason = await s.Moderator.PostAsJsonAsync($"{s.Url}/floor", new { entryId = bruno, reason = "He has not spoken this session." });

        await missing.ProblemAsync(HttpStatusCode.BadRequest, "entryId");
        await noReason.ProblemAsync(HttpStatusCode.BadRequest, "reason");
        var state = await withReason.JsonAsync(HttpStatusCode.OK);
        Assert.Equal("He has not spoken this session.", state.GetProperty("overrides")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Participants_cannot_run_the_session_and_need_an_affiliation_to_raise_a_hand()
    {
        var s = await SessionScenario.StartAsync(app);
        var participant = await s.ParticipantAsync("Evan");
        var (stranger, _) = await app.SignedInAsync("Stranger");

        await (await participant.PostAsync($"{s.Url}/floor", null)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await participant.PostAsync($"{s.Url}/queue/close", null)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await stranger.PostAsJsonAsync($"{s.Url}/hands", new { })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostAsJsonAsync($"{s.Url}/hands", new { })).StatusCode);
        await (await app.Anonymous().GetAsync("/api/sessions/424242")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Actions_on_an_ended_session_are_409s()
    {
        var s = await SessionScenario.StartAsync(app);
        var evan = await s.ParticipantAsync("Evan");
        await s.RaiseAsync(evan);
        await (await s.Moderator.PostAsync($"{s.Url}/floor", null)).JsonAsync(HttpStatusCode.OK);

        var ended = await (await s.Moderator.PostAsync($"{s.Url}/end", null)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("Ended", ended.GetProperty("status").GetString());
        Assert.False(ended.TryGetProperty("current", out _));
        await (await evan.PostAsJsonAsync($"{s.Url}/hands", new { })).ProblemAsync(HttpStatusCode.Conflict);
        await (await s.Moderator.PostAsync($"{s.Url}/floor", null)).ProblemAsync(HttpStatusCode.Conflict);
        await (await s.Moderator.PostAsync($"{s.Url}/start", null)).ProblemAsync(HttpStatusCode.Conflict);
        await (await s.Moderator.PostAsJsonAsync($"{s.Url}/agenda", new { title = "Late item", plannedMinutes = 5 })).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_closed_queue_refuses_new_hands_until_it_reopens_and_a_moderator_adds_people_in_the_room()
    {
        var s = await SessionScenario.StartAsync(app);
        var evan = await s.ParticipantAsync("Evan");

        await (await s.Moderator.PostAsync($"{s.Url}/queue/close", null)).JsonAsync(HttpStatusCode.OK);
        await (await evan.PostAsJsonAsync($"{s.Url}/hands", new { })).ProblemAsync(HttpStatusCode.Conflict);
        await (await s.Moderator.PostAsync($"{s.Url}/queue/reopen", null)).JsonAsync(HttpStatusCode.OK);
        await s.RaiseAsync(evan);
        var added = await s.Moderator.PostAsJsonAsync($"{s.Url}/hands/in-room", new { name = "Woman at the back", stakeholderGroupId = s.Process.GroupId("Academia"), regionId = s.Process.RegionId("Africa") });
        var badGroup = await s.Moderator.PostAsJsonAsync($"{s.Url}/hands/in-room", new { name = "Someone", stakeholderGroupId = 424242, regionId = s.Process.RegionId("Africa") });
        var noName = await s.Moderator.PostAsJsonAsync($"{s.Url}/hands/in-room", new { name = " ", stakeholderGroupId = s.Process.GroupId("Academia"), regionId = s.Process.RegionId("Africa") });

        await added.JsonAsync(HttpStatusCode.OK);
        await badGroup.ProblemAsync(HttpStatusCode.BadRequest, "stakeholderGroupId");
        await noName.ProblemAsync(HttpStatusCode.BadRequest, "name");
        var queue = (await s.StateAsync()).GetProperty("queue");
        Assert.Equal("Woman at the back", queue[1].GetProperty("speaker").GetProperty("name").GetString());
        Assert.Equal("Academia", queue[1].GetProperty("stakeholderGroup").GetString());

        await (await evan.DeleteAsync($"{s.Url}/hands/me")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, (await s.StateAsync()).GetProperty("queue").GetArrayLength());
    }

    [Fact]
    public async Task The_agenda_keeps_planned_and_actual_times_and_the_allotment_reaches_the_timer()
    {
        var s = await SessionScenario.StartAsync(app);
        var item = await (await s.Moderator.PostAsJsonAsync($"{s.Url}/agenda", new { title = "Regional reports", plannedMinutes = 30, allottedSeconds = 120 })).JsonAsync(HttpStatusCode.Created);
        await (await s.Moderator.PostAsJsonAsync($"{s.Url}/agenda", new { title = "Bad", plannedMinutes = 0 })).ProblemAsync(HttpStatusCode.BadRequest, "plannedMinutes");
        await (await s.Moderator.PostAsJsonAsync($"{s.Url}/agenda", new { title = "Bad", plannedMinutes = 5, allottedSeconds = -1 })).ProblemAsync(HttpStatusCode.BadRequest, "allottedSeconds");
        await (await s.Moderator.PostAsync($"{s.Url}/agenda/424242/start", null)).ProblemAsync(HttpStatusCode.NotFound);

        await (await s.Moderator.PostAsync($"{s.Url}/agenda/{item.Id()}/start", null)).JsonAsync(HttpStatusCode.OK);
        await s.RaiseAsync(await s.ParticipantAsync("Ana"));
        await (await s.Moderator.PostAsync($"{s.Url}/floor", null)).JsonAsync(HttpStatusCode.OK);
        var adjusted = await (await s.Moderator.PutAsJsonAsync($"{s.Url}/allotment", new { allottedSeconds = 60 })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(120, adjusted.GetProperty("current").GetProperty("timer").GetProperty("allottedSeconds").GetDouble());
        Assert.Equal(60, adjusted.GetProperty("allottedSeconds").GetInt32());
        var agenda = adjusted.GetProperty("agenda")[0];
        Assert.Equal(30, agenda.GetProperty("plannedMinutes").GetInt32());
        Assert.True(agenda.TryGetProperty("startedAt", out _));
        await (await s.Moderator.PutAsJsonAsync($"{s.Url}/allotment", new { allottedSeconds = 0 })).ProblemAsync(HttpStatusCode.BadRequest, "allottedSeconds");
    }

    [Fact]
    public async Task A_stale_sequence_is_a_409_and_a_queue_action_before_the_start_is_a_409()
    {
        var s = await SessionScenario.StartAsync(app, start: false);
        await (await s.Moderator.PostAsync($"{s.Url}/queue/close", null)).ProblemAsync(HttpStatusCode.Conflict);
        var seen = (await s.StateAsync()).GetProperty("sequence").GetInt64();
        await (await s.Moderator.PostAsJsonAsync($"{s.Url}/start", new { expectedSequence = seen })).JsonAsync(HttpStatusCode.OK);

        await (await s.Moderator.PostAsJsonAsync($"{s.Url}/queue/close", new { expectedSequence = seen })).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Statistics_show_each_groups_floor_share_against_its_share_of_the_room()
    {
        var s = await SessionScenario.StartAsync(app);
        var ana = await s.ParticipantAsync("Ana", "Civil society", "Europe");
        await s.ParticipantAsync("Bruno", "Civil society", "Africa");
        var carla = await s.ParticipantAsync("Carla", "Government", "Africa");
        await s.RaiseAsync(ana);
        await s.RaiseAsync(carla);
        await (await s.Moderator.PostAsync($"{s.Url}/floor", null)).JsonAsync(HttpStatusCode.OK);
        await (await s.Moderator.PostAsync($"{s.Url}/floor", null)).JsonAsync(HttpStatusCode.OK);

        var stats = await (await app.Anonymous().GetAsync($"{s.Url}/statistics")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(2, stats.GetProperty("interventions").GetInt32());
        var civil = stats.GetProperty("floorShares").EnumerateArray().Single(f => f.GetProperty("stakeholderGroup").GetString() == "Civil society");
        Assert.Equal(2, civil.GetProperty("inRoom").GetInt32());
        Assert.Equal(0.5, civil.GetProperty("floorShareByInterventions").GetDouble());
        Assert.Equal(0.6667, civil.GetProperty("roomShare").GetDouble(), 3);
        Assert.Equal(2, stats.GetProperty("byRegion").GetArrayLength());
    }

    [Fact]
    public async Task A_session_exports_as_an_icalendar_event()
    {
        var s = await SessionScenario.StartAsync(app, start: false, session: new
        {
            title = "Access, diversity; and you",
            startsAt = "2014-06-22T09:00:00+01:00",
            endsAt = "2014-06-22T10:30:00+01:00",
            room = "Hall B, level 2",
        });
        await (await s.Moderator.PostAsJsonAsync($"{s.Url}/agenda", new { title = "Regional reports", plannedMinutes = 30 })).JsonAsync(HttpStatusCode.Created);

        var response = await app.Anonymous().GetAsync($"{s.Url}/ical");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("SUMMARY:Access\\, diversity\\; and you\r\n", body);
        Assert.Contains("DTSTART:20140622T080000Z\r\n", body);
        Assert.Contains("LOCATION:Hall B\\, level 2\r\n", body);
        Assert.Contains("\\n1. Regional reports (30 min)", body);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/api/sessions/424242/ical")).StatusCode);
    }

    [Theory]
    [InlineData("floor", "{\"entryId\":\"first\"}", "entryId")]
    [InlineData("floor", "{\"expectedSequence\":\"latest\"}", "expectedSequence")]
    [InlineData("floor", "{\"entryId\":1,\"reason\":", "body")]
    [InlineData("hands", "{\"remote\":\"yes\"}", "remote")]
    [InlineData("hands/in-room", "{\"name\":\"Ana\",\"stakeholderGroupId\":\"civil\"}", "stakeholderGroupId")]
    [InlineData("agenda", "{\"title\":\"Item\",\"plannedMinutes\":1.5}", "plannedMinutes")]
    public async Task Malformed_bodies_are_400s_naming_the_field(string path, string json, string field)
    {
        var s = await SessionScenario.StartAsync(app);

        var response = await s.Moderator.PostJsonTextAsync($"{s.Url}/{path}", json);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(field == "body" || problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task A_rapporteur_reads_the_console_but_cannot_run_the_session()
    {
        var s = await SessionScenario.StartAsync(app);
        var (rapporteur, email) = await app.SignedInAsync("Rapporteur");
        await (await s.Convener.PostAsJsonAsync($"/api/processes/{s.Process.Id()}/roles", new { email, role = "Rapporteur" })).JsonAsync(HttpStatusCode.OK);
        var browser = await app.BrowserSignedInAsync(email);

        var console = await browser.GetAsync($"/sessions/{s.SessionId}/console");
        var floor = await rapporteur.PostAsync($"{s.Url}/queue/close", null);

        Assert.Equal(HttpStatusCode.OK, console.StatusCode);
        Assert.DoesNotContain("Close the queue", await console.Content.ReadAsStringAsync());
        await floor.ProblemAsync(HttpStatusCode.Forbidden);
    }
}

public sealed class SessionApiOnSqlite(SqliteApp app) : SessionApiTests(app), IClassFixture<SqliteApp>;

public sealed class SessionApiOnPostgres(PostgresApp app) : SessionApiTests(app), IClassFixture<PostgresApp>;
