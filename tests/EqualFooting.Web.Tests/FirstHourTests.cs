using System.Net;
using System.Net.Http.Json;
using EqualFooting.Web.Demo;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EqualFooting.Web.Tests;

/// <summary>What a newcomer meets on the demo in the first hour: pages that load clean, dates that agree, the promised campaign.</summary>
public abstract class FirstHourTests(AppFactory app, LogLines logs)
{
    private async Task<(int Process, int Consultation, long Campaign)> DemoAsync() => await app.WithDbAsync(async db =>
    {
        var consultation = await db.Consultations.SingleAsync(c => c.Title == DemoConsultation.Title);
        var campaign = await db.Campaigns.Where(k => k.ConsultationId == consultation.Id).Select(k => k.Id).SingleAsync();
        return (consultation.ProcessId, consultation.Id, campaign);
    });

    /// <summary>A participant of the demo process, signed in through the login page like a browser.</summary>
    private async Task<HttpClient> ParticipantAsync(int cid, Func<HttpClient, Task>? withApi = null)
    {
        var processId = await app.WithDbAsync(db => db.Consultations.Where(c => c.Id == cid).Select(c => c.ProcessId).SingleAsync());
        var process = await (await app.Anonymous().GetAsync($"/api/processes/{processId}")).JsonAsync(HttpStatusCode.OK);
        var (api, email) = await app.SignedInAsync();
        await (await api.JoinAsync(process, "Academia", "Europe")).JsonAsync(HttpStatusCode.Created);
        if (withApi is not null)
        {
            await withApi(api);
        }

        return await app.BrowserSignedInAsync(email);
    }

