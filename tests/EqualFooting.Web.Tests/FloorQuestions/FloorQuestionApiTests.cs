using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EqualFooting.Web.Tests.Infrastructure;
using EqualFooting.Web.Tests.Sessions;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Tests.FloorQuestions;

public abstract class FloorQuestionApiTests(AppFactory app)
{
    private static async Task<int> AskAsync(SessionScenario s, HttpClient asker, string text) =>
        (await (await asker.PostAsJsonAsync($"/api/processes/{s.Process.Id()}/questions", new { text, sessionId = s.SessionId })).JsonAsync(HttpStatusCode.Created)).Id();

    private async Task<List<JsonElement>> ListAsync(SessionScenario s, string order = "votes", HttpClient? reader = null) =>
        [.. (await (await (reader ?? app.Anonymous()).GetAsync($"/api/processes/{s.Process.Id()}/questions?session={s.SessionId}&order={order}")).JsonAsync(HttpStatusCode.OK)).EnumerateArray()];

    [Fact]
    public async Task Questions_are_upvoted_once_each_split_by_group_merged_and_answered_by_an_intervention()
    {
        var s = await SessionScenario.StartAsync(app);
        var amara = await s.ParticipantAsync("Amara", "Civil society", "Africa");
        var bea = await s.ParticipantAsync("Bea", "Civil society", "Europe");
        var gov = await s.ParticipantAsync("Gunnar", "Government", "Europe");
        var first = await AskAsync(s, amara, "Who will hold the IANA functions operator to account?");
        var duplicate = await AskAsync(s, gov, "Accountability of the IANA operator: who holds it?");
        var other = await AskAsync(s, gov, "When is the next open consultation?");

        await (await bea.PostAsync($"/api/questions/{first}/votes", null)).JsonAsync(HttpStatusCode.OK);
        var again = await (await bea.PostAsync($"/api/questions/{first}/votes", null)).JsonAsync(HttpStatusCode.OK);
        await (await amara.PostAsync($"/api/questions/{first}/votes", null)).JsonAsync(HttpStatusCode.OK);
        await (await gov.PostAsync($"/api/questions/{duplicate}/votes", null)).JsonAsync(HttpStatusCode.OK);
        await (await bea.PostAsync($"/api/questions/{duplicate}/votes", null)).JsonAsync(HttpStatusCode.OK);
        await (await gov.PostAsync($"/api/questions/{other}/votes", null)).JsonAsync(HttpStatusCode.OK);
        await (await s.Moderator.PostAsJsonAsync($"/api/questions/{duplicate}/merge", new { into = first })).JsonAsync(HttpStatusCode.OK);
        var list = await ListAsync(s);

        Assert.False(again.GetProperty("added").GetBoolean());
        Assert.Equal([first, other], list.Select(q => q.Id()));
        var top = list[0];
        Assert.Equal(3, top.GetProperty("votes").GetInt32());
        Assert.Equal([("Civil society", 2), ("Government", 1)], top.GetProperty("votesByStakeholderGroup").EnumerateArray().Select(g => (g.GetProperty("stakeholderGroup").GetString(), g.GetProperty("votes").GetInt32())).OrderBy(g => g.Item1));
        Assert.Equal([duplicate], top.GetProperty("duplicates").EnumerateArray().Select(d => d.GetInt32()));
        Assert.Equal(2, await app.WithDbAsync(db => db.QuestionVotes.CountAsync(v => v.QuestionId == first)));

        var balanced = await ListAsync(s, "balanced");
        Assert.Equal([first, other], balanced.Select(q => q.Id()));

        // The intervention that answers: Amara has the floor, number 1 of this session.
        await s.RaiseAsync(amara);
        await (await s.Moderator.PostAsync($"{s.Url}/floor", null)).JsonAsync(HttpStatusCode.OK);
        var elsewhere = await SessionScenario.StartAsync(app);
        await (await s.Moderator.PutAsJsonAsync($"/api/questions/{first}/answer", new { sessionId = elsewhere.SessionId, intervention = 1 })).ProblemAsync(HttpStatusCode.BadRequest, "intervention");
        await (await s.Moderator.PutAsJsonAsync($"/api/questions/{first}/answer", new { intervention = 99 })).ProblemAsync(HttpStatusCode.BadRequest, "intervention");
        await (await s.Moderator.PutAsJsonAsync($"/api/questions/{first}/answer", new { intervention = 1 })).JsonAsync(HttpStatusCode.OK);
        var answered = (await ListAsync(s)).Single(q => q.Id() == first);

        Assert.Equal("Answered", answered.GetProperty("status").GetString());
        Assert.Equal(1, answered.GetProperty("answeredBy").GetProperty("intervention").GetInt64());
        Assert.Equal(s.SessionId, answered.GetProperty("answeredBy").GetProperty("sessionId").GetInt32());
        Assert.Equal(1, await app.WithDbAsync(db => db.Record.CountAsync(r => r.ProcessId == s.Process.Id() && r.Action == "question.answered")));
    }

