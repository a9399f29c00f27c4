using System.Net;
using System.Net.Http.Json;
using EqualFooting.Web.Tests.Infrastructure;

namespace EqualFooting.Web.Tests.Sessions;

/// <summary>The queue policy and remote hubs on the session pages, as plain forms.</summary>
public abstract class QueuePolicyAndHubPageTests(AppFactory app)
{
    [Fact]
    public async Task Scheduling_with_a_policy_shows_form_messages_for_bad_settings_and_keeps_good_ones()
    {
        var s = await SessionScenario.StartAsync(app, start: false);
        var moderator = await app.BrowserSignedInAsync(s.ModeratorEmail);
        var url = $"/processes/{s.Process.Id()}/sessions/new";
        var government = s.Process.GroupId("Government").ToString();
        var civil = s.Process.GroupId("Civil society").ToString();
        var form = await AppFactory.FormAsync(moderator, url);
        form["Form.Title"] = "NETmundial plenary";
        form["Form.StartsAt"] = "2014-04-23T09:00";
        form["Form.EndsAt"] = "2014-04-23T18:00";
        form["Policy.Kind"] = "RoundRobinByGroup";
        form[$"Policy.Place[{government}]"] = "1";
        form[$"Policy.Place[{civil}]"] = "1";
        form["Policy.RemoteSlotsPerRound"] = "2";
        form["Policy.TurnSeconds"] = "120";
        form["Policy.FollowUpSeconds"] = "20";
        form["Policy.WarningSeconds"] = "45";

        var samePlace = await moderator.PostAsync(url, new FormUrlEncodedContent(form));
        form[$"Policy.Place[{civil}]"] = "2";
        form["Policy.RemoteSlotsPerRound"] = "21";
        var tooManySlots = await moderator.PostAsync(url, new FormUrlEncodedContent(form));
        form["Policy.RemoteSlotsPerRound"] = "two";
        var notANumber = await moderator.PostAsync(url, new FormUrlEncodedContent(form));
        form["Policy.RemoteSlotsPerRound"] = "2";
        var created = await moderator.PostAsync(url, new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.OK, samePlace.StatusCode);
        Assert.Contains("Give each stakeholder group a different place in the rotation.", await samePlace.Content.ReadAsStringAsync());
        Assert.Contains("Remote slots per round must be between 0 and 20.", await tooManySlots.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, notANumber.StatusCode);
        Assert.Contains("RemoteSlotsPerRound", await notANumber.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var console = await moderator.GetStringAsync(created.Headers.Location!.ToString());
        Assert.Contains("Rotation: Government, Civil society", console);
        Assert.Contains("A full round: 4 turns, 8:00", console);
        var sessions = await (await app.Anonymous().GetAsync($"/api/processes/{s.Process.Id()}/sessions")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, sessions.GetArrayLength());
        var settings = (await (await app.Anonymous().GetAsync(created.Headers.Location!.ToString().Replace("/console", "", StringComparison.Ordinal).Replace("/sessions/", "/api/sessions/", StringComparison.Ordinal))).JsonAsync(HttpStatusCode.OK)).GetProperty("policySettings");
        Assert.Equal((20, 45), (settings.GetProperty("followUpSeconds").GetInt32(), settings.GetProperty("warningSeconds").GetInt32()));
        Assert.False(settings.TryGetProperty("interposedQuestionSeconds", out _));
    }

    [Fact]
    public async Task The_console_changes_the_policy_and_every_screen_shows_budgets_as_time_left()
    {
        var s = await SessionScenario.StartAsync(app);
        var moderator = await app.BrowserSignedInAsync(s.ModeratorEmail);
        var (_, plainEmail) = await app.SignedInAsync("Plain");
        var plain = await app.BrowserSignedInAsync(plainEmail);
        var url = $"/sessions/{s.SessionId}/console";
        var form = await AppFactory.FormAsync(moderator, url);
        form["sequence"] = (await s.StateAsync()).GetProperty("sequence").GetInt64().ToString();
        form["Policy.Kind"] = "SpeakingTimeBudget";
        form[$"Policy.BudgetMinutes[{s.Process.GroupId("Government")}]"] = "-5";

        var negative = await moderator.PostAsync($"{url}?handler=Policy", new FormUrlEncodedContent(form));
        form[$"Policy.BudgetMinutes[{s.Process.GroupId("Government")}]"] = "10";
        var denied = await plain.PostAsync($"{url}?handler=Policy", new FormUrlEncodedContent(await WithTokenAsync(plain, $"/sessions/{s.SessionId}", form)));
        var changed = await moderator.PostAsync($"{url}?handler=Policy", new FormUrlEncodedContent(form));

        Assert.Contains("A speaking-time budget must be between 0 and 1440 minutes.", await negative.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("access-denied", denied.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        foreach (var page in new[] { url, $"/sessions/{s.SessionId}", $"/sessions/{s.SessionId}/projector" })
        {
            var html = await moderator.GetStringAsync(page);
            Assert.Contains("Speaking time left per group", html);
            Assert.Contains("10:00", html);
            Assert.Contains("id=\"live-budgets\" data-live", html);
        }
    }

    [Fact]
    public async Task A_moderator_registers_a_hub_on_the_console_and_its_operator_raises_its_hand_on_the_session_page()
    {
        var s = await SessionScenario.StartAsync(app);
        var moderator = await app.BrowserSignedInAsync(s.ModeratorEmail);
        var (_, operatorEmail) = await app.SignedInAsync("Hub operator");
        var url = $"/sessions/{s.SessionId}/console";
        var form = await AppFactory.FormAsync(moderator, url);
        form["name"] = "Dhaka hub";
        form["location"] = "Dhaka";
        form["regionId"] = s.Process.RegionId("Asia-Pacific").ToString();
        form["stakeholderGroupId"] = s.Process.GroupId("Academia").ToString();
        form["operatorEmail"] = operatorEmail;
        var registered = await moderator.PostAsync($"{url}?handler=Hub", new FormUrlEncodedContent(form));
        form["name"] = "";
        var unnamed = await moderator.PostAsync($"{url}?handler=Hub", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unnamed.StatusCode);
        var operatorBrowser = await app.BrowserSignedInAsync(operatorEmail);
        var page = $"/sessions/{s.SessionId}";
        var sessionPage = await operatorBrowser.GetStringAsync(page);
        Assert.Contains("Your remote hub", sessionPage);
        var hubId = (await s.StateAsync()).GetProperty("hubs")[0].Id();
        var raise = await AppFactory.FormAsync(operatorBrowser, page);
        raise["hubId"] = hubId.ToString();
        var raised = await operatorBrowser.PostAsync($"{page}?handler=HubRaise", new FormUrlEncodedContent(raise));

        Assert.Equal(HttpStatusCode.Redirect, raised.StatusCode);
        Assert.Contains("The hand of Dhaka hub is up: number 1 in the queue.", await operatorBrowser.GetStringAsync(page));
        Assert.Matches(@"Dhaka hub</strong>\s*\(remote hub\)", await app.Anonymous().GetStringAsync(page));
        var lower = await AppFactory.FormAsync(moderator, url);
        lower["hubId"] = hubId.ToString();
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.PostAsync($"{url}?handler=HubLower", new FormUrlEncodedContent(lower))).StatusCode);
        Assert.Equal(0, (await s.StateAsync()).GetProperty("queue").GetArrayLength());
    }

    private static async Task<Dictionary<string, string>> WithTokenAsync(HttpClient client, string url, Dictionary<string, string> form)
    {
        var token = await AppFactory.FormAsync(client, url);
        return new Dictionary<string, string>(form) { ["__RequestVerificationToken"] = token["__RequestVerificationToken"] };
    }
}

public sealed class QueuePolicyAndHubPageOnSqlite(SqliteApp app) : QueuePolicyAndHubPageTests(app), IClassFixture<SqliteApp>;

public sealed class QueuePolicyAndHubPageOnPostgres(PostgresApp app) : QueuePolicyAndHubPageTests(app), IClassFixture<PostgresApp>;
