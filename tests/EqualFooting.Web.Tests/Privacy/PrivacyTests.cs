using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Tests.Privacy;

/// <summary>Privacy settings per process, a participant's stricter choice, personal data export and erasure.</summary>
public abstract class PrivacyTests(AppFactory app)
{
    private sealed record Setup(HttpClient Convener, JsonElement Process, int ConsultationId, int Paragraph);

    private async Task<Setup> ConsultationAsync(object? privacy = null)
    {
        var (admin, _) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        if (privacy is not null)
        {
            await (await admin.PutAsJsonAsync($"/api/processes/{process.Id()}/privacy", privacy)).JsonAsync(HttpStatusCode.OK);
        }

        var created = await (await admin.PostAsJsonAsync($"/api/processes/{process.Id()}/consultations", new
        {
            title = "Draft outcome document",
            closesAt = DateTimeOffset.UtcNow.AddDays(14),
            markdown = "# Principles\n\nHuman rights apply online.\n\nThe Internet should remain open.",
        })).JsonAsync(HttpStatusCode.Created);
        var draft = await (await app.Anonymous().GetAsync($"/api/consultations/{created.Id()}/draft")).JsonAsync(HttpStatusCode.OK);
        return new Setup(admin, process, created.Id(), draft.GetProperty("paragraphs")[0].Id());
    }

    private static Task<HttpResponseMessage> JoinAsync(HttpClient client, JsonElement process, string? country = null, string? organisation = null) =>
        client.PostAsJsonAsync($"/api/processes/{process.Id()}/participants", new
        {
            stakeholderGroupId = process.GroupId("Civil society"),
            regionId = process.RegionId("Africa"),
            country,
            gender = "woman",
            organisation,
        });

