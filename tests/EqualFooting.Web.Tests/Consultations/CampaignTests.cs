using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EqualFooting.Notifications;
using EqualFooting.Persistence;
using EqualFooting.Web.Consultations;
using EqualFooting.Web.Hosting;
using EqualFooting.Web.Kernel;
using EqualFooting.Web.Notifications;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EqualFooting.Web.Tests.Consultations;

public abstract partial class CampaignTests(AppFactory app)
{
    private const string Letter =
        "I am writing to ask the committee to strengthen the section on net neutrality in the draft statement. "
        + "The open Internet has allowed small businesses, community networks and independent media in my region to reach "
        + "people on an equal footing with the largest companies. Paragraph two should state clearly that operators must not "
        + "block, throttle or prioritise traffic for commercial gain, and that any exception for network management must be "
        + "transparent, proportionate and subject to independent review.";

    /// <summary>The letter as people send it: unchanged, with a greeting, with a word changed, with a line of their own.</summary>
    private static readonly string[] Copies =
    [
        Letter,
        Letter,
        "Dear committee, " + Letter,
        Letter.Replace("small businesses", "small firms"),
        Letter + " Thank you.",
    ];

    private const string Unrelated = "The glossary should define multistakeholder with the wording of the Tunis Agenda, which is broadly accepted.";

    private sealed record Setup(HttpClient Convener, string ConvenerEmail, JsonElement Process, int Cid, HttpClient Civil, HttpClient Government);

    private async Task<Setup> ConsultationAsync()
    {
        var (admin, email) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        var created = await (await admin.PostAsJsonAsync($"/api/processes/{process.Id()}/consultations", new
        {
            title = "Draft outcome document",
            closesAt = DateTimeOffset.UtcNow.AddDays(14),
            markdown = "# Principles\n\nThe Internet should remain one network.",
        })).JsonAsync(HttpStatusCode.Created);
        var civil = await ParticipantAsync(process, "Civil society", "Africa");
        var government = await ParticipantAsync(process, "Government", "Europe");
        return new Setup(admin, email, process, created.Id(), civil, government);
    }

    private async Task<HttpClient> ParticipantAsync(JsonElement process, string group, string region)
    {
        var (client, _) = await app.SignedInAsync();
        await (await client.JoinAsync(process, group, region)).JsonAsync(HttpStatusCode.Created);
        return client;
    }

