using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EqualFooting.Web.Tests.Infrastructure;
using EqualFooting.Web.Tests.Sessions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Tests.Polls;

public abstract class PollApiTests(AppFactory app)
{
    private static async Task<JsonElement> CreateAsync(SessionScenario s, object request) =>
        await (await s.Moderator.PostAsJsonAsync($"/api/processes/{s.Process.Id()}/polls", request)).JsonAsync(HttpStatusCode.Created);

    private static Task<HttpResponseMessage> VoteAsync(HttpClient voter, JsonElement poll, object ballot) =>
        voter.PutAsJsonAsync($"/api/polls/{poll.Id()}/ballot", ballot);

    private async Task<JsonElement> ResultsAsync(JsonElement poll, HttpClient? reader = null) =>
        await (await (reader ?? app.Anonymous()).GetAsync($"/api/polls/{poll.Id()}")).JsonAsync(HttpStatusCode.OK);

    private static JsonElement Cell(JsonElement table, string list, string name) =>
        table.GetProperty(list).EnumerateArray().Single(c => c.GetProperty("name").GetString() == name).GetProperty("cell");

    [Fact]
    public async Task A_likert_poll_counts_by_group_and_region_keeps_hand_counts_apart_and_hides_small_cells()
    {
        var s = await SessionScenario.StartAsync(app);
        var voters = new List<HttpClient>();
        foreach (var (name, group, region) in new[] { ("A", "Civil society", "Africa"), ("B", "Civil society", "Africa"), ("C", "Civil society", "Africa"), ("D", "Government", "Europe") })
        {
            voters.Add(await s.ParticipantAsync(name, group, region));
        }

        var poll = await CreateAsync(s, new { question = "Do governments in your region involve outside groups?", kind = "Likert", scaleMin = 0, dontKnow = true });
        await (await VoteAsync(voters[0], poll, new { rating = 4 })).JsonAsync(HttpStatusCode.OK);
        await (await VoteAsync(voters[1], poll, new { rating = 2 })).JsonAsync(HttpStatusCode.OK);
        await (await VoteAsync(voters[2], poll, new { dontKnow = true })).JsonAsync(HttpStatusCode.OK);
        await (await VoteAsync(voters[3], poll, new { rating = 1 })).JsonAsync(HttpStatusCode.OK);
        var changed = await (await VoteAsync(voters[1], poll, new { rating = 3, reason = "Some consultation, late." })).JsonAsync(HttpStatusCode.OK);
        await (await s.Moderator.PutAsJsonAsync($"/api/polls/{poll.Id()}/hand-counts", new { stakeholderGroupId = s.Process.GroupId("Government"), counts = new[] { 0, 0, 1, 4, 0, 0, 0 } })).JsonAsync(HttpStatusCode.OK);

        var results = await ResultsAsync(poll);
        var individual = results.GetProperty("individual");
        var hands = results.GetProperty("handCounts");

        Assert.Equal(3, changed.GetProperty("rating").GetInt32());
        Assert.Equal(4, results.GetProperty("ballots").GetInt32());
        Assert.Equal(4, individual.GetProperty("overall").GetProperty("n").GetInt32());
        Assert.Equal([0, 1, 0, 1, 1, 0, 1], individual.GetProperty("overall").GetProperty("counts").EnumerateArray().Select(c => c.GetInt32()));
        Assert.Equal(2.67, individual.GetProperty("overall").GetProperty("mean").GetDouble());
        var civil = Cell(individual, "byStakeholderGroup", "Civil society");
        Assert.Equal(3, civil.GetProperty("n").GetInt32());
        Assert.Equal(3.5, civil.GetProperty("mean").GetDouble());
        var government = Cell(individual, "byStakeholderGroup", "Government");
        Assert.True(government.GetProperty("hidden").GetBoolean());
        Assert.False(government.TryGetProperty("counts", out _));
        Assert.Equal(5, hands.GetProperty("overall").GetProperty("n").GetInt32());
        Assert.Equal(4, Cell(hands, "byStakeholderGroup", "Government").GetProperty("counts")[3].GetInt32());
        Assert.Equal(0, hands.GetProperty("byRegion").GetArrayLength());
        Assert.Equal(4, await app.WithDbAsync(db => db.Ballots.CountAsync(b => b.PollId == poll.Id())));
        Assert.Equal(4, await app.WithDbAsync(db => db.Record.CountAsync(r => r.ProcessId == s.Process.Id() && r.Action == "poll.ballot-cast")));
        Assert.Equal(1, await app.WithDbAsync(db => db.Record.CountAsync(r => r.ProcessId == s.Process.Id() && r.Action == "poll.ballot-changed")));
        Assert.Equal(1, await app.WithDbAsync(db => db.Record.CountAsync(r => r.ProcessId == s.Process.Id() && r.Action == "poll.hands-counted")));
    }

