using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EqualFooting.Web.Tests.Infrastructure;

namespace EqualFooting.Web.Tests.Sessions;

/// <summary>
/// An open process with a running session: the administrator convenes, a moderator runs the session, and
/// participants join with an affiliation before raising hands.
/// </summary>
public sealed class SessionScenario
{
    private readonly AppFactory _app;

    private SessionScenario(AppFactory app, JsonElement process, HttpClient convener, HttpClient moderator, string moderatorEmail)
    {
        _app = app;
        Process = process;
        Convener = convener;
        Moderator = moderator;
        ModeratorEmail = moderatorEmail;
    }

    public JsonElement Process { get; }

    public HttpClient Convener { get; }

    public HttpClient Moderator { get; }

    public string ModeratorEmail { get; }

    public int SessionId { get; private set; }

    public string Url => $"/api/sessions/{SessionId}";

    public static async Task<SessionScenario> StartAsync(AppFactory app, bool start = true, object? session = null)
    {
        var (convener, _) = await app.AdministratorAsync();
        var process = await convener.CreateProcessAsync();
        var (moderator, email) = await app.SignedInAsync("Leon Sanchez");
        await (await convener.PostAsJsonAsync($"/api/processes/{process.Id()}/roles", new { email, role = "Moderator" })).JsonAsync(HttpStatusCode.OK);
        var scenario = new SessionScenario(app, process, convener, moderator, email);
        var created = await moderator.PostAsJsonAsync($"/api/processes/{process.Id()}/sessions", session ?? Details());
        scenario.SessionId = (await created.JsonAsync(HttpStatusCode.Created)).Id();
        if (start)
        {
            await (await moderator.PostAsync($"{scenario.Url}/start", null)).JsonAsync(HttpStatusCode.OK);
        }

        return scenario;
    }

    public static object Details(string title = "ATLAS II thematic group 3") => new
    {
        title,
        startsAt = "2014-06-22T09:00:00+01:00",
        endsAt = "2014-06-22T10:30:00+01:00",
        room = "Hall B",
        remoteParticipation = true,
    };

    /// <summary>A participant who has joined the process with the given group and region.</summary>
    public async Task<HttpClient> ParticipantAsync(string name, string group = "Civil society", string region = "Europe")
    {
        var (client, _) = await _app.SignedInAsync(name);
        await (await client.JoinAsync(Process, group, region)).JsonAsync(HttpStatusCode.Created);
        return client;
    }

    public async Task<long> RaiseAsync(HttpClient participant, bool remote = false)
    {
        var raised = await (await participant.PostAsJsonAsync($"{Url}/hands", new { remote })).JsonAsync(HttpStatusCode.OK);
        return raised.GetProperty("entryId").GetInt64();
    }

    public async Task<JsonElement> StateAsync() => await (await _app.Anonymous().GetAsync(Url)).JsonAsync(HttpStatusCode.OK);
}
