using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Tests.Sessions;

public abstract class BreakoutApiTests(AppFactory app)
{
    private static readonly string[] Questions = ["Do governments involve outside groups in deciding?", "Are stakeholder groups segregated?"];

    private static object ByRegion => new { title = "Regional breakouts", questions = Questions, strategy = "ByRegion" };

    private static async Task<JsonElement> SplitAsync(SessionScenario s, object? request = null) =>
        await (await s.Moderator.PostAsJsonAsync($"{s.Url}/breakouts", request ?? ByRegion)).JsonAsync(HttpStatusCode.Created);

    private static JsonElement GroupOf(JsonElement round, string name) =>
        round.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("name").GetString() == name);

    private static Task<HttpResponseMessage> ReportAsync(HttpClient writer, JsonElement round, int group, string text, int version, bool reported = false) =>
        writer.PutAsJsonAsync($"/api/breakouts/{round.Id()}/groups/{group}/report", new { text, version, reported });

    [Fact]
    public async Task Split_by_region_groups_the_room_and_the_compiled_report_shows_one_of_two_reported()
    {
        var s = await SessionScenario.StartAsync(app);
        var amara = await s.ParticipantAsync("Amara", "Civil society", "Africa");
        await s.ParticipantAsync("Kwame", "Technical community", "Africa");
        await s.ParticipantAsync("Ingrid", "Government", "Europe");

        var round = await SplitAsync(s);
        var africa = GroupOf(round, "Africa");
        await (await ReportAsync(amara, round, africa.GetProperty("number").GetInt32(), "Governments consult late, and decide alone.", 0, reported: true)).JsonAsync(HttpStatusCode.OK);
        var after = await (await app.Anonymous().GetAsync($"/api/breakouts/{round.Id()}")).JsonAsync(HttpStatusCode.OK);
        var markdown = await app.Anonymous().GetAsync($"/api/breakouts/{round.Id()}/report.md");
        var text = await markdown.Content.ReadAsStringAsync();

        Assert.Equal(["Africa", "Europe"], round.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("name").GetString()));
        Assert.Equal(2, africa.GetProperty("members").GetArrayLength());
        Assert.Equal(Questions, round.GetProperty("questions").EnumerateArray().Select(q => q.GetString()));
        Assert.Equal(1, after.GetProperty("progress").GetProperty("reported").GetInt32());
        Assert.Equal(2, after.GetProperty("progress").GetProperty("groups").GetInt32());
        var civil = after.GetProperty("progress").GetProperty("byStakeholderGroup").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Civil society");
        Assert.Equal(1, civil.GetProperty("inReportedGroups").GetInt32());
        var europe = after.GetProperty("progress").GetProperty("byRegion").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Europe");
        Assert.Equal(0, europe.GetProperty("inReportedGroups").GetInt32());
        Assert.Equal("text/markdown", markdown.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", markdown.Content.Headers.ContentDisposition?.ToString() ?? string.Join(";", markdown.Headers.GetValues("Content-Disposition")));
        Assert.Contains("1 of 2 groups reported", text);
        Assert.Contains("## Africa", text);
        Assert.Contains("Governments consult late, and decide alone.", text);
        Assert.Contains("## Europe\n\n*Rapporteur: Ingrid*", text);
        Assert.True(text.IndexOf("## Questions", StringComparison.Ordinal) < text.IndexOf("## Africa", StringComparison.Ordinal));
        Assert.Equal(1, await app.WithDbAsync(db => db.Record.CountAsync(r => r.ProcessId == s.Process.Id() && r.Action == "breakout.created")));
        Assert.Equal(1, await app.WithDbAsync(db => db.Record.CountAsync(r => r.ProcessId == s.Process.Id() && r.Action == "breakout.reported")));
    }

    [Fact]
    public async Task A_random_split_is_balanced_and_repeats_with_its_seed()
    {
        var s = await SessionScenario.StartAsync(app);
        foreach (var (name, group) in new[] { ("A", "Civil society"), ("B", "Civil society"), ("C", "Civil society"), ("D", "Government"), ("E", "Government"), ("F", "Academia"), ("G", "Civil society") })
        {
            await s.ParticipantAsync(name, group);
        }

        var request = new { questions = Questions, strategy = "RandomBalanced", groupCount = 3, seed = 2014 };
        var first = await SplitAsync(s, request);
        var second = await SplitAsync(s, request);

        static string[][] Members(JsonElement r) => [.. r.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("name").GetString()!).Order().ToArray())];
        Assert.Equal(Members(first), Members(second));
        Assert.Equal(2014, first.GetProperty("seed").GetInt32());
        var sizes = Members(first).Select(m => m.Length).ToList();
        Assert.True(sizes.Max() - sizes.Min() <= 1);
        var civil = first.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("members").EnumerateArray().Count(m => m.GetProperty("stakeholderGroup").GetString() == "Civil society")).ToList();
        Assert.True(civil.Max() - civil.Min() <= 1);
    }

    [Fact]
    public async Task Declared_tables_make_the_groups_and_the_moderator_places_the_rest_by_hand()
    {
        var s = await SessionScenario.StartAsync(app);
        var ana = await s.ParticipantAsync("Ana");
        var bruno = await s.ParticipantAsync("Bruno");
        await s.ParticipantAsync("Carla");
        await (await ana.PutAsJsonAsync($"{s.Url}/table", new { table = 4 })).JsonAsync(HttpStatusCode.OK);
        await (await bruno.PutAsJsonAsync($"{s.Url}/table", new { table = 2 })).JsonAsync(HttpStatusCode.OK);
        await (await bruno.PutAsJsonAsync($"{s.Url}/table", new { table = 4 })).JsonAsync(HttpStatusCode.OK);
        await (await ana.PutAsJsonAsync($"{s.Url}/table", new { table = 0 })).ProblemAsync(HttpStatusCode.BadRequest, "table");

        var round = await SplitAsync(s, new { questions = Questions, strategy = "ByTable" });
        var carla = round.GetProperty("unassigned").EnumerateArray().Single();
        var placed = await (await s.Moderator.PutAsJsonAsync($"/api/breakouts/{round.Id()}/members/{carla.GetProperty("participantId").GetInt32()}", new { group = 1 })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(["Table 4"], round.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("name").GetString()));
        Assert.Equal("Carla", carla.GetProperty("name").GetString());
        Assert.Equal(3, placed.GetProperty("groups")[0].GetProperty("members").GetArrayLength());
        Assert.Equal(0, placed.GetProperty("unassigned").GetArrayLength());
        await (await s.Moderator.PutAsJsonAsync($"/api/breakouts/{round.Id()}/members/{carla.GetProperty("participantId").GetInt32()}", new { group = 9 })).ProblemAsync(HttpStatusCode.BadRequest, "group");
        await (await s.Moderator.PutAsJsonAsync($"/api/breakouts/{round.Id()}/members/424242", new { group = 1 })).ProblemAsync(HttpStatusCode.BadRequest, "participantId");
        await (await s.Moderator.PutAsync($"/api/breakouts/{round.Id()}/members/424242", new StringContent("{\"group\":\"one\"}", System.Text.Encoding.UTF8, "application/json"))).ProblemAsync(HttpStatusCode.BadRequest, "group");
        await (await s.Moderator.PutAsJsonAsync($"/api/breakouts/{round.Id()}/groups/1/rapporteur", new { participantId = 424242 })).ProblemAsync(HttpStatusCode.BadRequest, "participantId");
        await (await s.Moderator.PutAsJsonAsync($"/api/breakouts/{round.Id()}/groups/9/rapporteur", new { participantId = (int?)null })).ProblemAsync(HttpStatusCode.NotFound);
        await (await s.Moderator.PostAsync($"/api/breakouts/{round.Id()}/groups/9/reminders", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await app.Anonymous().GetAsync("/api/sessions/424242/breakouts")).ProblemAsync(HttpStatusCode.NotFound);
        await (await app.Anonymous().GetAsync("/api/breakouts/424242/report.md")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Single((await (await app.Anonymous().GetAsync($"{s.Url}/breakouts")).JsonAsync(HttpStatusCode.OK)).EnumerateArray());
    }

    [Theory]
    [InlineData("{\"strategy\":\"ByRegion\"}", "questions")]
    [InlineData("{\"strategy\":\"ByRegion\",\"questions\":[\" \"]}", "questions")]
    [InlineData("{\"questions\":[\"Q\"]}", "strategy")]
    [InlineData("{\"questions\":[\"Q\"],\"strategy\":\"Lottery\"}", "strategy")]
    [InlineData("{\"questions\":[\"Q\"],\"strategy\":\"RandomBalanced\",\"groupCount\":0}", "groupCount")]
    [InlineData("{\"questions\":[\"Q\"],\"strategy\":\"ByHand\"}", "groupCount")]
    [InlineData("{\"questions\":[\"Q\"],\"strategy\":\"ByTable\"}", "tableCount")]
    [InlineData("{\"questions\":\"Q\",\"strategy\":\"ByRegion\"}", "questions")]
    [InlineData("{\"questions\":[\"Q\"],\"strategy\":\"ByHand\",\"groupCount\":\"two\"}", "groupCount")]
    public async Task Bad_splits_are_400s_naming_the_field(string json, string field)
    {
        var s = await SessionScenario.StartAsync(app);
        await s.ParticipantAsync("Ana");

        var response = await s.Moderator.PostJsonTextAsync($"{s.Url}/breakouts", json);

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal(0, await app.WithDbAsync(db => db.Breakouts.CountAsync(b => b.SessionId == s.SessionId)));
    }

    [Theory]
    [InlineData("{\"text\":\"x\"}", "version")]
    [InlineData("{\"text\":\"\",\"version\":0,\"reported\":true}", "text")]
    [InlineData("{\"text\":\"x\",\"version\":\"latest\"}", "version")]
    [InlineData("{\"text\":\"x\",\"version\":0,\"reported\":\"yes\"}", "reported")]
    public async Task Bad_reports_are_400s_naming_the_field(string json, string field)
    {
        var s = await SessionScenario.StartAsync(app);
        var ana = await s.ParticipantAsync("Ana", "Civil society", "Africa");
        var round = await SplitAsync(s);

        var response = await ana.PutAsync($"/api/breakouts/{round.Id()}/groups/1/report", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Only_moderators_split_and_arrange_and_only_members_and_rapporteurs_write_a_groups_report()
    {
        var s = await SessionScenario.StartAsync(app);
        var amara = await s.ParticipantAsync("Amara", "Civil society", "Africa");
        var ingrid = await s.ParticipantAsync("Ingrid", "Government", "Europe");
        var (rapporteur, email) = await app.SignedInAsync("Rapporteur");
        await (await s.Convener.PostAsJsonAsync($"/api/processes/{s.Process.Id()}/roles", new { email, role = "Rapporteur" })).JsonAsync(HttpStatusCode.OK);
        var round = await SplitAsync(s);
        var africa = GroupOf(round, "Africa").GetProperty("number").GetInt32();
        var amaraId = GroupOf(round, "Africa").GetProperty("members")[0].GetProperty("participantId").GetInt32();
        var url = $"/api/breakouts/{round.Id()}";

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostAsJsonAsync($"{s.Url}/breakouts", ByRegion)).StatusCode);
        await (await amara.PostAsJsonAsync($"{s.Url}/breakouts", ByRegion)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await rapporteur.PostAsJsonAsync($"{s.Url}/breakouts", ByRegion)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await amara.PutAsJsonAsync($"{url}/members/{amaraId}", new { group = 2 })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await amara.PutAsJsonAsync($"{url}/groups/{africa}/rapporteur", new { participantId = amaraId })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ReportAsync(app.Anonymous(), round, africa, "x", 0)).StatusCode);
        await (await ReportAsync(ingrid, round, africa, "Not my group.", 0)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await ReportAsync(s.Moderator, round, africa, "The chair's view.", 0)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await ReportAsync(rapporteur, round, africa, "Written by the process rapporteur.", 0)).JsonAsync(HttpStatusCode.OK);
        await (await amara.PostAsync($"{url}/groups/{africa}/reminders", null)).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostAsync($"{url}/groups/{africa}/reminders", null)).StatusCode);
        await (await rapporteur.PostAsync($"{url}/groups/{africa}/reminders", null)).JsonAsync(HttpStatusCode.OK);

        // The group's rapporteur (its first member, Amara) finds the reminder in the inbox too.
        var inbox = await (await amara.GetAsync("/api/account/me/notifications")).JsonAsync(HttpStatusCode.OK);
        var due = Assert.Single(inbox.EnumerateArray());
        Assert.Equal(("BreakoutReportDue", $"/breakouts/{round.Id()}"), (due.GetProperty("kind").GetString(), due.GetProperty("link").GetString()));
        await (await app.Anonymous().GetAsync("/api/breakouts/424242")).ProblemAsync(HttpStatusCode.NotFound);
        await (await ReportAsync(amara, round, 99, "x", 0)).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Arranging_an_ended_session_is_a_409_while_reports_and_reminders_still_come_in()
    {
        var s = await SessionScenario.StartAsync(app);
        var amara = await s.ParticipantAsync("Amara", "Civil society", "Africa");
        await s.ParticipantAsync("Ingrid", "Government", "Europe");
        var round = await SplitAsync(s);
        var amaraId = GroupOf(round, "Africa").GetProperty("members")[0].GetProperty("participantId").GetInt32();
        var url = $"/api/breakouts/{round.Id()}";

        await (await s.Moderator.PostAsync($"{s.Url}/end", null)).JsonAsync(HttpStatusCode.OK);

        await (await s.Moderator.PostAsJsonAsync($"{s.Url}/breakouts", ByRegion)).ProblemAsync(HttpStatusCode.Conflict);
        await (await s.Moderator.PutAsJsonAsync($"{url}/members/{amaraId}", new { group = 2 })).ProblemAsync(HttpStatusCode.Conflict);
        await (await s.Moderator.PutAsJsonAsync($"{url}/groups/1/rapporteur", new { participantId = (int?)null })).ProblemAsync(HttpStatusCode.Conflict);
        await (await amara.PutAsJsonAsync($"{s.Url}/table", new { table = 3 })).ProblemAsync(HttpStatusCode.Conflict);
        await (await amara.PostAsJsonAsync($"{s.Url}/breakouts", ByRegion)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await s.Moderator.PostAsync($"{url}/groups/2/reminders", null)).JsonAsync(HttpStatusCode.OK);
        await (await ReportAsync(amara, round, 1, "Sent after the session, as reports often are.", 0, reported: true)).JsonAsync(HttpStatusCode.OK);
        await (await s.Moderator.PostAsync($"{url}/groups/1/reminders", null)).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Of_two_members_saving_the_same_version_at_once_one_wins_and_the_other_gets_a_409_with_the_winning_text()
    {
        var s = await SessionScenario.StartAsync(app);
        var amara = await s.ParticipantAsync("Amara", "Civil society", "Africa");
        var kwame = await s.ParticipantAsync("Kwame", "Technical community", "Africa");
        var round = await SplitAsync(s);

        var answers = await Task.WhenAll(
            ReportAsync(amara, round, 1, "Amara's notes.", 0),
            ReportAsync(kwame, round, 1, "Kwame's notes.", 0));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        var loser = await answers.Single(a => a.StatusCode != HttpStatusCode.OK).ProblemAsync(HttpStatusCode.Conflict);
        var saved = await (await app.Anonymous().GetAsync($"/api/breakouts/{round.Id()}")).JsonAsync(HttpStatusCode.OK);
        var report = saved.GetProperty("groups")[0].GetProperty("report");
        Assert.Equal(1, report.GetProperty("version").GetInt32());
        Assert.Equal(report.GetProperty("text").GetString(), loser.GetProperty("currentText").GetString());
        Assert.Equal(1, loser.GetProperty("currentVersion").GetInt32());
        Assert.Equal(report.GetProperty("editedBy").GetString(), loser.GetProperty("editedBy").GetString());

        // The loser merges and saves on the version they were shown.
        var merged = await (await ReportAsync(answers[0].IsSuccessStatusCode ? kwame : amara, round, 1, "Both sets of notes.", 1)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, merged.GetProperty("report").GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_change_to_a_round_is_pushed_to_the_sessions_screens_with_the_rounds_sequence()
    {
        var s = await SessionScenario.StartAsync(app);
        var amara = await s.ParticipantAsync("Amara", "Civil society", "Africa");
        var round = await SplitAsync(s);
        await using var screen = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/sessions"), o =>
            {
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        var received = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        screen.On<JsonElement>("BreakoutChanged", b =>
        {
            if (b.GetProperty("reported").GetInt32() == 1)
            {
                received.TrySetResult(b);
            }
        });
        await screen.StartAsync();
        await screen.InvokeAsync<JsonElement>("Join", s.SessionId);

        await (await ReportAsync(amara, round, 1, "Done.", 0, reported: true)).JsonAsync(HttpStatusCode.OK);
        var pushed = await received.Task.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(round.Id(), pushed.GetProperty("id").GetInt32());
        Assert.True(pushed.GetProperty("sequence").GetInt64() > round.GetProperty("sequence").GetInt64());
    }
}

public sealed class BreakoutApiOnSqlite(SqliteApp app) : BreakoutApiTests(app), IClassFixture<SqliteApp>;

public sealed class BreakoutApiOnPostgres(PostgresApp app) : BreakoutApiTests(app), IClassFixture<PostgresApp>;