    [Fact]
    public async Task The_process_privacy_settings_decide_the_smallest_cell_shown_and_the_names_on_named_ballots()
    {
        var s = await SessionScenario.StartAsync(app);
        var voters = new List<HttpClient>();
        foreach (var name in new[] { "Adaeze", "Bruno", "Chen" })
        {
            voters.Add(await s.ParticipantAsync(name, "Civil society", "Africa"));
        }

        var anonymous = await CreateAsync(s, new { question = "Rate the draft", kind = "Likert" });
        var named = await CreateAsync(s, new { question = "Rate the agenda", kind = "Likert" });
        await (await s.Moderator.PutAsJsonAsync($"/api/polls/{named.Id()}/settings", new { anonymous = false, resultsWhileOpen = true })).JsonAsync(HttpStatusCode.OK);
        foreach (var voter in voters)
        {
            await (await VoteAsync(voter, anonymous, new { rating = 3 })).JsonAsync(HttpStatusCode.OK);
            await (await VoteAsync(voter, named, new { rating = 4 })).JsonAsync(HttpStatusCode.OK);
        }

        var before = await ResultsAsync(anonymous);
        await (await s.Convener.PutAsJsonAsync($"/api/processes/{s.Process.Id()}/privacy", new { names = "Pseudonym", minimumCellSize = 4 })).JsonAsync(HttpStatusCode.OK);
        var after = await ResultsAsync(anonymous);
        var namedAfter = await ResultsAsync(named);

        Assert.False(Cell(before.GetProperty("individual"), "byStakeholderGroup", "Civil society").GetProperty("hidden").GetBoolean());
        Assert.Equal(4, after.GetProperty("minimumCell").GetInt32());
        Assert.True(Cell(after.GetProperty("individual"), "byStakeholderGroup", "Civil society").GetProperty("hidden").GetBoolean());
        var shown = namedAfter.GetProperty("named").EnumerateArray().Select(b => b.GetProperty("name").GetString()).ToList();
        Assert.Equal(3, shown.Count);
        Assert.DoesNotContain("Adaeze", shown);
        Assert.All(shown, name => Assert.False(string.IsNullOrEmpty(name)));
    }

