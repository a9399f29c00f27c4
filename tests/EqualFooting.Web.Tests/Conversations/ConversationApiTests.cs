using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EqualFooting.Conversations;
using EqualFooting.Web.Conversations;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EqualFooting.Web.Tests.Conversations;

public abstract class ConversationApiTests(AppFactory app)
{
    private sealed record Setup(HttpClient Convener, JsonElement Process, int ConversationId, string ConvenerEmail)
    {
        public string Url => $"/api/processes/{Process.Id()}/conversations/{ConversationId}";
    }

    private async Task<Setup> ConversationAsync(string moderation = "after")
    {
        var (admin, adminEmail) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        var created = await (await admin.PostAsJsonAsync($"/api/processes/{process.Id()}/conversations", new { title = "What should the IGF keep?", moderation }))
            .JsonAsync(HttpStatusCode.Created);
        return new Setup(admin, process, created.Id(), adminEmail);
    }

    private async Task<HttpClient> ParticipantAsync(JsonElement process, string group = "Civil society", string region = "Africa")
    {
        var (client, _) = await app.SignedInAsync();
        await (await client.JoinAsync(process, group, region)).JsonAsync(HttpStatusCode.Created);
        return client;
    }

    private static async Task<int> StatementAsync(HttpClient client, Setup s, string text) =>
        (await (await client.PostAsJsonAsync($"{s.Url}/statements", new { text })).JsonAsync(HttpStatusCode.Created)).Id();

    private static Task<HttpResponseMessage> VoteAsync(HttpClient client, Setup s, int statement, string choice) =>
        client.PutAsJsonAsync($"{s.Url}/statements/{statement}/vote", new { choice });

