using System.Net;
using System.Net.Http.Json;
using EqualFooting.Web.Tests.Infrastructure;

namespace EqualFooting.Web.Tests.Sessions;

/// <summary>Points of order from the floor and the conference link for remote participants (issue 12).</summary>
public abstract class RoomFeatureTests(AppFactory app)
{
    [Fact]
    public async Task A_participant_raises_a_point_of_order_from_the_page_and_a_moderator_adds_one_for_the_room_both_go_first()
    {
        var s = await SessionScenario.StartAsync(app);
        var amara = await s.ParticipantAsync("Amara", "Civil society", "Africa");
        await s.RaiseAsync(amara);
        var (joiner, email) = await app.SignedInAsync("Kwame");
        await (await joiner.JoinAsync(s.Process, "Technical community", "Africa")).JsonAsync(HttpStatusCode.Created);
        var kwame = await app.BrowserSignedInAsync(email);
        var page = $"/sessions/{s.SessionId}";

        var html = await kwame.GetStringAsync(page);
        var form = await AppFactory.FormAsync(kwame, page);
        var raised = await kwame.PostAsync(page + "?handler=PointOfOrder", new FormUrlEncodedContent(form));
        await (await amara.PostAsJsonAsync($"{s.Url}/hands/in-room", new { name = "Delegate at table 4", stakeholderGroupId = s.Process.GroupId("Government"), regionId = s.Process.RegionId("Europe"), pointOfOrder = true })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await s.Moderator.PostAsJsonAsync($"{s.Url}/hands/in-room", new { name = "Delegate at table 4", stakeholderGroupId = s.Process.GroupId("Government"), regionId = s.Process.RegionId("Europe"), pointOfOrder = true })).JsonAsync(HttpStatusCode.OK);
        await (await s.Moderator.PostAsJsonAsync($"{s.Url}/hands/in-room", new { name = "Delegate at table 5", stakeholderGroupId = s.Process.GroupId("Government"), regionId = s.Process.RegionId("Europe") })).JsonAsync(HttpStatusCode.OK);
        var queue = (await s.StateAsync()).GetProperty("queue").EnumerateArray().ToList();
        var console = await (await app.BrowserSignedInAsync(s.ModeratorEmail)).GetStringAsync($"/sessions/{s.SessionId}/console");

        Assert.Contains("Raise a point of order", html);
        Assert.Equal(HttpStatusCode.Redirect, raised.StatusCode);
        Assert.Equal(["Kwame", "Delegate at table 4", "Amara", "Delegate at table 5"], queue.Select(w => w.GetProperty("speaker").GetProperty("name").GetString()));
        Assert.Equal(["PointOfOrder", "PointOfOrder", "Normal", "Normal"], queue.Select(w => w.GetProperty("kind").GetString()));
        Assert.Contains("name=\"pointOfOrder\"", console);
    }

    [Fact]
    public async Task A_session_carries_a_checked_conference_link_shown_on_its_page()
    {
        var (convener, _) = await app.AdministratorAsync();
        var process = await convener.CreateProcessAsync();
        var url = $"/api/processes/{process.Id()}/sessions";
        object Details(string link) => new { title = "Remote-friendly", startsAt = "2014-06-22T09:00:00+01:00", endsAt = "2014-06-22T10:30:00+01:00", conferenceUrl = link };

        await (await convener.PostAsJsonAsync(url, Details("javascript:alert(1)"))).ProblemAsync(HttpStatusCode.BadRequest, "conferenceUrl");
        await (await convener.PostAsJsonAsync(url, Details("ftp://example.org/stream"))).ProblemAsync(HttpStatusCode.BadRequest, "conferenceUrl");
        await (await convener.PostAsJsonAsync(url, Details("meet.example.org/atlas"))).ProblemAsync(HttpStatusCode.BadRequest, "conferenceUrl");
        await (await convener.PostAsJsonAsync(url, Details("https://" + new string('a', 500) + ".org"))).ProblemAsync(HttpStatusCode.BadRequest, "conferenceUrl");
        var (member, _) = await app.SignedInAsync("Amara");
        await (await member.PostAsJsonAsync(url, Details("https://meet.example.org/atlas"))).ProblemAsync(HttpStatusCode.Forbidden);
        var created = await (await convener.PostAsJsonAsync(url, Details("https://meet.example.org/atlas?room=3"))).JsonAsync(HttpStatusCode.Created);
        var state = await (await app.Anonymous().GetAsync($"/api/sessions/{created.Id()}")).JsonAsync(HttpStatusCode.OK);
        var html = await app.Anonymous().GetStringAsync($"/sessions/{created.Id()}");

        Assert.Equal("https://meet.example.org/atlas?room=3", state.GetProperty("conferenceUrl").GetString());
        Assert.Contains("href=\"https://meet.example.org/atlas?room=3\"", html);
        Assert.Contains("Follow remotely: conference or livestream", html);
    }
}

public sealed class RoomFeaturesOnSqlite(SqliteApp app) : RoomFeatureTests(app), IClassFixture<SqliteApp>;

public sealed class RoomFeaturesOnPostgres(PostgresApp app) : RoomFeatureTests(app), IClassFixture<PostgresApp>;