    /// <summary>Civil society sends the first three copies in a batch, government the other two one by one, and someone an unrelated comment.</summary>
    private static async Task<List<long>> CommentsAsync(Setup s)
    {
        var batch = new { comments = Copies.Take(3).Select((t, i) => new { text = t, idempotencyKey = $"letter-{i}" }).ToArray() };
        var body = await (await s.Civil.PostAsJsonAsync($"/api/consultations/{s.Cid}/comments/batch", batch)).JsonAsync(HttpStatusCode.OK);
        var ids = body.GetProperty("comments").EnumerateArray().Select(c => c.GetProperty("id").GetInt64()).ToList();
        foreach (var text in Copies.Skip(3))
        {
            ids.Add((await (await s.Government.PostAsJsonAsync($"/api/consultations/{s.Cid}/comments", new { text })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt64());
        }

        await (await s.Government.PostAsJsonAsync($"/api/consultations/{s.Cid}/comments", new { text = Unrelated })).JsonAsync(HttpStatusCode.Created);
        return ids;
    }

    private static async Task<JsonElement> DetectAsync(Setup s) =>
        await (await s.Convener.PostAsync($"/api/consultations/{s.Cid}/campaigns/detect", null)).JsonAsync(HttpStatusCode.OK);

    private async Task<JsonElement> OnlyCampaignAsync(int cid)
    {
        var list = await (await app.Anonymous().GetAsync($"/api/consultations/{cid}/campaigns")).JsonAsync(HttpStatusCode.OK);
        return Assert.Single(list.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Detection_on_demand_groups_the_form_letters_and_a_second_run_keeps_the_campaign()
    {
        var s = await ConsultationAsync();
        var letters = await CommentsAsync(s);

        var run = await DetectAsync(s);
        var first = await OnlyCampaignAsync(s.Cid);
        var again = await DetectAsync(s);
        var second = await OnlyCampaignAsync(s.Cid);

        Assert.Equal((6, 1, 5), (run.GetProperty("comments").GetInt32(), run.GetProperty("campaigns").GetInt32(), run.GetProperty("members").GetInt32()));
        Assert.Equal(5, first.GetProperty("members").GetInt32());
        Assert.Equal(Letter, first.GetProperty("canonicalText").GetString());
        Assert.Contains(first.GetProperty("canonicalCommentId").GetInt64(), letters.Take(2));
        Assert.Equal(first.Id(), second.Id());
        Assert.Equal((0, 0, 0), (again.GetProperty("created").GetInt32(), again.GetProperty("retired").GetInt32(), again.GetProperty("moved").GetInt32()));
        var members = await app.WithDbAsync(db => db.Comments.Where(c => c.ConsultationId == s.Cid && c.CampaignId != null).Select(c => c.Id).OrderBy(id => id).ToListAsync());
        Assert.Equal(letters.Order(), members);
        var entries = await app.WithDbAsync(db => db.Record.Where(r => r.ProcessId == s.Process.Id() && r.Action == "campaigns.detected" && r.Entry.Contains("on-demand")).Select(r => r.Entry).ToListAsync());
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.DoesNotContain(letters[0].ToString(System.Globalization.CultureInfo.InvariantCulture) + ",", e));
    }

    [Fact]
    public async Task Two_runs_at_once_store_one_campaign_and_later_copies_join_it_under_the_same_id()
    {
        var s = await ConsultationAsync();
        var letters = await CommentsAsync(s);

        var runs = await Task.WhenAll(DetectAsync(s), DetectAsync(s), DetectAsync(s));
        var first = await OnlyCampaignAsync(s.Cid);
        var before = await app.WithDbAsync(db => db.Record.Where(r => r.ProcessId == s.Process.Id()).MaxAsync(r => r.Id));
        var more = await (await s.Government.PostAsJsonAsync($"/api/consultations/{s.Cid}/comments", new { text = Letter.Replace("independent media", "local media") })).JsonAsync(HttpStatusCode.Created);
        var withdrawn = await (await s.Government.PostAsync($"/api/consultations/{s.Cid}/comments/{letters[3]}/withdraw", null)).JsonAsync(HttpStatusCode.OK);
        var after = await DetectAsync(s);
        var grown = await OnlyCampaignAsync(s.Cid);

        // The background run a new comment asks for (two seconds on) may come first on a busy machine and move the
        // newcomer itself: between them, the runs since the two changes move exactly the two comments.
        await app.Services.GetRequiredService<CampaignDetection>().IdleAsync(s.Cid).WaitAsync(TimeSpan.FromSeconds(60));
        var runsSince = await app.WithDbAsync(db => db.Record.Where(r => r.ProcessId == s.Process.Id() && r.Id > before && r.Action == "campaigns.detected").Select(r => r.Entry).ToListAsync());

        Assert.All(runs, r => Assert.Equal(1, r.GetProperty("campaigns").GetInt32()));
        Assert.Equal(1, runs.Sum(r => r.GetProperty("created").GetInt32()) - runs.Sum(r => r.GetProperty("retired").GetInt32()));
        Assert.Equal(first.Id(), grown.Id());
        Assert.Equal(5, grown.GetProperty("members").GetInt32());
        Assert.Equal((0, 0), (after.GetProperty("created").GetInt32(), after.GetProperty("retired").GetInt32()));
        Assert.Equal(2, runsSince.Sum(e => int.Parse(MovedInEntry().Match(e).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(grown.Id(), await app.WithDbAsync(db => db.Comments.Where(c => c.Id == more.GetProperty("id").GetInt64()).Select(c => c.CampaignId).SingleAsync()));
        Assert.Null(await app.WithDbAsync(db => db.Comments.Where(c => c.Id == withdrawn.GetProperty("id").GetInt64()).Select(c => c.CampaignId).SingleAsync()));
    }

    [Fact]
    public async Task Only_the_committee_asks_for_detection()
    {
        var s = await ConsultationAsync();

        await (await app.Anonymous().PostAsync($"/api/consultations/{s.Cid}/campaigns/detect", null)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await s.Civil.PostAsync($"/api/consultations/{s.Cid}/campaigns/detect", null)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await s.Convener.PostAsync("/api/consultations/424242/campaigns/detect", null)).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Detection_runs_in_the_background_once_comments_arrive()
    {
        var s = await ConsultationAsync();
        var detection = app.Services.GetRequiredService<CampaignDetection>();

        var letters = await CommentsAsync(s);
        await detection.IdleAsync(s.Cid).WaitAsync(TimeSpan.FromSeconds(60));

        var campaign = await OnlyCampaignAsync(s.Cid);
        Assert.Equal(5, campaign.GetProperty("members").GetInt32());
        var runs = await app.WithDbAsync(db => db.Record.CountAsync(r => r.ProcessId == s.Process.Id() && r.Action == "campaigns.detected" && r.ActorAccountId == null));
        Assert.InRange(runs, 1, 3);
        Assert.Equal(5, await app.WithDbAsync(db => db.Comments.CountAsync(c => c.CampaignId == campaign.GetProperty("id").GetInt64() && letters.Contains(c.Id))));
    }

    [Fact]
    public async Task The_campaign_shows_its_split_by_group_region_and_channel_and_pages_its_members()
    {
        var s = await ConsultationAsync();
        await CommentsAsync(s);
        await DetectAsync(s);
        var id = (await OnlyCampaignAsync(s.Cid)).GetProperty("id").GetInt64();

        var detail = await (await app.Anonymous().GetAsync($"/api/consultations/{s.Cid}/campaigns/{id}")).JsonAsync(HttpStatusCode.OK);
        var members = await (await app.Anonymous().GetAsync($"/api/consultations/{s.Cid}/campaigns/{id}/members?pageSize=2&page=3")).JsonAsync(HttpStatusCode.OK);
        var html = await app.Anonymous().GetStringAsync($"/consultations/{s.Cid}/campaigns/{id}");

        int Count(string split, string name) => detail.GetProperty(split).EnumerateArray().Single(x => x.GetProperty("name").GetString() == name).GetProperty("count").GetInt32();
        Assert.Equal((3, 2, 0), (Count("byStakeholderGroup", "Civil society"), Count("byStakeholderGroup", "Government"), Count("byStakeholderGroup", "Academia")));
        Assert.Equal((3, 2), (Count("byRegion", "Africa"), Count("byRegion", "Europe")));
        Assert.Equal(5, detail.GetProperty("byChannel").EnumerateArray().Single(x => x.GetProperty("channel").GetString() == "Api").GetProperty("count").GetInt32());
        Assert.Equal(5, members.GetProperty("total").GetInt32());
        Assert.Single(members.GetProperty("items").EnumerateArray());
        Assert.Contains("This text was submitted 5 times", html);
        Assert.Contains("<th scope=\"row\">Civil society</th>", html);
        Assert.Contains("<svg", html);
        Assert.Contains("Dear committee", html);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/consultations/{s.Cid}/campaigns/424242")).StatusCode);
        await (await app.Anonymous().GetAsync($"/api/consultations/{s.Cid}/campaigns/424242")).ProblemAsync(HttpStatusCode.NotFound);
        await (await app.Anonymous().GetAsync($"/api/consultations/{s.Cid}/campaigns/{id}/members?pageSize=0")).ProblemAsync(HttpStatusCode.BadRequest, "pageSize");
        await (await app.Anonymous().GetAsync($"/api/consultations/{s.Cid}/campaigns?page=0")).ProblemAsync(HttpStatusCode.BadRequest, "page");
    }

    [Fact]
    public async Task The_draft_page_shows_a_campaign_once_with_its_count_and_a_link()
    {
        var s = await ConsultationAsync();
        await CommentsAsync(s);
        await DetectAsync(s);
        var id = (await OnlyCampaignAsync(s.Cid)).GetProperty("id").GetInt64();

        var html = await app.Anonymous().GetStringAsync($"/consultations/{s.Cid}");
        var civilOnly = await app.Anonymous().GetStringAsync($"/consultations/{s.Cid}?group={s.Process.GroupId("Civil society")}");
        var collapsed = await (await app.Anonymous().GetAsync($"/api/consultations/{s.Cid}/comments?collapse=true")).JsonAsync(HttpStatusCode.OK);

        Assert.Contains("This text was submitted 5 times", html);
        Assert.Contains($"href=\"/consultations/{s.Cid}/campaigns/{id}\"", html);
        Assert.DoesNotContain("Dear committee", html);
        Assert.Contains(Unrelated, html);
        Assert.Contains("This text was submitted 3 times", civilOnly);
        Assert.Contains("(5 in all)", civilOnly);
        Assert.Equal(2, collapsed.GetProperty("total").GetInt32());
        Assert.Equal(5, collapsed.GetProperty("items")[0].GetProperty("campaign").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_committee_disposes_a_whole_campaign_keeping_single_answers_unless_told_to_overwrite()
    {
        var s = await ConsultationAsync();
        var letters = await CommentsAsync(s);
        await DetectAsync(s);
        var id = (await OnlyCampaignAsync(s.Cid)).GetProperty("id").GetInt64();
        var url = $"/api/consultations/{s.Cid}/campaigns/{id}/disposition";
        await (await s.Convener.PostAsJsonAsync($"/api/consultations/{s.Cid}/comments/{letters[4]}/disposition", new { disposition = "Accepted", reason = "Thanked separately." }))
            .JsonAsync(HttpStatusCode.OK);

        var kept = await (await s.Convener.PostAsJsonAsync(url, new { disposition = "Noted", reason = "Covered in paragraph 2." })).JsonAsync(HttpStatusCode.OK);
        var overwritten = await (await s.Convener.PostAsJsonAsync(url, new { disposition = "Noted", reason = "Covered in paragraph 2.", overwrite = true })).JsonAsync(HttpStatusCode.OK);
        var repeated = await (await s.Convener.PostAsJsonAsync(url, new { disposition = "Noted", reason = "Covered in paragraph 2.", overwrite = true })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(4, kept.GetProperty("disposed").GetInt32());
        Assert.Equal(1, overwritten.GetProperty("disposed").GetInt32());
        Assert.Equal(0, repeated.GetProperty("disposed").GetInt32());
        var comments = await (await app.Anonymous().GetAsync($"/api/consultations/{s.Cid}/export")).JsonAsync(HttpStatusCode.OK);
        var byId = comments.GetProperty("comments").EnumerateArray().Select(c => c.GetProperty("comment")).ToDictionary(c => c.GetProperty("id").GetInt64());
        Assert.All(letters.Take(4), l => Assert.Equal(["Noted"], byId[l].GetProperty("dispositions").EnumerateArray().Select(d => d.GetProperty("disposition").GetString())));
        Assert.Equal(["Accepted", "Noted"], byId[letters[4]].GetProperty("dispositions").EnumerateArray().Select(d => d.GetProperty("disposition").GetString()));
        var progress = await (await app.Anonymous().GetAsync($"/api/consultations/{s.Cid}/progress")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((5, 6), (progress.GetProperty("disposed").GetInt32(), progress.GetProperty("total").GetInt32()));
        var noted = await (await app.Anonymous().GetAsync($"/api/consultations/{s.Cid}/comments?disposition=Noted")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(5, noted.GetProperty("total").GetInt32());
        Assert.Equal(3, await app.WithDbAsync(db => db.Record.CountAsync(r => r.ProcessId == s.Process.Id() && r.Action == "campaign.disposed")));

        // Each member comment's author is told, once per disposition that reached that comment, with the reason: after
        // the commit, once the worker has expanded the dispositions (driven here rather than waited for).
        await app.Services.GetRequiredService<NoticeFanoutWorker>().ExpandAsync();
        var civil = await (await s.Civil.GetAsync("/api/account/me/notifications")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, civil.GetArrayLength());
        Assert.All(civil.EnumerateArray(), n => Assert.Equal(("CampaignDisposed", "Noted", "Covered in paragraph 2."), (n.GetProperty("kind").GetString(), n.GetProperty("detail").GetString(), n.GetProperty("reason").GetString())));
        Assert.Equal(letters.Take(3).Order(), civil.EnumerateArray().Select(n => n.GetProperty("commentId").GetInt64()).Order());
        Assert.Contains("The committee answered the campaign your comment belongs to: Noted.", civil[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        var government = await (await s.Government.GetAsync("/api/account/me/notifications")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["CampaignDisposed", "CampaignDisposed", "CommentDisposed"], government.EnumerateArray().Select(n => n.GetProperty("kind").GetString()));
        Assert.Equal($"/consultations/{s.Cid}#c-{letters[4]}", government[0].GetProperty("link").GetString());
    }

    [Fact]
    public async Task A_campaign_disposition_is_one_row_expanded_after_the_commit_into_one_notice_per_member_comment()
    {
        var s = await ConsultationAsync();
        var letters = await CommentsAsync(s);
        await DetectAsync(s);
        var id = (await OnlyCampaignAsync(s.Cid)).GetProperty("id").GetInt64();
        await (await s.Convener.PostAsJsonAsync($"/api/consultations/{s.Cid}/campaigns/{id}/disposition", new { disposition = "Noted", reason = "Covered in paragraph 2." }))
            .JsonAsync(HttpStatusCode.OK);
        var fanout = await app.WithDbAsync(db => db.NoticeFanouts.SingleAsync(f => f.CampaignId == id));
        Assert.Equal(("Noted", "Covered in paragraph 2."), (fanout.Detail, fanout.Reason));

        // Two expansions at once (and the worker the request woke, a third): each member comment's author gets one notice.
        var worker = app.Services.GetRequiredService<NoticeFanoutWorker>();
        var expanded = await Task.WhenAll(worker.ExpandAsync(), worker.ExpandAsync());
        Assert.True(expanded.Sum(e => e.Notices) <= letters.Count);
        var notices = await app.WithDbAsync(db => db.Notifications.Where(n => n.ItemId == fanout.Id && n.Kind == NoticeKind.CampaignDisposed)
            .Select(n => new { n.AccountId, n.CommentId, n.Detail }).ToListAsync());
        Assert.Equal(letters.Order(), notices.Select(n => n.CommentId!.Value).Order());
        Assert.Equal([2, 3], notices.GroupBy(n => n.AccountId).Select(g => g.Count()).Order());
        Assert.All(notices, n => Assert.Equal("Noted", n.Detail));
        Assert.NotNull(await app.WithDbAsync(db => db.NoticeFanouts.Where(f => f.Id == fanout.Id).Select(f => f.DoneAt).SingleAsync()));

        // A row found pending again (a node that stopped between its insert and its commit is the same case) adds nothing.
        await app.WithDbAsync(db => db.NoticeFanouts.Where(f => f.Id == fanout.Id).ExecuteUpdateAsync(u => u.SetProperty(f => f.DoneAt, (DateTimeOffset?)null)));
        var again = await worker.ExpandAsync();
        Assert.Equal(0, again.Notices);
        Assert.Equal(letters.Count, await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.ItemId == fanout.Id && n.Kind == NoticeKind.CampaignDisposed)));
    }

    [Fact]
    public async Task Disposing_a_campaign_needs_the_committee_a_known_campaign_and_a_reason()
    {
        var s = await ConsultationAsync();
        await CommentsAsync(s);
        await DetectAsync(s);
        var id = (await OnlyCampaignAsync(s.Cid)).GetProperty("id").GetInt64();
        var url = $"/api/consultations/{s.Cid}/campaigns/{id}/disposition";
        var body = new { disposition = "Noted", reason = "Covered." };

        await (await app.Anonymous().PostAsJsonAsync(url, body)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await s.Civil.PostAsJsonAsync(url, body)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await s.Convener.PostAsJsonAsync($"/api/consultations/{s.Cid}/campaigns/424242/disposition", body)).ProblemAsync(HttpStatusCode.NotFound);
        await (await s.Convener.PostAsJsonAsync(url, new { disposition = "Noted" })).ProblemAsync(HttpStatusCode.BadRequest, "reason");
        await (await s.Convener.PostAsJsonAsync(url, new { disposition = "Noted", reason = "  " })).ProblemAsync(HttpStatusCode.BadRequest, "reason");
        await (await s.Convener.PostAsJsonAsync(url, new { reason = "Covered." })).ProblemAsync(HttpStatusCode.BadRequest, "disposition");
        await (await s.Convener.PostJsonTextAsync(url, "{\"disposition\":\"Maybe\",\"reason\":\"x\"}")).ProblemAsync(HttpStatusCode.BadRequest, "disposition");
        await (await s.Convener.PostJsonTextAsync(url, "{\"disposition\":\"Noted\",\"reason\":\"x\",\"overwrite\":\"yes\"}")).ProblemAsync(HttpStatusCode.BadRequest, "overwrite");

        Assert.Equal(0, await app.WithDbAsync(db => db.Comments.CountAsync(c => c.ConsultationId == s.Cid && EF.Property<EqualFooting.Consultations.Disposition?>(c, "Disposition") != null)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Record.CountAsync(r => r.ProcessId == s.Process.Id() && r.Action == "campaign.disposed")));
    }

    [Fact]
    public async Task The_committee_page_lists_a_campaign_once_and_disposes_it_through_its_form()
    {
        var s = await ConsultationAsync();
        await CommentsAsync(s);
        var convener = await app.BrowserSignedInAsync(s.ConvenerEmail);
        var url = $"/consultations/{s.Cid}/committee";

        var detectForm = await AppFactory.FormAsync(convener, url);
        var detected = await convener.PostAsync(url + "?handler=Detect", new FormUrlEncodedContent(detectForm));
        var id = (await OnlyCampaignAsync(s.Cid)).GetProperty("id").GetInt64();
        var page = await convener.GetStringAsync(url);
        var form = await AppFactory.FormAsync(convener, url);
        form["CampaignForm.CampaignId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        form["CampaignForm.Disposition"] = "NotAccepted";
        form["CampaignForm.Reason"] = "";
        var missing = await convener.PostAsync(url + "?handler=Campaign", new FormUrlEncodedContent(form));
        form["CampaignForm.Reason"] = "Out of the scope of this version.";
        var saved = await convener.PostAsync(url + "?handler=Campaign", new FormUrlEncodedContent(form));

        Assert.Contains("1 campaign with 5 comments found among 6 comments.", await detected.Content.ReadAsStringAsync());
        Assert.Contains("This text was submitted 5 times", page);
        Assert.Contains($"<label for=\"campaign-disposition-{id}\">", page);
        Assert.Contains("Reason is required.", await missing.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("5 of 6 comments disposed", await convener.GetStringAsync(url));
    }

    [Fact]
    public async Task The_campaign_page_offers_its_form_to_the_committee_only()
    {
        var s = await ConsultationAsync();
        await CommentsAsync(s);
        await DetectAsync(s);
        var id = (await OnlyCampaignAsync(s.Cid)).GetProperty("id").GetInt64();
        var url = $"/consultations/{s.Cid}/campaigns/{id}";
        var convener = await app.BrowserSignedInAsync(s.ConvenerEmail);

        var anonymous = await app.Anonymous().GetStringAsync(url);
        var form = await AppFactory.FormAsync(convener, url);
        form["CampaignForm.Disposition"] = "Accepted";
        form["CampaignForm.Reason"] = "";
        var missing = await convener.PostAsync(url, new FormUrlEncodedContent(form));
        form["CampaignForm.Reason"] = "Paragraph 2 now says this.";
        var saved = await convener.PostAsync(url, new FormUrlEncodedContent(form));
        var list = await app.Anonymous().GetStringAsync($"/consultations/{s.Cid}/campaigns");

        Assert.DoesNotContain("CampaignForm.Disposition", anonymous);
        var missingHtml = await missing.Content.ReadAsStringAsync();
        Assert.Contains("Reason is required.", missingHtml);
        Assert.Contains("aria-invalid=\"true\"", missingHtml);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("5 of 5 comments disposed", await app.Anonymous().GetStringAsync(url));
        Assert.Contains($"href=\"/consultations/{s.Cid}/campaigns/{id}\"", list);

        var visitor = app.Anonymous();
        var visitorForm = await AppFactory.FormAsync(visitor, url);
        visitorForm["CampaignForm.Disposition"] = "NotAccepted";
        visitorForm["CampaignForm.Reason"] = "Not yours to decide.";
        var refused = await visitor.PostAsync(url, new FormUrlEncodedContent(visitorForm));
        Assert.Contains("/account/login", refused.Headers.Location?.OriginalString);
        Assert.Equal(0, await app.WithDbAsync(db => db.Comments.CountAsync(c => c.ConsultationId == s.Cid && EF.Property<EqualFooting.Consultations.Disposition?>(c, "Disposition") == EqualFooting.Consultations.Disposition.NotAccepted)));
    }

    [Fact]
    public async Task The_export_names_each_comments_campaign()
    {
        var s = await ConsultationAsync();
        var letters = await CommentsAsync(s);
        await DetectAsync(s);
        var campaign = await OnlyCampaignAsync(s.Cid);
        var id = campaign.GetProperty("id").GetInt64();
        var canonical = campaign.GetProperty("canonicalCommentId").GetInt64();

        var json = await (await app.Anonymous().GetAsync($"/api/consultations/{s.Cid}/export")).JsonAsync(HttpStatusCode.OK);
        var csv = await (await app.Anonymous().GetAsync($"/api/consultations/{s.Cid}/export.csv")).Content.ReadAsStringAsync();

        var rows = json.GetProperty("comments").EnumerateArray().ToList();
        Assert.All(rows.Where(r => letters.Contains(r.GetProperty("comment").GetProperty("id").GetInt64())), r => Assert.Equal(id, r.GetProperty("comment").GetProperty("campaignId").GetInt64()));
        Assert.True(rows.Single(r => r.GetProperty("comment").GetProperty("id").GetInt64() == canonical).GetProperty("campaignCanonical").GetBoolean());
        Assert.False(rows.Single(r => r.GetProperty("comment").GetProperty("text").GetString() == Unrelated).GetProperty("comment").TryGetProperty("campaignId", out _));
        Assert.Contains(",text,campaign_id,campaign_canonical\r\n", csv);
        Assert.Contains($",{id},true\r\n", csv);
        Assert.Equal(4, csv.Split($",{id},false\r\n").Length - 1);
    }

    [System.Text.RegularExpressions.GeneratedRegex("\"moved\":\\s*(\\d+)")]
    private static partial System.Text.RegularExpressions.Regex MovedInEntry();
}

public sealed class CampaignsOnSqlite(SqliteApp app) : CampaignTests(app), IClassFixture<SqliteApp>;

public sealed class CampaignsOnPostgres(PostgresApp app) : CampaignTests(app), IClassFixture<PostgresApp>;

/// <summary>The similarity threshold is checked when the site starts, not when the first campaign is looked for.</summary>
public sealed class CampaignSettingsTests
{
    private sealed class Configured(string threshold) : AppFactory(DatabaseProvider.Sqlite)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Consultations:CampaignSimilarity", threshold);
        }
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("0.2")]
    [InlineData("0")]
    public void A_threshold_outside_one_half_to_one_stops_the_start(string threshold)
    {
        using var app = new Configured(threshold);

        var error = Assert.Throws<OptionsValidationException>(() => app.Services);

        Assert.Contains("Consultations:CampaignSimilarity", error.Message);
    }

    [Fact]
    public void A_threshold_that_is_not_a_number_stops_the_start()
    {
        using var app = new Configured("high");

        var error = Assert.ThrowsAny<Exception>(() => app.Services);

        Assert.Contains("CampaignSimilarity", error.ToString());
    }

    [Fact]
    public void A_threshold_in_range_is_used()
    {
        using var app = new Configured("0.9");

        Assert.Equal(0.9, app.Services.GetRequiredService<IOptions<CampaignSettings>>().Value.CampaignSimilarity);
    }
}

/// <summary>Which runs stop to let requests go first: the background ones, between every step; not the committee's.</summary>
public sealed class CampaignCourtesyTests : IDisposable
{
    private sealed class Watched(GiveWay giveWay) : AppFactory(DatabaseProvider.Sqlite)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton(giveWay));
        }
    }

    private int _asked;
    private readonly Watched _app;

    public CampaignCourtesyTests() =>
        _app = new Watched(new GiveWay(() => { Interlocked.Increment(ref _asked); return 0; }, TimeSpan.FromMilliseconds(1), calm: 3, mostPolls: 100));

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_background_run_asks_before_every_page_and_between_grouping_steps_and_detection_on_demand_never_asks()
    {
        var (admin, _) = await _app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        var cid = (await (await admin.PostAsJsonAsync($"/api/processes/{process.Id()}/consultations", new
        {
            title = "Draft",
            closesAt = DateTimeOffset.UtcNow.AddDays(14),
            markdown = "The Internet should remain one network.",
        })).JsonAsync(HttpStatusCode.Created)).Id();
        var (participant, _) = await _app.SignedInAsync();
        await (await participant.JoinAsync(process, "Civil society", "Africa")).JsonAsync(HttpStatusCode.Created);
        for (var i = 0; i < 3; i++)
        {
            await (await participant.PostAsJsonAsync($"/api/consultations/{cid}/comments", new { text = $"Keep the Internet open and whole, as the draft says in paragraph {i + 1}." })).JsonAsync(HttpStatusCode.Created);
        }

        await _app.Services.GetRequiredService<CampaignDetection>().IdleAsync(cid).WaitAsync(TimeSpan.FromSeconds(60));
        var afterBackground = Volatile.Read(ref _asked);

        // The page of comments and the empty page that ends the reading, then the exact copies and every band (the
        // comments differ, so there are bands to go through).
        var bands = new EqualFooting.Consultations.CampaignDetector().Bands;
        Assert.True(afterBackground >= 2 + 1 + bands, $"asked {afterBackground} times");

        await (await admin.PostAsync($"/api/consultations/{cid}/campaigns/detect", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(afterBackground, Volatile.Read(ref _asked));

        // Every submission answered is counted out again (the writer does so just after answering), or every step of
        // every background run would wait the longest.
        Assert.Equal(0, _app.Services.GetRequiredService<CommentIntake>().Waiting);
    }
}
