using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Tests.Sessions;

/// <summary>Check-ins to a session: once per person, counted by group and region, the room of the floor shares, breakouts and the balance dashboard.</summary>
public abstract class AttendanceTests(AppFactory app)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private static Task<HttpResponseMessage> CheckInAsync(HttpClient client, SessionScenario s, object? body = null) =>
        client.PostAsJsonAsync($"{s.Url}/attendance", body ?? new { mode = "InRoom" });

    private static Task<HttpResponseMessage> CheckInPersonAsync(HttpClient client, SessionScenario s, string name, string group = "Government", string region = "Africa") =>
        client.PostAsJsonAsync($"{s.Url}/attendance/without-device", new { name, stakeholderGroupId = s.Process.GroupId(group), regionId = s.Process.RegionId(region) });

    private async Task<JsonElement> AttendanceAsync(SessionScenario s) =>
        await (await app.Anonymous().GetAsync($"{s.Url}/attendance")).JsonAsync(HttpStatusCode.OK);

    private static int Count(JsonElement summary, string split, string name) =>
        summary.GetProperty(split).EnumerateArray().Single(g => g.GetProperty("name").GetString() == name).GetProperty("people").GetInt32();

    [Fact]
    public async Task A_participant_checks_in_once_and_attendance_counts_by_group_and_region()
    {
        var s = await SessionScenario.StartAsync(app);
        var amara = await s.ParticipantAsync("Amara", "Civil society", "Africa");
        var ingrid = await s.ParticipantAsync("Ingrid", "Government", "Europe");

        var first = await (await CheckInAsync(amara, s)).JsonAsync(HttpStatusCode.Created);
        var again = await (await CheckInAsync(amara, s, new { mode = "Remote" })).JsonAsync(HttpStatusCode.OK);
        await (await CheckInAsync(ingrid, s, new { mode = "Remote" })).JsonAsync(HttpStatusCode.Created);
        var summary = await AttendanceAsync(s);

        Assert.Equal(first.Id(), again.Id());
        Assert.Equal("InRoom", again.GetProperty("mode").GetString());
        Assert.Equal(2, summary.GetProperty("total").GetInt32());
        Assert.Equal(1, summary.GetProperty("inRoom").GetInt32());
        Assert.Equal(1, summary.GetProperty("remote").GetInt32());
        Assert.Equal(1, Count(summary, "byStakeholderGroup", "Civil society"));
        Assert.Equal(1, Count(summary, "byStakeholderGroup", "Government"));
        Assert.Equal(0, Count(summary, "byStakeholderGroup", "Academia"));
        Assert.Equal(1, Count(summary, "byRegion", "Africa"));
        Assert.Equal(1, Count(summary, "byRegion", "Europe"));
        Assert.Equal(2, await app.WithDbAsync(db => db.Record.CountAsync(r => r.ProcessId == s.Process.Id() && r.Action == "session.checked-in")));
    }

    [Fact]
    public async Task Parallel_check_ins_of_one_participant_store_one()
    {
        var s = await SessionScenario.StartAsync(app);
        var evan = await s.ParticipantAsync("Evan");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => CheckInAsync(evan, s)));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(1, await app.WithDbAsync(db => db.CheckIns.CountAsync(a => a.SessionId == s.SessionId)));
        Assert.Equal(1, await app.WithDbAsync(db => db.Record.CountAsync(r => r.ProcessId == s.Process.Id() && r.Action == "session.checked-in")));
    }

    [Fact]
    public async Task A_moderator_checks_in_someone_without_a_device_once_and_the_record_never_names_them()
    {
        var s = await SessionScenario.StartAsync(app);

        var first = await CheckInPersonAsync(s.Moderator, s, "Nnenna Nwakanma");
        var twice = await Task.WhenAll(CheckInPersonAsync(s.Moderator, s, "nnenna  NWAKANMA"), CheckInPersonAsync(s.Moderator, s, "Nnenna Nwakanma"));
        var summary = await AttendanceAsync(s);
        var entries = await app.WithDbAsync(db => db.Record.Where(r => r.ProcessId == s.Process.Id() && r.Action == "session.person-checked-in").Select(r => r.Entry).ToListAsync());

        await first.JsonAsync(HttpStatusCode.Created);
        Assert.All(twice, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, summary.GetProperty("total").GetInt32());
        Assert.Equal(1, summary.GetProperty("withoutDevice").GetInt32());
        Assert.Equal(1, Count(summary, "byStakeholderGroup", "Government"));
        Assert.DoesNotContain("Nnenna", summary.ToString(), StringComparison.OrdinalIgnoreCase);
        var entry = Assert.Single(entries);
        Assert.DoesNotContain("Nnenna", entry, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Nwakanma", entry, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Checking_in_needs_an_account_a_participation_and_for_others_a_moderator()
    {
        var s = await SessionScenario.StartAsync(app);
        var (outsider, _) = await app.SignedInAsync("Outsider");
        var participant = await s.ParticipantAsync("Plain");

        await (await CheckInAsync(app.Anonymous(), s)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await CheckInAsync(outsider, s)).ProblemAsync(HttpStatusCode.Conflict);
        await (await CheckInPersonAsync(app.Anonymous(), s, "Someone")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await CheckInPersonAsync(participant, s, "Someone")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await app.Anonymous().GetAsync("/api/sessions/987654/attendance")).ProblemAsync(HttpStatusCode.NotFound);
        await (await participant.PostAsJsonAsync("/api/sessions/987654/attendance", new { mode = "InRoom" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await CheckInAsync(participant, s)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(1, await app.WithDbAsync(db => db.CheckIns.CountAsync(a => a.SessionId == s.SessionId)));
    }

    [Theory]
    [InlineData("{}", "mode")]
    [InlineData("{\"mode\":\"Teleport\"}", "mode")]
    [InlineData("{\"mode\":\"Hub\"}", "hubId")]
    [InlineData("{\"mode\":\"Hub\",\"hubId\":424242}", "hubId")]
    [InlineData("{\"mode\":\"InRoom\",\"hubId\":\"x\"}", "hubId")]
    public async Task Bad_check_ins_are_400s_naming_the_field(string json, string field)
    {
        var s = await SessionScenario.StartAsync(app);
        var evan = await s.ParticipantAsync("Evan");

        var response = await evan.PostJsonTextAsync($"{s.Url}/attendance", json);

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal(0, await app.WithDbAsync(db => db.CheckIns.CountAsync(a => a.SessionId == s.SessionId)));
    }

    [Theory]
    [InlineData("{\"stakeholderGroupId\":1,\"regionId\":1}", "name")]
    [InlineData("{\"name\":\"A\",\"stakeholderGroupId\":424242,\"regionId\":1}", "stakeholderGroupId")]
    [InlineData("{\"name\":\"A\",\"regionId\":1}", "stakeholderGroupId")]
    [InlineData("{\"name\":\"A\",\"stakeholderGroupId\":\"GROUP\",\"regionId\":424242}", "regionId")]
    [InlineData("{\"name\":\"A\",\"stakeholderGroupId\":\"GROUP\",\"regionId\":\"REGION\",\"hubId\":424242}", "hubId")]
    [InlineData("{\"name\":\"A\",\"stakeholderGroupId\":[1]}", "stakeholderGroupId")]
    public async Task Bad_check_ins_without_a_device_are_400s_naming_the_field(string json, string field)
    {
        var s = await SessionScenario.StartAsync(app);
        var body = json.Replace("\"GROUP\"", s.Process.GroupId("Academia").ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("\"REGION\"", s.Process.RegionId("Europe").ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var response = await s.Moderator.PostJsonTextAsync($"{s.Url}/attendance/without-device", body);

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Remote_check_ins_need_a_session_that_takes_remote_participants_and_an_ended_session_takes_only_a_moderators()
    {
        var s = await SessionScenario.StartAsync(app, session: new
        {
            title = "Closed room",
            startsAt = "2014-06-22T09:00:00Z",
            endsAt = "2014-06-22T10:00:00Z",
            remoteParticipation = false,
        });
        var evan = await s.ParticipantAsync("Evan");
        var lianna = await s.ParticipantAsync("Lianna");

        await (await CheckInAsync(evan, s, new { mode = "Remote" })).ProblemAsync(HttpStatusCode.Conflict);
        await (await s.Moderator.PostAsync($"{s.Url}/end", null)).JsonAsync(HttpStatusCode.OK);
        await (await CheckInAsync(lianna, s)).ProblemAsync(HttpStatusCode.Conflict);
        await (await CheckInPersonAsync(s.Moderator, s, "From the paper sheet")).JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_floor_shares_use_the_room_of_those_who_checked_in_and_say_so()
    {
        var s = await SessionScenario.StartAsync(app);
        var amara = await s.ParticipantAsync("Amara", "Civil society", "Africa");
        await s.ParticipantAsync("Kwame", "Technical community", "Africa");
        await s.ParticipantAsync("Ingrid", "Government", "Europe");

        var before = await (await app.Anonymous().GetAsync($"{s.Url}/statistics")).JsonAsync(HttpStatusCode.OK);
        await (await CheckInAsync(amara, s)).JsonAsync(HttpStatusCode.Created);
        await (await CheckInPersonAsync(s.Moderator, s, "Guest", "Government", "Europe")).JsonAsync(HttpStatusCode.Created);
        var after = await (await app.Anonymous().GetAsync($"{s.Url}/statistics")).JsonAsync(HttpStatusCode.OK);
        var page = await app.Anonymous().GetStringAsync($"/sessions/{s.SessionId}");

        static int InRoom(JsonElement stats, int group) =>
            stats.GetProperty("floorShares").EnumerateArray().Where(f => f.GetProperty("stakeholderGroupId").GetInt32() == group).Select(f => f.GetProperty("inRoom").GetInt32()).SingleOrDefault();
        Assert.Equal("participants", before.GetProperty("roomCountedFrom").GetString());
        Assert.Equal(1, InRoom(before, s.Process.GroupId("Technical community")));
        Assert.Equal("attendance", after.GetProperty("roomCountedFrom").GetString());
        Assert.Equal(1, InRoom(after, s.Process.GroupId("Civil society")));
        Assert.Equal(1, InRoom(after, s.Process.GroupId("Government")));
        Assert.Equal(0, InRoom(after, s.Process.GroupId("Technical community")));
        Assert.Contains("The room is the people who checked in to this session.", page);
        Assert.Contains("Attendance by stakeholder group", page);
        Assert.DoesNotContain(">Guest<", page);
    }

    [Fact]
    public async Task A_breakout_round_splits_those_present_once_anyone_has_checked_in()
    {
        var s = await SessionScenario.StartAsync(app);
        var amara = await s.ParticipantAsync("Amara", "Civil society", "Africa");
        await s.ParticipantAsync("Kwame", "Technical community", "Africa");
        var ingrid = await s.ParticipantAsync("Ingrid", "Government", "Europe");
        await (await CheckInAsync(amara, s)).JsonAsync(HttpStatusCode.Created);
        await (await CheckInAsync(ingrid, s)).JsonAsync(HttpStatusCode.Created);

        var round = await (await s.Moderator.PostAsJsonAsync($"{s.Url}/breakouts", new { title = "By region", questions = new[] { "Q?" }, strategy = "ByRegion" })).JsonAsync(HttpStatusCode.Created);

        var members = round.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("name").GetString())).Order().ToList();
        Assert.Equal(["Amara", "Ingrid"], members);
    }

    [Fact]
    public async Task The_balance_dashboard_counts_attendance_and_sets_the_floor_against_it()
    {
        var s = await SessionScenario.StartAsync(app);
        var amara = await s.ParticipantAsync("Amara", "Civil society", "Africa");
        await s.ParticipantAsync("Kwame", "Technical community", "Africa");
        var before = await (await app.Anonymous().GetAsync($"/api/processes/{s.Process.Id()}/balance")).JsonAsync(HttpStatusCode.OK);
        await (await CheckInAsync(amara, s)).JsonAsync(HttpStatusCode.Created);

        var after = await (await app.Anonymous().GetAsync($"/api/processes/{s.Process.Id()}/balance")).JsonAsync(HttpStatusCode.OK);
        var csv = await app.Anonymous().GetStringAsync($"/api/processes/{s.Process.Id()}/balance.csv");
        var page = await app.Anonymous().GetStringAsync($"/processes/{s.Process.Id()}/balance");

        Assert.Equal("registrations", before.GetProperty("floorPresence").GetString());
        Assert.Equal("attendance", after.GetProperty("floorPresence").GetString());
        var attendance = after.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("key").GetString() == "attendance");
        Assert.Equal(1, attendance.GetProperty("byGroup").GetProperty("total").GetInt64());
        Assert.Contains("attendance,stakeholder-group,Civil society,1,1", csv);
        Assert.Contains("speaking-time-against-attendance", csv);
        Assert.Contains("Attendance at sessions", page);
    }

    [Fact]
    public async Task A_participant_checks_in_with_the_page_form_and_a_moderator_checks_in_someone_without_a_device()
    {
        var s = await SessionScenario.StartAsync(app);
        var (api, email) = await app.SignedInAsync("Evan");
        await (await api.JoinAsync(s.Process, "Academia", "Europe")).JsonAsync(HttpStatusCode.Created);
        var browser = await app.BrowserSignedInAsync(email);
        var moderator = await app.BrowserSignedInAsync(s.ModeratorEmail);
        var url = $"/sessions/{s.SessionId}";

        var form = await AppFactory.FormAsync(browser, url);
        form["mode"] = "Remote";
        var checkedIn = await browser.PostAsync($"{url}?handler=CheckIn", new FormUrlEncodedContent(form));
        var person = await AppFactory.FormAsync(moderator, url);
        person["name"] = "";
        person["stakeholderGroupId"] = s.Process.GroupId("Government").ToString(System.Globalization.CultureInfo.InvariantCulture);
        person["regionId"] = s.Process.RegionId("Africa").ToString(System.Globalization.CultureInfo.InvariantCulture);
        var refused = await moderator.PostAsync($"{url}?handler=CheckInPerson", new FormUrlEncodedContent(person));
        person = await AppFactory.FormAsync(moderator, url);
        person["name"] = "Guest";
        person["stakeholderGroupId"] = s.Process.GroupId("Government").ToString(System.Globalization.CultureInfo.InvariantCulture);
        person["regionId"] = s.Process.RegionId("Africa").ToString(System.Globalization.CultureInfo.InvariantCulture);
        var added = await moderator.PostAsync($"{url}?handler=CheckInPerson", new FormUrlEncodedContent(person));
        var plain = await browser.PostAsync($"{url}?handler=CheckInPerson", new FormUrlEncodedContent(await AppFactory.FormAsync(browser, url)));

        Assert.Equal(HttpStatusCode.Redirect, checkedIn.StatusCode);
        Assert.Contains("You checked in remotely.", await browser.GetStringAsync(url));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("required", await refused.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, plain.StatusCode);
        Assert.Contains("access-denied", plain.Headers.Location?.ToString());
        var summary = await AttendanceAsync(s);
        Assert.Equal(2, summary.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_screen_that_joined_hears_the_new_attendance_total()
    {
        var s = await SessionScenario.StartAsync(app);
        var evan = await s.ParticipantAsync("Evan");
        await using var screen = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/sessions"), o =>
            {
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        await screen.StartAsync();
        var heard = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        screen.On<JsonElement>("AttendanceChanged", a => heard.TrySetResult(a));
        await screen.InvokeAsync<JsonElement>("Join", s.SessionId);

        await (await CheckInAsync(evan, s)).JsonAsync(HttpStatusCode.Created);
        var signal = await heard.Task.WaitAsync(Patience);

        Assert.Equal(s.SessionId, signal.GetProperty("sessionId").GetInt32());
        Assert.Equal(1, signal.GetProperty("total").GetInt32());
    }
}

public sealed class AttendanceOnSqlite(SqliteApp app) : AttendanceTests(app), IClassFixture<SqliteApp>;

public sealed class AttendanceOnPostgres(PostgresApp app) : AttendanceTests(app), IClassFixture<PostgresApp>;