    [Fact]
    public async Task Every_paged_page_loads_on_its_first_and_second_page_without_a_binding_error()
    {
        var (process, cid, campaign) = await DemoAsync();
        var (_, email) = await app.AdministratorAsync();
        var admin = await app.BrowserSignedInAsync(email);
        string[] paged =
        [
            $"/consultations/{cid}/campaigns",
            $"/consultations/{cid}/campaigns/{campaign}",
            $"/consultations/{cid}",
            $"/consultations/{cid}/committee",
            $"/processes/{process}/participants",
        ];

        foreach (var url in paged)
        {
            foreach (var query in new[] { "", "?page=1", "?page=2" })
            {
                var response = await admin.GetAsync(url + query);
                var html = await response.Content.ReadAsStringAsync();

                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}{query}: {(int)response.StatusCode}");
                Assert.DoesNotContain("is not valid for", html);
                Assert.DoesNotContain("validation-summary-errors", html);
                Assert.Equal(query == "?page=2", html.Contains("rel=\"prev\"", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task The_demo_campaign_is_found_when_the_demo_loads()
    {
        var (_, cid, campaign) = await DemoAsync();

        var html = await app.Anonymous().GetStringAsync($"/consultations/{cid}/campaigns");

        Assert.Contains($"href=\"/consultations/{cid}/campaigns/{campaign}\"", html);
        Assert.Equal(5, await app.WithDbAsync(db => db.Comments.CountAsync(c => c.CampaignId == campaign)));
    }

    [Fact]
    public async Task The_demo_dates_agree_with_each_other_and_with_today()
    {
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var (process, cid, _) = await DemoAsync();
        var p = await app.WithDbAsync(db => db.Processes.SingleAsync(x => x.Id == process));
        var consultation = await app.WithDbAsync(db => db.Consultations.SingleAsync(c => c.Id == cid));
        var session = await app.WithDbAsync(db => db.Sessions.SingleAsync(s => s.ProcessId == process));
        // The demo's own people (other tests here join the process too, today).
        var joined = (await app.WithDbAsync(db => db.Participants.Where(x => x.ProcessId == process)
            .Join(db.Users.Where(u => u.Email!.EndsWith("@demo.equalfooting.invalid")), x => x.AccountId, u => u.Id, (x, _) => x.JoinedAt)
            .ToListAsync())).Max();

        Assert.InRange(today, p.StartsOn!.Value, p.EndsOn!.Value);
        Assert.True(consultation.IsOpen(now));
        Assert.True(joined < consultation.OpensAt, "participants joined before the consultation opened");
        Assert.True(DateOnly.FromDateTime(consultation.ClosesAt.UtcDateTime) <= p.EndsOn);
        Assert.InRange(DateOnly.FromDateTime(session.StartsAt.UtcDateTime), p.StartsOn.Value, p.EndsOn.Value);
        Assert.True(p.CreatedAt <= consultation.OpensAt);
    }

    [Fact]
    public async Task The_latest_version_shows_each_paragraphs_comments_on_earlier_versions_with_a_link_and_numbers()
    {
        var (_, cid, _) = await DemoAsync();
        var browser = await ParticipantAsync(cid);

        var html = await browser.GetStringAsync($"/consultations/{cid}");

        // Paragraph 3 had five comments on version 1 and none yet on version 2.
        var paragraph3 = await app.WithDbAsync(db => db.Comments.Where(c => c.ConsultationId == cid && c.VersionNumber == 1 && c.Text.StartsWith("Consulting before drafting")).Select(c => c.ParagraphId).SingleAsync());
        Assert.Contains("0 comments on this version", html);
        Assert.Contains($"href=\"/consultations/{cid}?version=1&amp;paragraph={paragraph3}#comments\" class=\"earlier\">5 comments on version 1</a>", html);
        Assert.Contains("<span class=\"paragraph-number\"><span class=\"visually-hidden\">Paragraph </span>3</span>", html);
        Assert.Contains("Headings take no comments of their own", html);
        Assert.DoesNotContain("Comment on paragraph 1<", html); // paragraph 1 is the heading
        Assert.Contains("Comment on paragraph 2<", html);
        Assert.Contains("comments on version 1</a>", html);
    }

    [Fact]
    public async Task The_comparison_reads_inline_names_authors_and_shows_headings_without_markdown()
    {
        var (_, cid, _) = await DemoAsync();

        var html = await app.Anonymous().GetStringAsync($"/consultations/{cid}/compare?from=1&to=2");

        var texts = System.Text.RegularExpressions.Regex.Matches(html, "<div class=\"diff-text[^\"]*\">(.*?)</div>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.NotEmpty(texts);
        Assert.All(texts, m => Assert.DoesNotContain("\n", m.Groups[1].Value));
        Assert.All(texts, m => Assert.DoesNotMatch("<(ins|del)>\\s*</\\1>", m.Groups[1].Value));
        Assert.Contains("<div class=\"diff-text diff-heading\">Draft recommendations of Thematic Group 1</div>", html);
        Assert.Contains("Comment by Rafael Lima</a>", html);
        Assert.Contains("and should say in writing which inputs changed the draft</ins>", html);
    }

    [Fact]
    public async Task Counts_take_the_singular_by_each_languages_rule()
    {
        var (process, cid, _) = await DemoAsync();
        async Task<string> GetAsync(string url, string language)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add("Accept-Language", language);
            return WebUtility.HtmlDecode(await (await app.Anonymous().SendAsync(request)).Content.ReadAsStringAsync());
        }

        // One comment on the whole of version 2; none yet on its paragraphs.
        await ParticipantAsync(cid, async api => await (await api.PostAsJsonAsync($"/api/consultations/{cid}/comments", new { text = "One on the whole draft." })).JsonAsync(HttpStatusCode.Created));
        var english = await GetAsync($"/consultations/{cid}", "en");
        var french = await GetAsync($"/consultations/{cid}", "fr");
        var spanish = await GetAsync($"/consultations/{cid}", "es");

        Assert.Contains(">1 comment</a>", english);
        Assert.DoesNotContain("1 comments", english);
        Assert.Contains("0 commentaire sur cette version", french);
        Assert.Contains("0 comentarios en esta versión", spanish);
        Assert.DoesNotContain("1 participants", await GetAsync("/", "en"));
        Assert.Contains($"/processes/{process}", await GetAsync("/", "en"));
    }

    [Fact]
    public async Task Starting_and_browsing_the_demo_logs_nothing_a_newcomer_would_read_as_an_alarm()
    {
        var (process, cid, campaign) = await DemoAsync();
        foreach (var url in new[] { "/", $"/processes/{process}", $"/processes/{process}/participants", $"/consultations/{cid}", $"/consultations/{cid}/compare",
            $"/consultations/{cid}/uptake", $"/consultations/{cid}/campaigns", $"/consultations/{cid}/campaigns/{campaign}", $"/processes/{process}/record" })
        {
            Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync(url)).StatusCode);
        }

        // The data-protection warning (keys stored unencrypted) is about production hosting; Development hides it.
        var alarms = logs.Lines
            .Where(l => l.Level >= LogLevel.Warning && !l.Category.StartsWith("Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal))
            .Select(l => $"{l.Level} {l.Category}: {l.Message}")
            .ToList();
        Assert.True(alarms.Count == 0, string.Join("\n", alarms));
        var setup = Assert.Single(logs.Lines, l => l.Message.Contains("No administrator yet.", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, setup.Level);
    }

    [Fact]
    public async Task Pages_with_forms_carry_no_inline_style_for_the_content_security_policy_to_block()
    {
        var (process, cid, campaign) = await DemoAsync();
        var (_, email) = await app.AdministratorAsync();
        var admin = await app.BrowserSignedInAsync(email);
        string[] pages =
        [
            "/account/login", "/account/register", $"/processes/{process}", $"/processes/{process}/join", $"/processes/{process}/roles",
            $"/consultations/{cid}", $"/consultations/{cid}/committee", $"/consultations/{cid}/manage", $"/consultations/{cid}/campaigns/{campaign}",
        ];

        foreach (var url in pages)
        {
            var html = await admin.GetStringAsync(url);
            Assert.DoesNotContain(" style=\"", html);
        }
    }
}

public sealed class FirstHourOnSqlite(DemoOnSqliteApp app) : FirstHourTests(app, app.Logs), IClassFixture<DemoOnSqliteApp>;

public sealed class FirstHourOnPostgres(DemoOnPostgresApp app) : FirstHourTests(app, app.Logs), IClassFixture<DemoOnPostgresApp>;
