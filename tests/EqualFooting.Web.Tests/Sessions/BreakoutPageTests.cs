using System.Net;
using System.Net.Http.Json;
using EqualFooting.Web.Tests.Infrastructure;

namespace EqualFooting.Web.Tests.Sessions;

/// <summary>Breakout rounds without JavaScript: splitting, writing the shared report and following up are plain forms.</summary>
public abstract class BreakoutPageTests(AppFactory app)
{
    private sealed record Room(SessionScenario S, HttpClient Moderator, HttpClient Amara, HttpClient Ingrid, string IngridEmail);

    private async Task<Room> RoomAsync()
    {
        var s = await SessionScenario.StartAsync(app);
        var (amaraApi, amaraEmail) = await app.SignedInAsync("Amara");
        await (await amaraApi.JoinAsync(s.Process, "Civil society", "Africa")).JsonAsync(HttpStatusCode.Created);
        var (ingridApi, ingridEmail) = await app.SignedInAsync("Ingrid");
        await (await ingridApi.JoinAsync(s.Process, "Government", "Europe")).JsonAsync(HttpStatusCode.Created);
        return new Room(s, await app.BrowserSignedInAsync(s.ModeratorEmail), await app.BrowserSignedInAsync(amaraEmail), await app.BrowserSignedInAsync(ingridEmail), ingridEmail);
    }

    private static async Task<string> SplitAsync(Room r)
    {
        var url = $"/sessions/{r.S.SessionId}/breakouts";
        var form = await AppFactory.FormAsync(r.Moderator, url);
        form["Form.Title"] = "Regional breakouts";
        form["Form.Questions"] = "Do governments involve outside groups?\r\nAre stakeholder groups segregated?";
        form["Form.Strategy"] = "ByRegion";
        var split = await r.Moderator.PostAsync($"{url}?handler=Split", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, split.StatusCode);
        return split.Headers.Location!.ToString();
    }

    [Fact]
    public async Task A_moderator_splits_the_room_with_a_form_and_each_participant_sees_their_group_and_the_questions()
    {
        var r = await RoomAsync();

        var round = await SplitAsync(r);
        var page = await r.Amara.GetStringAsync(round);
        var session = await r.Amara.GetStringAsync($"/sessions/{r.S.SessionId}");
        var list = await app.Anonymous().GetStringAsync($"/sessions/{r.S.SessionId}/breakouts");

        Assert.Matches("^/breakouts/[0-9]+$", round);
        Assert.Contains("You are in Africa.", page);
        Assert.Contains("<label for=\"report-1\">Report of Africa (Markdown)</label>", page);
        Assert.DoesNotContain("report-2", page);
        Assert.Contains("0 of 2 groups reported", page);
        Assert.Contains("Your breakout group", session);
        Assert.Contains("Are stakeholder groups segregated?", session);
        Assert.Contains($"href=\"{round}#group-1\"", session);
        Assert.Contains("Regional breakouts", list);
        Assert.DoesNotContain("Split the room", list);
    }

    [Fact]
    public async Task A_split_without_questions_is_answered_on_the_form()
    {
        var r = await RoomAsync();
        var url = $"/sessions/{r.S.SessionId}/breakouts";
        var form = await AppFactory.FormAsync(r.Moderator, url);
        form["Form.Questions"] = " ";
        form["Form.Strategy"] = "ByRegion";

        var response = await r.Moderator.PostAsync($"{url}?handler=Split", new FormUrlEncodedContent(form));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Give at least one question for the groups to answer.", html);
        Assert.Contains("aria-invalid=\"true\"", html);
    }

