using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EqualFooting.Web.Sessions;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Tests.Sessions;

/// <summary>Transcripts stored in a process through the API, the pages and the command line, and the speaker name table.</summary>
public abstract class TranscriptImportTests(AppFactory app)
{
    private const string Minutes = TranscriptCommandTests.Minutes;
    private const string Captions = TranscriptCommandTests.Captions;
    private const string Outline = TranscriptCommandTests.Outline;

    private static ByteArrayContent Body(string fixture) => new(File.ReadAllBytes(TranscriptCommandTests.Fixture(fixture)));

    private Task<int> ImportedCountAsync(int sessionId) => app.WithDbAsync(db => db.ImportedInterventions.CountAsync(i => i.SessionId == sessionId));

    private Task<int> RecordCountAsync(int processId, string action) => app.WithDbAsync(db => db.Record.CountAsync(r => r.ProcessId == processId && r.Action == action));

    [Fact]
    public async Task The_api_stores_the_minutes_in_a_new_past_session_and_mapping_a_name_updates_the_statistics()
    {
        var s = await SessionScenario.StartAsync(app, start: false);
        await s.ParticipantAsync("Margit Solvang", "Civil society", "Europe");
        var margitId = await app.WithDbAsync(db => db.Participants.Where(p => p.ProcessId == s.Process.Id()).Select(p => p.Id).SingleAsync());

        var imported = await (await s.Convener.PostAsync($"/api/processes/{s.Process.Id()}/transcripts?fileName=minutes.txt", Body(Minutes))).JsonAsync(HttpStatusCode.Created);

        // The fixture has 21 turns: 18 by 7 named speakers (Margit 7, Tomas 3, Adaeze 3, Priya 2, three others 1 each) and 3 unidentified.
        var sessionId = imported.GetProperty("sessionId").GetInt32();
        Assert.True(imported.GetProperty("sessionCreated").GetBoolean());
        Assert.Equal(21, imported.GetProperty("interventions").GetInt32());
        Assert.Equal(7, imported.GetProperty("speakers").GetInt32());
        Assert.Equal(3, imported.GetProperty("unnamedInterventions").GetInt32());
        Assert.Equal(7, imported.GetProperty("unknownSpeakers").GetArrayLength());
        Assert.Equal(21, await ImportedCountAsync(sessionId));
        var session = await (await app.Anonymous().GetAsync($"/api/sessions/{sessionId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Imported transcript: minutes.txt", session.GetProperty("title").GetString());
        Assert.Equal("Ended", session.GetProperty("status").GetString());

        var before = await (await app.Anonymous().GetAsync($"/api/sessions/{sessionId}/statistics")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(21, before.GetProperty("interventions").GetInt32());
        Assert.Equal(21, before.GetProperty("importedInterventions").GetInt32());
        Assert.Equal(21, Tally(before, "Not mapped"));

        var margitTurns = await app.WithDbAsync(db => db.ImportedInterventions.CountAsync(i => i.SessionId == sessionId && i.SpeakerKey == "MARGITSOLVANG"));
        await (await s.Convener.PutAsJsonAsync($"/api/processes/{s.Process.Id()}/speaker-names", new { name = "Margit Solvang", participantId = margitId })).JsonAsync(HttpStatusCode.OK);
        await (await s.Convener.PutAsJsonAsync($"/api/processes/{s.Process.Id()}/speaker-names", new { name = "Adaeze  Okonkwo-Bell", stakeholderGroupId = s.Process.GroupId("Technical community"), regionId = s.Process.RegionId("Africa") })).JsonAsync(HttpStatusCode.OK);
        var after = await (await app.Anonymous().GetAsync($"/api/sessions/{sessionId}/statistics")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(7, margitTurns);
        Assert.Equal(margitTurns, Tally(after, "Civil society"));
        Assert.Equal(3, Tally(after, "Technical community"));
        Assert.Equal(21 - 7 - 3, Tally(after, "Not mapped"));
        Assert.Contains(after.GetProperty("byRegion").EnumerateArray(), r => r.GetProperty("name").GetString() == "Europe" && r.GetProperty("interventions").GetInt32() == 7);
        Assert.Contains(after.GetProperty("byRegion").EnumerateArray(), r => r.GetProperty("name").GetString() == "Africa" && r.GetProperty("interventions").GetInt32() == 3);
        var names = await (await s.Convener.GetAsync($"/api/processes/{s.Process.Id()}/speaker-names")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(7, names.GetArrayLength());
        Assert.Equal(5, names.EnumerateArray().Count(n => !n.TryGetProperty("kind", out var kind) || kind.ValueKind == JsonValueKind.Null));
        Assert.Equal(1, await RecordCountAsync(s.Process.Id(), "session.transcript-imported"));
        Assert.Equal(2, await RecordCountAsync(s.Process.Id(), "speaker-name.mapped"));
    }

    private static int Tally(JsonElement stats, string group) =>
        stats.GetProperty("byStakeholderGroup").EnumerateArray().Where(g => g.GetProperty("name").GetString() == group).Sum(g => g.GetProperty("interventions").GetInt32());

    [Fact]
    public async Task The_command_line_stores_the_captions_in_a_named_session_through_the_same_store()
    {
        var s = await SessionScenario.StartAsync(app, start: false);
        var output = new StringWriter();
        var errors = new StringWriter();

        var code = await TranscriptCommand.RunAsync(
            [TranscriptCommandTests.Fixture(Captions), "--process", s.Process.Id().ToString(), "--session", s.SessionId.ToString(), "--json",
                $"--Database:Provider={app.Provider}", $"--ConnectionStrings:Default={app.ConnectionString}"],
            output,
            errors);

        Assert.True(code == 0, errors.ToString());
        var json = JsonDocument.Parse(output.ToString()).RootElement;
        Assert.Equal(18, json.GetProperty("interventions").GetInt32());
        Assert.Equal(6, json.GetProperty("speakers").GetArrayLength());
        Assert.Equal(3, json.GetProperty("unnamed").GetProperty("interventions").GetInt32());
        Assert.Equal(s.SessionId, json.GetProperty("stored").GetProperty("sessionId").GetInt32());
        Assert.False(json.GetProperty("stored").GetProperty("sessionCreated").GetBoolean());
        Assert.Equal(18, await ImportedCountAsync(s.SessionId));
        Assert.Equal(3, await app.WithDbAsync(db => db.ImportedInterventions.CountAsync(i => i.SessionId == s.SessionId && i.SpeakerName == null)));
        var entry = await app.WithDbAsync(db => db.Record.Where(r => r.ProcessId == s.Process.Id() && r.Action == "session.transcript-imported").Select(r => r.Entry).SingleAsync());
        Assert.Contains("\"via\":\"command line\"", entry);

        var again = await s.Convener.PostAsync($"/api/processes/{s.Process.Id()}/transcripts?sessionId={s.SessionId}", Body(Captions));
        await again.ProblemAsync(HttpStatusCode.Conflict, "sessionId");
        Assert.Equal(18, await ImportedCountAsync(s.SessionId));
    }

    [Fact]
    public async Task A_malformed_transcript_is_a_clear_report_and_nothing_is_stored()
    {
        var s = await SessionScenario.StartAsync(app, start: false);
        var sessions = await app.WithDbAsync(db => db.Sessions.CountAsync());
        var output = new StringWriter();
        var errors = new StringWriter();

        var noTurns = await s.Convener.PostAsync($"/api/processes/{s.Process.Id()}/transcripts", Body(Outline));
        var binary = await s.Convener.PostAsync($"/api/processes/{s.Process.Id()}/transcripts", new ByteArrayContent([0x50, 0x4B, 0x03, 0x04, 0x00, 0xFF, 0xFE]));
        var cli = await TranscriptCommand.RunAsync(
            [TranscriptCommandTests.Fixture(Outline), "--process", s.Process.Id().ToString(), $"--Database:Provider={app.Provider}", $"--ConnectionStrings:Default={app.ConnectionString}"],
            output,
            errors);

        var problem = await noTurns.ProblemAsync(HttpStatusCode.BadRequest, "transcript");
        Assert.Contains("No speaker turns found", problem.GetProperty("detail").GetString());
        await binary.ProblemAsync(HttpStatusCode.BadRequest, "transcript");
        Assert.Equal(1, cli);
        Assert.Contains("No speaker turns found", errors.ToString());
        Assert.Equal(sessions, await app.WithDbAsync(db => db.Sessions.CountAsync()));
        Assert.Equal(0, await RecordCountAsync(s.Process.Id(), "session.transcript-imported"));
    }

    [Theory]
    [InlineData("?wordsPerMinute=fast", "wordsPerMinute")]
    [InlineData("?wordsPerMinute=10", "wordsPerMinute")]
    [InlineData("?format=minutes", "format")]
    [InlineData("?sessionId=first", "sessionId")]
    [InlineData("?sessionId=424242", "sessionId")]
    public async Task Bad_import_options_are_400s_naming_the_field(string query, string field)
    {
        var s = await SessionScenario.StartAsync(app, start: false);

        var response = await s.Convener.PostAsync($"/api/processes/{s.Process.Id()}/transcripts{query}", Body(Captions));

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("{\"name\":\" \"}", "name")]
    [InlineData("{\"name\":\"EVAN\",\"participantId\":424242}", "participantId")]
    [InlineData("{\"name\":\"EVAN\",\"participantId\":\"evan\"}", "participantId")]
    [InlineData("{\"name\":\"EVAN\",\"stakeholderGroupId\":424242}", "stakeholderGroupId")]
    [InlineData("{\"name\":\"EVAN\",\"regionId\":424242}", "regionId")]
    public async Task Bad_mappings_are_400s_naming_the_field(string json, string field)
    {
        var s = await SessionScenario.StartAsync(app, start: false);

        var response = await s.Convener.PutAsync($"/api/processes/{s.Process.Id()}/speaker-names", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Only_conveners_import_transcripts_and_map_names()
    {
        var s = await SessionScenario.StartAsync(app, start: false);
        var participant = await s.ParticipantAsync("Evan");
        var url = $"/api/processes/{s.Process.Id()}";

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostAsync($"{url}/transcripts", Body(Captions))).StatusCode);
        await (await s.Moderator.PostAsync($"{url}/transcripts", Body(Captions))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await participant.PostAsync($"{url}/transcripts/preview", Body(Captions))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await participant.PutAsJsonAsync($"{url}/speaker-names", new { name = "EVAN" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await participant.GetAsync($"{url}/speaker-names")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PutAsJsonAsync($"{url}/speaker-names", new { name = "EVAN" })).StatusCode);
        Assert.Equal(0, await RecordCountAsync(s.Process.Id(), "session.transcript-imported"));
    }

    [Fact]
    public async Task A_convener_previews_then_imports_a_transcript_from_the_page_and_maps_its_speakers()
    {
        var s = await SessionScenario.StartAsync(app, start: false);
        var (_, email) = await app.SignedInAsync("Convener");
        await (await s.Convener.PostAsJsonAsync($"/api/processes/{s.Process.Id()}/roles", new { email, role = "Convener" })).JsonAsync(HttpStatusCode.OK);
        var browser = await app.BrowserSignedInAsync(email);
        var url = $"/processes/{s.Process.Id()}/transcripts/import";
        var token = await AppFactory.FormAsync(browser, url);

        var upload = new MultipartFormDataContent
        {
            { new StringContent(token["__RequestVerificationToken"]), "__RequestVerificationToken" },
            { new StringContent(s.SessionId.ToString()), "sessionId" },
            { new StringContent("130"), "wordsPerMinute" },
            { Body(Captions), "file", "captions.txt" },
        };
        var preview = await browser.PostAsync($"{url}?handler=Preview", upload);
        var page = await preview.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("Import these 18 interventions", page);
        Assert.Contains("Unknown: map after importing", page);
        Assert.Equal(0, await ImportedCountAsync(s.SessionId));

        var text = System.Text.RegularExpressions.Regex.Match(page, "<textarea name=\"text\" hidden>\\n(.*?)</textarea>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        var confirm = await browser.PostAsync($"{url}?handler=Import", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token["__RequestVerificationToken"],
            ["text"] = WebUtility.HtmlDecode(text),
            ["fileName"] = "captions.txt",
            ["sessionId"] = s.SessionId.ToString(),
            ["wordsPerMinute"] = "130",
        }));

        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal($"/processes/{s.Process.Id()}/speakers?imported={s.SessionId}", confirm.Headers.Location?.ToString());
        Assert.Equal(18, await ImportedCountAsync(s.SessionId));

        var speakers = await browser.GetStringAsync($"/processes/{s.Process.Id()}/speakers");
        Assert.Contains("Unknown speakers", speakers);
        var name = await app.WithDbAsync(db => db.ImportedInterventions.Where(i => i.SessionId == s.SessionId && i.SpeakerName != null).Select(i => i.SpeakerName!).FirstAsync());
        var form = await AppFactory.FormAsync(browser, $"/processes/{s.Process.Id()}/speakers");
        form["name"] = name;
        form["stakeholderGroupId"] = s.Process.GroupId("Government").ToString();
        form["regionId"] = s.Process.RegionId("Latin America and Caribbean").ToString();
        var mapped = await browser.PostAsync($"/processes/{s.Process.Id()}/speakers", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Redirect, mapped.StatusCode);
        var sessionPage = await app.Anonymous().GetStringAsync($"/sessions/{s.SessionId}");
        Assert.Contains("Government", sessionPage);
        Assert.Contains("18 of them from an imported transcript", sessionPage);
    }

    [Fact]
    public async Task A_malformed_upload_on_the_page_says_why_and_stores_nothing()
    {
        var s = await SessionScenario.StartAsync(app, start: false);
        var browser = await app.BrowserSignedInAsync(await AdminEmailAsync(s));
        var url = $"/processes/{s.Process.Id()}/transcripts/import";
        var token = await AppFactory.FormAsync(browser, url);

        var upload = new MultipartFormDataContent
        {
            { new StringContent(token["__RequestVerificationToken"]), "__RequestVerificationToken" },
            { Body(Outline), "file", "report.txt" },
        };
        var response = await browser.PostAsync($"{url}?handler=Preview", upload);
        var bad = await browser.PostAsync($"{url}?handler=Import", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token["__RequestVerificationToken"],
            ["text"] = "just a paragraph of prose without any speakers",
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("No speaker turns found", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("No speaker turns found", await bad.Content.ReadAsStringAsync());
        Assert.Equal(0, await RecordCountAsync(s.Process.Id(), "session.transcript-imported"));
    }

    private async Task<string> AdminEmailAsync(SessionScenario s)
    {
        var (_, email) = await app.SignedInAsync("Second convener");
        await (await s.Convener.PostAsJsonAsync($"/api/processes/{s.Process.Id()}/roles", new { email, role = "Convener" })).JsonAsync(HttpStatusCode.OK);
        return email;
    }
}

public sealed class TranscriptImportOnSqlite(SqliteApp app) : TranscriptImportTests(app), IClassFixture<SqliteApp>;

public sealed class TranscriptImportOnPostgres(PostgresApp app) : TranscriptImportTests(app), IClassFixture<PostgresApp>;