    [Fact]
    public async Task Bad_input_and_closed_polls_are_refused_with_their_status()
    {
        var s = await SessionScenario.StartAsync(app);
        var voter = await s.ParticipantAsync("Amara", "Civil society", "Africa");
        var (outsider, _) = await app.SignedInAsync("Olu");
        var poll = await CreateAsync(s, new { question = "Rate it", kind = "Likert" });
        var url = $"/api/processes/{s.Process.Id()}/polls";

        await (await VoteAsync(voter, poll, new { rating = 6 })).ProblemAsync(HttpStatusCode.BadRequest, "rating");
        await (await VoteAsync(voter, poll, new { rating = 0 })).ProblemAsync(HttpStatusCode.BadRequest, "rating");
        await (await voter.PutAsync($"/api/polls/{poll.Id()}/ballot", new StringContent("{\"rating\":\"high\"}", System.Text.Encoding.UTF8, "application/json"))).ProblemAsync(HttpStatusCode.BadRequest, "rating");
        await (await VoteAsync(outsider, poll, new { rating = 3 })).ProblemAsync(HttpStatusCode.Forbidden);

        // Who may vote is decided before the answer is read: an outsider learns nothing about what the poll accepts.
        await (await VoteAsync(outsider, poll, new { rating = 9 })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await VoteAsync(app.Anonymous(), poll, new { rating = 3 })).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await voter.PutAsJsonAsync("/api/polls/424242/ballot", new { rating = 3 })).ProblemAsync(HttpStatusCode.NotFound);
        await (await s.Moderator.PostAsJsonAsync(url, new { question = "", kind = "SingleChoice", options = new[] { "A", "B" } })).ProblemAsync(HttpStatusCode.BadRequest, "question");
        await (await s.Moderator.PostAsJsonAsync(url, new { question = "Q", kind = "Lottery" })).ProblemAsync(HttpStatusCode.BadRequest, "kind");
        await (await s.Moderator.PostAsJsonAsync(url, new { question = "Q", kind = "SingleChoice", options = new[] { "A" } })).ProblemAsync(HttpStatusCode.BadRequest, "options");
        await (await voter.PostAsJsonAsync(url, new { question = "Q", kind = "SenseCheck" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await app.Anonymous().PostAsJsonAsync(url, new { question = "Q", kind = "SenseCheck" })).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await voter.PutAsJsonAsync($"/api/polls/{poll.Id()}/hand-counts", new { stakeholderGroupId = s.Process.GroupId("Government"), counts = new[] { 1, 0, 0, 0, 0 } })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await s.Moderator.PutAsJsonAsync($"/api/polls/{poll.Id()}/hand-counts", new { stakeholderGroupId = 424242, counts = new[] { 1, 0, 0, 0, 0 } })).ProblemAsync(HttpStatusCode.BadRequest, "stakeholderGroupId");
        await (await s.Moderator.PutAsJsonAsync($"/api/polls/{poll.Id()}/hand-counts", new { stakeholderGroupId = s.Process.GroupId("Government"), counts = new[] { 1 } })).ProblemAsync(HttpStatusCode.BadRequest, "counts");
        await (await s.Moderator.PutAsJsonAsync($"/api/polls/{poll.Id()}/hand-counts", new { stakeholderGroupId = s.Process.GroupId("Government"), counts = new[] { 1, -1, 0, 0, 0 } })).ProblemAsync(HttpStatusCode.BadRequest, "counts");
        await (await s.Moderator.PutAsJsonAsync($"/api/polls/{poll.Id()}/settings", new { anonymous = false })).ProblemAsync(HttpStatusCode.BadRequest, "resultsWhileOpen");
        await (await voter.PostAsync($"/api/polls/{poll.Id()}/close", null)).ProblemAsync(HttpStatusCode.Forbidden);

        await (await s.Moderator.PostAsync($"/api/polls/{poll.Id()}/close", null)).JsonAsync(HttpStatusCode.OK);
        await (await VoteAsync(voter, poll, new { rating = 3 })).ProblemAsync(HttpStatusCode.Conflict);
        await (await s.Moderator.PutAsJsonAsync($"/api/polls/{poll.Id()}/hand-counts", new { stakeholderGroupId = s.Process.GroupId("Government"), counts = new[] { 1, 0, 0, 0, 0 } })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(1, await app.WithDbAsync(db => db.Record.CountAsync(r => r.ProcessId == s.Process.Id() && r.Action == "poll.closed")));
    }

    [Fact]
    public async Task Anonymity_and_results_visibility_are_fixed_at_the_first_ballot()
    {
        var s = await SessionScenario.StartAsync(app);
        var voter = await s.ParticipantAsync("Amara", "Civil society", "Africa");
        var poll = await CreateAsync(s, new { question = "Should the IANA transition go ahead?", kind = "SenseCheck" });
        var settings = $"/api/polls/{poll.Id()}/settings";

        await (await s.Moderator.PutAsJsonAsync(settings, new { anonymous = false, resultsWhileOpen = false })).JsonAsync(HttpStatusCode.OK);
        await (await VoteAsync(voter, poll, new { stance = "block", reason = "Accountability first." })).JsonAsync(HttpStatusCode.OK);
        await (await s.Moderator.PutAsJsonAsync(settings, new { anonymous = true, resultsWhileOpen = false })).ProblemAsync(HttpStatusCode.Conflict);
        await (await s.Moderator.PutAsJsonAsync(settings, new { anonymous = false, resultsWhileOpen = true })).ProblemAsync(HttpStatusCode.Conflict);
        var hidden = await ResultsAsync(poll);
        var moderatorView = await ResultsAsync(poll, s.Moderator);
        await (await s.Moderator.PostAsync($"/api/polls/{poll.Id()}/close", null)).JsonAsync(HttpStatusCode.OK);
        var after = await ResultsAsync(poll);

        Assert.False(hidden.GetProperty("visible").GetBoolean());
        Assert.False(hidden.TryGetProperty("individual", out _));
        Assert.Equal(1, hidden.GetProperty("ballots").GetInt32());
        Assert.True(moderatorView.GetProperty("visible").GetBoolean());
        Assert.True(after.GetProperty("visible").GetBoolean());
        Assert.Equal(1, after.GetProperty("individual").GetProperty("overall").GetProperty("counts")[3].GetInt32());
        var named = after.GetProperty("named").EnumerateArray().Single();
        Assert.Equal("Amara", named.GetProperty("name").GetString());
        Assert.Equal("Block", named.GetProperty("stance").GetString());
        Assert.Equal("Accountability first.", named.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task The_create_form_makes_a_named_poll_when_its_boxes_are_unticked_and_an_anonymous_one_when_ticked()
    {
        var s = await SessionScenario.StartAsync(app);
        var browser = await app.BrowserSignedInAsync(s.ModeratorEmail);
        var path = $"/processes/{s.Process.Id()}/polls/new";

        async Task<JsonElement> PostAsync(params (string Name, string Value)[] boxes)
        {
            // What a browser sends: each ticked box's "true", then every box's hidden "false".
            var fields = (await AppFactory.FormAsync(browser, path)).Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).ToList();
            fields.AddRange([new("Question", "Who should chair the next round?"), new("Kind", "SingleChoice"), new("Options", "Ana\nBruno"), new("ScaleMin", "1")]);
            fields.AddRange(boxes.Select(b => new KeyValuePair<string, string>(b.Name, b.Value)));
            fields.AddRange(new[] { "DontKnow", "Anonymous", "ResultsWhileOpen" }.Select(n => new KeyValuePair<string, string>(n, "false")));
            var response = await browser.PostAsync(path, new FormUrlEncodedContent(fields));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return await ResultsAsync(JsonDocument.Parse($"{{\"id\":{response.Headers.Location!.ToString().Split('/')[^1]}}}").RootElement);
        }

        var html = await browser.GetStringAsync(path);
        Assert.All(new[] { "DontKnow", "Anonymous", "ResultsWhileOpen" }, n => Assert.Contains($"type=\"hidden\" name=\"{n}\" value=\"false\"", html, StringComparison.Ordinal));
        var named = await PostAsync();
        var anonymous = await PostAsync(("Anonymous", "true"), ("ResultsWhileOpen", "true"));

        Assert.False(named.GetProperty("poll").GetProperty("anonymous").GetBoolean());
        Assert.False(named.GetProperty("poll").GetProperty("resultsWhileOpen").GetBoolean());
        Assert.True(anonymous.GetProperty("poll").GetProperty("anonymous").GetBoolean());
        Assert.True(anonymous.GetProperty("poll").GetProperty("resultsWhileOpen").GetBoolean());
    }

    [Fact]
    public async Task Two_hundred_parallel_ballots_from_one_account_store_exactly_one()
    {
        var s = await SessionScenario.StartAsync(app);
        var voter = await s.ParticipantAsync("Amara", "Civil society", "Africa");
        var poll = await CreateAsync(s, new { question = "Which venue?", kind = "SingleChoice", options = new[] { "São Paulo", "Istanbul" } });

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => VoteAsync(voter, poll, new { choices = new[] { i % 2 } })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, await app.WithDbAsync(db => db.Ballots.CountAsync(b => b.PollId == poll.Id())));
        Assert.Equal(1, await app.WithDbAsync(db => db.Record.CountAsync(r => r.ProcessId == s.Process.Id() && r.Action == "poll.ballot-cast")));
        Assert.Equal(1, (await ResultsAsync(poll)).GetProperty("ballots").GetInt32());
    }

    [Fact]
    public async Task Ballots_arriving_together_are_each_answered_with_their_own_result()
    {
        var s = await SessionScenario.StartAsync(app);
        var (outsider, _) = await app.SignedInAsync("Olu");
        var voters = new List<HttpClient>();
        foreach (var (name, group, region) in new[] { ("Amara", "Civil society", "Africa"), ("Bruno", "Government", "Europe"), ("Chen", "Academia", "Asia-Pacific") })
        {
            voters.Add(await s.ParticipantAsync(name, group, region));
        }

        var open = await CreateAsync(s, new { question = "Rate the draft", kind = "Likert" });
        var closed = await CreateAsync(s, new { question = "Rate the agenda", kind = "Likert" });
        await (await s.Moderator.PostAsync($"/api/polls/{closed.Id()}/close", null)).JsonAsync(HttpStatusCode.OK);

        // Sent at once, so the writer takes several in one transaction: a refused ballot must not fail the others.
        var sent = await Task.WhenAll(
            VoteAsync(voters[0], open, new { rating = 4 }),
            VoteAsync(voters[1], closed, new { rating = 2 }),
            VoteAsync(voters[1], open, new { rating = 9 }),
            VoteAsync(outsider, open, new { rating = 3 }),
            VoteAsync(voters[2], open, new { rating = 1 }),
            VoteAsync(voters[1], open, new { rating = 5 }));

        await sent[0].JsonAsync(HttpStatusCode.OK);
        await sent[1].ProblemAsync(HttpStatusCode.Conflict);
        await sent[2].ProblemAsync(HttpStatusCode.BadRequest, "rating");
        await sent[3].ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(1, (await sent[4].JsonAsync(HttpStatusCode.OK)).GetProperty("rating").GetInt32());
        Assert.Equal(5, (await sent[5].JsonAsync(HttpStatusCode.OK)).GetProperty("rating").GetInt32());
        var results = await ResultsAsync(open);
        Assert.Equal(3, results.GetProperty("ballots").GetInt32());
        Assert.Equal([1, 0, 0, 1, 1], results.GetProperty("individual").GetProperty("overall").GetProperty("counts").EnumerateArray().Select(c => c.GetInt32()));
        Assert.Equal(0, (await ResultsAsync(closed)).GetProperty("ballots").GetInt32());
        Assert.Equal(3, await app.WithDbAsync(db => db.Record.CountAsync(r => r.ProcessId == s.Process.Id() && r.Action == "poll.ballot-cast")));
    }

    [Fact]
    public async Task The_sense_of_the_room_asks_agree_disagree_unsure_for_a_minute_and_its_counts_go_on_the_record()
    {
        var s = await SessionScenario.StartAsync(app);
        var voter = await s.ParticipantAsync("Amara", "Civil society", "Africa");

        await (await voter.PostAsync($"{s.Url}/polls/sense-of-the-room", null)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await app.Anonymous().PostAsync($"{s.Url}/polls/sense-of-the-room", null)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await s.Moderator.PostAsync("/api/sessions/424242/polls/sense-of-the-room", null)).ProblemAsync(HttpStatusCode.NotFound);
        var poll = await (await s.Moderator.PostAsync($"{s.Url}/polls/sense-of-the-room", null)).JsonAsync(HttpStatusCode.Created);
        await (await VoteAsync(voter, poll, new { choices = new[] { 2 } })).JsonAsync(HttpStatusCode.OK);
        await (await s.Moderator.PostAsync($"/api/polls/{poll.Id()}/close", null)).JsonAsync(HttpStatusCode.OK);
        var closed = await app.WithDbAsync(db => db.Record.Where(r => r.ProcessId == s.Process.Id() && r.Action == "poll.closed").Select(r => r.Entry).SingleAsync());
        await (await s.Moderator.PostAsync($"{s.Url}/end", null)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(["Agree", "Disagree", "Unsure"], poll.GetProperty("options").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(s.SessionId, poll.GetProperty("sessionId").GetInt32());
        Assert.InRange(poll.GetProperty("secondsLeft").GetInt32(), 1, 60);
        Assert.True(poll.GetProperty("anonymous").GetBoolean());
        Assert.Contains("\"ballotCounts\":[0,0,1]", closed);
        Assert.Contains($"\"session\":{s.SessionId}", closed);
        await (await s.Moderator.PostAsync($"{s.Url}/polls/sense-of-the-room", null)).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_screen_receives_live_results_after_each_ballot()
    {
        var s = await SessionScenario.StartAsync(app);
        var voter = await s.ParticipantAsync("Amara", "Civil society", "Africa");
        var poll = await (await s.Moderator.PostAsJsonAsync($"{s.Url}/polls", new { question = "Sense of the room?", kind = "SenseCheck" })).JsonAsync(HttpStatusCode.Created);
        await using var screen = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/polls"), o =>
            {
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        var received = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        screen.On<JsonElement>("ResultsChanged", r =>
        {
            if (r.GetProperty("ballots").GetInt32() == 1)
            {
                received.TrySetResult(r);
            }
        });
        await screen.StartAsync();
        var joined = await screen.InvokeAsync<JsonElement>("Join", poll.Id());

        await (await VoteAsync(voter, poll, new { stance = "agree" })).JsonAsync(HttpStatusCode.OK);
        var live = await received.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(s.SessionId, poll.GetProperty("sessionId").GetInt32());
        Assert.Equal(0, joined.GetProperty("ballots").GetInt32());
        Assert.Equal(1, live.GetProperty("individual").GetProperty("overall").GetProperty("n").GetInt32());
        var missing = await Assert.ThrowsAsync<HubException>(() => screen.InvokeAsync<JsonElement>("Join", 424242));
        Assert.Contains("404: No such poll.", missing.Message);
    }
}

public sealed class PollApiOnSqlite(SqliteApp app) : PollApiTests(app), IClassFixture<SqliteApp>;

public sealed class PollApiOnPostgres(PostgresApp app) : PollApiTests(app), IClassFixture<PostgresApp>;
