using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EqualFooting.Web.Tests.Infrastructure;

namespace EqualFooting.Web.Tests.Balance;

/// <summary>The participation-balance dashboard: shares, warnings and privacy of a process, as JSON, CSV and a page.</summary>
public abstract class BalanceTests(AppFactory app)
{
    private static JsonElement Group(JsonElement dashboard, string measure, string group) =>
        dashboard.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("key").GetString() == measure)
            .GetProperty("byGroup").GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("group").GetString() == group);

    [Fact]
    public async Task Civil_society_dominating_warns_that_the_other_groups_are_missing_and_gender_stays_aggregate()
    {
        var (admin, _) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        var pid = process.Id();
        var consultation = await (await admin.PostAsJsonAsync($"/api/processes/{pid}/consultations", new
        {
            title = "Draft outcome document",
            closesAt = DateTimeOffset.UtcNow.AddDays(14),
            markdown = "# Principles\n\nHuman rights apply online.",
        })).JsonAsync(HttpStatusCode.Created);
        var draft = await (await app.Anonymous().GetAsync($"/api/consultations/{consultation.Id()}/draft")).JsonAsync(HttpStatusCode.OK);
        var paragraph = draft.GetProperty("paragraphs")[0].Id();

        long accepted = 0;
        for (var i = 0; i < 4; i++)
        {
            var (client, _) = await app.SignedInAsync($"Civil {i}");
            await (await client.PostAsJsonAsync($"/api/processes/{pid}/participants", new
            {
                stakeholderGroupId = process.GroupId("Civil society"),
                regionId = process.RegionId("Africa"),
                gender = i == 0 ? "man" : "woman",
            })).JsonAsync(HttpStatusCode.Created);
            var comment = await (await client.PostAsJsonAsync($"/api/consultations/{consultation.Id()}/comments", new { paragraphId = paragraph, text = $"Point {i}." })).JsonAsync(HttpStatusCode.Created);
            accepted = comment.GetProperty("id").GetInt64();
        }

        var (gov, _) = await app.SignedInAsync("Government delegate");
        await (await gov.JoinAsync(process, "Government", "Europe")).JsonAsync(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync($"/api/consultations/{consultation.Id()}/comments/{accepted}/disposition", new { disposition = "Accepted", reason = "Added to paragraph 1." }))
            .JsonAsync(HttpStatusCode.OK);

        var dashboard = await (await app.Anonymous().GetAsync($"/api/processes/{pid}/balance")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0.8, Group(dashboard, "registrations", "Civil society").GetProperty("share").GetDouble(), 6);
        Assert.Equal(4, Group(dashboard, "comments", "Civil society").GetProperty("count").GetInt64());
        Assert.Equal(1, Group(dashboard, "accepted-comments", "Civil society").GetProperty("count").GetInt64());
        var warnings = dashboard.GetProperty("warnings").EnumerateArray()
            .Where(w => w.GetProperty("measure").GetString() == "registrations")
            .ToDictionary(w => w.GetProperty("group").GetString()!, w => w.GetProperty("absent").GetBoolean());
        Assert.True(warnings["Technical community"]);
        Assert.True(warnings["Private sector"]);
        Assert.False(warnings.ContainsKey("Civil society"));
        Assert.False(warnings.ContainsKey("Government")); // 20%, above the 10% default

        // One man among five registrations is a cell under the default minimum of 3: it and the next smallest are hidden.
        var genders = dashboard.GetProperty("registrationsByGender").EnumerateArray().ToList();
        Assert.All(genders.Where(g => g.GetProperty("key").GetString() == "man"), g => Assert.True(g.GetProperty("hidden").GetBoolean()));
        var csv = await app.Anonymous().GetStringAsync($"/api/processes/{pid}/balance.csv");
        Assert.StartsWith("measure,split,name,count,share\n", csv, StringComparison.Ordinal);
        Assert.Contains("registrations,stakeholder-group,Civil society,4,0.8\n", csv, StringComparison.Ordinal);
        Assert.Contains("registrations,gender,man,<3,\n", csv, StringComparison.Ordinal);

        var page = await app.Anonymous().GetStringAsync($"/processes/{pid}/balance");
        Assert.Contains("No Technical community in Registrations.", page, StringComparison.Ordinal);
        Assert.Contains("<svg", page, StringComparison.Ordinal);

        // A stricter threshold for this view flags Government too.
        var strict = await (await app.Anonymous().GetAsync($"/api/processes/{pid}/balance?threshold=0.25")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(strict.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("group").GetString() == "Government" && !w.GetProperty("absent").GetBoolean());
    }

    [Theory]
    [InlineData("threshold=0")]
    [InlineData("threshold=1")]
    [InlineData("threshold=-0.2")]
    [InlineData("threshold=NaN")]
    public async Task A_threshold_outside_zero_and_one_is_a_400_naming_it(string query)
    {
        var (admin, _) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        await (await app.Anonymous().GetAsync($"/api/processes/{process.Id()}/balance?{query}")).ProblemAsync(HttpStatusCode.BadRequest, "threshold");
        await (await app.Anonymous().GetAsync($"/api/processes/{process.Id()}/balance.csv?{query}")).ProblemAsync(HttpStatusCode.BadRequest, "threshold");
    }

    [Fact]
    public async Task A_threshold_that_is_not_a_number_is_a_400()
    {
        var (admin, _) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Anonymous().GetAsync($"/api/processes/{process.Id()}/balance?threshold=lots")).StatusCode);
    }

    [Fact]
    public async Task A_draft_process_is_hidden_from_readers_and_shown_to_its_conveners()
    {
        var (admin, _) = await app.AdministratorAsync();
        var draft = await admin.CreateProcessAsync("Secret draft", "Draft");
        var (stranger, _) = await app.SignedInAsync("Stranger");
        foreach (var url in new[] { $"/api/processes/{draft.Id()}/balance", $"/api/processes/{draft.Id()}/balance.csv", $"/processes/{draft.Id()}/balance" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(url)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/api/processes/987654/balance")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/processes/987654/balance")).StatusCode);
    }
}

public sealed class BalanceOnSqlite(SqliteApp app) : BalanceTests(app), IClassFixture<SqliteApp>;

public sealed class BalanceOnPostgres(PostgresApp app) : BalanceTests(app), IClassFixture<PostgresApp>;