    [Fact]
    public async Task A_pseudonymous_participants_real_name_appears_nowhere_in_pages_api_or_exports()
    {
        var s = await ConsultationAsync(new { names = "Pseudonym" });
        var (zora, _) = await app.SignedInAsync("Zora Realname");
        await (await JoinAsync(zora, s.Process, "KE", "Kenya ICT Action Network")).JsonAsync(HttpStatusCode.Created);
        await (await zora.PutAsJsonAsync($"/api/processes/{s.Process.Id()}/participants/me/privacy", new { pseudonym = "Blue Heron" })).JsonAsync(HttpStatusCode.OK);
        await (await zora.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/comments", new { paragraphId = s.Paragraph, text = "Keep it open." })).JsonAsync(HttpStatusCode.Created);

        var reader = app.Anonymous();
        var pid = s.Process.Id();
        string[] urls =
        [
            $"/api/processes/{pid}/participants",
            $"/processes/{pid}/participants",
            $"/processes/{pid}",
            $"/processes/{pid}/record",
            $"/consultations/{s.ConsultationId}",
            $"/api/consultations/{s.ConsultationId}/export",
            $"/api/consultations/{s.ConsultationId}/export.csv",
        ];
        foreach (var url in urls)
        {
            var body = await (await reader.GetAsync(url)).Content.ReadAsStringAsync();
            Assert.DoesNotContain("Realname", body, StringComparison.Ordinal);
        }

        Assert.Contains("Blue Heron", await reader.GetStringAsync($"/processes/{pid}/participants"), StringComparison.Ordinal);
        Assert.Contains("Blue Heron", await reader.GetStringAsync($"/api/consultations/{s.ConsultationId}/export.csv"), StringComparison.Ordinal);
        Assert.Contains("Blue Heron", await reader.GetStringAsync($"/consultations/{s.ConsultationId}"), StringComparison.Ordinal);

        // The participant sees exactly what others see of them.
        var mine = await (await zora.GetAsync($"/api/processes/{pid}/participants/me/privacy")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Blue Heron", mine.GetProperty("seenAs").GetProperty("name").GetString());
        Assert.Equal("KE", mine.GetProperty("seenAs").GetProperty("country").GetString());
    }

    [Fact]
    public async Task A_change_that_would_reveal_is_refused_and_more_privacy_applies_at_once_everywhere()
    {
        var s = await ConsultationAsync();
        var (ana, _) = await app.SignedInAsync("Ana Example");
        await (await JoinAsync(ana, s.Process, "BR", "NIC.br")).JsonAsync(HttpStatusCode.Created);
        var url = $"/api/processes/{s.Process.Id()}/participants";
        var before = (await (await app.Anonymous().GetAsync(url)).JsonAsync(HttpStatusCode.OK)).GetProperty("items")[0];
        Assert.Equal(("Ana Example", "BR", "NIC.br"), (before.GetProperty("displayName").GetString(), before.GetProperty("country").GetString(), before.GetProperty("organisation").GetString()));

        var settings = $"/api/processes/{s.Process.Id()}/privacy";
        var stricter = await (await s.Convener.PutAsJsonAsync(settings, new { names = "Nothing", countryPublic = false, organisationPublic = false, minimumCellSize = 5 })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Nothing", stricter.GetProperty("names").GetString());

        var after = (await (await app.Anonymous().GetAsync(url)).JsonAsync(HttpStatusCode.OK)).GetProperty("items")[0];
        Assert.Equal("A participant", after.GetProperty("displayName").GetString());
        Assert.False(after.TryGetProperty("country", out _));
        Assert.False(after.TryGetProperty("organisation", out _));
        Assert.DoesNotContain("Ana Example", await app.Anonymous().GetStringAsync($"/processes/{s.Process.Id()}/participants"), StringComparison.Ordinal);

        var names = await (await s.Convener.PutAsJsonAsync(settings, new { names = "Name" })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("names", names.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await s.Convener.PutAsJsonAsync(settings, new { countryPublic = true })).ProblemAsync(HttpStatusCode.Conflict);
        await (await s.Convener.PutAsJsonAsync(settings, new { minimumCellSize = 3 })).ProblemAsync(HttpStatusCode.Conflict);
        var unchanged = await (await app.Anonymous().GetAsync(settings)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("Nothing", false, 5), (unchanged.GetProperty("names").GetString(), unchanged.GetProperty("countryPublic").GetBoolean(), unchanged.GetProperty("minimumCellSize").GetInt32()));
    }

    [Fact]
    public async Task A_participant_may_be_stricter_than_the_process_but_never_looser()
    {
        var s = await ConsultationAsync(new { names = "Pseudonym" });
        var (kofi, _) = await app.SignedInAsync("Kofi Example");
        await (await JoinAsync(kofi, s.Process, "GH")).JsonAsync(HttpStatusCode.Created);
        var me = $"/api/processes/{s.Process.Id()}/participants/me/privacy";

        var numbered = await (await kofi.GetAsync(me)).JsonAsync(HttpStatusCode.OK);
        Assert.StartsWith("Participant ", numbered.GetProperty("seenAs").GetProperty("name").GetString(), StringComparison.Ordinal);

        var looser = await (await kofi.PutAsJsonAsync(me, new { names = "Name", pseudonym = "Owl" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Owl", looser.GetProperty("seenAs").GetProperty("name").GetString());

        var stricter = await (await kofi.PutAsJsonAsync(me, new { names = "Nothing", pseudonym = "Owl", hideCountry = true })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("A participant", stricter.GetProperty("seenAs").GetProperty("name").GetString());
        Assert.False(stricter.GetProperty("seenAs").TryGetProperty("country", out _));
        var listed = (await (await app.Anonymous().GetAsync($"/api/processes/{s.Process.Id()}/participants")).JsonAsync(HttpStatusCode.OK)).GetProperty("items")[0];
        Assert.Equal("A participant", listed.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Bad_input_and_permissions_on_privacy_settings()
    {
        var s = await ConsultationAsync();
        var settings = $"/api/processes/{s.Process.Id()}/privacy";
        var (participant, _) = await app.SignedInAsync();
        await (await JoinAsync(participant, s.Process)).JsonAsync(HttpStatusCode.Created);
        var (outsider, _) = await app.SignedInAsync();

        await (await app.Anonymous().PutAsJsonAsync(settings, new { names = "Nothing" })).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await participant.PutAsJsonAsync(settings, new { names = "Nothing" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await s.Convener.PutAsJsonAsync(settings, new { minimumCellSize = 0 })).ProblemAsync(HttpStatusCode.BadRequest, "minimumCellSize");
        await (await s.Convener.PutAsync(settings, new StringContent("{\"names\":\"Loudly\"}", System.Text.Encoding.UTF8, "application/json"))).ProblemAsync(HttpStatusCode.BadRequest, "names");
        await (await app.Anonymous().GetAsync("/api/processes/999999/privacy")).ProblemAsync(HttpStatusCode.NotFound);

        var me = $"/api/processes/{s.Process.Id()}/participants/me/privacy";
        await (await app.Anonymous().GetAsync(me)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await outsider.GetAsync(me)).ProblemAsync(HttpStatusCode.Conflict);
        await (await outsider.PutAsJsonAsync(me, new { names = "Nothing" })).ProblemAsync(HttpStatusCode.Conflict);
        await (await participant.PutAsJsonAsync(me, new { pseudonym = new string('x', 101) })).ProblemAsync(HttpStatusCode.BadRequest, "pseudonym");
    }

    [Fact]
    public async Task A_participant_downloads_their_data_and_erases_their_account_once()
    {
        var s = await ConsultationAsync();
        var (lea, email) = await app.SignedInAsync("Lea Erasable");
        await (await JoinAsync(lea, s.Process, "FR", "Quadrature")).JsonAsync(HttpStatusCode.Created);
        var comment = await (await lea.PostAsJsonAsync($"/api/consultations/{s.ConsultationId}/comments", new { paragraphId = s.Paragraph, text = "Encryption matters." })).JsonAsync(HttpStatusCode.Created);

        await (await lea.PutAsync($"/api/processes/{s.Process.Id()}/follow", null)).JsonAsync(HttpStatusCode.OK);
        await (await lea.PutAsJsonAsync("/api/account/me/notice-mail", new { mail = "Daily" })).JsonAsync(HttpStatusCode.OK);

        await (await app.Anonymous().GetAsync("/api/account/me/data")).ProblemAsync(HttpStatusCode.Unauthorized);
        var data = await (await lea.GetAsync("/api/account/me/data")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Daily", data.GetProperty("account").GetProperty("noticeMail").GetString());
        Assert.Equal(("Process", s.Process.Id()), (data.GetProperty("follows")[0].GetProperty("subject").GetString(), data.GetProperty("follows")[0].GetProperty("subjectId").GetInt32()));
        Assert.Equal(JsonValueKind.Array, data.GetProperty("notices").ValueKind);
        Assert.Equal(email, data.GetProperty("account").GetProperty("email").GetString());
        var affiliation = data.GetProperty("participations")[0].GetProperty("affiliations")[0];
        Assert.Equal(("FR", "woman", "Quadrature"), (affiliation.GetProperty("country").GetString(), affiliation.GetProperty("gender").GetString(), affiliation.GetProperty("organisation").GetString()));
        Assert.Equal("Encryption matters.", data.GetProperty("comments")[0].GetProperty("text").GetString());

        await (await lea.PostAsJsonAsync("/api/account/me/erase", new { password = "wrong password!" })).ProblemAsync(HttpStatusCode.BadRequest, "password");
        // A double click: requests that get in before the first erasure commits answer as it does; erasure ends every
        // session of the account, bearer tokens included, so a later repeat finds nobody signed in. Either way it is
        // erased and recorded once.
        var erasures = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => lea.PostAsJsonAsync("/api/account/me/erase", new { password = "correct horse battery" })));
        Assert.All(erasures, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Unauthorized }));
        Assert.Contains(erasures, r => r.StatusCode == HttpStatusCode.OK);
        await (await lea.PostAsJsonAsync("/api/account/me/erase", new { password = "correct horse battery" })).ProblemAsync(HttpStatusCode.Unauthorized);

        var (recorded, account) = await app.WithDbAsync(async db =>
        {
            var id = await db.Record.Where(r => r.Action == "account.erased").Select(r => r.ActorAccountId).ToListAsync();
            var row = await db.Users.AsNoTracking().SingleAsync(u => u.Id == data.GetProperty("account").GetProperty("id").GetString());
            return (id.Count(a => a == row.Id), row);
        });
        Assert.Equal(1, recorded);
        Assert.Equal(("", (string?)null, (string?)null), (account.DisplayName, account.Email, account.PasswordHash));

        var listed = (await (await app.Anonymous().GetAsync($"/api/processes/{s.Process.Id()}/participants")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("stakeholderGroup").GetString() == "Civil society");
        Assert.Equal("A former participant", listed.GetProperty("displayName").GetString());
        Assert.False(listed.TryGetProperty("country", out _));
        var export = await app.Anonymous().GetStringAsync($"/api/consultations/{s.ConsultationId}/export.csv");
        Assert.Contains("A former participant", export, StringComparison.Ordinal);
        Assert.Contains("Encryption matters.", export, StringComparison.Ordinal);
        var record = await app.Anonymous().GetStringAsync($"/processes/{s.Process.Id()}/record");
        Assert.Contains("erased their personal data", record, StringComparison.Ordinal);
        Assert.DoesNotContain("Lea Erasable", record, StringComparison.Ordinal);

        var signIn = await app.Anonymous().PostAsJsonAsync("/api/account/token", new { email, password = "correct horse battery" });
        Assert.NotEqual(HttpStatusCode.OK, signIn.StatusCode);
        Assert.True(comment.Id() > 0);
    }

    [Fact]
    public async Task The_join_page_shows_the_settings_before_anyone_declares_anything()
    {
        var s = await ConsultationAsync(new { names = "Nothing", countryPublic = false });
        var (_, email) = await app.SignedInAsync();
        var browser = await app.BrowserSignedInAsync(email);

        var page = await browser.GetStringAsync($"/processes/{s.Process.Id()}/join");

        Assert.Contains("No name is shown: only your stakeholder group and region.", page, StringComparison.Ordinal);
        Assert.Contains("Your country is never shown.", page, StringComparison.Ordinal);
    }
}

public sealed class PrivacyOnSqlite(SqliteApp app) : PrivacyTests(app), IClassFixture<SqliteApp>;

public sealed class PrivacyOnPostgres(PostgresApp app) : PrivacyTests(app), IClassFixture<PostgresApp>;
