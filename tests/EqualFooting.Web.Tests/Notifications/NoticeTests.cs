using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EqualFooting.Notifications;
using EqualFooting.Web.Notifications;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EqualFooting.Web.Tests.Notifications;

/// <summary>Notices from dispositions, replies, roles and followed consultations; the inbox; e-mail; my contributions.</summary>
public abstract class NoticeTests(AppFactory app)
{
    private sealed record Setup(HttpClient Convener, JsonElement Process, int Cid, HttpClient Author, string AuthorEmail, long CommentId);

    private async Task<Setup> CommentedAsync(DateTimeOffset? closesAt = null)
    {
        var (admin, _) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        var created = await (await admin.PostAsJsonAsync($"/api/processes/{process.Id()}/consultations", new
        {
            title = "Draft outcome document",
            closesAt = closesAt ?? DateTimeOffset.UtcNow.AddDays(14),
            markdown = "# Principles\n\nHuman rights apply online.",
        })).JsonAsync(HttpStatusCode.Created);
        var (author, email) = await app.SignedInAsync("Comment Author");
        await (await author.JoinAsync(process, "Civil society", "Africa")).JsonAsync(HttpStatusCode.Created);
        var comment = await (await author.PostAsJsonAsync($"/api/consultations/{created.Id()}/comments", new { text = "Say who decides." })).JsonAsync(HttpStatusCode.Created);
        return new Setup(admin, process, created.Id(), author, email, comment.GetProperty("id").GetInt64());
    }

    private static async Task<JsonElement> InboxAsync(HttpClient client) =>
        await (await client.GetAsync("/api/account/me/notifications")).JsonAsync(HttpStatusCode.OK);

    private static async Task<int> UnreadAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/account/me/notifications/unread")).JsonAsync(HttpStatusCode.OK)).GetProperty("unread").GetInt32();

    private NoticeSweep Sweep => app.Services.GetRequiredService<NoticeSweep>();

    [Fact]
    public async Task A_disposition_a_reply_and_a_role_reach_the_author_who_marks_them_read()
    {
        var s = await CommentedAsync();
        await (await s.Convener.PostAsJsonAsync($"/api/consultations/{s.Cid}/comments/{s.CommentId}/disposition", new { disposition = "PartlyAccepted", reason = "Paragraph 2 now names the bodies." }))
            .JsonAsync(HttpStatusCode.OK);
        var (replier, _) = await app.SignedInAsync();
        await (await replier.JoinAsync(s.Process, "Government", "Europe")).JsonAsync(HttpStatusCode.Created);
        await (await replier.PostAsJsonAsync($"/api/consultations/{s.Cid}/comments/{s.CommentId}/replies", new { text = "Agreed." })).JsonAsync(HttpStatusCode.Created);
        await (await s.Author.PostAsJsonAsync($"/api/consultations/{s.Cid}/comments/{s.CommentId}/replies", new { text = "Thanks." })).JsonAsync(HttpStatusCode.Created);
        await (await s.Convener.PostAsJsonAsync($"/api/processes/{s.Process.Id()}/roles", new { email = s.AuthorEmail, role = "Rapporteur" })).JsonAsync(HttpStatusCode.OK);

        var inbox = await InboxAsync(s.Author);
        Assert.Equal(["RoleGiven", "CommentReplied", "CommentDisposed"], inbox.EnumerateArray().Select(n => n.GetProperty("kind").GetString()));
        Assert.Equal("The committee's answer to your comment: Partly accepted. Reason: Paragraph 2 now names the bodies.", inbox[2].GetProperty("text").GetString());
        Assert.Equal($"/consultations/{s.Cid}#c-{s.CommentId}", inbox[1].GetProperty("link").GetString());
        Assert.Equal($"You were given the role Rapporteur in “NETmundial consultation”.", inbox[0].GetProperty("text").GetString());
        Assert.Empty((await InboxAsync(replier)).EnumerateArray());

        // In the page, in Spanish, with the count in the header; then read one, then all.
        var browser = await app.BrowserSignedInAsync(s.AuthorEmail);
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync("/account/inbox"));
        Assert.Contains("La respuesta del comité a tu comentario: Aceptado en parte. Motivo: Paragraph 2 now names the bodies.", page, StringComparison.Ordinal);
        Assert.Contains("(3 sin leer)", page, StringComparison.Ordinal);
        Assert.Equal(3, await UnreadAsync(s.Author));
        var read = await (await s.Author.PostAsync($"/api/account/me/notifications/{inbox[0].GetProperty("id").GetInt64()}/read", null)).JsonAsync(HttpStatusCode.OK);
        Assert.True(read.GetProperty("changed").GetBoolean());
        Assert.False((await (await s.Author.PostAsync($"/api/account/me/notifications/{inbox[0].GetProperty("id").GetInt64()}/read", null)).JsonAsync(HttpStatusCode.OK)).GetProperty("changed").GetBoolean());
        Assert.Equal(2, await UnreadAsync(s.Author));

