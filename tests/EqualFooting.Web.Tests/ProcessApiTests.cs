using System.Net;
using System.Net.Http.Json;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Tests;

public abstract class ProcessApiTests(AppFactory app)
{
    [Fact]
    public async Task Health_and_the_OpenAPI_document_answer()
    {
        var client = app.Anonymous();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        var openapi = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/processes/{id}/participants", openapi);
    }

    [Fact]
    public async Task An_administrator_creates_a_process_and_becomes_its_convener()
    {
        var (admin, _) = await app.AdministratorAsync();

        var process = await admin.CreateProcessAsync();

        Assert.Equal(6, process.GetProperty("stakeholderGroups").GetArrayLength());
        Assert.Equal(5, process.GetProperty("regions").GetArrayLength());
        var roles = await (await app.Anonymous().GetAsync($"/api/processes/{process.Id()}/roles")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Convener", Assert.Single(roles.EnumerateArray()).GetProperty("role").GetString());
    }

    [Fact]
    public async Task Creating_needs_an_account_and_the_right_to_convene()
    {
        var anonymous = await app.Anonymous().PostAsJsonAsync("/api/processes", new { name = "X" });
        var (someone, _) = await app.SignedInAsync();
        var forbidden = await someone.PostAsJsonAsync("/api/processes", new { name = "X" });

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        await forbidden.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("{}", "name")]
    [InlineData("{\"name\":\"   \"}", "name")]
    [InlineData("{\"name\":\"ok\",\"languages\":[\"english please\"]}", "languages")]
    [InlineData("{\"name\":\"ok\",\"startsOn\":\"2026-05-02\",\"endsOn\":\"2026-05-01\"}", "endsOn")]
    [InlineData("{\"name\":\"ok\",\"status\":\"Banana\"}", "status")]
    [InlineData("{\"name\":\"ok\",\"startsOn\":\"yesterday\"}", "startsOn")]
    [InlineData("{\"name\": \"unterminated", "name")]
    [InlineData("[1,2,3]", "body")]
    public async Task Bad_input_is_a_400_naming_the_field(string json, string field)
    {
        var (admin, _) = await app.AdministratorAsync();

        var response = await admin.PostJsonTextAsync("/api/processes", json);

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Oversized_fields_are_refused_and_nothing_is_stored()
    {
        var (admin, _) = await app.AdministratorAsync();
        var before = await app.WithDbAsync(db => db.Processes.CountAsync());

        var response = await admin.PostAsJsonAsync("/api/processes", new { name = new string('a', 201) });
        var longDescription = await admin.PostAsJsonAsync("/api/processes", new { name = "ok", description = new string('a', 10_001) });

        await response.ProblemAsync(HttpStatusCode.BadRequest, "name");
        await longDescription.ProblemAsync(HttpStatusCode.BadRequest, "description");
        Assert.Equal(before, await app.WithDbAsync(db => db.Processes.CountAsync()));
    }

    [Fact]
    public async Task A_missing_body_or_wrong_content_type_is_a_400_not_a_500()
    {
        var (admin, _) = await app.AdministratorAsync();

        var empty = await admin.PostAsync("/api/processes", new StringContent("", System.Text.Encoding.UTF8, "application/json"));
        var text = await admin.PostAsync("/api/processes", new StringContent("name=x", System.Text.Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.True(text.StatusCode is HttpStatusCode.UnsupportedMediaType or HttpStatusCode.BadRequest, text.StatusCode.ToString());
    }

    [Fact]
    public async Task Unknown_ids_are_404_problems()
    {
        var client = app.Anonymous();

        await (await client.GetAsync("/api/processes/987654")).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/processes/987654/participants")).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/processes/987654/record")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Drafts_are_hidden_from_the_public()
    {
        var (admin, _) = await app.AdministratorAsync();
        var draft = await admin.CreateProcessAsync("A draft", "Draft");

        await (await app.Anonymous().GetAsync($"/api/processes/{draft.Id()}")).ProblemAsync(HttpStatusCode.NotFound);
        var list = await (await app.Anonymous().GetAsync("/api/processes")).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(list.EnumerateArray(), p => p.Id() == draft.Id());
        await (await admin.GetAsync($"/api/processes/{draft.Id()}")).JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Only_conveners_edit_and_a_failed_edit_changes_nothing()
    {
        var (admin, _) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync("Original");
        var (participant, _) = await app.SignedInAsync();

        var forbidden = await participant.PutAsJsonAsync($"/api/processes/{process.Id()}", new { name = "Hijacked", status = "Open" });
        var invalid = await admin.PutAsJsonAsync($"/api/processes/{process.Id()}", new { name = "", status = "Closed" });
        var ok = await admin.PutAsJsonAsync($"/api/processes/{process.Id()}", new { name = "Renamed", status = "Open", languages = new[] { "es" } });

        await forbidden.ProblemAsync(HttpStatusCode.Forbidden);
        await invalid.ProblemAsync(HttpStatusCode.BadRequest, "name");
        var updated = await ok.JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Renamed", updated.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Groups_and_regions_are_added_renamed_retired_and_restored()
    {
        var (admin, _) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        var id = process.Id();

        var added = await (await admin.PostAsJsonAsync($"/api/processes/{id}/stakeholder-groups", new { name = "Third sector" })).JsonAsync(HttpStatusCode.Created);
        var renamed = await (await admin.PutAsJsonAsync($"/api/processes/{id}/stakeholder-groups/{added.Id()}", new { name = "Scientific community" })).JsonAsync(HttpStatusCode.OK);
        var retired = await (await admin.PostAsync($"/api/processes/{id}/regions/{process.RegionId("Europe")}/retire", null)).JsonAsync(HttpStatusCode.OK);
        var duplicate = await admin.PostAsJsonAsync($"/api/processes/{id}/regions", new { name = "africa" });
        var unknown = await admin.PostAsync($"/api/processes/{id}/regions/999999/retire", null);
        var empty = await admin.PostAsJsonAsync($"/api/processes/{id}/regions", new { name = "" });
        var restored = await (await admin.PostAsync($"/api/processes/{id}/regions/{process.RegionId("Europe")}/restore", null)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("Scientific community", renamed.GetProperty("name").GetString());
        Assert.True(retired.GetProperty("retired").GetBoolean());
        await duplicate.ProblemAsync(HttpStatusCode.Conflict, "name");
        await unknown.ProblemAsync(HttpStatusCode.NotFound);
        await empty.ProblemAsync(HttpStatusCode.BadRequest, "name");
        Assert.False(restored.GetProperty("retired").GetBoolean());
    }

    [Fact]
    public async Task Roles_are_assigned_by_email_and_the_last_convener_stays()
    {
        var (admin, _) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        var id = process.Id();
        var (moderator, moderatorEmail) = await app.SignedInAsync("Moderator");

        var assigned = await (await admin.PostAsJsonAsync($"/api/processes/{id}/roles", new { email = moderatorEmail, role = "Moderator" })).JsonAsync(HttpStatusCode.OK);
        var again = await (await admin.PostAsJsonAsync($"/api/processes/{id}/roles", new { email = moderatorEmail, role = "Moderator" })).JsonAsync(HttpStatusCode.OK);
        var unknownEmail = await admin.PostAsJsonAsync($"/api/processes/{id}/roles", new { email = "nobody@example.org", role = "Moderator" });
        var noRole = await admin.PostAsJsonAsync($"/api/processes/{id}/roles", new { email = moderatorEmail });
        var badRole = await admin.PostJsonTextAsync($"/api/processes/{id}/roles", $"{{\"email\":\"{moderatorEmail}\",\"role\":\"Emperor\"}}");
        var byModerator = await moderator.PostAsJsonAsync($"/api/processes/{id}/roles", new { email = moderatorEmail, role = "Convener" });
        var roles = await (await admin.GetAsync($"/api/processes/{id}/roles")).JsonAsync(HttpStatusCode.OK);
        var convener = roles.EnumerateArray().Single(r => r.GetProperty("role").GetString() == "Convener");
        var removeLast = await admin.DeleteAsync($"/api/processes/{id}/roles/{convener.Id()}");

        Assert.Equal(assigned.Id(), again.Id());
        await unknownEmail.ProblemAsync(HttpStatusCode.BadRequest, "email");
        await noRole.ProblemAsync(HttpStatusCode.BadRequest, "role");
        await badRole.ProblemAsync(HttpStatusCode.BadRequest, "role");
        await byModerator.ProblemAsync(HttpStatusCode.Forbidden);
        await removeLast.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/processes/{id}/roles/{assigned.Id()}")).StatusCode);
    }

    [Fact]
    public async Task Roles_are_listed_conveners_first()
    {
        var (admin, _) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        var (_, observer) = await app.SignedInAsync("Zoe");
        var (_, committee) = await app.SignedInAsync("Abel");
        await admin.PostAsJsonAsync($"/api/processes/{process.Id()}/roles", new { email = observer, role = "Observer" });
        await admin.PostAsJsonAsync($"/api/processes/{process.Id()}/roles", new { email = committee, role = "CommitteeMember" });

        var roles = await (await app.Anonymous().GetAsync($"/api/processes/{process.Id()}/roles")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(["Convener", "CommitteeMember", "Observer"], roles.EnumerateArray().Select(r => r.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task Every_change_is_recorded_in_canonical_form()
    {
        var (admin, _) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync("Recorded");
        await admin.PostAsJsonAsync($"/api/processes/{process.Id()}/regions", new { name = "Oceania" });

        var record = await (await app.Anonymous().GetAsync($"/api/processes/{process.Id()}/record")).JsonAsync(HttpStatusCode.OK);

        var actions = record.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["region.added", "process.created"], actions);
        var created = record.EnumerateArray().Last();
        var entry = created.GetProperty("entry").GetString()!;
        Assert.StartsWith("{\"action\":\"process.created\",\"actor\":{\"account\":", entry);
        Assert.Contains("\"name\":\"Recorded\"", entry);
        Assert.DoesNotContain(" ", entry.Replace("A test process.", "", StringComparison.Ordinal).Replace("Admin", "", StringComparison.Ordinal));
        await (await app.Anonymous().GetAsync($"/api/processes/{process.Id()}/record?limit=0")).ProblemAsync(HttpStatusCode.BadRequest, "limit");
    }

    [Fact]
    public async Task The_database_refuses_to_rewrite_the_record()
    {
        var (admin, _) = await app.AdministratorAsync();
        await admin.CreateProcessAsync("Tamper target");

        var update = await Xunit.Record.ExceptionAsync(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"Record\" SET \"Action\" = 'forged'")));
        var delete = await Xunit.Record.ExceptionAsync(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"Record\"")));

        Assert.NotNull(update);
        Assert.NotNull(delete);
        Assert.Contains("append-only", update.Message + update.InnerException?.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(await app.WithDbAsync(db => db.Record.AnyAsync(r => r.Action == "forged")));
    }
}

public sealed class ProcessApiOnSqlite(SqliteApp app) : ProcessApiTests(app), IClassFixture<SqliteApp>;

public sealed class ProcessApiOnPostgres(PostgresApp app) : ProcessApiTests(app), IClassFixture<PostgresApp>;
