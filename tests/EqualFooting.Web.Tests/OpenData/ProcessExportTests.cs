using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using EqualFooting.Web.Tests.Infrastructure;
using EqualFooting.Web.Tests.Sessions;

namespace EqualFooting.Web.Tests.OpenData;

/// <summary>The process ZIP: every table as JSON and CSV, a README naming each file and field, and people only as the privacy settings allow.</summary>
public abstract class ProcessExportTests(AppFactory app)
{
    private static readonly string[] Tables =
    [
        "participants", "consultations", "comments", "dispositions", "sessions", "interventions", "attendance",
        "polls", "poll_results", "decisions", "tallies", "messages", "commitments",
    ];

    private static async Task<Dictionary<string, string>> UnzipAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
        var files = new Dictionary<string, string>();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            files[entry.FullName] = await reader.ReadToEndAsync();
        }

        return files;
    }

    [Fact]
    public async Task The_zip_holds_every_table_twice_and_a_readme_naming_each_file_and_never_a_pseudonymous_participants_name_or_email()
    {
        var s = await SessionScenario.StartAsync(app);
        var pid = s.Process.Id();
        await (await s.Convener.PutAsJsonAsync($"/api/processes/{pid}/privacy", new { names = "Pseudonym" })).JsonAsync(HttpStatusCode.OK);
        var (zora, email) = await app.SignedInAsync("Zora Realname");
        await (await zora.PostAsJsonAsync($"/api/processes/{pid}/participants", new
        {
            stakeholderGroupId = s.Process.GroupId("Civil society"),
            regionId = s.Process.RegionId("Africa"),
            country = "KE",
            gender = "woman",
            organisation = "Kenya ICT Action Network",
        })).JsonAsync(HttpStatusCode.Created);
        var consultation = await (await s.Convener.PostAsJsonAsync($"/api/processes/{pid}/consultations", new
        {
            title = "Draft outcome document",
            closesAt = DateTimeOffset.UtcNow.AddDays(14),
            markdown = "# Principles\n\nHuman rights apply online.",
        })).JsonAsync(HttpStatusCode.Created);
        var draft = await (await app.Anonymous().GetAsync($"/api/consultations/{consultation.Id()}/draft")).JsonAsync(HttpStatusCode.OK);
        await (await zora.PostAsJsonAsync($"/api/consultations/{consultation.Id()}/comments", new { paragraphId = draft.GetProperty("paragraphs")[0].Id(), text = "Keep it open." })).JsonAsync(HttpStatusCode.Created);
        await s.RaiseAsync(zora);
        await (await s.Moderator.PostAsync($"{s.Url}/floor", null)).JsonAsync(HttpStatusCode.OK);
        await (await zora.PostAsJsonAsync($"{s.Url}/attendance", new { mode = "Remote" })).JsonAsync(HttpStatusCode.Created);

        var files = await UnzipAsync(await app.Anonymous().GetAsync($"/api/processes/{pid}/export.zip"));

        var readme = files["README.md"];
        foreach (var table in Tables)
        {
            Assert.True(files.ContainsKey(table + ".json"), table + ".json");
            Assert.True(files.ContainsKey(table + ".csv"), table + ".csv");
            Assert.Contains($"## {table}.json, {table}.csv", readme, StringComparison.Ordinal);
        }

        Assert.Equal((Tables.Length * 2) + 1, files.Count);
        foreach (var (name, text) in files)
        {
            Assert.False(text.Contains("Realname", StringComparison.Ordinal), $"{name} names the participant");
            Assert.False(text.Contains(email, StringComparison.OrdinalIgnoreCase), $"{name} holds an e-mail address");
        }

        Assert.Contains("Participant ", files["participants.csv"], StringComparison.Ordinal);
        Assert.DoesNotContain("woman", files["participants.csv"], StringComparison.Ordinal);
        Assert.Contains("Keep it open.", files["comments.csv"], StringComparison.Ordinal);
        Assert.Contains("Civil society", files["interventions.csv"], StringComparison.Ordinal);
        Assert.Contains(",Remote,", files["attendance.csv"], StringComparison.Ordinal);
        Assert.Contains("| `stakeholder_group` |", readme, StringComparison.Ordinal);
        Assert.StartsWith("[", files["participants.json"].TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_process_exports_only_to_its_conveners_and_an_unknown_process_is_a_404()
    {
        var (admin, _) = await app.AdministratorAsync();
        var draft = await admin.CreateProcessAsync("Closed preparations", "Draft");
        var (plain, _) = await app.SignedInAsync("Plain");

        await (await app.Anonymous().GetAsync($"/api/processes/{draft.Id()}/export.zip")).ProblemAsync(HttpStatusCode.NotFound);
        await (await plain.GetAsync($"/api/processes/{draft.Id()}/export.zip")).ProblemAsync(HttpStatusCode.NotFound);
        await (await app.Anonymous().GetAsync("/api/processes/987654/export.zip")).ProblemAsync(HttpStatusCode.NotFound);
        var files = await UnzipAsync(await admin.GetAsync($"/api/processes/{draft.Id()}/export.zip"));
        Assert.Contains("README.md", files.Keys);
        Assert.Contains("/api/processes/" + draft.Id() + "/export.zip", await admin.GetStringAsync($"/processes/{draft.Id()}"), StringComparison.Ordinal);
    }
}

public sealed class ProcessExportOnSqlite(SqliteApp app) : ProcessExportTests(app), IClassFixture<SqliteApp>;

public sealed class ProcessExportOnPostgres(PostgresApp app) : ProcessExportTests(app), IClassFixture<PostgresApp>;
