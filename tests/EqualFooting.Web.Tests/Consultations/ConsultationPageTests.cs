using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EqualFooting.Web.Tests.Consultations;

public abstract class ConsultationPageTests(AppFactory app)
{
    private const string Draft = "# Principles\n\nHuman rights apply online as offline.\n\nThe Internet should remain one network.";

    private async Task<(HttpClient Admin, string AdminEmail, JsonElement Process, int Cid)> ConsultationAsync()
    {
        var (admin, email) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        var created = await (await admin.PostAsJsonAsync($"/api/processes/{process.Id()}/consultations", new
        {
            title = "Draft outcome document",
            closesAt = DateTimeOffset.UtcNow.AddDays(14),
            markdown = Draft,
        })).JsonAsync(HttpStatusCode.Created);
        return (admin, email, process, created.Id());
    }

    private async Task<(HttpClient Api, HttpClient Browser)> ParticipantAsync(JsonElement process, string group = "Civil society")
    {
        var (client, email) = await app.SignedInAsync();
        await (await client.JoinAsync(process, group, "Africa")).JsonAsync(HttpStatusCode.Created);
        return (client, await app.BrowserSignedInAsync(email));
    }

    [Fact]
    public async Task The_process_page_lists_its_consultations()
    {
        var s = await ConsultationAsync();

        var html = await app.Anonymous().GetStringAsync($"/processes/{s.Process.Id()}");

        Assert.Contains($"href=\"/consultations/{s.Cid}\"", html);
        Assert.Contains("Draft outcome document", html);
    }

    [Fact]
    public async Task The_draft_page_shows_paragraphs_with_counts_by_group_and_safe_comments()
    {
        var s = await ConsultationAsync();
        var (api, _) = await ParticipantAsync(s.Process);
        var draft = await (await app.Anonymous().GetAsync($"/api/consultations/{s.Cid}/draft")).JsonAsync(HttpStatusCode.OK);
        var paragraph = draft.GetProperty("paragraphs")[1].Id();
        await (await api.PostAsJsonAsync($"/api/consultations/{s.Cid}/comments", new { paragraphId = paragraph, text = "Nice <script>alert(1)</script> [x](javascript:alert(2)) *point*" }))
            .JsonAsync(HttpStatusCode.Created);

        var html = await app.Anonymous().GetStringAsync($"/consultations/{s.Cid}");

        Assert.Contains("Human rights apply online as offline.", html);
        Assert.Contains($"id=\"p-{paragraph}\"", html);
        Assert.Contains("role=\"img\" aria-label=\"Comments by stakeholder group: Civil society 1\"", html);
        Assert.Contains("<em>point</em>", html);
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.Contains("<time datetime=", html);
        Assert.DoesNotContain("name=\"Form.Text\"", html); // anonymous readers get no form
    }

