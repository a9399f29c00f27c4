using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EqualFooting.Web.Tests;

public abstract class ParticipationApiTests(AppFactory app)
{
    private async Task<JsonElement> OpenProcessAsync()
    {
        var (admin, _) = await app.AdministratorAsync();
        return await admin.CreateProcessAsync();
    }

    [Fact]
    public async Task Joining_needs_an_account()
    {
        var process = await OpenProcessAsync();

        var response = await app.Anonymous().JoinAsync(process, "Academia", "Europe");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"regionId\":REGION}", "stakeholderGroupId")]
    [InlineData("{\"stakeholderGroupId\":GROUP}", "regionId")]
    [InlineData("{\"stakeholderGroupId\":424242,\"regionId\":REGION}", "stakeholderGroupId")]
    [InlineData("{\"stakeholderGroupId\":GROUP,\"regionId\":424242}", "regionId")]
    [InlineData("{\"stakeholderGroupId\":GROUP,\"regionId\":REGION,\"country\":\"Brazil\"}", "country")]
    [InlineData("{\"stakeholderGroupId\":\"civil\",\"regionId\":REGION}", "stakeholderGroupId")]
    public async Task Bad_affiliations_are_400s_naming_the_field(string template, string field)
    {
        var process = await OpenProcessAsync();
        var (client, _) = await app.SignedInAsync();
        var json = template.Replace("GROUP", process.GroupId("Civil society").ToString()).Replace("REGION", process.RegionId("Africa").ToString());

        var response = await client.PostJsonTextAsync($"/api/processes/{process.Id()}/participants", json);

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal(0, await app.WithDbAsync(db => db.Participants.CountAsync(p => p.ProcessId == process.Id())));
    }

    [Fact]
    public async Task Joining_twice_is_idempotent()
    {
        var process = await OpenProcessAsync();
        var (client, _) = await app.SignedInAsync();

        var first = await (await client.JoinAsync(process, "Technical community", "Africa")).JsonAsync(HttpStatusCode.Created);
        var second = await (await client.JoinAsync(process, "Government", "Europe")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(first.Id(), second.Id());
        Assert.Equal(process.GroupId("Technical community"), second.GetProperty("affiliation").GetProperty("stakeholderGroupId").GetInt32());
        Assert.Equal(1, await app.WithDbAsync(db => db.Participants.CountAsync(p => p.ProcessId == process.Id())));
    }

    [Fact]
    public async Task A_double_clicked_join_creates_one_participant()
    {
        var process = await OpenProcessAsync();
        var (client, _) = await app.SignedInAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.JoinAsync(process, "Academia", "Asia-Pacific")));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(1, await app.WithDbAsync(db => db.Participants.CountAsync(p => p.ProcessId == process.Id())));
        Assert.Equal(1, await app.WithDbAsync(db => db.Record.CountAsync(r => r.ProcessId == process.Id() && r.Action == "participant.joined")));
    }

    [Fact]
    public async Task Many_people_joining_at_once_are_all_counted()
    {
        var process = await OpenProcessAsync();
        var clients = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => app.SignedInAsync()));

        var responses = await Task.WhenAll(clients.Select((c, i) => c.Client.JoinAsync(process, i % 2 == 0 ? "Civil society" : "Private sector", "Latin America and Caribbean")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var table = await (await app.Anonymous().GetAsync($"/api/processes/{process.Id()}/participation")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(12, table.GetProperty("total").GetInt32());
        Assert.Equal(6, table.GetProperty("byStakeholderGroup").GetProperty(process.GroupId("Private sector").ToString()).GetInt32());
    }

    [Fact]
    public async Task Changing_affiliation_keeps_the_history_and_later_records_carry_the_new_one()
    {
        var process = await OpenProcessAsync();
        var (client, _) = await app.SignedInAsync("Marilia");
        await client.JoinAsync(process, "Civil society", "Latin America and Caribbean");

        var changed = await client.PutAsJsonAsync($"/api/processes/{process.Id()}/participants/me/affiliation",
            new { stakeholderGroupId = process.GroupId("Government"), regionId = process.RegionId("Latin America and Caribbean"), organisation = "CGI.br" });
        var same = await client.PutAsJsonAsync($"/api/processes/{process.Id()}/participants/me/affiliation",
            new { stakeholderGroupId = process.GroupId("Government"), regionId = process.RegionId("Latin America and Caribbean"), organisation = "CGI.br" });
        var history = await (await client.GetAsync($"/api/processes/{process.Id()}/participants/me/affiliations")).JsonAsync(HttpStatusCode.OK);

        await changed.JsonAsync(HttpStatusCode.OK);
        await same.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["Civil society", "Government"], history.EnumerateArray().Select(h => h.GetProperty("stakeholderGroup").GetString()));
        Assert.Equal(history[0].GetProperty("until").GetDateTimeOffset(), history[1].GetProperty("from").GetDateTimeOffset());

        var record = await (await client.GetAsync($"/api/processes/{process.Id()}/record")).JsonAsync(HttpStatusCode.OK);
        var latest = record[0];
        Assert.Equal("participant.affiliation-changed", latest.GetProperty("action").GetString());
        Assert.Contains("\"stakeholderGroup\":\"Government\"", latest.GetProperty("entry").GetString());
        Assert.Contains("\"from\":{", latest.GetProperty("entry").GetString());
    }

    [Fact]
    public async Task Changing_affiliation_before_joining_is_a_conflict()
    {
        var process = await OpenProcessAsync();
        var (client, _) = await app.SignedInAsync();

        var response = await client.PutAsJsonAsync($"/api/processes/{process.Id()}/participants/me/affiliation",
            new { stakeholderGroupId = process.GroupId("Government"), regionId = process.RegionId("Europe") });

        await response.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_closed_process_refuses_joins_and_a_retired_group_cannot_be_chosen()
    {
        var (admin, _) = await app.AdministratorAsync();
        var closed = await admin.CreateProcessAsync("Closed one", "Closed");
        var open = await admin.CreateProcessAsync("Open one");
        await admin.PostAsync($"/api/processes/{open.Id()}/stakeholder-groups/{open.GroupId("Academia")}/retire", null);
        var (client, _) = await app.SignedInAsync();

        await (await client.JoinAsync(closed, "Academia", "Europe")).ProblemAsync(HttpStatusCode.Conflict);
        await (await client.JoinAsync(open, "Academia", "Europe")).ProblemAsync(HttpStatusCode.BadRequest, "stakeholderGroupId");
    }

    [Fact]
    public async Task The_participant_list_is_paged_filtered_and_counted_by_group_and_region()
    {
        var process = await OpenProcessAsync();
        var people = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => app.SignedInAsync($"P{i}")));
        for (var i = 0; i < people.Length; i++)
        {
            await people[i].Client.JoinAsync(process, i < 3 ? "Technical community" : "Academia", i == 0 ? "Africa" : "Europe");
        }

        var all = await (await app.Anonymous().GetAsync($"/api/processes/{process.Id()}/participants?pageSize=2")).JsonAsync(HttpStatusCode.OK);
        var tech = await (await app.Anonymous().GetAsync($"/api/processes/{process.Id()}/participants?stakeholderGroupId={process.GroupId("Technical community")}")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(5, all.GetProperty("total").GetInt32());
        Assert.Equal(2, all.GetProperty("items").GetArrayLength());
        Assert.Equal(3, tech.GetProperty("total").GetInt32());
        var cells = all.GetProperty("counts").GetProperty("cells").EnumerateArray()
            .ToDictionary(c => (c.GetProperty("stakeholderGroupId").GetInt32(), c.GetProperty("regionId").GetInt32()), c => c.GetProperty("count").GetInt32());
        Assert.Equal(1, cells[(process.GroupId("Technical community"), process.RegionId("Africa"))]);
        Assert.Equal(2, cells[(process.GroupId("Technical community"), process.RegionId("Europe"))]);
        Assert.Equal(2, cells[(process.GroupId("Academia"), process.RegionId("Europe"))]);
        Assert.False(all.GetProperty("items")[0].TryGetProperty("gender", out _));
    }

    [Fact]
    public async Task The_process_list_splits_its_counts_by_group_and_region()
    {
        var process = await OpenProcessAsync();
        var (a, _) = await app.SignedInAsync();
        var (b, _) = await app.SignedInAsync();
        await a.JoinAsync(process, "Government", "Africa");
        await b.JoinAsync(process, "Government", "Europe");

        var list = await (await app.Anonymous().GetAsync("/api/processes")).JsonAsync(HttpStatusCode.OK);

        var summary = list.EnumerateArray().Single(p => p.Id() == process.Id());
        Assert.Equal(2, summary.GetProperty("participants").GetInt32());
        var group = Assert.Single(summary.GetProperty("byStakeholderGroup").EnumerateArray());
        Assert.Equal(("Government", 2), (group.GetProperty("name").GetString(), group.GetProperty("count").GetInt32()));
        Assert.Equal(["Africa", "Europe"], summary.GetProperty("byRegion").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=5000", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("page=abc", null)]
    public async Task Bad_paging_is_a_400(string query, string? field)
    {
        var process = await OpenProcessAsync();

        var response = await app.Anonymous().GetAsync($"/api/processes/{process.Id()}/participants?{query}");

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
    }

    /// <summary>
    /// The ballot writer reads standing by set (<see cref="EqualFooting.Web.Kernel.Actors.StandingsAsync"/>); it must say exactly what
    /// the one-account reads say, for every kind of account: an administrator, a moderator who never joined, a
    /// participant whose affiliation changed, a participant of another process, an account with no standing at all.
    /// </summary>
    [Fact]
    public async Task Standing_read_by_set_equals_standing_read_one_account_at_a_time()
    {
        var (admin, adminEmail) = await app.AdministratorAsync();
        var first = await admin.CreateProcessAsync("First forum");
        var second = await admin.CreateProcessAsync("Second forum");
        var (moved, movedEmail) = await app.SignedInAsync("Moved");
        await (await moved.JoinAsync(first, "Civil society", "Africa")).JsonAsync(HttpStatusCode.Created);
        await (await moved.PutAsJsonAsync($"/api/processes/{first.Id()}/participants/me/affiliation",
            new { stakeholderGroupId = first.GroupId("Technical community"), regionId = first.RegionId("Europe") })).JsonAsync(HttpStatusCode.OK);
        var (_, moderatorEmail) = await app.SignedInAsync("Moderator");
        await (await admin.PostAsJsonAsync($"/api/processes/{first.Id()}/roles", new { email = moderatorEmail, role = "Moderator" })).JsonAsync(HttpStatusCode.OK);
        var (elsewhere, elsewhereEmail) = await app.SignedInAsync("Elsewhere");
        await (await elsewhere.JoinAsync(second, "Academia", "Asia-Pacific")).JsonAsync(HttpStatusCode.Created);
        var (_, nobodyEmail) = await app.SignedInAsync("Nobody");
        string[] emails = [adminEmail, movedEmail, moderatorEmail, elsewhereEmail, nobodyEmail];
        var accounts = await app.WithDbAsync(db => db.Users.Where(u => emails.Contains(u.Email)).Select(u => u.Id).ToListAsync());
        int[] processes = [first.Id(), second.Id()];

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EqualFooting.Persistence.EqualFootingDb>();
        var standings = await scope.ServiceProvider.GetRequiredService<EqualFooting.Web.Kernel.Actors>().StandingsAsync(processes, [.. accounts, "no-such-account"]);

        Assert.Equal(accounts.Count * processes.Length, standings.Count);
        foreach (var process in processes)
        {
            foreach (var account in accounts)
            {
                await using var one = app.Services.CreateAsyncScope();
                var actors = one.ServiceProvider.GetRequiredService<EqualFooting.Web.Kernel.Actors>();
                actors.ActAs(account);
                var actor = await actors.InProcessAsync(process);
                var record = await actors.ForRecordAsync(process);
                var current = await EqualFooting.Web.Participation.CurrentAffiliation.OfAsync(db, process, account, CancellationToken.None);

                var set = standings[(process, account)];
                Assert.Equal((actor.AccountId, actor.IsAdministrator, actor.IsParticipant), (set.Actor.AccountId, set.Actor.IsAdministrator, set.Actor.IsParticipant));
                Assert.Equal(actor.Roles.Order(), set.Actor.Roles.Order());
                Assert.Equal((record!.AccountId, record.Affiliation?.Id, record.StakeholderGroupName, record.RegionName), (set.Record.AccountId, set.Record.Affiliation?.Id, set.Record.StakeholderGroupName, set.Record.RegionName));
                Assert.Equal(current, set.Current is { } c ? (c.ParticipantId, c.StakeholderGroupId, c.RegionId) : null);
            }
        }

        // The cases the accounts were made for, so the comparison above cannot pass on empty standings.
        var movedId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == movedEmail).Select(u => u.Id).SingleAsync());
        var moderatorId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == moderatorEmail).Select(u => u.Id).SingleAsync());
        Assert.Equal(("Technical community", "Europe"), (standings[(first.Id(), movedId)].Record.StakeholderGroupName, standings[(first.Id(), movedId)].Record.RegionName));
        Assert.Null(standings[(second.Id(), movedId)].Current);
        Assert.True(standings[(first.Id(), moderatorId)].Actor.Holds(EqualFooting.Participation.ProcessRole.Moderator));
        Assert.False(standings[(first.Id(), moderatorId)].Actor.IsParticipant);
    }
}

public sealed class ParticipationApiOnSqlite(SqliteApp app) : ParticipationApiTests(app), IClassFixture<SqliteApp>;

public sealed class ParticipationApiOnPostgres(PostgresApp app) : ParticipationApiTests(app), IClassFixture<PostgresApp>;
