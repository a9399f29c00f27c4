using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace EqualFooting.Web.Tests.Sessions;

/// <summary>Live updates over SignalR against the test server, with long polling through its in-memory handler.</summary>
public abstract class SessionHubTests(AppFactory app)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private async Task<HubConnection> ConnectAsync(HttpClient? asUser = null)
    {
        var token = asUser?.DefaultRequestHeaders.Authorization?.Parameter;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/sessions"), o =>
            {
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                if (token is not null)
                {
                    o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                }
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }

    [Fact]
    public async Task A_screen_that_joined_gets_the_new_state_after_each_change_with_a_higher_sequence()
    {
        var s = await SessionScenario.StartAsync(app);
        var evan = await s.ParticipantAsync("Evan");
        await using var screen = await ConnectAsync();
        var received = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        screen.On<JsonElement>("StateChanged", state =>
        {
            if (state.GetProperty("queue").GetArrayLength() == 1)
            {
                received.TrySetResult(state);
            }
        });
        var joined = await screen.InvokeAsync<JsonElement>("Join", s.SessionId);

        await s.RaiseAsync(evan);
        var pushed = await received.Task.WaitAsync(Patience);

        Assert.Equal(0, joined.GetProperty("queue").GetArrayLength());
        Assert.True(pushed.GetProperty("sequence").GetInt64() > joined.GetProperty("sequence").GetInt64());
        Assert.Equal("Evan", pushed.GetProperty("queue")[0].GetProperty("speaker").GetProperty("name").GetString());
        Assert.Equal("Civil society", pushed.GetProperty("queue")[0].GetProperty("stakeholderGroup").GetString());
    }

    [Fact]
    public async Task Raising_a_hand_over_the_hub_twice_holds_one_place_and_is_seen_by_the_api()
    {
        var s = await SessionScenario.StartAsync(app);
        var evan = await s.ParticipantAsync("Evan");
        await using var connection = await ConnectAsync(evan);

        var first = await connection.InvokeAsync<long>("RaiseHand", s.SessionId, true);
        var second = await connection.InvokeAsync<long>("RaiseHand", s.SessionId, true);

        Assert.Equal(first, second);
        var queue = (await s.StateAsync()).GetProperty("queue");
        Assert.Equal(1, queue.GetArrayLength());
        Assert.True(queue[0].GetProperty("remote").GetBoolean());

        Assert.True(await connection.InvokeAsync<bool>("LowerHand", s.SessionId));
        Assert.Equal(0, (await s.StateAsync()).GetProperty("queue").GetArrayLength());
    }

    [Fact]
    public async Task Hub_errors_come_back_as_clear_messages()
    {
        var s = await SessionScenario.StartAsync(app);
        var (stranger, _) = await app.SignedInAsync("Stranger");
        await using var anonymous = await ConnectAsync();
        await using var notJoined = await ConnectAsync(stranger);

        var signIn = await Assert.ThrowsAsync<HubException>(() => anonymous.InvokeAsync<long>("RaiseHand", s.SessionId, false));
        var join = await Assert.ThrowsAsync<HubException>(() => notJoined.InvokeAsync<long>("RaiseHand", s.SessionId, false));
        var missing = await Assert.ThrowsAsync<HubException>(() => anonymous.InvokeAsync<JsonElement>("Join", 424242));

        Assert.Contains("401: You need to sign in", signIn.Message);
        Assert.Contains("409: Join the process", join.Message);
        Assert.Contains("404: No such session.", missing.Message);
    }

    [Theory]
    [InlineData("/hubs/sessions/negotiate?negotiateVersion=1")]
    [InlineData("/hubs/polls/negotiate?negotiateVersion=1")]
    public async Task A_hub_refuses_a_browser_connecting_from_another_origin_of_the_same_site(string negotiate)
    {
        var client = app.Anonymous();
        var own = new Uri(app.Server.BaseAddress, "/").GetLeftPart(UriPartial.Authority);

        async Task<HttpStatusCode> NegotiateFromAsync(string? origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, negotiate);
            if (origin is not null)
            {
                request.Headers.Add("Origin", origin);
            }

            return (await client.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateFromAsync("http://sibling.localhost"));
        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateFromAsync("http://localhost:8081"));
        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateFromAsync("null"));
        Assert.Equal(HttpStatusCode.OK, await NegotiateFromAsync(own));
        Assert.Equal(HttpStatusCode.OK, await NegotiateFromAsync(null));
    }

    [Fact]
    public async Task A_reconnecting_screen_catches_up_by_joining_again()
    {
        var s = await SessionScenario.StartAsync(app);
        await s.RaiseAsync(await s.ParticipantAsync("Ana"));
        var missedWhileAway = await (await s.Moderator.PostAsync($"{s.Url}/floor", null)).JsonAsync(HttpStatusCode.OK);
        await using var screen = await ConnectAsync();

        var state = await screen.InvokeAsync<JsonElement>("Join", s.SessionId);

        Assert.Equal(missedWhileAway.GetProperty("sequence").GetInt64(), state.GetProperty("sequence").GetInt64());
        Assert.Equal("Ana", state.GetProperty("current").GetProperty("speaker").GetProperty("name").GetString());
    }
}

public sealed class SessionHubOnSqlite(SqliteApp app) : SessionHubTests(app), IClassFixture<SqliteApp>;

public sealed class SessionHubOnPostgres(PostgresApp app) : SessionHubTests(app), IClassFixture<PostgresApp>;
