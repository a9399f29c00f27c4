using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EqualFooting.Web.Tests.Infrastructure;
using EqualFooting.Web.Tests.Sessions;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Tests.Assessments;

public abstract class GridApiTests(AppFactory app)
{
    private static async Task<JsonElement> CreateAsync(SessionScenario s, object? request = null) =>
        await (await s.Moderator.PostAsJsonAsync($"/api/processes/{s.Process.Id()}/grids", request ?? new { title = "ATLAS II", template = "atlas2", anonymous = false })).JsonAsync(HttpStatusCode.Created);

    private static Task<HttpResponseMessage> AnswerAsync(HttpClient who, JsonElement grid, params object[] answers) =>
        who.PutAsJsonAsync($"/api/grids/{grid.Id()}/answers", new { answers });

    private async Task<JsonElement> ResultsAsync(JsonElement grid, string rows = "Regions") =>
        await (await app.Anonymous().GetAsync($"/api/grids/{grid.Id()}?rows={rows}")).JsonAsync(HttpStatusCode.OK);

    private static JsonElement Row(JsonElement results, string name) =>
        results.GetProperty("table").EnumerateArray().Single(r => r.GetProperty("name").GetString() == name);

    private static JsonElement Cell(JsonElement results, string row, int question) => Row(results, row).GetProperty("cells")[question];

    [Fact]
    public async Task The_table_gives_each_region_and_question_its_statistics_flags_divided_cells_and_puts_consensus_beside()
    {
        var s = await SessionScenario.StartAsync(app);
        var people = new Dictionary<string, HttpClient>();
        foreach (var (name, group, region) in new[] { ("Amara", "Civil society", "Africa"), ("Kwame", "Technical community", "Africa"), ("Zola", "Government", "Africa"), ("Ingrid", "Government", "Europe") })
        {
            people[name] = await s.ParticipantAsync(name, group, region);
        }

        var round = await (await s.Moderator.PostAsJsonAsync($"{s.Url}/breakouts", new { title = "By region", questions = new[] { "The six questions" }, strategy = "ByRegion" })).JsonAsync(HttpStatusCode.Created);
        var grid = await CreateAsync(s, new { title = "ATLAS II", template = "atlas2", anonymous = false, breakoutId = round.Id() });
        await (await AnswerAsync(people["Amara"], grid, new { question = 0, rating = 1, comment = "Invited, then ignored." }, new { question = 1, rating = 2 })).JsonAsync(HttpStatusCode.OK);
        await (await AnswerAsync(people["Kwame"], grid, new { question = 0, rating = 5 })).JsonAsync(HttpStatusCode.OK);
        await (await AnswerAsync(people["Zola"], grid, new { question = 0, rating = 4 })).JsonAsync(HttpStatusCode.OK);
        await (await AnswerAsync(people["Ingrid"], grid, new { question = 0, rating = 3 })).JsonAsync(HttpStatusCode.OK);
        var changed = await (await AnswerAsync(people["Amara"], grid, new { question = 0, rating = 1, comment = "Invited, then ignored." }, new { question = 1, rating = 3 })).JsonAsync(HttpStatusCode.OK);

        var africa = round.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("name").GetString() == "Africa");
        var rapporteur = people[africa.GetProperty("rapporteur").GetProperty("name").GetString()!];
        var notRapporteur = people.Where(p => p.Value != rapporteur && p.Key != "Ingrid").Select(p => p.Value).First();
        var consensusUrl = $"/api/grids/{grid.Id()}/groups/{africa.GetProperty("number").GetInt32()}/consensus";
        await (await notRapporteur.PutAsJsonAsync(consensusUrl, new { values = new[] { new { question = 0, rating = 3 } } })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await rapporteur.PutAsJsonAsync(consensusUrl, new { values = new object[] { new { question = 0, rating = 3, note = "We could not agree between 1 and 5; 3 is the middle." }, new { question = 5, rating = 4 } } })).JsonAsync(HttpStatusCode.OK);
        await (await rapporteur.PutAsJsonAsync($"/api/grids/{grid.Id()}/groups/99/consensus", new { values = new[] { new { question = 0, rating = 3 } } })).ProblemAsync(HttpStatusCode.NotFound);

        var results = await ResultsAsync(grid);
        var byGroup = await ResultsAsync(grid, "StakeholderGroups");
        var first = Cell(results, "Africa", 0);