    [Fact]
    public async Task A_participant_adds_a_statement_votes_and_changes_the_vote_which_stays_one_row()
    {
        var s = await ConversationAsync();
        var client = await ParticipantAsync(s.Process);
        var statement = await StatementAsync(client, s, "The IGF should keep its open mandate.");

        await (await VoteAsync(client, s, statement, "agree")).JsonAsync(HttpStatusCode.OK);
        var changed = await (await VoteAsync(client, s, statement, "DISAGREE")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("disagree", changed.GetProperty("choice").GetString());
        var votes = await app.WithDbAsync(db => db.StatementVotes.Where(v => v.StatementId == statement).ToListAsync());
        Assert.Equal(VoteChoice.Disagree, Assert.Single(votes).Choice);
        var actions = await app.WithDbAsync(db => db.Record.Where(e => e.ProcessId == s.Process.Id()).Select(e => e.Action).ToListAsync());
        Assert.Equal(2, actions.Count(a => a == "conversation.voted"));
    }

    [Fact]
    public async Task Bad_input_is_refused_with_the_right_status()
    {
        var s = await ConversationAsync();
        var client = await ParticipantAsync(s.Process);
        var statement = await StatementAsync(client, s, "Remote participation should be funded.");

        await (await VoteAsync(client, s, statement, "abstain")).ProblemAsync(HttpStatusCode.BadRequest, "choice");
        await (await VoteAsync(client, s, statement, "")).ProblemAsync(HttpStatusCode.BadRequest, "choice");
        await (await client.PostAsJsonAsync($"{s.Url}/statements", new { text = new string('x', Statement.TextMax + 1) })).ProblemAsync(HttpStatusCode.BadRequest, "text");
        await (await VoteAsync(client, s, 424242, "agree")).ProblemAsync(HttpStatusCode.NotFound);
        await (await s.Convener.PutAsJsonAsync($"{s.Url}/statements/{statement}/status", new { status = "maybe" })).ProblemAsync(HttpStatusCode.BadRequest, "status");
        await (await s.Convener.PostAsJsonAsync($"/api/processes/{s.Process.Id()}/conversations", new { title = "T", moderation = "never" })).ProblemAsync(HttpStatusCode.BadRequest, "moderation");

        await (await s.Convener.PostAsync($"{s.Url}/close", null)).JsonAsync(HttpStatusCode.OK);
        await (await VoteAsync(client, s, statement, "agree")).ProblemAsync(HttpStatusCode.Conflict);
        await (await client.PostAsJsonAsync($"{s.Url}/statements", new { text = "Too late." })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(0, await app.WithDbAsync(db => db.StatementVotes.CountAsync(v => v.StatementId == statement)));
    }

    [Fact]
    public async Task Statements_moderated_before_are_not_voted_on_until_approved_and_only_moderators_approve()
    {
        var s = await ConversationAsync("before");
        var author = await ParticipantAsync(s.Process);
        var statement = await (await author.PostAsJsonAsync($"{s.Url}/statements", new { text = "Sessions should be recorded." })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("pending", statement.GetProperty("status").GetString());

        await (await VoteAsync(author, s, statement.Id(), "agree")).ProblemAsync(HttpStatusCode.NotFound);
        await (await author.PutAsJsonAsync($"{s.Url}/statements/{statement.Id()}/status", new { status = "approved" })).ProblemAsync(HttpStatusCode.Forbidden);

        var (moderator, email) = await app.SignedInAsync();
        await (await s.Convener.PostAsJsonAsync($"/api/processes/{s.Process.Id()}/roles", new { email, role = "Moderator" })).JsonAsync(HttpStatusCode.OK);
        var approved = await (await moderator.PutAsJsonAsync($"{s.Url}/statements/{statement.Id()}/status", new { status = "approved" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        await (await VoteAsync(author, s, statement.Id(), "agree")).JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Writing_needs_an_account_and_a_place_in_the_process()
    {
        var s = await ConversationAsync();
        var participant = await ParticipantAsync(s.Process);
        var statement = await StatementAsync(participant, s, "Decisions need every stakeholder group.");
        var (outsider, _) = await app.SignedInAsync();
        var anonymous = app.Anonymous();

        await (await VoteAsync(anonymous, s, statement, "agree")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await VoteAsync(outsider, s, statement, "agree")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await outsider.PostAsJsonAsync($"{s.Url}/statements", new { text = "Hello." })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await anonymous.PostAsJsonAsync($"{s.Url}/statements", new { text = "Hello." })).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await participant.PutAsJsonAsync($"{s.Url}/statements/{statement}/status", new { status = "rejected" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await participant.PostAsJsonAsync($"/api/processes/{s.Process.Id()}/conversations", new { title = "Mine" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await participant.PostAsync($"{s.Url}/close", null)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await anonymous.PostAsJsonAsync($"/api/processes/{s.Process.Id()}/conversations", new { title = "Mine" })).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Two_hundred_parallel_votes_of_one_account_on_one_statement_store_one_row()
    {
        var s = await ConversationAsync();
        var client = await ParticipantAsync(s.Process);
        var statement = await StatementAsync(client, s, "The IGF should produce recommendations.");
        var start = new TaskCompletionSource();
        var tasks = Enumerable.Range(0, 200).Select(async _ =>
        {
            await start.Task;
            return await VoteAsync(client, s, statement, "agree");
        }).ToList();
        start.SetResult();
        var responses = await Task.WhenAll(tasks);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, await app.WithDbAsync(db => db.StatementVotes.CountAsync(v => v.StatementId == statement)));
        Assert.Equal(1, await app.WithDbAsync(db => db.Record.CountAsync(e => e.ProcessId == s.Process.Id() && e.Action == "conversation.voted")));
    }

    [Fact]
    public async Task The_report_finds_planted_opinion_groups_and_a_statement_that_bridges_them()
    {
        var s = await ConversationAsync();
        var author = await ParticipantAsync(s.Process);
        var bridging = await StatementAsync(author, s, "Everyone should be able to take part remotely.");
        var split = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            split.Add(await StatementAsync(author, s, $"Divisive proposal number {i + 1}."));
        }

        // Two planted camps, each mixing stakeholder groups; both agree with the bridging statement.
        string[] groups = ["Civil society", "Government", "Private sector", "Technical community"];
        for (var p = 0; p < 12; p++)
        {
            var client = await ParticipantAsync(s.Process, groups[p % groups.Length], p % 2 == 0 ? "Africa" : "Europe");
            await (await VoteAsync(client, s, bridging, "agree")).JsonAsync(HttpStatusCode.OK);
            for (var i = 0; i < split.Count; i++)
            {
                var camp = p < 6;
                // Each participant passes on one statement, so that no two sit at the same place on the map.
                var choice = i == p % split.Count ? "pass" : (i % 2 == 0) == camp ? "agree" : "disagree";
                await (await VoteAsync(client, s, split[i], choice)).JsonAsync(HttpStatusCode.OK);
            }
        }

        // Computed now from every stored vote; the background worker may have cached an earlier state, which this replaces.
        var map = await app.Services.GetRequiredService<ConversationAnalyses>().RefreshAsync(s.ConversationId, CancellationToken.None);
        var report = ConversationReport.From(map);

        Assert.Equal(2, report.Groups.Count);
        Assert.All(report.Groups, g => Assert.Equal(6, g.Size));
        Assert.Equal(6, report.Groups.Sum(g => g.ByRegion.GetValueOrDefault(s.Process.RegionId("Africa"))));
        var top = report.Statements.First(x => x.Kind == "bridging");
        Assert.Equal(bridging, top.StatementId);
        Assert.Contains(top.Rates, r => r.Kind == "stakeholder" && r.Group == s.Process.GroupId("Government"));
        Assert.Contains(top.Rates, r => r.Kind == "opinion");

        var json = await (await app.Anonymous().GetAsync($"{s.Url}/report")).JsonAsync(HttpStatusCode.OK);
        Assert.True(json.GetProperty("votes").GetInt32() > 0);
        var csv = await (await app.Anonymous().GetAsync($"{s.Url}/report.csv")).Content.ReadAsStringAsync();
        Assert.StartsWith("kind,opinion_group,statement_id", csv);
        await (await app.Anonymous().GetAsync($"/api/processes/{s.Process.Id()}/conversations/424242/report")).ProblemAsync(HttpStatusCode.NotFound);

        var response = await app.Anonymous().GetAsync($"/processes/{s.Process.Id()}/conversations/{s.ConversationId}");
        var page = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, page);
        Assert.Contains("Bridging statements", page);
        Assert.Contains("<svg class=\"opinion-map\"", page);
        Assert.Contains("What should the IGF keep?", page);
        Assert.Contains("Sign in to vote.", page);
    }

    [Fact]
    public async Task The_voting_page_serves_the_statement_with_fewest_votes_first()
    {
        var s = await ConversationAsync();
        var author = await ParticipantAsync(s.Process);
        var first = await StatementAsync(author, s, "First statement, already voted on.");
        await StatementAsync(author, s, "Second statement, not voted on yet.");
        var other = await ParticipantAsync(s.Process, "Government", "Europe");
        await (await VoteAsync(other, s, first, "agree")).JsonAsync(HttpStatusCode.OK);

        var response = await author.GetAsync($"/processes/{s.Process.Id()}/conversations/{s.ConversationId}");
        var page = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, page);

        Assert.Contains("Second statement, not voted on yet.", page);
        Assert.DoesNotContain("First statement, already voted on.", page);
    }

    [Fact]
    public async Task Without_javascript_a_participant_votes_with_the_three_buttons_and_a_moderator_approves()
    {
        var s = await ConversationAsync("before");
        var (api, email) = await app.SignedInAsync();
        await (await api.JoinAsync(s.Process, "Academia", "Europe")).JsonAsync(HttpStatusCode.Created);
        var pending = await (await api.PostAsJsonAsync($"{s.Url}/statements", new { text = "Transcripts should be published within a day." })).JsonAsync(HttpStatusCode.Created);
        var browser = await app.BrowserSignedInAsync(email);
        var url = $"/processes/{s.Process.Id()}/conversations/{s.ConversationId}";

        // Only the moderator sees the pending statement; approving it through the form shows it to voters.
        var moderator = await app.BrowserSignedInAsync(s.ConvenerEmail);
        Assert.DoesNotContain("Approve", await browser.GetStringAsync(url));
        var approve = await AppFactory.FormAsync(moderator, url);
        approve["statementId"] = pending.Id().ToString();
        approve["status"] = "approved";
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.PostAsync($"{url}?handler=Moderate", new FormUrlEncodedContent(approve))).StatusCode);

        var page = await browser.GetStringAsync(url);
        Assert.Contains("Transcripts should be published within a day.", page);
        Assert.Contains("value=\"agree\"", page);
        var form = await AppFactory.FormAsync(browser, url);
        form["statementId"] = pending.Id().ToString();
        form["choice"] = "maybe";
        var refused = await browser.PostAsync($"{url}?handler=Vote", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("A vote is agree, disagree or pass.", await refused.Content.ReadAsStringAsync());
        form["choice"] = "disagree";
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync($"{url}?handler=Vote", new FormUrlEncodedContent(form))).StatusCode);

        var vote = await app.WithDbAsync(db => db.StatementVotes.SingleAsync(v => v.StatementId == pending.Id()));
        Assert.Equal(VoteChoice.Disagree, vote.Choice);
        Assert.Contains("You have voted on every statement.", await browser.GetStringAsync(url));
    }

    [Fact]
    public async Task A_page_following_the_conversation_hears_each_recomputed_map()
    {
        var s = await ConversationAsync();
        var voter = await ParticipantAsync(s.Process);
        var statement = await StatementAsync(voter, s, "Every stakeholder group should chair a session.");
        await using var page = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/conversations"), o =>
            {
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        var received = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        page.On<JsonElement>("MapChanged", m =>
        {
            if (m.GetProperty("votes").GetInt32() == 1)
            {
                received.TrySetResult(m);
            }
        });
        await page.StartAsync();
        var joined = await page.InvokeAsync<JsonElement>("Join", s.Process.Id(), s.ConversationId);

        await (await VoteAsync(voter, s, statement, "agree")).JsonAsync(HttpStatusCode.OK);
        var live = await received.Task.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, joined.GetProperty("votes").GetInt32());
        Assert.Equal(s.ConversationId, live.GetProperty("conversationId").GetInt32());
        Assert.Equal(1, live.GetProperty("statements").GetInt32());
        var missing = await Assert.ThrowsAsync<HubException>(() => page.InvokeAsync<JsonElement>("Join", s.Process.Id(), 424242));
        Assert.Contains("404", missing.Message);
        var elsewhere = await (await app.AdministratorAsync()).Client.CreateProcessAsync("Another process");
        var wrongProcess = await Assert.ThrowsAsync<HubException>(() => page.InvokeAsync<JsonElement>("Join", elsewhere.Id(), s.ConversationId));
        Assert.Contains("404", wrongProcess.Message);
        Assert.Contains("reload the page", await app.Anonymous().GetStringAsync($"/processes/{s.Process.Id()}/conversations/{s.ConversationId}"));
    }

    [Fact]
    public async Task Conveners_start_and_close_a_conversation_with_forms_and_others_cannot()
    {
        var (admin, adminEmail) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        var convener = await app.BrowserSignedInAsync(adminEmail);
        var start = $"/processes/{process.Id()}/conversations/new";
        Assert.Contains($"href=\"{start}\"", await convener.GetStringAsync($"/processes/{process.Id()}"));

        // Bad input: the form comes back with the message, nothing is started.
        var form = await AppFactory.FormAsync(convener, start);
        form["Form.Title"] = "";
        form["Form.Moderation"] = "after";
        var empty = await convener.PostAsync(start, new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("aria-invalid=\"true\"", await empty.Content.ReadAsStringAsync());
        form["Form.Title"] = "What should the IGF keep?";
        form["Form.Moderation"] = "never";
        var never = await convener.PostAsync(start, new FormUrlEncodedContent(form));
        Assert.Contains("Moderation is before or after.", await never.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.Conversations.CountAsync(c => c.ProcessId == process.Id())));

        form["Form.Moderation"] = "after";
        var started = await convener.PostAsync(start, new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var conversation = await app.WithDbAsync(db => db.Conversations.SingleAsync(c => c.ProcessId == process.Id()));
        Assert.Equal(StatementModeration.After, conversation.Moderation);
        var page = $"/processes/{process.Id()}/conversations/{conversation.Id}";
        Assert.Equal(page, started.Headers.Location?.OriginalString);

        // Authorisation: a participant neither sees nor uses the forms; an anonymous visitor is sent to sign in.
        var (participantApi, participantEmail) = await app.SignedInAsync();
        await (await participantApi.JoinAsync(process, "Civil society", "Africa")).JsonAsync(HttpStatusCode.Created);
        var participant = await app.BrowserSignedInAsync(participantEmail);
        Assert.StartsWith("/account/access-denied", (await participant.GetAsync(start)).Headers.Location?.PathAndQuery);
        var participantForm = await AppFactory.FormAsync(participant, page);
        Assert.DoesNotContain("handler=Close", await participant.GetStringAsync(page));
        participantForm["Form.Title"] = "Mine";
        Assert.StartsWith("/account/access-denied", (await participant.PostAsync(start, new FormUrlEncodedContent(participantForm))).Headers.Location?.PathAndQuery);
        Assert.Equal(HttpStatusCode.Forbidden, (await participant.PostAsync($"{page}?handler=Close", new FormUrlEncodedContent(participantForm))).StatusCode);
        var anonymous = app.Anonymous();
        Assert.StartsWith("/account/login", (await anonymous.GetAsync(start)).Headers.Location?.PathAndQuery);
        Assert.True(await app.WithDbAsync(db => db.Conversations.Where(c => c.Id == conversation.Id).Select(c => c.ClosedAt == null).SingleAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.Conversations.CountAsync(c => c.ProcessId == process.Id())));

        var close = await AppFactory.FormAsync(convener, page);
        Assert.Equal(HttpStatusCode.Redirect, (await convener.PostAsync($"{page}?handler=Close", new FormUrlEncodedContent(close))).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Conversations.Where(c => c.Id == conversation.Id).Select(c => c.ClosedAt == null).SingleAsync()));
        Assert.DoesNotContain("handler=Close", await convener.GetStringAsync(page));
        // Closing again is a conflict, shown on the page.
        Assert.Equal(HttpStatusCode.Conflict, (await convener.PostAsync($"{page}?handler=Close", new FormUrlEncodedContent(close))).StatusCode);
    }
}

public sealed class ConversationApiOnSqlite(SqliteApp app) : ConversationApiTests(app), IClassFixture<SqliteApp>;

public sealed class ConversationApiOnPostgres(PostgresApp app) : ConversationApiTests(app), IClassFixture<PostgresApp>;
