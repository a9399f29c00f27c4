using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EqualFooting.Participation;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Tests.Kernel;

/// <summary>
/// Identical or conflicting requests fired at once: each use case checks a rule and acts inside its claim, so the
/// rule holds whatever the timing, exactly one writer wins each claim, and the process's record stays gap-free.
/// </summary>
public abstract class WriteRaceTests(AppFactory app)
{
    private const int Racers = 12;

    private static async Task<HttpResponseMessage[]> AllAtOnceAsync(int count, Func<int, Task<HttpResponseMessage>> request)
    {
        var start = new TaskCompletionSource();
        var tasks = Enumerable.Range(0, count).Select(async i =>
        {
            await start.Task;
            return await request(i);
        }).ToList();
        start.SetResult();
        return await Task.WhenAll(tasks);
    }

    private async Task AssertRecordIsGapFreeAsync(int processId)
    {
        var (sequences, version) = await app.WithDbAsync(async db => (
            await db.Record.Where(r => r.ProcessId == processId).OrderBy(r => r.Sequence).Select(r => r.Sequence ?? 0).ToListAsync(),
            await db.Processes.Where(p => p.Id == processId).Select(p => p.Version).SingleAsync()));
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
        Assert.Equal(sequences.Count, version);
    }

    [Fact]
    public async Task Concurrent_affiliation_changes_leave_one_current_affiliation()
    {
        var (admin, _) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        var (client, _) = await app.SignedInAsync();
        await (await client.JoinAsync(process, "Civil society", "Africa")).JsonAsync(HttpStatusCode.Created);
        var url = $"/api/processes/{process.Id()}/participants/me/affiliation";
        string[] groups = ["Government", "Academia"];

        var responses = await AllAtOnceAsync(Racers, i => client.PutAsJsonAsync(url, new { stakeholderGroupId = process.GroupId(groups[i % 2]), regionId = process.RegionId("Europe") }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var current = await app.WithDbAsync(db => db.Affiliations.Where(a => a.ProcessId == process.Id() && a.Until == null).ToListAsync());
        Assert.Single(current);
        var history = await app.WithDbAsync(db => db.Affiliations.Where(a => a.ProcessId == process.Id()).OrderBy(a => a.From).ToListAsync());
        Assert.All(history.Zip(history.Skip(1)), pair => Assert.Equal(pair.First.Until, pair.Second.From));

        // Everything that counts participants, and the next change, still works.
        var after = await client.PutAsJsonAsync(url, new { stakeholderGroupId = process.GroupId("Technical community"), regionId = process.RegionId("Africa") });
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        var table = await (await app.Anonymous().GetAsync($"/api/processes/{process.Id()}/participation")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, table.GetProperty("total").GetInt32());
        await AssertRecordIsGapFreeAsync(process.Id());
    }

    [Fact]
    public async Task Two_conveners_removing_each_other_leave_one_convener()
    {
        var (first, _) = await app.AdministratorAsync();
        var process = await first.CreateProcessAsync();
        var (second, secondEmail) = await app.SignedInAsync();
        await (await first.PostAsJsonAsync($"/api/processes/{process.Id()}/roles", new { email = secondEmail, role = "Convener" })).JsonAsync(HttpStatusCode.OK);
        var roles = await (await first.GetAsync($"/api/processes/{process.Id()}/roles")).JsonAsync(HttpStatusCode.OK);
        var conveners = roles.EnumerateArray().Where(r => r.GetProperty("role").GetString() == "Convener").Select(r => r.Id()).ToList();
        Assert.Equal(2, conveners.Count);

        // Each removes the other's role (and, to raise the odds, the second also tries the first's twice).
        var responses = await AllAtOnceAsync(4, i => (i % 2 == 0 ? first : second).DeleteAsync($"/api/processes/{process.Id()}/roles/{conveners[(i + 1) % 2]}"));

        var left = await app.WithDbAsync(db => db.RoleAssignments.CountAsync(r => r.ProcessId == process.Id() && r.Role == ProcessRole.Convener));
        Assert.Equal(1, left);
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.NoContent);
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.NoContent, HttpStatusCode.Conflict, HttpStatusCode.NotFound, HttpStatusCode.Forbidden }));
        await AssertRecordIsGapFreeAsync(process.Id());
    }

    [Fact]
    public async Task Retiring_the_last_two_groups_at_once_keeps_one()
    {
        var (admin, _) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        var groups = process.GetProperty("stakeholderGroups").EnumerateArray().Select(g => g.Id()).ToList();
        foreach (var id in groups.Skip(2))
        {
            await (await admin.PostAsync($"/api/processes/{process.Id()}/stakeholder-groups/{id}/retire", null)).JsonAsync(HttpStatusCode.OK);
        }

        var responses = await AllAtOnceAsync(Racers, i => admin.PostAsync($"/api/processes/{process.Id()}/stakeholder-groups/{groups[i % 2]}/retire", null));

        var active = await app.WithDbAsync(db => db.StakeholderGroups.CountAsync(g => g.ProcessId == process.Id() && g.RetiredAt == null));
        Assert.Equal(1, active);
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Conflict);
        await AssertRecordIsGapFreeAsync(process.Id());
    }

    [Theory]
    [InlineData("stakeholder-groups")]
    [InlineData("regions")]
    public async Task Adding_one_name_many_times_at_once_stores_it_once(string segment)
    {
        var (admin, _) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();

        var responses = await AllAtOnceAsync(Racers, i => admin.PostAsJsonAsync($"/api/processes/{process.Id()}/{segment}", new { name = i % 2 == 0 ? "Youth" : "youth" }));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var named = await app.WithDbAsync(async db => segment == "regions"
            ? await db.Regions.CountAsync(g => g.ProcessId == process.Id() && g.Name.ToLower() == "youth")
            : await db.StakeholderGroups.CountAsync(g => g.ProcessId == process.Id() && g.Name.ToLower() == "youth"));
        Assert.Equal(1, named);
        await AssertRecordIsGapFreeAsync(process.Id());
    }

    [Fact]
    public async Task Renaming_two_groups_to_one_name_at_once_keeps_names_unique()
    {
        var (admin, _) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        var groups = process.GetProperty("stakeholderGroups").EnumerateArray().Select(g => g.Id()).Take(2).ToList();

        var responses = await AllAtOnceAsync(Racers, i => admin.PutAsJsonAsync($"/api/processes/{process.Id()}/stakeholder-groups/{groups[i % 2]}", new { name = "Multistakeholder" }));

        var named = await app.WithDbAsync(db => db.StakeholderGroups.CountAsync(g => g.ProcessId == process.Id() && g.Name == "Multistakeholder"));
        Assert.Equal(1, named);
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Conflict);
        await AssertRecordIsGapFreeAsync(process.Id());
    }

    [Fact]
    public async Task Registrations_at_once_all_succeed_each_with_one_record_entry()
    {
        // Each password is hashed before the write, so the write lock is held only for the insert and its entry.
        var emails = Enumerable.Range(0, 30).Select(i => $"burst{i}-{Guid.NewGuid():N}@example.org").ToList();

        var responses = await AllAtOnceAsync(emails.Count, i => app.Anonymous().PostAsJsonAsync("/api/account/register", new { displayName = $"Burst {i}", email = emails[i], password = "correct horse battery" }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await app.WithDbAsync(db => db.Users.Where(u => emails.Contains(u.Email!)).Select(u => u.Id).ToListAsync());
        Assert.Equal(emails.Count, ids.Count);
        var recorded = await app.WithDbAsync(db => db.Record.CountAsync(r => r.Action == "account.registered" && ids.Contains(r.ActorAccountId!)));
        Assert.Equal(emails.Count, recorded);
    }

    [Fact]
    public async Task Writers_racing_on_one_process_leave_a_gap_free_record()
    {
        var (admin, _) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        var clients = new List<HttpClient>();
        for (var i = 0; i < 6; i++)
        {
            clients.Add((await app.SignedInAsync()).Client);
        }

        // Joins, affiliation changes and the convener's own changes, all on one process at once.
        var responses = await AllAtOnceAsync(24, i => (i % 4) switch
        {
            0 => clients[i % 6].JoinAsync(process, "Academia", "Europe"),
            1 => clients[i % 6].PutAsJsonAsync($"/api/processes/{process.Id()}/participants/me/affiliation", new { stakeholderGroupId = process.GroupId("Government"), regionId = process.RegionId("Africa") }),
            2 => admin.PostAsJsonAsync($"/api/processes/{process.Id()}/regions", new { name = $"Region {i}" }),
            _ => admin.PutAsJsonAsync($"/api/processes/{process.Id()}", new { name = $"Renamed {i}", status = "Open", languages = new[] { "en" } }),
        });

        Assert.DoesNotContain(responses, r => r.StatusCode == HttpStatusCode.InternalServerError);
        await AssertRecordIsGapFreeAsync(process.Id());
        var participants = await app.WithDbAsync(db => db.Participants.CountAsync(p => p.ProcessId == process.Id()));
        var current = await app.WithDbAsync(db => db.Affiliations.CountAsync(a => a.ProcessId == process.Id() && a.Until == null));
        Assert.Equal(participants, current);
    }
}

public sealed class WriteRacesOnSqlite(SqliteApp app) : WriteRaceTests(app), IClassFixture<SqliteApp>;

public sealed class WriteRacesOnPostgres(PostgresApp app) : WriteRaceTests(app), IClassFixture<PostgresApp>;