        Assert.Equal(2, changed.GetArrayLength());
        Assert.Equal(4, results.GetProperty("participants").GetInt32());
        Assert.Equal(["Africa", "Europe"], results.GetProperty("table").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(3, first.GetProperty("n").GetInt32());
        Assert.Equal(3.33, first.GetProperty("mean").GetDouble());
        Assert.Equal(4, first.GetProperty("median").GetDouble());
        Assert.Equal(2, first.GetProperty("iqr").GetDouble());
        Assert.Equal(2.08, first.GetProperty("standardDeviation").GetDouble());
        Assert.True(first.GetProperty("divided").GetBoolean());
        Assert.False(Cell(results, "Europe", 0).GetProperty("divided").GetBoolean());
        Assert.Equal(3.0, Row(results, "Africa").GetProperty("consensus")[0].GetProperty("mean").GetDouble());
        Assert.Equal(4.0, Row(results, "Africa").GetProperty("consensus")[5].GetProperty("mean").GetDouble());
        Assert.False(Row(results, "Europe").TryGetProperty("consensus", out _));
        Assert.Equal(4, results.GetProperty("overall")[0].GetProperty("n").GetInt32());
        Assert.Equal("We could not agree between 1 and 5; 3 is the middle.", results.GetProperty("consensus")[0].GetProperty("note").GetString());
        var comment = results.GetProperty("comments").EnumerateArray().Single();
        Assert.Equal("Invited, then ignored.", comment.GetProperty("comment").GetString());
        Assert.Equal("Amara", comment.GetProperty("name").GetString());
        Assert.Equal(2, Cell(byGroup, "Government", 0).GetProperty("n").GetInt32());
        Assert.Equal(3.5, Cell(byGroup, "Government", 0).GetProperty("mean").GetDouble());

        var csv = await app.Anonymous().GetAsync($"/api/grids/{grid.Id()}/results.csv");
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("region,question_number,question,n,mean,median,q1,q3,iqr,sd,divided,hidden,consensus_n,consensus_mean\r\n", text);
        Assert.Contains("Africa,1,Do governments in your region include outside groups in identifying issues and holding discussions?,3,3.33,4,2.5,4.5,2,2.08,true,false,1,3\r\n", text);
        Assert.Equal(5, await app.WithDbAsync(db => db.GridAnswers.CountAsync(a => a.GridId == grid.Id())));
        Assert.Equal(5, await app.WithDbAsync(db => db.Record.CountAsync(r => r.ProcessId == s.Process.Id() && r.Action == "grid.answered")));
        Assert.Equal(1, await app.WithDbAsync(db => db.Record.CountAsync(r => r.ProcessId == s.Process.Id() && r.Action == "grid.consensus-entered")));
    }

    [Fact]
    public async Task In_an_anonymous_grid_cells_under_the_minimum_size_are_hidden_with_their_comments()
    {
        var s = await SessionScenario.StartAsync(app);
        var grid = await CreateAsync(s, new { title = "Anonymous", questions = new[] { "Are stakeholder groups segregated?" } });
        foreach (var (name, region) in new[] { ("A", "Africa"), ("B", "Africa"), ("C", "Africa"), ("D", "Europe") })
        {
            var who = await s.ParticipantAsync(name, "Civil society", region);
            await (await AnswerAsync(who, grid, new { question = 0, rating = 2, comment = "From " + name })).JsonAsync(HttpStatusCode.OK);
        }

        var results = await ResultsAsync(grid);
        var csv = await (await app.Anonymous().GetAsync($"/api/grids/{grid.Id()}/results.csv")).Content.ReadAsStringAsync();

        Assert.Equal(3, results.GetProperty("minimumCell").GetInt32());
        Assert.False(Cell(results, "Africa", 0).GetProperty("hidden").GetBoolean());
        var europe = Cell(results, "Europe", 0);
        Assert.True(europe.GetProperty("hidden").GetBoolean());
        Assert.Equal(1, europe.GetProperty("n").GetInt32());
        Assert.False(europe.TryGetProperty("mean", out _));
        Assert.Equal(["From A", "From B", "From C"], results.GetProperty("comments").EnumerateArray().Select(c => c.GetProperty("comment").GetString()).Order());
        Assert.All(results.GetProperty("comments").EnumerateArray(), c => Assert.False(c.TryGetProperty("name", out _)));
        Assert.Contains("Europe,1,Are stakeholder groups segregated?,1,,,,,,,false,true,0,\r\n", csv);
        Assert.DoesNotContain("From D", results.ToString());
    }

