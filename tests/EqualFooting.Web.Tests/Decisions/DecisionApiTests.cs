using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Tests.Decisions;

/// <summary>Proposals through the API: rules, positions, closing, the comparison, minority views and appeals, with bad input and races.</summary>
public abstract class DecisionApiTests(AppFactory app)
{
    private static object Houses(JsonElement process, string kind = "houses") => new
    {
        kind,
        houses = new object[]
        {
            new { name = "Contracted parties", groups = new[] { process.GroupId("Government"), process.GroupId("Private sector") } },
            new { name = "Non-contracted parties", groups = new[] { process.GroupId("Civil society"), process.GroupId("Technical community"), process.GroupId("Academia"), process.GroupId("Intergovernmental organisation") } },
        },
        oneHouse = 0.75,
        otherHouses = 0.5,
    };

    private sealed record Room(HttpClient Chair, string ChairEmail, JsonElement Process, string Base);

    private async Task<Room> RoomAsync()
    {
        var (admin, email) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync("GNSO Council");
        return new Room(admin, email, process, $"/api/processes/{process.Id()}/proposals");
    }

    private static async Task<int> ProposeAsync(Room room, object rule, int appealWindowDays = 14, int escalateAfterRounds = 3)
    {
        var response = await room.Chair.PostAsJsonAsync(room.Base, new { title = "Transfer policy", text = "Registrars must…", question = "Adopt the transfer policy?", rule, links = new[] { new { kind = "consultation", id = 7 }, new { kind = "poll", id = 3 } }, appealWindowDays, escalateAfterRounds });
        return (await response.JsonAsync(HttpStatusCode.Created)).Id();
    }

    private async Task<HttpClient> MemberAsync(Room room, string group, string region = "Europe")
    {
        var (client, _) = await app.SignedInAsync();
        await (await client.JoinAsync(room.Process, group, region)).JsonAsync(HttpStatusCode.Created);
        return client;
    }

    private static Task<HttpResponseMessage> TakeAsync(HttpClient client, Room room, int proposal, string stance, string? reason = null) =>
        client.PutAsJsonAsync($"{room.Base}/{proposal}/positions/me", new { stance, reason });