        var form = await AppFactory.FormAsync(browser, "/account/inbox");
        var all = await browser.PostAsync("/account/inbox?handler=ReadAll", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, all.StatusCode);
        Assert.Equal(0, await UnreadAsync(s.Author));
        Assert.DoesNotContain("sin leer)", await browser.GetStringAsync("/account/inbox"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Following_is_one_row_however_often_and_followers_hear_once_of_a_new_version_and_the_close()
    {
        var s = await CommentedAsync(closesAt: DateTimeOffset.UtcNow.AddDays(1));
        var (follower, followerEmail) = await app.SignedInAsync();
        var (processFollower, _) = await app.SignedInAsync();
        var (bystander, _) = await app.SignedInAsync();
        var follows = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => follower.PutAsync($"/api/consultations/{s.Cid}/follow", null)));
        Assert.All(follows, f => Assert.Equal(HttpStatusCode.OK, f.StatusCode));
        await (await processFollower.PutAsync($"/api/processes/{s.Process.Id()}/follow", null)).JsonAsync(HttpStatusCode.OK);
        await (await bystander.PutAsync($"/api/processes/{s.Process.Id()}/follow", null)).JsonAsync(HttpStatusCode.OK);
        var stopped = await (await bystander.DeleteAsync($"/api/processes/{s.Process.Id()}/follow")).JsonAsync(HttpStatusCode.OK);
        Assert.False(stopped.GetProperty("following").GetBoolean());
        Assert.Equal(1, await app.WithDbAsync(db => db.Follows.CountAsync(f => f.Subject == FollowSubject.Consultation && f.SubjectId == s.Cid)));

        await (await s.Convener.PostAsJsonAsync($"/api/consultations/{s.Cid}/versions", new { markdown = "# Principles\n\nHuman rights apply online and offline." })).JsonAsync(HttpStatusCode.Created);
        var now = DateTimeOffset.UtcNow;
        await Task.WhenAll(Sweep.SweepAsync(now), Sweep.SweepAsync(now));
        await Sweep.SweepAsync(now.AddMinutes(5));

        foreach (var client in new[] { follower, processFollower })
        {
            var inbox = await InboxAsync(client);
            Assert.Equal(["ConsultationClosingSoon", "ConsultationVersionPublished"], inbox.EnumerateArray().Select(n => n.GetProperty("kind").GetString()).Order());
            var version = inbox.EnumerateArray().Single(n => n.GetProperty("kind").GetString() == "ConsultationVersionPublished");
            Assert.Equal($"/consultations/{s.Cid}/compare?from=1&to=2", version.GetProperty("link").GetString());
        }

        Assert.Empty((await InboxAsync(bystander)).EnumerateArray());

        // The button's form works without script, and shows what it will do next.
        var browser = await app.BrowserSignedInAsync(followerEmail);
        var page = await browser.GetStringAsync($"/consultations/{s.Cid}");
        Assert.Contains("Following (stop)", page, StringComparison.Ordinal);
        var form = await AppFactory.FormAsync(browser, $"/consultations/{s.Cid}");
        form["subject"] = "Consultation";
        form["id"] = s.Cid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        form["follow"] = "false";
        form["returnUrl"] = $"/consultations/{s.Cid}";
        var posted = await browser.PostAsync("/account/follows", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("Follow this consultation", await browser.GetStringAsync($"/consultations/{s.Cid}"), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Follows.CountAsync(f => f.Subject == FollowSubject.Consultation && f.SubjectId == s.Cid)));
    }

