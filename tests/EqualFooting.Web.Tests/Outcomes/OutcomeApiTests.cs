using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EqualFooting.Web.Tests.Infrastructure;
using EqualFooting.Web.Tests.Sessions;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Tests.Outcomes;

/// <summary>Outcomes through the API and pages: reports, messages, commitments, indicators and advice, with bad input and authorisation.</summary>
public abstract class OutcomeApiTests(AppFactory app)
{
    private async Task<(SessionScenario S, HttpClient Rapporteur, HttpClient Outsider)> ScenarioAsync()
    {
        var s = await SessionScenario.StartAsync(app);
        var (rapporteur, email) = await app.SignedInAsync("Fatima Cambronero");
        await (await s.Convener.PostAsJsonAsync($"/api/processes/{s.Process.Id()}/roles", new { email, role = "Rapporteur" })).JsonAsync(HttpStatusCode.OK);
        var outsider = await s.ParticipantAsync("Olivier Crepin-Leblond", "Civil society", "Europe");
        return (s, rapporteur, outsider);
    }

    private static object Report(JsonElement process, string summary = "Governments involve others in discussing, rarely in deciding.") => new
    {
        summary,
        mainIssues = "Inclusion in national processes",
        perspectives = new[] { new { stakeholderGroupId = process.GroupId("Government"), text = "Consultations exist but are late." }, new { stakeholderGroupId = process.GroupId("Civil society"), text = "Segregated tables." } },
        agreement = "Openness matters.",
        divergence = "Whether to measure it.",
        nextSteps = "Run the assessment again next year.",
    };

    [Fact]
    public async Task The_rapporteur_drafts_and_only_the_moderator_publishes_the_report()
    {
        var (s, rapporteur, outsider) = await ScenarioAsync();
        var url = $"/api/sessions/{s.SessionId}/report";

        await (await app.Anonymous().PutAsJsonAsync(url, Report(s.Process))).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await outsider.PutAsJsonAsync(url, Report(s.Process))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await rapporteur.PutAsJsonAsync(url, Report(s.Process, "  "))).ProblemAsync(HttpStatusCode.BadRequest, "summary");
        await (await rapporteur.PutAsJsonAsync(url, new { summary = "x", perspectives = new[] { new { stakeholderGroupId = 999_999, text = "?" } } })).ProblemAsync(HttpStatusCode.BadRequest, "perspectives[0].stakeholderGroupId");
        await (await s.Moderator.PostAsync($"{url}/publish", null)).ProblemAsync(HttpStatusCode.Conflict); // nothing drafted yet
        await (await app.Anonymous().PutAsJsonAsync("/api/sessions/999999/report", Report(s.Process))).ProblemAsync(HttpStatusCode.NotFound);

