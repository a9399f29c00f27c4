using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EqualFooting.Outcomes;
using EqualFooting.Web.Outcomes;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EqualFooting.Web.Tests.Outcomes;

/// <summary>
/// Follow-up: the outcomes page's counts and paged full lists, the per-process advice wait, and the reminders swept at
/// an explicit time (overdue milestones, revisits, unanswered advice), once each even when nodes sweep together.
/// </summary>
public abstract class OutcomeFollowUpTests(AppFactory app)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<(HttpClient Convener, JsonElement Process, HttpClient Member)> ProcessAsync()
    {
        var (convener, _) = await app.AdministratorAsync();
        var process = await convener.CreateProcessAsync();
        var (member, _) = await app.SignedInAsync("Sebastien Bachollet");
        await (await member.JoinAsync(process, "Civil society", "Europe")).JsonAsync(HttpStatusCode.Created);
        return (convener, process, member);
    }

    private static object Commitment(JsonElement p, string title, DateOnly milestoneDue) => new
    {
        title,
        leadOrganisation = "Anatel",
        owners = "ISP association",
        dueOn = Iso(milestoneDue.AddYears(1)),
        milestones = new[] { new { title = "Southeast rollout", dueOn = Iso(milestoneDue), regionId = (int?)p.RegionId("Latin America and Caribbean") } },
    };

    [Fact]
    public async Task The_page_shows_the_first_items_and_counts_and_pages_the_full_lists()
    {
        var (convener, p, _) = await ProcessAsync();
        var id = p.Id();
        for (var i = 1; i <= OutcomeQueries.Shown + 2; i++)
        {
            await (await convener.PostAsJsonAsync($"/api/processes/{id}/messages", new { title = $"Message {i}", text = "Revisit in a year." })).JsonAsync(HttpStatusCode.Created);
        }

        var outcomes = await (await app.Anonymous().GetAsync($"/api/processes/{id}/outcomes")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(OutcomeQueries.Shown + 2, outcomes.GetProperty("messageCount").GetInt32());
        Assert.Equal(OutcomeQueries.Shown, outcomes.GetProperty("messages").GetArrayLength());
        Assert.Equal($"Message {OutcomeQueries.Shown + 2}", outcomes.GetProperty("messages")[0].GetProperty("title").GetString());

        var list = await (await app.Anonymous().GetAsync($"/api/processes/{id}/outcomes/messages?page=1")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(OutcomeQueries.Shown + 2, list.GetProperty("total").GetInt32());
        Assert.Equal(OutcomeQueries.Shown + 2, list.GetProperty("items").GetArrayLength());
        Assert.Equal(0, (await (await app.Anonymous().GetAsync($"/api/processes/{id}/outcomes/messages?page=2")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").GetArrayLength());

        var page = await app.Anonymous().GetStringAsync($"/processes/{id}/outcomes");
        Assert.Contains($"All {OutcomeQueries.Shown + 2} messages", page, StringComparison.Ordinal);
        Assert.DoesNotContain(">Message 1<", page, StringComparison.Ordinal);
        var all = await app.Anonymous().GetStringAsync($"/processes/{id}/outcomes/messages");
        Assert.Contains(">Message 1<", all, StringComparison.Ordinal);

        var csv = await app.Anonymous().GetStringAsync($"/api/processes/{id}/outcomes.csv");
        Assert.Contains("message,", csv, StringComparison.Ordinal);
        Assert.Contains(",Message 1,", csv, StringComparison.Ordinal); // the export keeps everything
    }

    [Fact]
    public async Task A_full_list_refuses_bad_pages_and_unknown_lists()
    {
        var (_, p, _) = await ProcessAsync();
        var id = p.Id();
        await (await app.Anonymous().GetAsync($"/api/processes/{id}/outcomes/messages?page=0")).ProblemAsync(HttpStatusCode.BadRequest, "page");
        await (await app.Anonymous().GetAsync($"/api/processes/{id}/outcomes/messages?page=-3")).ProblemAsync(HttpStatusCode.BadRequest, "page");
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Anonymous().GetAsync($"/api/processes/{id}/outcomes/messages?page=two")).StatusCode);
        await (await app.Anonymous().GetAsync($"/api/processes/{id}/outcomes/secrets")).ProblemAsync(HttpStatusCode.NotFound);
        await (await app.Anonymous().GetAsync("/api/processes/999999/outcomes/messages")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Anonymous().GetAsync($"/processes/{id}/outcomes/messages?page=0")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/processes/{id}/outcomes/secrets")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/processes/999999/outcomes/advice")).StatusCode);
        foreach (var list in OutcomeLists.All)
        {
            Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync($"/processes/{id}/outcomes/{list}?page=3")).StatusCode);
        }
    }

    [Fact]
    public async Task Only_a_convener_sets_the_advice_wait_and_it_stays_in_range()
    {
        var (convener, p, member) = await ProcessAsync();
        var url = $"/api/processes/{p.Id()}/outcome-settings";
        await (await app.Anonymous().PutAsJsonAsync(url, new { reportsRequired = false, adviceReminderDays = 30 })).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await member.PutAsJsonAsync(url, new { reportsRequired = false, adviceReminderDays = 30 })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await convener.PutAsJsonAsync(url, new { reportsRequired = false, adviceReminderDays = 0 })).ProblemAsync(HttpStatusCode.BadRequest, "adviceReminderDays");
        await (await convener.PutAsJsonAsync(url, new { reportsRequired = false, adviceReminderDays = 100_000 })).ProblemAsync(HttpStatusCode.BadRequest, "adviceReminderDays");
        var saved = await (await convener.PutAsJsonAsync(url, new { reportsRequired = true, adviceReminderDays = 30 })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(30, saved.GetProperty("adviceReminderDays").GetInt32());
        var kept = await (await convener.PutAsJsonAsync(url, new { reportsRequired = false })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(30, kept.GetProperty("adviceReminderDays").GetInt32());
        Assert.Equal(30, (await (await app.Anonymous().GetAsync($"/api/processes/{p.Id()}/outcomes")).JsonAsync(HttpStatusCode.OK)).GetProperty("adviceReminderDays").GetInt32());
    }

    [Fact]
    public async Task The_settings_form_keeps_the_advice_wait_and_needs_the_antiforgery_token()
    {
        var (admin, email) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        var browser = await app.BrowserSignedInAsync(email);
        var url = $"/processes/{process.Id()}/outcomes";
        var form = await AppFactory.FormAsync(browser, url);

        var forged = await browser.PostAsync($"{url}?handler=Settings", new FormUrlEncodedContent(new Dictionary<string, string> { ["Form.AdviceReminderDays"] = "45" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        form["Form.AdviceReminderDays"] = "0";
        var refused = await browser.PostAsync($"{url}?handler=Settings", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Between 1 and", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        form["Form.AdviceReminderDays"] = "45";
        var saved = await browser.PostAsync($"{url}?handler=Settings", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(45, await app.WithDbAsync(db => db.OutcomeSettings.Where(s => s.ProcessId == process.Id()).Select(s => s.AdviceReminderDays).SingleAsync()));
    }

    [Fact]
    public async Task The_sweep_reminds_the_conveners_once_of_overdue_milestones_revisits_and_unanswered_advice_and_followers_of_revisits()
    {
        var (convener, p, member) = await ProcessAsync();
        var id = p.Id();
        var (follower, _) = await app.SignedInAsync("Follower");
        await (await follower.PutAsync($"/api/processes/{id}/follow", null)).JsonAsync(HttpStatusCode.OK);
        await (await convener.PostAsJsonAsync($"/api/processes/{id}/commitments", Commitment(p, "Port 25 management", Today.AddDays(10)))).JsonAsync(HttpStatusCode.Created);
        var message = (await (await convener.PostAsJsonAsync($"/api/processes/{id}/messages", new { title = "Block port 25", text = "Agreed by all parties." })).JsonAsync(HttpStatusCode.Created)).Id();
        var advice = (await (await convener.PostAsJsonAsync($"/api/processes/{id}/advice", new { title = "On port 25", text = "Block it.", recipient = "Anatel" })).JsonAsync(HttpStatusCode.Created)).Id();
        await (await convener.PostAsJsonAsync($"/api/processes/{id}/advice/{advice}/sent", new { sentOn = Iso(Today) })).JsonAsync(HttpStatusCode.OK);

        var sweep = app.Services.GetRequiredService<OutcomeReminderSweep>();
        var now = TimeProvider.System.GetUtcNow();
        Assert.Equal(0, await Kinds(now));

        // Thirteen months on: the milestone is overdue, the message a year old, the advice unanswered for 90 days and more.
        var later = now.AddMonths(13);
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => sweep.SweepAsync(later)));
        var reminders = await app.WithDbAsync(db => db.OutcomeReminders.Where(r => r.ProcessId == id).Select(r => r.Kind).ToListAsync());
        Assert.Equal([ReminderKind.MilestoneOverdue, ReminderKind.MessageRevisitYear1, ReminderKind.AdviceUnanswered], reminders.Order());
        Assert.Equal(3, results.Sum());
        Assert.Equal(0, await sweep.SweepAsync(later.AddDays(1)));

        var inbox = await (await convener.GetAsync("/api/account/me/notifications")).JsonAsync(HttpStatusCode.OK);
        var kinds = inbox.EnumerateArray().Where(n => n.GetProperty("processId").GetInt32() == id).Select(n => n.GetProperty("kind").GetString()).Order().ToList();
        Assert.Equal(["AdviceUnanswered", "MessageRevisitYear1", "MilestoneOverdue"], kinds);
        Assert.Contains(inbox.EnumerateArray(), n => n.GetProperty("kind").GetString() == "MessageRevisitYear1" && n.GetProperty("itemId").GetInt32() == message);
        var members = await (await member.GetAsync("/api/account/me/notifications")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, members.GetArrayLength());

        // A follower of the process hears of the revisit, not of the conveners' chores.
        var followed = await (await follower.GetAsync("/api/account/me/notifications")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["MessageRevisitYear1"], followed.EnumerateArray().Select(n => n.GetProperty("kind").GetString()).ToList());

        // A year later the second revisit; nothing else again.
        Assert.Equal(1, await sweep.SweepAsync(now.AddMonths(25)));
        Assert.Contains(ReminderKind.MessageRevisitYear2, await app.WithDbAsync(db => db.OutcomeReminders.Where(r => r.ProcessId == id).Select(r => r.Kind).ToListAsync()));

        async Task<int> Kinds(DateTimeOffset at)
        {
            await sweep.SweepAsync(at);
            return await app.WithDbAsync(db => db.OutcomeReminders.CountAsync(r => r.ProcessId == id));
        }
    }

    [Fact]
    public async Task A_participant_owner_is_told_once_of_an_overdue_milestone_and_named_as_the_privacy_settings_allow()
    {
        var (convener, p, member) = await ProcessAsync();
        var id = p.Id();
        var (outsider, outsiderEmail) = await app.SignedInAsync("Outsider");
        var memberId = await app.WithDbAsync(db => db.Participants.Where(x => x.ProcessId == id).Join(db.Users.Where(u => u.DisplayName == "Sebastien Bachollet"), x => x.AccountId, u => u.Id, (x, u) => u.Id).SingleAsync());
        var outsiderId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == outsiderEmail).Select(u => u.Id).SingleAsync());
        var url = $"/api/processes/{id}/commitments";
        var region = p.RegionId("Latin America and Caribbean");
        object Owned(string? owner, string? milestoneOwner) => new
        {
            title = "Port 25 management",
            leadOrganisation = "Anatel",
            dueOn = Iso(Today.AddYears(1)),
            ownerAccountId = owner,
            milestones = new[] { new { title = "Southeast rollout", dueOn = Iso(Today.AddDays(10)), regionId = (int?)region, ownerAccountId = milestoneOwner } },
        };

        // Someone who has not joined the process cannot own its commitments or milestones; only a convener names owners.
        await (await convener.PostAsJsonAsync(url, Owned(outsiderId, null))).ProblemAsync(HttpStatusCode.BadRequest, "ownerAccountId");
        await (await convener.PostAsJsonAsync(url, Owned(null, outsiderId))).ProblemAsync(HttpStatusCode.BadRequest, "milestones[0].ownerAccountId");
        await (await member.PostAsJsonAsync(url, Owned(memberId, null))).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostAsJsonAsync(url, Owned(memberId, null))).StatusCode);

        var created = await (await convener.PostAsJsonAsync(url, Owned(memberId, null))).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("Sebastien Bachollet", created.GetProperty("owner").GetString());
        await (await convener.PostAsJsonAsync($"{url}/{created.Id()}/milestones", new { title = "North rollout", dueOn = Iso(Today.AddDays(20)), ownerAccountId = outsiderId }))
            .ProblemAsync(HttpStatusCode.BadRequest, "ownerAccountId");
        Assert.Contains("Sebastien Bachollet", await app.Anonymous().GetStringAsync($"/processes/{id}/outcomes"), StringComparison.Ordinal);

        // With names hidden, the owner reads as a participant everywhere.
        await (await convener.PutAsJsonAsync($"/api/processes/{id}/privacy", new { names = "Nothing" })).JsonAsync(HttpStatusCode.OK);
        var outcomes = await (await app.Anonymous().GetAsync($"/api/processes/{id}/outcomes")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("A participant", outcomes.GetProperty("commitments")[0].GetProperty("owner").GetString());
        Assert.DoesNotContain("Sebastien Bachollet", await app.Anonymous().GetStringAsync($"/processes/{id}/outcomes"), StringComparison.Ordinal);
        Assert.DoesNotContain("Sebastien Bachollet", await app.Anonymous().GetStringAsync($"/api/processes/{id}/outcomes.csv"), StringComparison.Ordinal);

        // Overdue: four nodes sweep at once, the owner is told once (and again never).
        var sweep = app.Services.GetRequiredService<OutcomeReminderSweep>();
        var later = TimeProvider.System.GetUtcNow().AddDays(30);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => sweep.SweepAsync(later)));
        await sweep.SweepAsync(later.AddDays(1));
        var told = await (await member.GetAsync("/api/account/me/notifications")).JsonAsync(HttpStatusCode.OK);
        var notice = Assert.Single(told.EnumerateArray());
        Assert.Equal("MilestoneOverdue", notice.GetProperty("kind").GetString());
        Assert.Equal(id, notice.GetProperty("processId").GetInt32());
        Assert.Equal(0, (await (await outsider.GetAsync("/api/account/me/notifications")).JsonAsync(HttpStatusCode.OK)).GetArrayLength());
        Assert.Contains((await (await convener.GetAsync("/api/account/me/notifications")).JsonAsync(HttpStatusCode.OK)).EnumerateArray(), n => n.GetProperty("kind").GetString() == "MilestoneOverdue" && n.GetProperty("processId").GetInt32() == id);
    }

    [Fact]
    public async Task A_milestone_reached_or_advice_answered_in_time_is_not_reminded()
    {
        var (convener, p, _) = await ProcessAsync();
        var id = p.Id();
        var commitment = await (await convener.PostAsJsonAsync($"/api/processes/{id}/commitments", Commitment(p, "Port 25 management", Today.AddDays(10)))).JsonAsync(HttpStatusCode.Created);
        var milestone = commitment.GetProperty("milestones")[0].Id();
        await (await convener.PostAsJsonAsync($"/api/processes/{id}/commitments/{commitment.Id()}/milestones/{milestone}/done", new { on = Iso(Today) })).JsonAsync(HttpStatusCode.OK);
        await (await convener.PutAsJsonAsync($"/api/processes/{id}/outcome-settings", new { reportsRequired = false, adviceReminderDays = 200 })).JsonAsync(HttpStatusCode.OK);
        var advice = (await (await convener.PostAsJsonAsync($"/api/processes/{id}/advice", new { title = "On port 25", text = "Block it.", recipient = "Anatel" })).JsonAsync(HttpStatusCode.Created)).Id();
        await (await convener.PostAsJsonAsync($"/api/processes/{id}/advice/{advice}/sent", new { sentOn = Iso(Today) })).JsonAsync(HttpStatusCode.OK);

        var sweep = app.Services.GetRequiredService<OutcomeReminderSweep>();
        await sweep.SweepAsync(TimeProvider.System.GetUtcNow().AddDays(150)); // within the process's 200 days
        Assert.Equal(0, await app.WithDbAsync(db => db.OutcomeReminders.CountAsync(r => r.ProcessId == id)));
    }

    [Fact]
    public async Task Decisions_appear_with_their_rule_positions_by_group_and_minority_views_and_in_the_feed()
    {
        var (convener, p, member) = await ProcessAsync();
        var id = p.Id();
        var (other, _) = await app.SignedInAsync("Carlos Afonso");
        await (await other.JoinAsync(p, "Technical community", "Latin America and Caribbean")).JsonAsync(HttpStatusCode.Created);
        var proposals = $"/api/processes/{id}/proposals";
        var proposal = (await (await convener.PostAsJsonAsync(proposals, new { title = "Block port 25", question = "Block outbound port 25?", rule = new { kind = "majority" }, appealWindowDays = 14 })).JsonAsync(HttpStatusCode.Created)).Id();
        await (await member.PutAsJsonAsync($"{proposals}/{proposal}/positions/me", new { stance = "agree" })).JsonAsync(HttpStatusCode.OK);
        await (await other.PutAsJsonAsync($"{proposals}/{proposal}/positions/me", new { stance = "disagree", reason = "Too soon" })).JsonAsync(HttpStatusCode.OK);
        await (await convener.PostAsJsonAsync($"{proposals}/{proposal}/close", new { })).JsonAsync(HttpStatusCode.OK);
        await (await convener.PostAsJsonAsync($"/api/processes/{id}/messages", new { title = "Agreed by all parties", text = "Port 25 is managed." })).JsonAsync(HttpStatusCode.Created);

        var outcomes = await (await app.Anonymous().GetAsync($"/api/processes/{id}/outcomes")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, outcomes.GetProperty("decisionCount").GetInt32());
        var decision = outcomes.GetProperty("decisions")[0];
        Assert.Equal("Majority", decision.GetProperty("rule").GetString());
        var groups = decision.GetProperty("byStakeholderGroup").EnumerateArray().ToDictionary(g => g.GetProperty("stakeholderGroup").GetString()!);
        Assert.Equal(1, groups["Civil society"].GetProperty("agree").GetInt32());
        Assert.Equal(1, groups["Technical community"].GetProperty("disagree").GetInt32());
        Assert.Equal(1, groups["Civil society"].GetProperty("n").GetInt32());
        var regions = decision.GetProperty("byRegion").EnumerateArray().ToDictionary(r => r.GetProperty("region").GetString()!);
        Assert.Equal(1, regions["Europe"].GetProperty("agree").GetInt32());
        Assert.Equal(1, regions["Latin America and Caribbean"].GetProperty("disagree").GetInt32());
        var cell = decision.GetProperty("byStakeholderGroupAndRegion").EnumerateArray()
            .Single(c => c.GetProperty("stakeholderGroup").GetString() == "Technical community" && c.GetProperty("region").GetString() == "Latin America and Caribbean");
        Assert.Equal((1, 1, false), (cell.GetProperty("n").GetInt32(), cell.GetProperty("disagree").GetInt32(), cell.GetProperty("hidden").GetBoolean()));
        var page = await app.Anonymous().GetStringAsync($"/processes/{id}/outcomes");
        Assert.Contains($"/processes/{id}/proposals/{proposal}", page, StringComparison.Ordinal);
        Assert.Contains("Positions by region", page, StringComparison.Ordinal);
        Assert.Contains("Positions by stakeholder group and region", page, StringComparison.Ordinal);
        var csv = await app.Anonymous().GetStringAsync($"/api/processes/{id}/outcomes.csv");
        Assert.Contains($"decision positions,{proposal},Technical community / Latin America and Caribbean,,", csv, StringComparison.Ordinal);
        Assert.Contains("n=1 agree=0 disagree=1 abstain=0 block=0", csv, StringComparison.Ordinal);

        // With names hidden the positions are anonymous: cells under the minimum keep their n, not their stances.
        await (await convener.PutAsJsonAsync($"/api/processes/{id}/privacy", new { names = "Nothing", minimumCellSize = 3 })).JsonAsync(HttpStatusCode.OK);
        var hidden = (await (await app.Anonymous().GetAsync($"/api/processes/{id}/outcomes")).JsonAsync(HttpStatusCode.OK)).GetProperty("decisions")[0];
        Assert.Equal(3, hidden.GetProperty("minimumCellSize").GetInt32());
        foreach (var list in new[] { "byStakeholderGroup", "byRegion", "byStakeholderGroupAndRegion" })
        {
            Assert.All(hidden.GetProperty(list).EnumerateArray(), c =>
            {
                Assert.True(c.GetProperty("hidden").GetBoolean());
                Assert.Equal(1, c.GetProperty("n").GetInt32());
                Assert.False(c.TryGetProperty("agree", out _)); // null, so left out
            });
        }

        Assert.Contains("Fewer than 3: not shown", await app.Anonymous().GetStringAsync($"/processes/{id}/outcomes"), StringComparison.Ordinal);
        var hiddenCsv = await app.Anonymous().GetStringAsync($"/api/processes/{id}/outcomes.csv");
        Assert.Contains($"decision positions,{proposal},Technical community / Latin America and Caribbean,fewer than 3,", hiddenCsv, StringComparison.Ordinal);
        Assert.DoesNotContain("disagree=", hiddenCsv, StringComparison.Ordinal);

        var feed = await app.Anonymous().GetAsync($"/api/processes/{id}/outcomes.atom");
        Assert.Equal("application/atom+xml", feed.Content.Headers.ContentType?.MediaType);
        var atom = System.Xml.Linq.XDocument.Parse(await feed.Content.ReadAsStringAsync());
        System.Xml.Linq.XNamespace ns = "http://www.w3.org/2005/Atom";
        var terms = atom.Root!.Elements(ns + "entry").Select(e => e.Element(ns + "category")!.Attribute("term")!.Value).ToList();
        Assert.Equal(["message", "decision"], terms);
        await (await app.Anonymous().GetAsync("/api/processes/999999/outcomes.atom")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_advice_register_across_processes_counts_what_was_heeded_and_hides_drafts()
    {
        var (convener, p, _) = await ProcessAsync();
        var draft = await convener.CreateProcessAsync("Preparatory committee", "Draft");
        foreach (var (process, title, status) in new[] { (p.Id(), "Port 25", "accepted"), (p.Id(), "Spam filters", "rejected"), (draft.Id(), "Hidden advice", "accepted") })
        {
            var advice = (await (await convener.PostAsJsonAsync($"/api/processes/{process}/advice", new { title, text = "Advice.", recipient = "Anatel" })).JsonAsync(HttpStatusCode.Created)).Id();
            await (await convener.PostAsJsonAsync($"/api/processes/{process}/advice/{advice}/sent", new { sentOn = "2010-01-04" })).JsonAsync(HttpStatusCode.OK);
            await (await convener.PostAsJsonAsync($"/api/processes/{process}/advice/{advice}/response", new { status, respondedOn = "2010-03-01" })).JsonAsync(HttpStatusCode.OK);
        }

        var register = await (await app.Anonymous().GetAsync("/api/advice")).JsonAsync(HttpStatusCode.OK);
        var mine = register.GetProperty("byProcess").EnumerateArray().Single(t => t.GetProperty("processId").GetInt32() == p.Id()).GetProperty("tally");
        Assert.Equal(2, mine.GetProperty("sent").GetInt32());
        Assert.Equal(0.5, mine.GetProperty("heededShare").GetDouble());
        Assert.DoesNotContain(register.GetProperty("byProcess").EnumerateArray(), t => t.GetProperty("processId").GetInt32() == draft.Id());
        var html = await app.Anonymous().GetStringAsync("/advice");
        Assert.Contains("Spam filters", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden advice", html, StringComparison.Ordinal);
        var csv = await app.Anonymous().GetStringAsync("/api/advice.csv");
        Assert.Contains(",Port 25,Anatel,2010-01-04,Accepted,2010-03-01,", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden advice", csv, StringComparison.Ordinal);

        await (await app.Anonymous().GetAsync("/api/advice?page=0")).ProblemAsync(HttpStatusCode.BadRequest, "page");
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Anonymous().GetAsync("/api/advice?page=x")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Anonymous().GetAsync("/advice?page=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Anonymous().GetAsync("/advice?page=x")).StatusCode);
    }

    [Fact]
    public async Task Plain_dates_are_the_same_day_in_every_reader_zone()
    {
        var (convener, p, _) = await ProcessAsync();
        var id = p.Id();
        await (await convener.PostAsJsonAsync($"/api/processes/{id}/commitments", Commitment(p, "Port 25 management", new DateOnly(2030, 1, 1)))).JsonAsync(HttpStatusCode.Created);
        foreach (var zone in new[] { "Pacific/Kiritimati", "America/Sao_Paulo", "Pacific/Pago_Pago" })
        {
            var reader = app.Anonymous();
            reader.DefaultRequestHeaders.Add("Cookie", $"ef-tz={zone}");
            var page = await reader.GetStringAsync($"/processes/{id}/outcomes");
            Assert.Contains("<time datetime=\"2030-01-01\">1 Jan 2030</time>", page, StringComparison.Ordinal);
        }
    }
}

public sealed class OutcomeFollowUpOnSqlite(SqliteApp app) : OutcomeFollowUpTests(app), IClassFixture<SqliteApp>;

public sealed class OutcomeFollowUpOnPostgres(PostgresApp app) : OutcomeFollowUpTests(app), IClassFixture<PostgresApp>;