    [Fact]
    public async Task Houses_decide_and_the_comparison_shows_stakeholder_equal_deciding_otherwise()
    {
        var room = await RoomAsync();
        var id = await ProposeAsync(room, Houses(room.Process));
        var shown = await (await app.Anonymous().GetAsync($"{room.Base}/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Houses", shown.GetProperty("proposal").GetProperty("ruleKind").GetString());
        Assert.Equal(2, shown.GetProperty("links").GetArrayLength());

        var government = await MemberAsync(room, "Government");
        var business = await MemberAsync(room, "Private sector", "North America");
        var technical = await MemberAsync(room, "Technical community", "Asia-Pacific");
        var civil = new List<HttpClient>();
        for (var i = 0; i < 3; i++)
        {
            civil.Add(await MemberAsync(room, "Civil society", "Africa"));
        }

        await (await TakeAsync(government, room, id, "agree")).JsonAsync(HttpStatusCode.OK);
        await (await TakeAsync(business, room, id, "disagree")).JsonAsync(HttpStatusCode.OK);
        await (await TakeAsync(business, room, id, "agree", "Changed my mind")).JsonAsync(HttpStatusCode.OK); // changeable until close
        await (await TakeAsync(technical, room, id, "agree")).JsonAsync(HttpStatusCode.OK);
        foreach (var c in civil)
        {
            await (await TakeAsync(c, room, id, "disagree", "Too weak on privacy")).JsonAsync(HttpStatusCode.OK);
        }

        var closed = await (await room.Chair.PostAsJsonAsync($"{room.Base}/{id}/close", new { })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Rejected", closed.GetProperty("outcome").GetString());

        var view = await (await app.Anonymous().GetAsync($"{room.Base}/{id}")).JsonAsync(HttpStatusCode.OK);
        var comparison = view.GetProperty("comparison").EnumerateArray().ToDictionary(v => v.GetProperty("rule").GetString()!, v => v);
        Assert.Equal(7, comparison.Count);
        Assert.Equal("Houses", view.GetProperty("comparison")[0].GetProperty("rule").GetString());
        Assert.Equal("Rejected", comparison["Houses"].GetProperty("outcome").GetString());
        Assert.Equal("Adopted", comparison["StakeholderEqual"].GetProperty("outcome").GetString());
        Assert.Equal("Tie", comparison["Majority"].GetProperty("because").GetString());
        var civilLine = view.GetProperty("byStakeholderGroup").EnumerateArray().Single(g => g.GetProperty("name").GetString() == "Civil society");
        Assert.Equal(3, civilLine.GetProperty("counts").GetProperty("disagree").GetInt32());
        Assert.Equal(3, view.GetProperty("byRegion").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "Africa").GetProperty("counts").GetProperty("disagree").GetInt32());

        // Positions after closing: 409, and nothing changes.
        await (await TakeAsync(civil[0], room, id, "agree")).ProblemAsync(HttpStatusCode.Conflict);

        // Against a rejection, those who agreed dissent: they may attach a minority view; an objector may not.
        await (await government.PostAsJsonAsync($"{room.Base}/{id}/minority-views", new { text = "Three of four groups supported this." })).JsonAsync(HttpStatusCode.Created);
        await (await civil[0].PostAsJsonAsync($"{room.Base}/{id}/minority-views", new { text = "I won." })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await government.PostAsJsonAsync($"{room.Base}/{id}/minority-views", new { text = " " })).ProblemAsync(HttpStatusCode.BadRequest, "text");
        view = await (await app.Anonymous().GetAsync($"{room.Base}/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Three of four groups supported this.", Assert.Single(view.GetProperty("minorityViews").EnumerateArray()).GetProperty("text").GetString());

        // The record names ids and outcomes only: no reasons, no texts.
        var entries = await app.WithDbAsync(db => db.Record.Where(r => r.ProcessId == room.Process.Id()).Select(r => r.Entry).ToListAsync());
        Assert.Contains(entries, e => e.Contains("\"outcome\":\"Rejected\"", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.Contains("privacy", StringComparison.Ordinal) || e.Contains("Three of four", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_rule_is_fixed_before_the_first_position_and_changing_it_after_needs_a_reason_and_resets_positions()
    {
        var room = await RoomAsync();
        var id = await ProposeAsync(room, new { kind = "majority" });
        var url = $"{room.Base}/{id}/rule";

        // Before any position it simply changes.
        await (await room.Chair.PutAsJsonAsync(url, new { rule = new { kind = "stakeholderEqual", groupTurnout = 0.2 } })).JsonAsync(HttpStatusCode.OK);

        var member = await MemberAsync(room, "Academia");
        await (await TakeAsync(member, room, id, "agree")).JsonAsync(HttpStatusCode.OK);

        await (await room.Chair.PutAsJsonAsync(url, new { rule = new { kind = "majority", threshold = 0.66, atLeast = true } })).ProblemAsync(HttpStatusCode.BadRequest, "reason");
        var changed = await (await room.Chair.PutAsJsonAsync(url, new { rule = new { kind = "majority", threshold = 0.66, atLeast = true }, reason = "The charter requires two-thirds." })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, changed.GetProperty("round").GetInt32());

        var view = await (await app.Anonymous().GetAsync($"{room.Base}/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, view.GetProperty("positions").GetArrayLength());
        Assert.Equal("The charter requires two-thirds.", view.GetProperty("ruleChanges")[1].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_field()
    {
        var room = await RoomAsync();
        var groups = room.Process.GetProperty("stakeholderGroups").EnumerateArray().Select(g => g.Id()).ToArray();
        async Task Refused(object body, string field) =>
            await (await room.Chair.PostAsJsonAsync(room.Base, body)).ProblemAsync(HttpStatusCode.BadRequest, field);

        await Refused(new { title = "T", question = "Q?", rule = new { kind = "majority", threshold = 1.5 } }, "threshold");
        await Refused(new { title = "T", question = "Q?", rule = new { kind = "majority", threshold = -0.1 } }, "threshold");
        await Refused(new { title = "T", question = "Q?", rule = new { kind = "majority", quorum = 2 } }, "quorum");
        await Refused(new { title = "T", question = "Q?", rule = new { kind = "stakeholderEqual", groupTurnout = -1 } }, "groupTurnout");
        await Refused(new { title = "T", question = "Q?", rule = new { kind = "houses", houses = new[] { new { name = "A", groups = groups[..2] } } } }, "houses");
        await Refused(new { title = "T", question = "Q?", rule = new { kind = "houses", houses = new[] { new { name = "A", groups = groups }, new { name = "B", groups = groups[..1] } } } }, "houses");
        await Refused(new { title = "T", question = "Q?", rule = new { kind = "seatCouncil" } }, "seats");
        await Refused(new { title = "T", question = "Q?", rule = new { kind = "lottery" } }, "rule.kind");
        await Refused(new { title = "T", question = "Q?" }, "rule");
        await Refused(new { title = " ", question = "Q?", rule = new { kind = "majority" } }, "title");
        await Refused(new { title = "T", question = "", rule = new { kind = "majority" } }, "question");
        await Refused(new { title = "T", question = "Q?", rule = new { kind = "majority" }, links = new[] { new { kind = "tweet", id = 1 } } }, "links");
        await Refused(new { title = "T", question = "Q?", rule = new { kind = "majority" }, appealWindowDays = 400 }, "appealWindowDays");

        var id = await ProposeAsync(room, new { kind = "consensus" });
        var member = await MemberAsync(room, "Government");
        await (await TakeAsync(member, room, id, "maybe")).ProblemAsync(HttpStatusCode.BadRequest, "stance");
        await (await TakeAsync(member, room, id, "block")).ProblemAsync(HttpStatusCode.BadRequest, "reason");
        await (await TakeAsync(member, room, id, "agree", new string('x', 2001))).ProblemAsync(HttpStatusCode.BadRequest, "reason");
        await (await member.PostJsonTextAsync($"{room.Base}/{id}/appeals", "{\"grounds\": 5")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await app.Anonymous().GetAsync($"{room.Base}/999999")).ProblemAsync(HttpStatusCode.NotFound);
        await (await member.PostAsJsonAsync($"/api/processes/{room.Process.Id()}/decision-duties", new { email = "x@example.org", duty = "judge" })).ProblemAsync(HttpStatusCode.BadRequest, "duty");
    }

    [Fact]
    public async Task Writes_need_the_right_standing()
    {
        var room = await RoomAsync();
        var id = await ProposeAsync(room, new { kind = "majority" });
        var anonymous = app.Anonymous();
        await (await anonymous.PostAsJsonAsync(room.Base, new { title = "T", question = "Q?", rule = new { kind = "majority" } })).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await TakeAsync(anonymous, room, id, "agree")).ProblemAsync(HttpStatusCode.Unauthorized);

        var (outsider, _) = await app.SignedInAsync();
        await (await TakeAsync(outsider, room, id, "agree")).ProblemAsync(HttpStatusCode.Conflict);
        var member = await MemberAsync(room, "Civil society");
        await (await member.PostAsJsonAsync(room.Base, new { title = "T", question = "Q?", rule = new { kind = "majority" } })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await member.PostAsJsonAsync($"{room.Base}/{id}/close", new { })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await member.PutAsJsonAsync($"{room.Base}/{id}/rule", new { rule = new { kind = "consensus" }, reason = "r" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await member.PostAsJsonAsync($"/api/processes/{room.Process.Id()}/decision-duties", new { email = room.ChairEmail, duty = "reviewer" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await member.PostAsJsonAsync($"{room.Base}/{id}/escalate", new { facilitator = room.ChairEmail })).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Appeals_are_ruled_by_a_reviewer_who_is_not_the_chair_within_the_window()
    {
        var room = await RoomAsync();
        var id = await ProposeAsync(room, new { kind = "majority" }, appealWindowDays: 7);
        var member = await MemberAsync(room, "Technical community");
        await (await TakeAsync(member, room, id, "disagree")).JsonAsync(HttpStatusCode.OK);

        // Not yet closed: nothing to appeal.
        await (await member.PostAsJsonAsync($"{room.Base}/{id}/appeals", new { grounds = "Too early." })).ProblemAsync(HttpStatusCode.Conflict);
        await (await room.Chair.PostAsJsonAsync($"{room.Base}/{id}/close", new { })).JsonAsync(HttpStatusCode.OK);
        var appeal = (await (await member.PostAsJsonAsync($"{room.Base}/{id}/appeals", new { grounds = "Quorum was never announced." })).JsonAsync(HttpStatusCode.Created)).Id();
        await (await member.PostAsJsonAsync($"{room.Base}/{id}/appeals", new { grounds = "" })).ProblemAsync(HttpStatusCode.BadRequest, "grounds");

        // The chair, even holding the reviewer duty, may not rule on their own proposal; a non-reviewer neither.
        var duties = $"/api/processes/{room.Process.Id()}/decision-duties";
        await (await room.Chair.PostAsJsonAsync(duties, new { email = room.ChairEmail, duty = "reviewer" })).JsonAsync(HttpStatusCode.OK);
        var ruling = $"{room.Base}/{id}/appeals/{appeal}/ruling";
        await (await room.Chair.PostAsJsonAsync(ruling, new { ruling = "reversed", reason = "I chair it." })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await member.PostAsJsonAsync(ruling, new { ruling = "reversed", reason = "Me too." })).ProblemAsync(HttpStatusCode.Forbidden);

        var (reviewer, reviewerEmail) = await app.SignedInAsync("Independent reviewer");
        await (await room.Chair.PostAsJsonAsync(duties, new { email = reviewerEmail, duty = "reviewer" })).JsonAsync(HttpStatusCode.OK);
        await (await reviewer.PostAsJsonAsync(ruling, new { ruling = "overturned", reason = "x" })).ProblemAsync(HttpStatusCode.BadRequest, "ruling");
        await (await reviewer.PostAsJsonAsync(ruling, new { ruling = "sentBack", reason = "" })).ProblemAsync(HttpStatusCode.BadRequest, "reason");
        await (await reviewer.PostAsJsonAsync(ruling, new { ruling = "sentBack", reason = "The quorum must be announced; take positions again." })).JsonAsync(HttpStatusCode.OK);
        await (await reviewer.PostAsJsonAsync(ruling, new { ruling = "upheld", reason = "Again." })).ProblemAsync(HttpStatusCode.Conflict);

        var view = await (await app.Anonymous().GetAsync($"{room.Base}/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Open", view.GetProperty("proposal").GetProperty("status").GetString());
        Assert.Equal(2, view.GetProperty("proposal").GetProperty("round").GetInt32());
        var history = Assert.Single(view.GetProperty("appeals").EnumerateArray());
        Assert.Equal("SentBack", history.GetProperty("ruling").GetString());
        Assert.Equal("Independent reviewer", history.GetProperty("reviewerName").GetString());

        // Second round: agree, close, appeal and reverse.
        await (await TakeAsync(member, room, id, "agree")).JsonAsync(HttpStatusCode.OK);
        await (await room.Chair.PostAsJsonAsync($"{room.Base}/{id}/close", new { })).JsonAsync(HttpStatusCode.OK);
        var second = (await (await member.PostAsJsonAsync($"{room.Base}/{id}/appeals", new { grounds = "One voice is not a majority of the room." })).JsonAsync(HttpStatusCode.Created)).Id();
        await (await reviewer.PostAsJsonAsync($"{room.Base}/{id}/appeals/{second}/ruling", new { ruling = "reversed", reason = "Quorum was not met in substance." })).JsonAsync(HttpStatusCode.OK);
        view = await (await app.Anonymous().GetAsync($"{room.Base}/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Rejected", view.GetProperty("proposal").GetProperty("outcome").GetString());
        Assert.True(view.GetProperty("proposal").GetProperty("reversedOnAppeal").GetBoolean());
        Assert.Equal(2, view.GetProperty("appeals").GetArrayLength());

        // After the window: 409.
        await app.WithDbAsync(db => db.Proposals.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.ClosedAt, DateTimeOffset.UtcNow.AddDays(-8))));
        await (await member.PostAsJsonAsync($"{room.Base}/{id}/appeals", new { grounds = "Late." })).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Two_chairs_closing_at_once_one_wins_and_the_other_gets_409()
    {
        var room = await RoomAsync();
        var (second, secondEmail) = await app.SignedInAsync();
        await (await room.Chair.PostAsJsonAsync($"/api/processes/{room.Process.Id()}/roles", new { email = secondEmail, role = "Convener" })).JsonAsync(HttpStatusCode.OK);
        var id = await ProposeAsync(room, new { kind = "majority" });
        var member = await MemberAsync(room, "Government");
        await (await TakeAsync(member, room, id, "agree")).JsonAsync(HttpStatusCode.OK);

        var start = new TaskCompletionSource();
        var closes = new[] { room.Chair, second }.Select(async c =>
        {
            await start.Task;
            return await c.PostAsJsonAsync($"{room.Base}/{id}/close", new { });
        }).ToList();
        start.SetResult();
        var responses = await Task.WhenAll(closes);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
        var closedEntries = await app.WithDbAsync(db => db.Record.CountAsync(r => r.ProcessId == room.Process.Id() && r.Action == "proposal.closed"));
        Assert.Equal(1, closedEntries);
    }

    [Fact]
    public async Task Two_hundred_positions_at_once_from_one_account_store_one()
    {
        var room = await RoomAsync();
        var id = await ProposeAsync(room, new { kind = "majority" });
        var member = await MemberAsync(room, "Civil society");

        var start = new TaskCompletionSource();
        var tasks = Enumerable.Range(0, 200).Select(async _ =>
        {
            await start.Task;
            return await TakeAsync(member, room, id, "agree", "Same click, many times.");
        }).ToList();
        start.SetResult();
        var responses = await Task.WhenAll(tasks);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var stored = await app.WithDbAsync(db => db.ProposalPositions.CountAsync(p => p.ProposalId == id));
        Assert.Equal(1, stored);
        var entries = await app.WithDbAsync(db => db.Record.CountAsync(r => r.ProcessId == room.Process.Id() && r.Action == "proposal.position-taken"));
        Assert.Equal(1, entries);
    }

    [Fact]
    public async Task Rough_consensus_is_declared_by_the_chair_with_objections_answered_or_listed()
    {
        var room = await RoomAsync();
        var id = await ProposeAsync(room, new { kind = "roughConsensus" });
        var a = await MemberAsync(room, "Technical community");
        var b = await MemberAsync(room, "Civil society");
        var c = await MemberAsync(room, "Government");
        await (await TakeAsync(a, room, id, "agree")).JsonAsync(HttpStatusCode.OK);
        var objection = (await (await TakeAsync(b, room, id, "disagree", "Breaks existing deployments.")).JsonAsync(HttpStatusCode.OK)).Id();
        await (await TakeAsync(c, room, id, "block", "Conflicts with national law.")).JsonAsync(HttpStatusCode.OK);

        await (await room.Chair.PostAsJsonAsync($"{room.Base}/{id}/objections/{objection}/response", new { response = "accommodated", text = "A transition period was added." })).JsonAsync(HttpStatusCode.OK);
        await (await room.Chair.PostAsJsonAsync($"{room.Base}/{id}/objections/{objection}/response", new { response = "ignored", text = "x" })).ProblemAsync(HttpStatusCode.BadRequest, "response");
        await (await room.Chair.PostAsJsonAsync($"{room.Base}/{id}/close", new { })).ProblemAsync(HttpStatusCode.BadRequest, "designation");
        await (await room.Chair.PostAsJsonAsync($"{room.Base}/{id}/close", new { designation = "consensus", rationale = "" })).ProblemAsync(HttpStatusCode.BadRequest, "rationale");
        var closed = await (await room.Chair.PostAsJsonAsync($"{room.Base}/{id}/close", new { designation = "strongSupportButSignificantOpposition", rationale = "Most support it; one government objects on legal grounds." })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Rejected", closed.GetProperty("outcome").GetString());

        var view = await (await app.Anonymous().GetAsync($"{room.Base}/{id}")).JsonAsync(HttpStatusCode.OK);
        var unanswered = Assert.Single(view.GetProperty("unansweredObjections").EnumerateArray());
        Assert.Equal("Block", unanswered.GetProperty("stance").GetString());
        Assert.Equal("StrongSupportButSignificantOpposition", view.GetProperty("proposal").GetProperty("designation").GetString());
    }
}

public sealed class DecisionApiOnSqlite(SqliteApp app) : DecisionApiTests(app), IClassFixture<SqliteApp>;

public sealed class DecisionApiOnPostgres(PostgresApp app) : DecisionApiTests(app), IClassFixture<PostgresApp>;