        await (await rapporteur.PutAsJsonAsync(url, Report(s.Process))).JsonAsync(HttpStatusCode.OK);
        await (await app.Anonymous().GetAsync(url)).ProblemAsync(HttpStatusCode.NotFound); // a draft is not public
        var draft = await (await rapporteur.GetAsync(url)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Draft", draft.GetProperty("report").GetProperty("status").GetString());

        await (await rapporteur.PostAsync($"{url}/publish", null)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await outsider.PostAsync($"{url}/publish", null)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await app.Anonymous().PostAsync($"{url}/publish", null)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await s.Moderator.PostAsync($"{url}/publish", null)).JsonAsync(HttpStatusCode.OK);
        await (await s.Moderator.PostAsync($"{url}/publish", null)).JsonAsync(HttpStatusCode.OK); // a second click changes nothing

        var published = await (await app.Anonymous().GetAsync(url)).JsonAsync(HttpStatusCode.OK);
        var report = published.GetProperty("report");
        Assert.Equal("Published", report.GetProperty("status").GetString());
        Assert.Equal(2, report.GetProperty("perspectives").GetArrayLength());
        var figures = published.GetProperty("figures");
        Assert.Equal(1, figures.GetProperty("attendanceByStakeholderGroup").EnumerateArray().Single(g => g.GetProperty("name").GetString() == "Civil society").GetProperty("count").GetInt32());
        Assert.True(figures.TryGetProperty("floorShares", out _));

        var markdown = await app.Anonymous().GetAsync($"{url}/markdown");
        Assert.Equal("text/markdown", markdown.Content.Headers.ContentType?.MediaType);
        var md = await markdown.Content.ReadAsStringAsync();
        Assert.Contains("## Summary", md, StringComparison.Ordinal);
        Assert.Contains("### Government", md, StringComparison.Ordinal);
        Assert.Contains("### Attendance by stakeholder group", md, StringComparison.Ordinal);

        var page = await app.Anonymous().GetStringAsync($"/sessions/{s.SessionId}/report");
        Assert.Contains("Segregated tables.", page, StringComparison.Ordinal);

        await (await rapporteur.PutAsJsonAsync(url, Report(s.Process, "Changed after publication"))).ProblemAsync(HttpStatusCode.Conflict);

        // The record names the report by id; its text stays out.
        var entries = await app.WithDbAsync(db => db.Record.Where(e => e.ProcessId == s.Process.Id() && e.Action.StartsWith("report.")).Select(e => e.Entry).ToListAsync());
        Assert.Equal(2, entries.Count);
        Assert.DoesNotContain(entries, e => e.Contains("Segregated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Parallel_first_drafts_store_one_report()
    {
        var (s, rapporteur, _) = await ScenarioAsync();
        var url = $"/api/sessions/{s.SessionId}/report";
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => rapporteur.PutAsJsonAsync(url, Report(s.Process, $"Summary {i}"))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, await app.WithDbAsync(db => db.SessionReports.CountAsync(r => r.SessionId == s.SessionId)));
    }

    [Fact]
    public async Task A_process_that_requires_reports_lists_the_missing_ones()
    {
        var (s, rapporteur, outsider) = await ScenarioAsync();
        var settings = $"/api/processes/{s.Process.Id()}/outcome-settings";
        await (await s.Convener.PutAsJsonAsync(settings, new { })).ProblemAsync(HttpStatusCode.BadRequest, "reportsRequired");
        await (await s.Moderator.PutAsJsonAsync(settings, new { reportsRequired = true })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await app.Anonymous().PutAsJsonAsync(settings, new { reportsRequired = true })).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await s.Convener.PutAsJsonAsync(settings, new { reportsRequired = true })).JsonAsync(HttpStatusCode.OK);

        var before = await (await app.Anonymous().GetAsync($"/api/processes/{s.Process.Id()}/reports")).JsonAsync(HttpStatusCode.OK);
        Assert.True(before.GetProperty("reportsRequired").GetBoolean());
        Assert.Equal(s.SessionId, before.GetProperty("missing").EnumerateArray().Single().GetProperty("sessionId").GetInt32()); // it ended in 2014

        await (await rapporteur.PutAsJsonAsync($"/api/sessions/{s.SessionId}/report", Report(s.Process))).JsonAsync(HttpStatusCode.OK);
        var drafted = await (await app.Anonymous().GetAsync($"/api/processes/{s.Process.Id()}/reports")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, drafted.GetProperty("missing").GetArrayLength()); // a draft is still missing

        await (await s.Moderator.PostAsync($"/api/sessions/{s.SessionId}/report/publish", null)).JsonAsync(HttpStatusCode.OK);
        var after = await (await app.Anonymous().GetAsync($"/api/processes/{s.Process.Id()}/reports")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, after.GetProperty("missing").GetArrayLength());
        _ = outsider;
    }

    [Fact]
    public async Task A_message_cites_only_what_exists_in_the_process()
    {
        var (s, _, outsider) = await ScenarioAsync();
        var url = $"/api/processes/{s.Process.Id()}/messages";
        var message = new { title = "Measure multistakeholderism", text = "It is not enough to say all are welcome.", sources = new[] { new { kind = "session", id = s.SessionId } } };

        await (await app.Anonymous().PostAsJsonAsync(url, message)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await outsider.PostAsJsonAsync(url, message)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await s.Convener.PostAsJsonAsync(url, new { message.title, message.text, sources = new[] { new { kind = "poll", id = 987_654 } } })).ProblemAsync(HttpStatusCode.BadRequest, "sources[0].id");
        await (await s.Convener.PostAsJsonAsync(url, new { message.title, message.text, sources = new[] { new { kind = "rumour", id = 1 } } })).ProblemAsync(HttpStatusCode.BadRequest, "sources[0].kind");
        await (await s.Convener.PostAsJsonAsync(url, new { message.title, text = "" })).ProblemAsync(HttpStatusCode.BadRequest, "text");
        await (await s.Convener.PostAsJsonAsync("/api/processes/999999/messages", message)).ProblemAsync(HttpStatusCode.NotFound);

        // A session of another process is not a source of this one.
        var other = await s.Convener.CreateProcessAsync("Another process");
        await (await s.Convener.PostAsJsonAsync($"/api/processes/{other.Id()}/messages", message)).ProblemAsync(HttpStatusCode.BadRequest, "sources[0].id");

        var created = await (await s.Convener.PostAsJsonAsync(url, message)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal($"/sessions/{s.SessionId}", created.GetProperty("sources")[0].GetProperty("href").GetString());

        var outcomes = await (await app.Anonymous().GetAsync($"/api/processes/{s.Process.Id()}/outcomes")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Measure multistakeholderism", outcomes.GetProperty("messages")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task Commitments_refuse_milestones_after_their_due_date_and_flag_overdue_ones()
    {
        var (s, _, outsider) = await ScenarioAsync();
        var p = s.Process;
        var url = $"/api/processes/{p.Id()}/commitments";
        object Commitment(string secondDue) => new
        {
            title = "Port 25 management",
            leadStakeholderGroupId = p.GroupId("Technical community"),
            leadOrganisation = "Anatel",
            owners = "ISP association",
            dueOn = "2099-12-31",
            milestones = new[]
            {
                new { title = "First region", dueOn = "2020-01-31", regionId = (int?)p.RegionId("Latin America and Caribbean") },
                new { title = "Second region", dueOn = secondDue, regionId = (int?)p.RegionId("Europe") },
            },
            evidence = new[] { "https://www.cgi.br/resolucoes/documento/2009/002" },
        };

        await (await app.Anonymous().PostAsJsonAsync(url, Commitment("2099-06-30"))).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await outsider.PostAsJsonAsync(url, Commitment("2099-06-30"))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await s.Convener.PostAsJsonAsync(url, Commitment("2100-01-01"))).ProblemAsync(HttpStatusCode.BadRequest, "milestones[1].dueOn");
        await (await s.Convener.PostJsonTextAsync(url, "{\"title\":\"x\",\"dueOn\":\"tomorrow\"}")).ProblemAsync(HttpStatusCode.BadRequest, "dueOn");

        var created = await (await s.Convener.PostAsJsonAsync(url, Commitment("2099-06-30"))).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(1, created.GetProperty("overdueMilestones").GetInt32());
        var cid = created.Id();
        var first = created.GetProperty("milestones")[0];
        Assert.True(first.GetProperty("overdue").GetBoolean());
        Assert.Equal("Latin America and Caribbean", first.GetProperty("region").GetString());

        await (await s.Convener.PostAsJsonAsync($"{url}/{cid}/milestones", new { title = "Late", dueOn = "2100-01-01" })).ProblemAsync(HttpStatusCode.BadRequest, "dueOn");
        await (await s.Convener.PutAsJsonAsync($"{url}/{cid}", new { status = "finished" })).ProblemAsync(HttpStatusCode.BadRequest, "status");
        await (await outsider.PutAsJsonAsync($"{url}/{cid}", new { status = "done" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await s.Convener.PutAsJsonAsync($"{url}/{cid}", new { status = "inProgress", evidence = new[] { "https://example.org/blacklists-2012" } })).JsonAsync(HttpStatusCode.OK);
        await (await s.Convener.PostAsync($"{url}/{cid}/milestones/999999/done", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await s.Convener.PostAsJsonAsync($"{url}/{cid}/milestones/{first.Id()}/done", new { on = "2020-03-01" })).JsonAsync(HttpStatusCode.OK);

        var outcomes = await (await app.Anonymous().GetAsync($"/api/processes/{p.Id()}/outcomes")).JsonAsync(HttpStatusCode.OK);
        var commitment = outcomes.GetProperty("commitments")[0];
        Assert.Equal(0, commitment.GetProperty("overdueMilestones").GetInt32());
        Assert.Equal("InProgress", commitment.GetProperty("status").GetString());
        Assert.Equal(2, commitment.GetProperty("evidence").GetArrayLength());
    }

    [Fact]
    public async Task A_malformed_indicator_csv_names_the_line_and_stores_nothing()
    {
        var (s, _, outsider) = await ScenarioAsync();
        var p = s.Process.Id();
        await (await outsider.PostAsJsonAsync($"/api/processes/{p}/indicators", new { name = "Blacklisted addresses" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await s.Convener.PostAsJsonAsync($"/api/processes/{p}/indicators", new { name = "" })).ProblemAsync(HttpStatusCode.BadRequest, "name");
        var iid = (await (await s.Convener.PostAsJsonAsync($"/api/processes/{p}/indicators", new { name = "Brazilian addresses on spam blacklists", unit = "addresses" })).JsonAsync(HttpStatusCode.Created)).Id();
        var csv = $"/api/processes/{p}/indicators/{iid}/csv";

        var bad = await (await s.Convener.PostAsync(csv, new StringContent("date,value\n2009-01-01,400000\n2010-02-30,350000\n", Encoding.UTF8, "text/csv"))).ProblemAsync(HttpStatusCode.BadRequest, "file");
        Assert.StartsWith("Line 3:", bad.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.IndicatorPoints.CountAsync(x => x.IndicatorId == iid)));
        await (await outsider.PostAsync(csv, new StringContent("date,value\n2009-01-01,1\n", Encoding.UTF8, "text/csv"))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await s.Convener.PostAsync(csv, new ByteArrayContent([0xff, 0xfe, 0x00]))).ProblemAsync(HttpStatusCode.BadRequest, "file");

        var ok = await (await s.Convener.PostAsync(csv, new StringContent("date,value\n2009-01-01,400000\n2012-01-01,20000\n2013-01-01,9000\n", Encoding.UTF8, "text/csv"))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, ok.GetProperty("recorded").GetInt32());
        await (await s.Convener.PostAsJsonAsync($"/api/processes/{p}/indicators/{iid}/values", new { values = new[] { new { on = "2013-01-01", value = 8500.0 } } })).JsonAsync(HttpStatusCode.OK);
        await (await s.Convener.PostAsJsonAsync($"/api/processes/{p}/indicators/{iid}/values", new { values = new[] { new { on = (string?)null, value = 1.0 } } })).ProblemAsync(HttpStatusCode.BadRequest, "values[0].on");
        await (await s.Convener.PostAsJsonAsync($"/api/processes/{p}/indicators/{iid}/events", new { on = "2009-03-01", label = "CGI.br resolution" })).JsonAsync(HttpStatusCode.Created);
        await (await s.Convener.PostAsJsonAsync($"/api/processes/{p}/indicators/{iid}/events", new { on = "2009-03-01", label = "" })).ProblemAsync(HttpStatusCode.BadRequest, "label");

        var view = await (await app.Anonymous().GetAsync($"/api/processes/{p}/indicators/{iid}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, view.GetProperty("values").GetArrayLength());
        Assert.Equal(8500, view.GetProperty("values")[2].GetProperty("value").GetDouble());
        await (await app.Anonymous().GetAsync($"/api/processes/{p}/indicators/999999")).ProblemAsync(HttpStatusCode.NotFound);

        var page = await app.Anonymous().GetStringAsync($"/processes/{p}/indicators/{iid}");
        Assert.Contains("<svg class=\"indicator-chart\"", page, StringComparison.Ordinal);
        Assert.Contains("CGI.br resolution", page, StringComparison.Ordinal);
        Assert.Contains("<td>2012-01-01</td>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_response_on_advice_not_sent_is_a_conflict()
    {
        var (s, _, outsider) = await ScenarioAsync();
        var url = $"/api/processes/{s.Process.Id()}/advice";
        await (await outsider.PostAsJsonAsync(url, new { title = "ATLAS II declaration", link = "https://atlarge.icann.org/atlas-ii", recipient = "ICANN Board" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await s.Convener.PostAsJsonAsync(url, new { title = "ATLAS II declaration", recipient = "ICANN Board" })).ProblemAsync(HttpStatusCode.BadRequest, "text");
        var id = (await (await s.Convener.PostAsJsonAsync(url, new { title = "ATLAS II declaration", link = "https://atlarge.icann.org/atlas-ii", recipient = "ICANN Board" })).JsonAsync(HttpStatusCode.Created)).Id();

        await (await s.Convener.PostAsJsonAsync($"{url}/{id}/response", new { status = "accepted", respondedOn = "2014-09-01" })).ProblemAsync(HttpStatusCode.Conflict);
        await (await s.Convener.PostAsJsonAsync($"{url}/{id}/sent", new { })).ProblemAsync(HttpStatusCode.BadRequest, "sentOn");
        await (await outsider.PostAsJsonAsync($"{url}/{id}/sent", new { sentOn = "2014-07-01" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await s.Convener.PostAsJsonAsync($"{url}/{id}/sent", new { sentOn = "2014-07-01" })).JsonAsync(HttpStatusCode.OK);
        await (await s.Convener.PostAsJsonAsync($"{url}/{id}/response", new { status = "heeded" })).ProblemAsync(HttpStatusCode.BadRequest, "status");
        await (await s.Convener.PostAsJsonAsync($"{url}/{id}/response", new { status = "rejected", respondedOn = "2014-06-01" })).ProblemAsync(HttpStatusCode.BadRequest, "respondedOn");
        await (await s.Convener.PostAsJsonAsync($"{url}/999999/response", new { status = "rejected", respondedOn = "2014-09-01" })).ProblemAsync(HttpStatusCode.NotFound);
        var answered = await (await s.Convener.PostAsJsonAsync($"{url}/{id}/response", new { status = "partly", response = "Two of five recommendations adopted.", respondedOn = "2014-10-16", implemented = "Recommendations 3 and 7" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Partly", answered.GetProperty("status").GetString());

        var outcomes = await (await app.Anonymous().GetAsync($"/api/processes/{s.Process.Id()}/outcomes")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1.0, outcomes.GetProperty("adviceTally").GetProperty("heededShare").GetDouble());

        var csv = await app.Anonymous().GetAsync($"/api/processes/{s.Process.Id()}/outcomes.csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Contains("advice,", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var page = await app.Anonymous().GetStringAsync($"/processes/{s.Process.Id()}/outcomes");
        Assert.Contains("ICANN Board", page, StringComparison.Ordinal);
        var process = await app.Anonymous().GetStringAsync($"/processes/{s.Process.Id()}");
        Assert.Contains($"/processes/{s.Process.Id()}/outcomes", process, StringComparison.Ordinal);
    }
}

public sealed class OutcomeApiOnSqlite(SqliteApp app) : OutcomeApiTests(app), IClassFixture<SqliteApp>;

public sealed class OutcomeApiOnPostgres(PostgresApp app) : OutcomeApiTests(app), IClassFixture<PostgresApp>;
