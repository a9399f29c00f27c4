using System.Net;
using EqualFooting.Web.Tests.Infrastructure;

namespace EqualFooting.Web.Tests.Balance;

/// <summary>Participation balance across processes: public processes only, by start date, as a page, JSON and CSV.</summary>
public abstract class BalanceOverTimeTests(AppFactory app)
{
    [Fact]
    public async Task Public_processes_are_listed_oldest_first_with_shares_by_group_and_region_and_drafts_never()
    {
        var (admin, _) = await app.AdministratorAsync();
        var first = await admin.CreateProcessAsync("IGF 2013 balance");
        var second = await admin.CreateProcessAsync("IGF 2014 balance");
        var draft = await admin.CreateProcessAsync("Secret preparations balance", "Draft");
        foreach (var (name, group) in new[] { ("A", "Civil society"), ("B", "Civil society"), ("C", "Government") })
        {
            var (client, _) = await app.SignedInAsync(name);
            await (await client.JoinAsync(first, group, "Africa")).JsonAsync(HttpStatusCode.Created);
        }

        var (d, _) = await app.SignedInAsync("D");
        await (await d.JoinAsync(second, "Technical community", "Europe")).JsonAsync(HttpStatusCode.Created);

        var json = await (await app.Anonymous().GetAsync("/api/balance")).JsonAsync(HttpStatusCode.OK);
        var csv = await app.Anonymous().GetStringAsync("/api/balance.csv?measure=registrations");
        var page = await app.Anonymous().GetStringAsync("/balance");
        var asAdmin = await (await admin.GetAsync("/api/balance")).JsonAsync(HttpStatusCode.OK);

        var processes = json.GetProperty("processes").EnumerateArray().ToList();
        var ids = processes.Select(p => p.GetProperty("processId").GetInt32()).ToList();
        Assert.True(ids.IndexOf(first.Id()) < ids.IndexOf(second.Id()));
        Assert.DoesNotContain(draft.Id(), ids);
        Assert.DoesNotContain(asAdmin.GetProperty("processes").EnumerateArray(), p => p.GetProperty("processId").GetInt32() == draft.Id());
        var igf2013 = processes.Single(p => p.GetProperty("processId").GetInt32() == first.Id());
        var civil = igf2013.GetProperty("byGroup").GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("group").GetString() == "Civil society");
        Assert.Equal(2, civil.GetProperty("count").GetInt64());
        Assert.Equal(2.0 / 3, civil.GetProperty("share").GetDouble(), 3);
        Assert.Equal(3, igf2013.GetProperty("byRegion").GetProperty("total").GetInt64());
        Assert.Contains($"{first.Id()},IGF 2013 balance,", csv, StringComparison.Ordinal);
        Assert.Contains(",registrations,stakeholder-group,Civil society,2,0.6667", csv, StringComparison.Ordinal);
        Assert.Contains("IGF 2014 balance", page, StringComparison.Ordinal);
        Assert.Contains("<svg", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret preparations balance", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_measure_is_a_400_naming_it_and_a_message_on_the_page()
    {
        await (await app.Anonymous().GetAsync("/api/balance?measure=shoe-size")).ProblemAsync(HttpStatusCode.BadRequest, "measure");
        await (await app.Anonymous().GetAsync("/api/balance.csv?measure=shoe-size")).ProblemAsync(HttpStatusCode.BadRequest, "measure");
        var page = await app.Anonymous().GetAsync("/balance?measure=shoe-size");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Choose a measure", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await (await app.Anonymous().GetAsync("/api/balance?measure=attendance")).JsonAsync(HttpStatusCode.OK);
    }
}

public sealed class BalanceOverTimeOnSqlite(SqliteApp app) : BalanceOverTimeTests(app), IClassFixture<SqliteApp>;

public sealed class BalanceOverTimeOnPostgres(PostgresApp app) : BalanceOverTimeTests(app), IClassFixture<PostgresApp>;