    [Fact]
    public async Task A_report_saved_on_an_old_version_shows_the_newer_text_and_keeps_the_writers_own()
    {
        var r = await RoomAsync();
        var (kwameApi, kwameEmail) = await app.SignedInAsync("Kwame");
        await (await kwameApi.JoinAsync(r.S.Process, "Technical community", "Africa")).JsonAsync(HttpStatusCode.Created);
        var round = await SplitAsync(r);
        var kwame = await app.BrowserSignedInAsync(kwameEmail);
        var amaraForm = await AppFactory.FormAsync(r.Amara, round);
        var kwameForm = await AppFactory.FormAsync(kwame, round);

        amaraForm["group"] = "1";
        amaraForm["version"] = "0";
        amaraForm["text"] = "Amara: governments consult late.";
        amaraForm["send"] = "false";
        var first = await r.Amara.PostAsync($"{round}?handler=Report", new FormUrlEncodedContent(amaraForm));
        kwameForm["group"] = "1";
        kwameForm["version"] = "0";
        kwameForm["text"] = "Kwame: the technical community is rarely asked.";
        kwameForm["send"] = "true";
        var second = await kwame.PostAsync($"{round}?handler=Report", new FormUrlEncodedContent(kwameForm));
        var html = WebUtility.HtmlDecode(await second.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("Amara saved this report while you were editing it.", html);
        Assert.Contains("<blockquote class=\"report-text\">Amara: governments consult late.</blockquote>", html);
        Assert.Contains(">Kwame: the technical community is rarely asked.</textarea>", html);
        Assert.Contains("name=\"version\" value=\"1\"", html);
        var state = await (await app.Anonymous().GetAsync($"/api{round}")).JsonAsync(HttpStatusCode.OK);
        Assert.False(state.GetProperty("groups")[0].GetProperty("report").GetProperty("reported").GetBoolean());
    }

    [Fact]
    public async Task The_rapporteur_sees_one_of_two_reported_reminds_the_other_group_and_its_members_see_the_reminder()
    {
        var r = await RoomAsync();
        var round = await SplitAsync(r);
        var form = await AppFactory.FormAsync(r.Amara, round);
        form["group"] = "1";
        form["version"] = "0";
        form["text"] = "## Findings\n\nGovernments **consult** late.";
        form["send"] = "true";
        Assert.Equal(HttpStatusCode.Redirect, (await r.Amara.PostAsync($"{round}?handler=Report", new FormUrlEncodedContent(form))).StatusCode);

        var view = await r.Moderator.GetStringAsync($"{round}/rapporteur");
        var remind = await AppFactory.FormAsync(r.Moderator, $"{round}/rapporteur");
        remind["group"] = "2";
        var reminded = await r.Moderator.PostAsync($"{round}/rapporteur?handler=Remind", new FormUrlEncodedContent(remind));
        var ingridSession = await r.Ingrid.GetStringAsync($"/sessions/{r.S.SessionId}");
        var amaraSession = await r.Amara.GetStringAsync($"/sessions/{r.S.SessionId}");
        var print = await app.Anonymous().GetStringAsync($"{round}/print");

        Assert.Contains("1 of 2 groups reported", view);
        Assert.Contains("Send a reminder to Europe", view);
        Assert.DoesNotContain("Send a reminder to Africa", view);
        Assert.Contains("<strong>consult</strong>", view);
        Assert.Contains("Download as Markdown", view);
        Assert.Equal(HttpStatusCode.Redirect, reminded.StatusCode);
        Assert.Contains("Reminder: the rapporteur is waiting for your group", WebUtility.HtmlDecode(ingridSession));
        Assert.DoesNotContain("Reminder: the rapporteur", WebUtility.HtmlDecode(amaraSession));
        Assert.Contains("<h1>Regional breakouts</h1>", print);
        Assert.Contains("<h4>Findings</h4>", print); // the group's own "##" sits below the group's heading
        Assert.Contains("class=\"no-print\"", print);
    }

    [Fact]
    public async Task The_rapporteurs_view_is_for_rapporteurs_moderators_and_conveners()
    {
        var r = await RoomAsync();
        var round = await SplitAsync(r);

        var participant = await r.Amara.GetAsync($"{round}/rapporteur");
        var anonymous = await app.Anonymous().GetAsync($"{round}/rapporteur");
        var form = await AppFactory.FormAsync(r.Amara, round);
        form["participantId"] = "1";
        form["group"] = "2";
        var move = await r.Amara.PostAsync($"{round}?handler=Move", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Redirect, participant.StatusCode);
        Assert.Contains("access-denied", participant.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/login", anonymous.Headers.Location?.ToString());
        Assert.Contains("access-denied", move.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/breakouts/424242")).StatusCode);
    }
}

public sealed class BreakoutPagesOnSqlite(SqliteApp app) : BreakoutPageTests(app), IClassFixture<SqliteApp>;

public sealed class BreakoutPagesOnPostgres(PostgresApp app) : BreakoutPageTests(app), IClassFixture<PostgresApp>;
