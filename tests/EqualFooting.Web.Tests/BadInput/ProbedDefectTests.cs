using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using EqualFooting.Web.Tests.Infrastructure;
using EqualFooting.Web.Tests.Sessions;

namespace EqualFooting.Web.Tests.BadInput;

/// <summary>The 500s a bad-input corpus found by probing a running server, each now a 400 naming the field or a safe redirect.</summary>
public abstract class ProbedDefectTests(AppFactory app)
{
    [Theory]
    [InlineData("application/json; charset=klingon")]
    [InlineData("application/json; charset=\"x-unknown\"")]
    public async Task A_json_body_in_an_unknown_character_set_is_a_400_naming_the_content_type(string contentType)
    {
        var (admin, _) = await app.AdministratorAsync();
        var content = new ByteArrayContent("{\"name\":\"Charset probe\"}"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await admin.PostAsync("/api/processes", content);

        await response.ProblemAsync(HttpStatusCode.BadRequest, "Content-Type");
    }

    [Theory]
    [InlineData("/\\evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("/\\\tevil.example")]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example/")]
    public async Task The_language_and_time_zone_choosers_never_redirect_off_the_site(string returnUrl)
    {
        var client = app.Anonymous();
        var language = await AppFactory.FormAsync(client, "/");
        language["culture"] = "es";
        language["returnUrl"] = returnUrl;
        var culture = await client.PostAsync("/culture", new FormUrlEncodedContent(language));
        var form = await AppFactory.FormAsync(client, "/time-zone");
        form["Zone"] = "Europe/Lisbon";
        form["ReturnUrl"] = returnUrl;
        var zone = await client.PostAsync("/time-zone", new FormUrlEncodedContent(form));

        foreach (var response in new[] { culture, zone })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/", response.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task A_local_return_address_is_still_followed()
    {
        var client = app.Anonymous();
        var form = await AppFactory.FormAsync(client, "/");
        form["culture"] = "fr";
        form["returnUrl"] = "/processes/1?x=1";

        var response = await client.PostAsync("/culture", new FormUrlEncodedContent(form));

        Assert.Equal("/processes/1?x=1", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_non_boolean_remote_participation_in_the_new_session_form_is_a_form_error()
    {
        var (admin, email) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        var browser = await app.BrowserSignedInAsync(email);
        var url = $"/processes/{process.Id()}/sessions/new";
        var form = await AppFactory.FormAsync(browser, url);
        form["Form.Title"] = "Opening";
        form["Form.StartsAt"] = "2026-05-01T09:00";
        form["Form.EndsAt"] = "2026-05-01T10:00";
        form["Form.RemoteParticipation"] = "maybe";

        var response = await browser.PostAsync(url, new FormUrlEncodedContent(form));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("RemoteParticipation", html);
        Assert.Contains("is not valid", html);
    }

    [Fact]
    public async Task The_new_session_form_still_reads_a_ticked_and_an_unticked_box()
    {
        var (admin, email) = await app.AdministratorAsync();
        var process = await admin.CreateProcessAsync();
        var browser = await app.BrowserSignedInAsync(email);
        var url = $"/processes/{process.Id()}/sessions/new";
        foreach (var (values, expected) in new[] { (new[] { "true", "false" }, true), (new[] { "false" }, false) })
        {
            var form = (await AppFactory.FormAsync(browser, url)).Select(p => new KeyValuePair<string, string>(p.Key, p.Value)).ToList();
            form.AddRange([new("Form.Title", $"Remote {expected}"), new("Form.StartsAt", "2026-05-01T09:00"), new("Form.EndsAt", "2026-05-01T10:00")]);
            form.AddRange(values.Select(v => new KeyValuePair<string, string>("Form.RemoteParticipation", v)));

            var response = await browser.PostAsync(url, new FormUrlEncodedContent(form));

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var sessionId = int.Parse(response.Headers.Location!.OriginalString.Split('/')[2], System.Globalization.CultureInfo.InvariantCulture);
            var session = await (await app.Anonymous().GetAsync($"/api/sessions/{sessionId}")).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(expected, session.GetProperty("remoteParticipation").GetBoolean());
        }
    }

    [Theory]
    [InlineData("\uFFFE")]
    [InlineData("\uFFFF")]
    public async Task Noncharacters_in_the_token_endpoints_email_are_a_400_naming_the_field(string bad)
    {
        var response = await app.Anonymous().PostAsJsonAsync("/api/account/token", new { email = $"someone{bad}@example.org", password = "correct horse battery" });
        var register = await app.Anonymous().PostAsJsonAsync("/api/account/register", new { displayName = "Someone", email = $"someone{bad}@example.org", password = "correct horse battery" });

        await response.ProblemAsync(HttpStatusCode.BadRequest, "email");
        await register.ProblemAsync(HttpStatusCode.BadRequest, "email");
    }

    [Fact]
    public async Task A_noncharacter_in_the_sign_in_page_is_a_form_error()
    {
        var client = app.Anonymous();
        var form = await AppFactory.FormAsync(client, "/account/login");
        form["Email"] = "someone\uFFFF@example.org";
        form["Password"] = "correct horse battery";

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("not text", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("\uFFFE")]
    [InlineData("\uFFFF")]
    [InlineData("\uFDD0")]
    public async Task Noncharacters_in_speaker_names_are_a_400_naming_the_field(string bad)
    {
        var s = await SessionScenario.StartAsync(app);

        var inRoom = await s.Moderator.PostAsJsonAsync($"{s.Url}/hands/in-room", new { name = $"Woman{bad}at the back", stakeholderGroupId = s.Process.GroupId("Academia"), regionId = s.Process.RegionId("Africa") });
        var table = await s.Convener.PutAsJsonAsync($"/api/processes/{s.Process.Id()}/speaker-names", new { name = $"Adaeze{bad}", stakeholderGroupId = s.Process.GroupId("Academia") });

        await inRoom.ProblemAsync(HttpStatusCode.BadRequest, "name");
        await table.ProblemAsync(HttpStatusCode.BadRequest, "name");
    }

    [Fact]
    public async Task A_cookie_signed_in_transcript_import_needs_the_antiforgery_token_or_a_preflighted_content_type()
    {
        var s = await SessionScenario.StartAsync(app, start: false);
        var (_, convenerEmail) = await app.AdministratorAsync();
        await (await s.Convener.PostAsJsonAsync($"/api/processes/{s.Process.Id()}/roles", new { email = convenerEmail, role = "Convener" })).JsonAsync(HttpStatusCode.OK);
        var browser = await app.BrowserSignedInAsync(convenerEmail);
        var url = $"/api/processes/{s.Process.Id()}/transcripts";
        var transcript = File.ReadAllBytes(TranscriptCommandTests.Fixture(TranscriptCommandTests.Minutes));

        // What a page on a sibling subdomain can send with the cookie and no preflight: refused, nothing stored.
        foreach (var type in new[] { "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", null })
        {
            foreach (var path in new[] { url, url + "/preview" })
            {
                var forged = await browser.PostAsync(path, Body(transcript, type));
                await forged.ProblemAsync(HttpStatusCode.BadRequest, "Content-Type");
            }
        }

        // The same cookie with the antiforgery token, or with a content type that needs a preflight, is the site's own.
        var token = (await AppFactory.FormAsync(browser, $"/processes/{s.Process.Id()}/transcripts/import"))["__RequestVerificationToken"];
        var withToken = new HttpRequestMessage(HttpMethod.Post, url + "/preview") { Content = Body(transcript, "text/plain") };
        withToken.Headers.Add("RequestVerificationToken", token);
        await (await browser.SendAsync(withToken)).JsonAsync(HttpStatusCode.OK);
        await (await browser.PostAsync(url + "/preview", Body(transcript, "text/x-transcript"))).JsonAsync(HttpStatusCode.OK);

        // Scripts with a bearer token send what curl sends by default.
        await (await s.Convener.PostAsync(url, Body(transcript, "application/x-www-form-urlencoded"))).JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_cookie_signed_in_post_without_a_body_needs_the_antiforgery_token_too()
    {
        var s = await SessionScenario.StartAsync(app, start: false);
        var browser = await app.BrowserSignedInAsync(s.ModeratorEmail);

        var forged = await browser.PostAsync($"{s.Url}/start", null);

        await forged.ProblemAsync(HttpStatusCode.BadRequest, "Content-Type");
        var state = await s.StateAsync();
        Assert.Equal("Scheduled", state.GetProperty("status").GetString());
    }

    private static ByteArrayContent Body(byte[] bytes, string? type)
    {
        var content = new ByteArrayContent(bytes);
        if (type is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        }

        return content;
    }
}

public sealed class ProbedDefectsOnSqlite(SqliteApp app) : ProbedDefectTests(app), IClassFixture<SqliteApp>;

public sealed class ProbedDefectsOnPostgres(PostgresApp app) : ProbedDefectTests(app), IClassFixture<PostgresApp>;