    [Fact]
    public async Task Immediate_mail_is_one_message_per_notice_and_the_digest_one_a_day_through_the_outbox()
    {
        var s = await CommentedAsync();
        var (daily, dailyEmail) = await app.SignedInAsync();
        Assert.Equal("Immediate", (await (await s.Author.PutAsJsonAsync("/api/account/me/notice-mail", new { mail = "Immediate" })).JsonAsync(HttpStatusCode.OK)).GetProperty("mail").GetString());
        await (await daily.PutAsJsonAsync("/api/account/me/notice-mail", new { mail = "Daily" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Daily", (await (await daily.GetAsync("/api/account/me/notice-mail")).JsonAsync(HttpStatusCode.OK)).GetProperty("mail").GetString());

        await (await s.Convener.PostAsJsonAsync($"/api/consultations/{s.Cid}/comments/{s.CommentId}/disposition", new { disposition = "Noted", reason = "Thank you." })).JsonAsync(HttpStatusCode.OK);
        await (await s.Convener.PostAsJsonAsync($"/api/processes/{s.Process.Id()}/roles", new { email = dailyEmail, role = "Moderator" })).JsonAsync(HttpStatusCode.OK);
        await (await s.Convener.PostAsJsonAsync($"/api/processes/{s.Process.Id()}/roles", new { email = dailyEmail, role = "Rapporteur" })).JsonAsync(HttpStatusCode.OK);

        var now = DateTimeOffset.UtcNow;
        var first = await Sweep.SweepAsync(now);
        await Sweep.SweepAsync(now);
        Assert.Equal((1, 0), (first.Mails, first.Digests));
        var mails = await app.WithDbAsync(db => db.Outbox.Where(m => m.To == s.AuthorEmail).Select(m => new { m.Subject, m.Body }).ToListAsync());
        var mail = Assert.Single(mails);
        Assert.Contains("The committee's answer to your comment: Noted. Reason: Thank you.", mail.Body, StringComparison.Ordinal);
        Assert.Contains($"/consultations/{s.Cid}#c-{s.CommentId}", mail.Body, StringComparison.Ordinal);

        // The digest waits for the day to end, then goes once, whichever of two sweeps claims it.
        Assert.Equal(0, await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.To == dailyEmail)));
        var tomorrow = now.AddDays(1);
        var sweeps = await Task.WhenAll(Sweep.SweepAsync(tomorrow), Sweep.SweepAsync(tomorrow));
        await Sweep.SweepAsync(tomorrow.AddHours(1));
        var digest = Assert.Single(await app.WithDbAsync(db => db.Outbox.Where(m => m.To == dailyEmail).Select(m => new { m.Subject, m.Body }).ToListAsync()));
        Assert.Equal("EqualFooting: 2 new notices", digest.Subject);
        Assert.Contains("You were given the role Moderator", digest.Body, StringComparison.Ordinal);
        Assert.Contains("You were given the role Rapporteur", digest.Body, StringComparison.Ordinal);
        Assert.Equal(1, sweeps.Sum(w => w.Digests));
    }

    [Fact]
    public async Task My_contributions_give_each_comment_its_disposition_and_the_version_it_led_to()
    {
        var s = await CommentedAsync();
        await (await s.Convener.PostAsJsonAsync($"/api/consultations/{s.Cid}/comments/{s.CommentId}/disposition", new { disposition = "Accepted", reason = "Now in paragraph 1." })).JsonAsync(HttpStatusCode.OK);
        await (await s.Convener.PostAsJsonAsync($"/api/consultations/{s.Cid}/versions", new { markdown = "# Principles\n\nHuman rights apply online; a named body decides." })).JsonAsync(HttpStatusCode.Created);
        await (await s.Convener.JoinAsync(s.Process, "Government", "Europe")).JsonAsync(HttpStatusCode.Created);
        await (await s.Convener.PostAsJsonAsync($"/api/consultations/{s.Cid}/comments", new
        {
            text = "A letter sent on paper.",
            onBehalfOf = new { name = "Someone Else", stakeholderGroupId = s.Process.GroupId("Civil society"), regionId = s.Process.RegionId("Africa") },
        })).JsonAsync(HttpStatusCode.Created);

        var mine = await (await s.Author.GetAsync("/api/account/me/contributions")).JsonAsync(HttpStatusCode.OK);
        var comment = Assert.Single(mine.GetProperty("comments").EnumerateArray());
        Assert.Equal((s.CommentId, "Accepted", "Now in paragraph 1.", 2), (comment.GetProperty("id").GetInt64(), comment.GetProperty("disposition").GetString(), comment.GetProperty("reason").GetString(), comment.GetProperty("ledTo").GetInt32()));
        Assert.Equal($"/consultations/{s.Cid}/compare?from=1&to=2", comment.GetProperty("ledToLink").GetString());
        Assert.Equal(0, mine.GetProperty("interventions").GetInt32());

        // A comment entered for someone else is not the convener's contribution.
        var convener = await (await s.Convener.GetAsync("/api/account/me/contributions")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, convener.GetProperty("totalComments").GetInt32());

        var page = WebUtility.HtmlDecode(await (await app.BrowserSignedInAsync(s.AuthorEmail)).GetStringAsync("/account/contributions"));
        Assert.Contains("Say who decides.", page, StringComparison.Ordinal);
        Assert.Contains("Now in paragraph 1.", page, StringComparison.Ordinal);
        Assert.Contains($"/consultations/{s.Cid}/compare?from=1&to=2", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_and_permissions_on_notices()
    {
        var s = await CommentedAsync();
        var anonymous = app.Anonymous();
        foreach (var url in new[] { "/api/account/me/notifications", "/api/account/me/notifications/unread", "/api/account/me/notice-mail", "/api/account/me/follows", "/api/account/me/contributions" })
        {
            await (await anonymous.GetAsync(url)).ProblemAsync(HttpStatusCode.Unauthorized);
        }

        await (await anonymous.PostAsync("/api/account/me/notifications/1/read", null)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsync("/api/account/me/notifications/read", null)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PutAsJsonAsync("/api/account/me/notice-mail", new { mail = "Daily" })).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PutAsync($"/api/processes/{s.Process.Id()}/follow", null)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.DeleteAsync($"/api/consultations/{s.Cid}/follow")).ProblemAsync(HttpStatusCode.Unauthorized);

        await (await s.Author.PutAsJsonAsync("/api/account/me/notice-mail", new { mail = "Weekly" })).ProblemAsync(HttpStatusCode.BadRequest, "mail");
        await (await s.Author.PutAsJsonAsync("/api/account/me/notice-mail", new { })).ProblemAsync(HttpStatusCode.BadRequest, "mail");
        await (await s.Author.GetAsync("/api/account/me/notifications?page=0")).ProblemAsync(HttpStatusCode.BadRequest, "page");
        await (await s.Author.GetAsync("/api/account/me/contributions?page=x")).ProblemAsync(HttpStatusCode.BadRequest, "page");
        await (await s.Author.PutAsync("/api/processes/424242/follow", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await s.Author.PutAsync("/api/consultations/424242/follow", null)).ProblemAsync(HttpStatusCode.NotFound);

        // Someone else's notice is not found, and stays unread.
        await (await s.Convener.PostAsJsonAsync($"/api/consultations/{s.Cid}/comments/{s.CommentId}/disposition", new { disposition = "Noted", reason = "Thank you." })).JsonAsync(HttpStatusCode.OK);
        var notice = (await InboxAsync(s.Author))[0].GetProperty("id").GetInt64();
        await (await s.Convener.PostAsync($"/api/account/me/notifications/{notice}/read", null)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(1, await UnreadAsync(s.Author));
        Assert.Equal(0, (await (await s.Convener.PostAsync("/api/account/me/notifications/read", null)).JsonAsync(HttpStatusCode.OK)).GetProperty("marked").GetInt32());
        Assert.Equal(1, await UnreadAsync(s.Author));
    }
}

public sealed class NoticesOnSqlite(SqliteApp app) : NoticeTests(app), IClassFixture<SqliteApp>;

public sealed class NoticesOnPostgres(PostgresApp app) : NoticeTests(app), IClassFixture<PostgresApp>;