    [Fact]
    public async Task The_link_of_an_answered_question_reaches_its_intervention_on_the_session_page()
    {
        var s = await SessionScenario.StartAsync(app);
        var amara = await s.ParticipantAsync("Amara", "Civil society", "Africa");
        var gunnar = await s.ParticipantAsync("Gunnar", "Government", "Europe");
        var question = await AskAsync(s, amara, "Who will hold the IANA functions operator to account?");
        await s.RaiseAsync(amara);
        await (await s.Moderator.PostAsync($"{s.Url}/floor", null)).JsonAsync(HttpStatusCode.OK);
        await (await s.Moderator.PostAsync($"{s.Url}/floor/end", null)).JsonAsync(HttpStatusCode.OK);
        await s.RaiseAsync(gunnar);
        await (await s.Moderator.PostAsync($"{s.Url}/floor", null)).JsonAsync(HttpStatusCode.OK);
        await (await s.Moderator.PutAsJsonAsync($"/api/questions/{question}/answer", new { intervention = 2 })).JsonAsync(HttpStatusCode.OK);
        var link = (await ListAsync(s)).Single(q => q.Id() == question).GetProperty("answeredBy").GetProperty("url").GetString()!;
        var page = await app.Anonymous().GetStringAsync(link[..link.IndexOf('#', StringComparison.Ordinal)]);
        using var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(page);

        Assert.Equal($"/sessions/{s.SessionId}#intervention-2", link);
        var target = document.GetElementById("intervention-2");
        Assert.NotNull(target);
        Assert.Contains("Gunnar", target.TextContent, StringComparison.Ordinal);
        Assert.Contains("Government", target.TextContent, StringComparison.Ordinal);
        Assert.Contains("Amara", document.GetElementById("intervention-1")?.TextContent, StringComparison.Ordinal);
        Assert.Null(document.GetElementById("intervention-3"));
    }

    [Fact]
    public async Task Bad_input_and_authorisation_are_refused()
    {
        var s = await SessionScenario.StartAsync(app);
        var amara = await s.ParticipantAsync("Amara", "Civil society", "Africa");
        var (outsider, _) = await app.SignedInAsync("Olu");
        var q = await AskAsync(s, amara, "A question?");
        var url = $"/api/processes/{s.Process.Id()}/questions";

        await (await amara.PostAsJsonAsync(url, new { text = " " })).ProblemAsync(HttpStatusCode.BadRequest, "text");
        await (await amara.PostAsJsonAsync(url, new { text = "Q", sessionId = 424242 })).ProblemAsync(HttpStatusCode.BadRequest, "sessionId");
        await (await outsider.PostAsJsonAsync(url, new { text = "Q" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await app.Anonymous().PostAsJsonAsync(url, new { text = "Q" })).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await outsider.PostAsync($"/api/questions/{q}/votes", null)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await amara.PostAsync("/api/questions/424242/votes", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await amara.PostAsync($"/api/questions/{q}/hold", null)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await amara.PostAsJsonAsync($"/api/questions/{q}/merge", new { into = q })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await s.Moderator.PostAsJsonAsync($"/api/questions/{q}/merge", new { into = q })).ProblemAsync(HttpStatusCode.BadRequest, "into");
        await (await amara.PutAsJsonAsync($"/api/questions/{q}/answer", new { intervention = 1 })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await app.Anonymous().GetAsync($"{url}?order=loudest")).ProblemAsync(HttpStatusCode.BadRequest, "order");

        await (await s.Moderator.PostAsync($"/api/questions/{q}/hold", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Empty(await ListAsync(s));
        Assert.Single(await ListAsync(s, reader: s.Moderator));
        await (await amara.PostAsync($"/api/questions/{q}/votes", null)).ProblemAsync(HttpStatusCode.Conflict);
        await (await s.Moderator.PostAsync($"/api/questions/{q}/approve", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Single(await ListAsync(s));
    }

    [Fact]
    public async Task Parallel_upvotes_from_one_account_store_one_vote()
    {
        var s = await SessionScenario.StartAsync(app);
        var amara = await s.ParticipantAsync("Amara", "Civil society", "Africa");
        var q = await AskAsync(s, amara, "A question?");

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => amara.PostAsync($"/api/questions/{q}/votes", null)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, await app.WithDbAsync(db => db.QuestionVotes.CountAsync(v => v.QuestionId == q)));
    }
}

public sealed class FloorQuestionApiOnSqlite(SqliteApp app) : FloorQuestionApiTests(app), IClassFixture<SqliteApp>;

public sealed class FloorQuestionApiOnPostgres(PostgresApp app) : FloorQuestionApiTests(app), IClassFixture<PostgresApp>;