    [Fact]
    public async Task Bad_input_a_closed_grid_and_outsiders_are_refused_with_their_status()
    {
        var s = await SessionScenario.StartAsync(app);
        var voter = await s.ParticipantAsync("Amara", "Civil society", "Africa");
        var (outsider, _) = await app.SignedInAsync("Olu");
        var grid = await CreateAsync(s);
        var url = $"/api/processes/{s.Process.Id()}/grids";

        await (await AnswerAsync(voter, grid, new { question = 0, rating = 6 })).ProblemAsync(HttpStatusCode.BadRequest, "rating");
        await (await AnswerAsync(voter, grid, new { question = 0, rating = -1 })).ProblemAsync(HttpStatusCode.BadRequest, "rating");
        await (await AnswerAsync(voter, grid, new { question = 6, rating = 3 })).ProblemAsync(HttpStatusCode.BadRequest, "question");
        await (await AnswerAsync(voter, grid, new { question = 0, rating = 3 }, new { question = 0, rating = 2 })).ProblemAsync(HttpStatusCode.BadRequest, "question");
        await (await AnswerAsync(voter, grid)).ProblemAsync(HttpStatusCode.BadRequest, "answers");
        await (await AnswerAsync(voter, grid, new { question = 0, rating = 3, comment = new string('x', 2001) })).ProblemAsync(HttpStatusCode.BadRequest, "comment");
        await (await voter.PutAsync($"/api/grids/{grid.Id()}/answers", new StringContent("{\"answers\":[{\"question\":0,\"rating\":\"high\"}]}", System.Text.Encoding.UTF8, "application/json"))).ProblemAsync(HttpStatusCode.BadRequest);
        await (await AnswerAsync(outsider, grid, new { question = 0, rating = 3 })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await AnswerAsync(app.Anonymous(), grid, new { question = 0, rating = 3 })).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await voter.PutAsJsonAsync("/api/grids/424242/answers", new { answers = new[] { new { question = 0, rating = 3 } } })).ProblemAsync(HttpStatusCode.NotFound);
        await (await s.Moderator.PostAsJsonAsync(url, new { title = "", template = "atlas2" })).ProblemAsync(HttpStatusCode.BadRequest, "title");
        await (await s.Moderator.PostAsJsonAsync(url, new { title = "T" })).ProblemAsync(HttpStatusCode.BadRequest, "questions");
        await (await s.Moderator.PostAsJsonAsync(url, new { title = "T", template = "atlas2", scaleMin = 3 })).ProblemAsync(HttpStatusCode.BadRequest, "scaleMin");
        await (await s.Moderator.PostAsJsonAsync(url, new { title = "T", template = "atlas2", dividedAt = 0 })).ProblemAsync(HttpStatusCode.BadRequest, "dividedAt");
        await (await s.Moderator.PostAsJsonAsync(url, new { title = "T", template = "atlas2", breakoutId = 424242 })).ProblemAsync(HttpStatusCode.BadRequest, "breakoutId");
        await (await voter.PostAsJsonAsync(url, new { title = "T", template = "atlas2" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await app.Anonymous().PostAsJsonAsync(url, new { title = "T", template = "atlas2" })).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await voter.PostAsync($"/api/grids/{grid.Id()}/close", null)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await voter.PostAsJsonAsync($"/api/grids/{grid.Id()}/rounds", new { })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await voter.PutAsJsonAsync($"/api/grids/{grid.Id()}/groups/1/consensus", new { values = new[] { new { question = 0, rating = 3 } } })).ProblemAsync(HttpStatusCode.NotFound);
        await (await app.Anonymous().GetAsync($"/api/grids/{grid.Id()}?rows=Tables")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await app.Anonymous().GetAsync($"/api/grids/{grid.Id()}/comparison")).ProblemAsync(HttpStatusCode.NotFound);

        await (await s.Moderator.PostAsync($"/api/grids/{grid.Id()}/close", null)).JsonAsync(HttpStatusCode.OK);
        await (await AnswerAsync(voter, grid, new { question = 0, rating = 3 })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(0, await app.WithDbAsync(db => db.GridAnswers.CountAsync(a => a.GridId == grid.Id())));
        Assert.Equal(1, await app.WithDbAsync(db => db.Record.CountAsync(r => r.ProcessId == s.Process.Id() && r.Action == "grid.closed")));
    }

    [Fact]
    public async Task Parallel_double_submits_from_one_account_store_one_answer_per_question()
    {
        var s = await SessionScenario.StartAsync(app);
        var voter = await s.ParticipantAsync("Amara", "Civil society", "Africa");
        var grid = await CreateAsync(s);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => AnswerAsync(voter, grid, new { question = 0, rating = i % 2 }, new { question = 1, rating = 4 })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(2, await app.WithDbAsync(db => db.GridAnswers.CountAsync(a => a.GridId == grid.Id())));
        Assert.Equal(1, (await ResultsAsync(grid)).GetProperty("participants").GetInt32());
    }

    [Fact]
    public async Task A_grid_run_again_compares_each_cells_change_of_mean()
    {
        var s = await SessionScenario.StartAsync(app);
        var amara = await s.ParticipantAsync("Amara", "Civil society", "Africa");
        var ingrid = await s.ParticipantAsync("Ingrid", "Government", "Europe");
        var first = await CreateAsync(s);
        await (await AnswerAsync(amara, first, new { question = 0, rating = 1 })).JsonAsync(HttpStatusCode.OK);
        await (await AnswerAsync(ingrid, first, new { question = 0, rating = 4 })).JsonAsync(HttpStatusCode.OK);
        await (await s.Moderator.PostAsync($"/api/grids/{first.Id()}/close", null)).JsonAsync(HttpStatusCode.OK);

        var second = await (await s.Moderator.PostAsJsonAsync($"/api/grids/{first.Id()}/rounds", new { })).JsonAsync(HttpStatusCode.Created);
        await (await s.Moderator.PostAsJsonAsync($"/api/grids/{first.Id()}/rounds", new { })).ProblemAsync(HttpStatusCode.Conflict);
        await (await AnswerAsync(amara, second, new { question = 0, rating = 3 })).JsonAsync(HttpStatusCode.OK);
        await (await AnswerAsync(ingrid, second, new { question = 0, rating = 4 })).JsonAsync(HttpStatusCode.OK);
        var comparison = await (await app.Anonymous().GetAsync($"/api/grids/{second.Id()}/comparison")).JsonAsync(HttpStatusCode.OK);
        var changes = comparison.GetProperty("changes").EnumerateArray().Where(c => c.GetProperty("question").GetInt32() == 0).ToList();

        Assert.Equal(2, second.GetProperty("round").GetInt32());
        Assert.Equal(first.Id(), second.GetProperty("previousId").GetInt32());
        Assert.Equal(first.GetProperty("questions").ToString(), second.GetProperty("questions").ToString());
        Assert.Equal(["Africa", "Europe"], changes.Select(c => c.GetProperty("row").GetString()));
        Assert.Equal(2.0, changes[0].GetProperty("change").GetDouble());
        Assert.Equal(0.0, changes[1].GetProperty("change").GetDouble());
        Assert.Equal(second.Id(), (await ResultsAsync(first)).GetProperty("grid").GetProperty("nextId").GetInt32());
    }

    [Fact]
    public async Task The_pages_show_the_table_the_heatmap_and_take_answers_without_javascript()
    {
        var s = await SessionScenario.StartAsync(app);
        var (joiner, email) = await app.SignedInAsync("Amara");
        await (await joiner.JoinAsync(s.Process, "Civil society", "Africa")).JsonAsync(HttpStatusCode.Created);
        var amara = await app.BrowserSignedInAsync(email);
        var moderator = await app.BrowserSignedInAsync(s.ModeratorEmail);
        var grid = await CreateAsync(s);
        var url = $"/grids/{grid.Id()}";

        var html = await amara.GetStringAsync(url);
        var form = await AppFactory.FormAsync(amara, url);
        form["Ratings[0]"] = "9";
        var bad = await amara.PostAsync(url + "?handler=Answer", new FormUrlEncodedContent(form));
        form["Ratings[0]"] = "2";
        form["Comments[0]"] = "Only on paper.";
        var posted = await amara.PostAsync(url + "?handler=Answer", new FormUrlEncodedContent(form));
        var after = await app.Anonymous().GetStringAsync(url);
        var create = await moderator.GetAsync($"/processes/{s.Process.Id()}/grids/new");
        var refused = await amara.GetAsync($"/processes/{s.Process.Id()}/grids/new");
        var process = await app.Anonymous().GetStringAsync($"/processes/{s.Process.Id()}");

        Assert.Contains("name=\"Ratings[5]\"", html);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Give a rating from 0 to 5.", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("id=\"grid-heatmap\"", after);
        Assert.Contains("data-row=\"Africa\" data-question=\"1\"", after);
        Assert.Contains("id=\"grid-table\"", after);
        Assert.Contains("Only on paper.", after, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, create.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains($"/grids/{grid.Id()}", process);
    }
}

public sealed class GridApiOnSqlite(SqliteApp app) : GridApiTests(app), IClassFixture<SqliteApp>;

public sealed class GridApiOnPostgres(PostgresApp app) : GridApiTests(app), IClassFixture<PostgresApp>;
