using System.Net;
using System.Net.Http.Json;
using EqualFooting.Web.Tests.Infrastructure;

namespace EqualFooting.Web.Tests.Sessions;

/// <summary>Choosing the queue policy through the API, budgets as time left, and remote hubs in the queue.</summary>
public abstract class QueuePolicyAndHubApiTests(AppFactory app)
{
    [Theory]
    [InlineData("{\"policy\":\"RoundRobinByGroup\",\"policySettings\":{\"remoteSlotsPerRound\":21}}", "remoteSlotsPerRound")]
    [InlineData("{\"policy\":\"SpeakingTimeBudget\",\"policySettings\":{\"defaultBudgetSeconds\":-60}}", "budgets")]
    [InlineData("{\"policy\":\"FirstComeFirstServed\",\"policySettings\":{\"turnSeconds\":0}}", "turnSeconds")]
    [InlineData("{\"policy\":\"WsisRule\"}", "governmentalGroupIds")]
    [InlineData("{\"policy\":\"WsisRule\",\"policySettings\":{\"governmentalGroupIds\":[424242]}}", "policySettings")]
    [InlineData("{\"policySettings\":{}}", "policy")]
    [InlineData("{\"policy\":\"Lottery\"}", "policy")]
    [InlineData("{\"policy\":\"RoundRobinByGroup\",\"policySettings\":{\"remoteSlotsPerRound\":\"two\"}}", "policySettings.remoteSlotsPerRound")]
    [InlineData("{\"policy\":\"FirstComeFirstServed\",\"expectedSequence\":\"now\"}", "expectedSequence")]
    public async Task Bad_policy_changes_are_400s_naming_the_field(string json, string field)
    {
        var s = await SessionScenario.StartAsync(app);

        var response = await s.Moderator.PutAsync($"{s.Url}/policy", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal("FirstComeFirstServed", (await s.StateAsync()).GetProperty("policy").GetString());
    }

    [Fact]
    public async Task Only_moderators_change_the_policy_and_register_hubs()
    {
        var s = await SessionScenario.StartAsync(app);
        var participant = await s.ParticipantAsync("Evan");
        var policy = new { policy = "FirstTimeSpeakersFirst" };
        var hub = new { name = "Nairobi hub", regionId = s.Process.RegionId("Africa"), stakeholderGroupId = s.Process.GroupId("Civil society") };

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PutAsJsonAsync($"{s.Url}/policy", policy)).StatusCode);
        await (await participant.PutAsJsonAsync($"{s.Url}/policy", policy)).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostAsJsonAsync($"{s.Url}/hubs", hub)).StatusCode);
        await (await participant.PostAsJsonAsync($"{s.Url}/hubs", hub)).ProblemAsync(HttpStatusCode.Forbidden);
        var state = await s.StateAsync();
        Assert.Equal("FirstComeFirstServed", state.GetProperty("policy").GetString());
        Assert.Equal(0, state.GetProperty("hubs").GetArrayLength());
    }

    [Fact]
    public async Task A_policy_chosen_mid_session_reorders_the_waiting_hands_and_budgets_show_as_time_left()
    {
        var s = await SessionScenario.StartAsync(app);
        var civil = s.Process.GroupId("Civil society");
        var government = s.Process.GroupId("Government");
        await s.RaiseAsync(await s.ParticipantAsync("Ana", "Civil society"));
        await s.RaiseAsync(await s.ParticipantAsync("Bruno", "Government"));
        var seen = (await s.StateAsync()).GetProperty("sequence").GetInt64();

        var changed = await (await s.Moderator.PutAsJsonAsync($"{s.Url}/policy", new
        {
            policy = "SpeakingTimeBudget",
            policySettings = new { budgetSecondsByGroup = new Dictionary<string, int> { [civil.ToString()] = 300, [government.ToString()] = 600 } },
            expectedSequence = seen,
        })).JsonAsync(HttpStatusCode.OK);
        var stale = await s.Moderator.PutAsJsonAsync($"{s.Url}/policy", new { policy = "FirstComeFirstServed", expectedSequence = seen });

        Assert.Equal("SpeakingTimeBudget", changed.GetProperty("policy").GetString());
        Assert.Equal(["Bruno", "Ana"], changed.GetProperty("queue").EnumerateArray().Select(e => e.GetProperty("speaker").GetProperty("name").GetString()));
        var budgets = changed.GetProperty("budgets").EnumerateArray().ToList();
        Assert.Equal("Government", budgets[0].GetProperty("stakeholderGroup").GetString());
        Assert.Equal(600, budgets[0].GetProperty("leftSeconds").GetDouble());
        Assert.Contains(budgets, b => b.GetProperty("stakeholderGroup").GetString() == "Civil society" && b.GetProperty("budgetSeconds").GetDouble() == 300);
        await stale.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(1, await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Record, r => r.ProcessId == s.Process.Id() && r.Action == "session.policy-changed")));
    }

    [Theory]
    [InlineData("{\"name\":\" \",\"regionId\":0,\"stakeholderGroupId\":0}", "name")]
    [InlineData("{\"name\":\"Hub\",\"regionId\":424242,\"stakeholderGroupId\":0}", "regionId")]
    [InlineData("{\"name\":\"Hub\",\"regionId\":\"africa\"}", "regionId")]
    [InlineData("{\"name\":\"Hub\",\"regionId\":R,\"stakeholderGroupId\":G,\"operatorEmail\":\"nobody@example.org\"}", "operatorEmail")]
    [InlineData("{\"name\":\"Hub\",\"regionId\":R,\"stakeholderGroupId\":424242}", "stakeholderGroupId")]
    public async Task Bad_hubs_are_400s_naming_the_field(string json, string field)
    {
        var s = await SessionScenario.StartAsync(app);
        json = json.Replace("R,", $"{s.Process.RegionId("Africa")},").Replace("G,", $"{s.Process.GroupId("Academia")},");

        var response = await s.Moderator.PostJsonTextAsync($"{s.Url}/hubs", json);

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_hubs_operator_raises_its_hand_and_the_hub_queues_and_speaks_as_a_remote_hub()
    {
        var s = await SessionScenario.StartAsync(app);
        var (operatorClient, operatorEmail) = await app.SignedInAsync("Hub operator");
        var stranger = await s.ParticipantAsync("Stranger");
        var hub = await (await s.Moderator.PostAsJsonAsync($"{s.Url}/hubs", new
        {
            name = "Nairobi hub",
            location = "iHub, Nairobi",
            regionId = s.Process.RegionId("Africa"),
            stakeholderGroupId = s.Process.GroupId("Civil society"),
            stakeholderMix = "8 civil society, 3 academia",
            operatorEmail,
        })).JsonAsync(HttpStatusCode.Created);
        var hand = $"{s.Url}/hubs/{hub.Id()}/hand";

        await (await stranger.PostAsJsonAsync(hand, new { })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostAsJsonAsync(hand, new { })).StatusCode);
        await (await operatorClient.PostAsJsonAsync(hand, new { stakeholderGroupId = 424242 })).ProblemAsync(HttpStatusCode.BadRequest, "stakeholderGroupId");
        await (await operatorClient.PostJsonTextAsync(hand, "{\"stakeholderGroupId\":\"academia\"}")).ProblemAsync(HttpStatusCode.BadRequest, "stakeholderGroupId");
        await (await s.Moderator.PostAsJsonAsync($"{s.Url}/hubs/424242/hand", new { })).ProblemAsync(HttpStatusCode.NotFound);
        await (await operatorClient.PostAsJsonAsync(hand, new { stakeholderGroupId = s.Process.GroupId("Academia") })).JsonAsync(HttpStatusCode.OK);

        var state = await s.StateAsync();
        var waiting = state.GetProperty("queue")[0];
        Assert.Equal("RemoteHub", waiting.GetProperty("speaker").GetProperty("kind").GetString());
        Assert.Equal("Nairobi hub", waiting.GetProperty("speaker").GetProperty("name").GetString());
        Assert.Equal("Academia", waiting.GetProperty("stakeholderGroup").GetString());
        Assert.True(waiting.GetProperty("remote").GetBoolean());
        Assert.True(state.GetProperty("hubs")[0].GetProperty("handUp").GetBoolean());

        await (await s.Moderator.PostAsync($"{s.Url}/floor", null)).JsonAsync(HttpStatusCode.OK);
        await (await s.Moderator.PostAsync($"{s.Url}/floor/end", null)).JsonAsync(HttpStatusCode.OK);
        await (await s.Moderator.PostAsJsonAsync(hand, new { })).JsonAsync(HttpStatusCode.OK);
        var lowered = await (await s.Moderator.DeleteAsync(hand)).JsonAsync(HttpStatusCode.OK);
        var stats = await (await app.Anonymous().GetAsync($"{s.Url}/statistics")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(0, lowered.GetProperty("queue").GetArrayLength());
        var byHub = stats.GetProperty("byHub");
        Assert.Equal("Nairobi hub", byHub[0].GetProperty("name").GetString());
        Assert.Equal(1, byHub[0].GetProperty("interventions").GetInt32());
    }

    [Fact]
    public async Task Round_robin_gives_its_remote_slot_to_a_hub()
    {
        var s = await SessionScenario.StartAsync(app, session: new
        {
            title = "NETmundial plenary",
            startsAt = "2014-04-23T09:00:00-03:00",
            endsAt = "2014-04-23T18:00:00-03:00",
            policy = "RoundRobinByGroup",
            policySettings = new { remoteSlotsPerRound = 1, turnSeconds = 120 },
        });
        var hub = await (await s.Moderator.PostAsJsonAsync($"{s.Url}/hubs", new { name = "São Paulo hub", regionId = s.Process.RegionId("Latin America and Caribbean"), stakeholderGroupId = s.Process.GroupId("Civil society") })).JsonAsync(HttpStatusCode.Created);
        await (await s.Moderator.PostAsJsonAsync($"{s.Url}/hubs/{hub.Id()}/hand", new { })).JsonAsync(HttpStatusCode.OK);
        await s.RaiseAsync(await s.ParticipantAsync("Ana", "Civil society"));
        await s.RaiseAsync(await s.ParticipantAsync("Carla", "Civil society"));

        var state = await s.StateAsync();

        Assert.Equal(["Ana", "São Paulo hub", "Carla"], state.GetProperty("queue").EnumerateArray().Select(e => e.GetProperty("speaker").GetProperty("name").GetString()));
        Assert.Equal(120, state.GetProperty("allottedSeconds").GetInt32());
    }
}

public sealed class QueuePolicyAndHubApiOnSqlite(SqliteApp app) : QueuePolicyAndHubApiTests(app), IClassFixture<SqliteApp>;

public sealed class QueuePolicyAndHubApiOnPostgres(PostgresApp app) : QueuePolicyAndHubApiTests(app), IClassFixture<PostgresApp>;
