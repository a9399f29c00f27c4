using System.Net;
using EqualFooting.Web.Tests.Infrastructure;

namespace EqualFooting.Web.Tests;

/// <summary>The participant list pages before it joins accounts, so its order, pages and filters are checked here.</summary>
public abstract class ParticipantListTests(AppFactory app)
{
    [Fact]
    public async Task Participants_are_listed_newest_first_page_by_page_with_filters_and_totals()
    {
        var (admin, _) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        var people = new[] { ("Amara", "Civil society", "Europe"), ("Kwame", "Government", "Africa"), ("Fatou", "Civil society", "Africa") };
        foreach (var (name, group, region) in people)
        {
            var (client, _) = await app.SignedInAsync(name);
            await (await client.JoinAsync(process, group, region)).JsonAsync(HttpStatusCode.Created);
        }

        var url = $"/api/processes/{process.Id()}/participants";
        var first = await (await app.Anonymous().GetAsync(url + "?pageSize=2")).JsonAsync(HttpStatusCode.OK);
        var second = await (await app.Anonymous().GetAsync(url + "?pageSize=2&page=2")).JsonAsync(HttpStatusCode.OK);
        var civil = await (await app.Anonymous().GetAsync(url + $"?stakeholderGroupId={process.GroupId("Civil society")}")).JsonAsync(HttpStatusCode.OK);
        var beyond = await (await app.Anonymous().GetAsync(url + "?pageSize=2&page=3")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(3, first.GetProperty("total").GetInt32());
        Assert.Equal(["Fatou", "Kwame"], Names(first));
        Assert.Equal(["Amara"], Names(second));
        Assert.Equal(2, civil.GetProperty("total").GetInt32());
        Assert.Equal(["Fatou", "Amara"], Names(civil));
        Assert.Equal("Africa", civil.GetProperty("items")[0].GetProperty("region").GetString());
        Assert.Empty(Names(beyond));
        Assert.Equal(3, beyond.GetProperty("counts").GetProperty("total").GetInt32());
    }

    private static string[] Names(System.Text.Json.JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("displayName").GetString()!).ToArray();
}

public sealed class ParticipantListOnSqlite(SqliteApp app) : ParticipantListTests(app), IClassFixture<SqliteApp>;

public sealed class ParticipantListOnPostgres(PostgresApp app) : ParticipantListTests(app), IClassFixture<PostgresApp>;