    [Fact]
    public async Task A_participant_comments_through_the_form_once_even_when_it_is_sent_twice()
    {
        var s = await ConsultationAsync();
        var (_, browser) = await ParticipantAsync(s.Process);
        var url = $"/consultations/{s.Cid}";
        var page = await browser.GetStringAsync(url);
        Assert.Contains("At most 10,000 characters.", page);
        Assert.Contains("<label for=\"comment-draft\">", page);
        var form = await AppFactory.FormAsync(browser, url);
        form["Form.Version"] = "1";
        form["Form.Text"] = "From the form.";
        form["Form.Key"] = "form-key-1";

        var first = await browser.PostAsync(url + "?handler=Comment", new FormUrlEncodedContent(form));
        var second = await browser.PostAsync(url + "?handler=Comment", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Comments.CountAsync(c => c.ConsultationId == s.Cid)));
        Assert.Contains("From the form.", await browser.GetStringAsync(first.Headers.Location!.ToString()));
    }

    [Fact]
    public async Task An_empty_form_comment_shows_the_error_on_the_page()
    {
        var s = await ConsultationAsync();
        var (_, browser) = await ParticipantAsync(s.Process);
        var url = $"/consultations/{s.Cid}";
        var form = await AppFactory.FormAsync(browser, url);
        form["Form.Version"] = "1";
        form["Form.Text"] = " ";
        form["Form.Key"] = "k";

        var response = await browser.PostAsync(url + "?handler=Comment", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Text is required.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_convener_opens_a_consultation_from_an_uploaded_file()
    {
        var (_, email) = await app.AdministratorAsync();
        var browser = await app.BrowserSignedInAsync(email);
        var (admin, _) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        await (await admin.PostAsJsonAsync($"/api/processes/{process.Id()}/roles", new { email, role = "Convener" })).JsonAsync(HttpStatusCode.OK);
        var url = $"/processes/{process.Id()}/consultations/new";
        var token = await AppFactory.FormAsync(browser, url);

        using var content = new MultipartFormDataContent
        {
            { new StringContent(token["__RequestVerificationToken"]), "__RequestVerificationToken" },
            { new StringContent("Uploaded draft"), "Form.Title" },
            { new StringContent(DateTime.UtcNow.AddDays(5).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)), "Form.ClosesAt" },
            { new ByteArrayContent("First.\n\nSecond."u8.ToArray()), "Form.Upload", "draft.md" },
        };
        var response = await browser.PostAsync(url, content);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var html = await browser.GetStringAsync(response.Headers.Location!.ToString());
        Assert.Contains("Uploaded draft", html);
        Assert.Contains("Second.", html);
    }

    [Fact]
    public async Task A_wrong_upload_is_refused_on_the_form()
    {
        var (_, email) = await app.AdministratorAsync();
        var browser = await app.BrowserSignedInAsync(email);
        var process = await (await app.AdministratorAsync()).Client.CreateProcessAsync();
        var url = $"/processes/{process.Id()}/consultations/new";
        var token = await AppFactory.FormAsync(browser, url);

        using var content = new MultipartFormDataContent
        {
            { new StringContent(token["__RequestVerificationToken"]), "__RequestVerificationToken" },
            { new StringContent("Bad"), "Form.Title" },
            { new StringContent(DateTime.UtcNow.AddDays(5).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)), "Form.ClosesAt" },
            { new ByteArrayContent([0x4D, 0x5A, 0x90]), "Form.Upload", "draft.exe" },
        };
        var response = await browser.PostAsync(url, content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Upload a Markdown (.md) or plain-text (.txt) file.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_committee_view_shows_progress_and_disposes_through_its_form_while_others_are_refused()
    {
        var s = await ConsultationAsync();
        var (api, participantBrowser) = await ParticipantAsync(s.Process);
        var comment = await (await api.PostAsJsonAsync($"/api/consultations/{s.Cid}/comments", new { text = "Please define 'network'." })).JsonAsync(HttpStatusCode.Created);
        await (await api.PostAsJsonAsync($"/api/consultations/{s.Cid}/comments", new { text = "Second." })).JsonAsync(HttpStatusCode.Created);
        var convener = await app.BrowserSignedInAsync(s.AdminEmail);
        var url = $"/consultations/{s.Cid}/committee";

        Assert.Equal(HttpStatusCode.Redirect, (await app.Anonymous().GetAsync(url)).StatusCode);
        Assert.Contains("/account/access-denied", (await participantBrowser.GetAsync(url)).Headers.Location?.OriginalString);
        var before = await convener.GetStringAsync(url);
        Assert.Contains("0 of 2 comments disposed", before);
        Assert.Contains($"<label for=\"disposition-{comment.Id()}\">", before);

        var form = await AppFactory.FormAsync(convener, url);
        form["Form.CommentId"] = comment.Id().ToString();
        form["Form.Disposition"] = "Accepted";
        form["Form.Reason"] = "Defined in paragraph 3.";
        var saved = await convener.PostAsync(url + "?disposition=none", new FormUrlEncodedContent(form));
        form["Form.Reason"] = "";
        var missingReason = await convener.PostAsync(url, new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("1 of 2 comments disposed", await convener.GetStringAsync(url));
        Assert.Contains("Reason is required.", await missingReason.Content.ReadAsStringAsync());
        var draft = await app.Anonymous().GetStringAsync($"/consultations/{s.Cid}?disposition=Accepted");
        Assert.Contains("Defined in paragraph 3.", draft);
        Assert.DoesNotContain("Second.", draft);
    }

    [Fact]
    public async Task The_version_diff_shows_word_changes_and_links_the_dispositions_that_explain_them()
    {
        var s = await ConsultationAsync();
        var (api, _) = await ParticipantAsync(s.Process);
        var draft = await (await app.Anonymous().GetAsync($"/api/consultations/{s.Cid}/draft")).JsonAsync(HttpStatusCode.OK);
        var paragraph = draft.GetProperty("paragraphs")[2].Id();
        var comment = await (await api.PostAsJsonAsync($"/api/consultations/{s.Cid}/comments", new { paragraphId = paragraph, text = "Say open." })).JsonAsync(HttpStatusCode.Created);
        await (await s.Admin.PostAsJsonAsync($"/api/consultations/{s.Cid}/comments/{comment.Id()}/disposition", new { disposition = "Accepted", reason = "Added 'open'." })).JsonAsync(HttpStatusCode.OK);
        await (await s.Admin.PostAsJsonAsync($"/api/consultations/{s.Cid}/versions", new { markdown = Draft.Replace("one network", "one open network") })).JsonAsync(HttpStatusCode.Created);

        var html = await app.Anonymous().GetStringAsync($"/consultations/{s.Cid}/compare?from=1&to=2");

        Assert.Contains("one <ins>open</ins> network", html);
        Assert.Contains("1 paragraph changed, 0 added, 0 removed, 2 unchanged.", html);
        Assert.Contains($"href=\"/consultations/{s.Cid}?version=1&amp;paragraph={paragraph}#c-{comment.Id()}\"", html);
        Assert.Contains("Added &#x27;open&#x27;.", html);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/consultations/{s.Cid}/compare?from=2&to=1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/consultations/{s.Cid}/compare?from=1&to=9")).StatusCode);
    }

    [Fact]
    public async Task The_uptake_page_has_the_table_the_chart_and_the_downloads()
    {
        var s = await ConsultationAsync();
        var (api, _) = await ParticipantAsync(s.Process, "Technical community");
        var comment = await (await api.PostAsJsonAsync($"/api/consultations/{s.Cid}/comments", new { text = "Input." })).JsonAsync(HttpStatusCode.Created);
        await (await s.Admin.PostAsJsonAsync($"/api/consultations/{s.Cid}/comments/{comment.Id()}/disposition", new { disposition = "NotAccepted", reason = "Out of line with the mandate." }))
            .JsonAsync(HttpStatusCode.OK);

        var html = await app.Anonymous().GetStringAsync($"/consultations/{s.Cid}/uptake");

        Assert.Contains($"href=\"/api/consultations/{s.Cid}/uptake.csv\"", html);
        Assert.Contains($"href=\"/api/consultations/{s.Cid}/uptake\"", html);
        Assert.Contains("<th scope=\"row\">Technical community</th>", html);
        Assert.Contains("role=\"img\" aria-labelledby=\"uptake-chart-title\"", html);
        Assert.Contains("<title>Technical community, Not accepted: 1</title>", html);
    }

    [Fact]
    public async Task A_convener_publishes_extends_and_closes_from_the_manage_page()
    {
        var s = await ConsultationAsync();
        var convener = await app.BrowserSignedInAsync(s.AdminEmail);
        var (_, participant) = await ParticipantAsync(s.Process);
        var url = $"/consultations/{s.Cid}/manage";
        Assert.Contains("/account/access-denied", (await participant.GetAsync(url)).Headers.Location?.OriginalString);

        var form = await AppFactory.FormAsync(convener, url);
        using (var content = new MultipartFormDataContent
        {
            { new StringContent(form["__RequestVerificationToken"]), "__RequestVerificationToken" },
            { new StringContent(Draft + "\n\nA closing paragraph."), "Version.Markdown" },
        })
        {
            var published = await convener.PostAsync(url + "?handler=Publish", content);
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        var close = new Dictionary<string, string>(form) { ["Schedule.Reason"] = "", ["confirm"] = "true" };
        var refused = await convener.PostAsync(url + "?handler=Close", new FormUrlEncodedContent(close));
        close["Schedule.Reason"] = "Enough input.";
        close.Remove("confirm");
        var unconfirmed = await convener.PostAsync(url + "?handler=Close", new FormUrlEncodedContent(close));
        Assert.True((await (await app.Anonymous().GetAsync($"/api/consultations/{s.Cid}")).JsonAsync(HttpStatusCode.OK)).GetProperty("isOpen").GetBoolean());
        close["confirm"] = "true";
        var closed = await convener.PostAsync(url + "?handler=Close", new FormUrlEncodedContent(close));
        var extend = new Dictionary<string, string>(form) { ["Schedule.ClosesAt"] = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture), ["Schedule.Reason"] = "More time for Africa." };
        var extended = await convener.PostAsync(url + "?handler=Extend", new FormUrlEncodedContent(extend));

        Assert.Contains("Reason is required.", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Contains("Tick “Yes, I am sure” to confirm.", await unconfirmed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, extended.StatusCode);
        var summary = await (await app.Anonymous().GetAsync($"/api/consultations/{s.Cid}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, summary.GetProperty("latestVersion").GetInt32());
        Assert.True(summary.GetProperty("isOpen").GetBoolean());
        Assert.Equal("More time for Africa.", summary.GetProperty("extensionReason").GetString());
        Assert.Contains("A closing paragraph.", await app.Anonymous().GetStringAsync($"/consultations/{s.Cid}"));
    }

    [Fact]
    public async Task Participants_reply_and_authors_withdraw_through_the_draft_page()
    {
        var s = await ConsultationAsync();
        var (authorApi, authorBrowser) = await ParticipantAsync(s.Process);
        var (_, otherBrowser) = await ParticipantAsync(s.Process, "Academia");
        var comment = await (await authorApi.PostAsJsonAsync($"/api/consultations/{s.Cid}/comments", new { text = "Original point." })).JsonAsync(HttpStatusCode.Created);
        var url = $"/consultations/{s.Cid}";

        var authorPage = await authorBrowser.GetStringAsync(url);
        Assert.Contains($"<label for=\"edit-{comment.Id()}\">", authorPage);
        var edit = await AppFactory.FormAsync(authorBrowser, url);
        edit["Reply.CommentId"] = comment.Id().ToString();
        edit["Reply.Text"] = "Original point, corrected.";
        Assert.Equal(HttpStatusCode.Redirect, (await authorBrowser.PostAsync(url + "?handler=Edit", new FormUrlEncodedContent(edit))).StatusCode);
        Assert.Contains("Original point, corrected.", await app.Anonymous().GetStringAsync(url));

        var otherPage = await otherBrowser.GetStringAsync(url);
        Assert.DoesNotContain($"edit-{comment.Id()}", otherPage);
        Assert.Contains($"<label for=\"reply-{comment.Id()}\">", otherPage);
        Assert.DoesNotContain("Withdraw my comment", otherPage);
        var reply = await AppFactory.FormAsync(otherBrowser, url);
        reply["Reply.CommentId"] = comment.Id().ToString();
        reply["Reply.Text"] = "A reply.";
        reply["Reply.Key"] = "r1";
        Assert.Equal(HttpStatusCode.Redirect, (await otherBrowser.PostAsync(url + "?handler=Reply", new FormUrlEncodedContent(reply))).StatusCode);

        var form = await AppFactory.FormAsync(authorBrowser, url);
        var withdrawn = await authorBrowser.PostAsync($"{url}?handler=Withdraw&commentId={comment.Id()}", new FormUrlEncodedContent(form));
        var stranger = await otherBrowser.PostAsync($"{url}?handler=Withdraw&commentId={comment.Id()}", new FormUrlEncodedContent(reply));

        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.Contains("/account/access-denied", stranger.Headers.Location?.OriginalString);
        var html = await app.Anonymous().GetStringAsync(url);
        Assert.Contains("Withdrawn by its author", html);
        Assert.DoesNotContain("Original point.", html);
        Assert.Contains("A reply.", html);
    }

    [Fact]
    public async Task Unknown_consultations_are_404_pages()
    {
        foreach (var path in new[] { "", "/committee", "/compare", "/uptake", "/manage" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/consultations/424242{path}")).StatusCode);
        }
    }
}

public sealed class ConsultationPagesOnSqlite(SqliteApp app) : ConsultationPageTests(app), IClassFixture<SqliteApp>;

public sealed class ConsultationPagesOnPostgres(PostgresApp app) : ConsultationPageTests(app), IClassFixture<PostgresApp>;
