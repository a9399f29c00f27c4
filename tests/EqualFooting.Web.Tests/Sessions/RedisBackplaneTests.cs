using System.Text.Json;
using EqualFooting.Persistence;
using EqualFooting.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace EqualFooting.Web.Tests.Sessions;

/// <summary>
/// Two web nodes with their own hosts and in-memory SignalR, sharing only PostgreSQL and a Redis backplane, as in the
/// multi-node setup of the README: a hand raised through node B reaches a screen connected to node A.
/// </summary>
public sealed class RedisBackplaneTests : IAsyncLifetime
{
    private RedisServer? _redis;
    private Node? _a;
    private Node? _b;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        var database = PostgresServer.CreateDatabase();
        _a = new Node(database, _redis.Configuration);
        _ = _a.Server; // The first node migrates the shared database before the second starts.
        _b = new Node(database, _redis.Configuration);
        _ = _b.Server;
    }

    public async Task DisposeAsync()
    {
        if (_a is not null)
        {
            await _a.DisposeAsync();
        }

        if (_b is not null)
        {
            await _b.DisposeAsync();
        }

        _redis?.Dispose();
    }

    [Fact]
    public async Task A_hand_raised_on_one_node_reaches_a_screen_on_the_other()
    {
        var s = await SessionScenario.StartAsync(_b!);
        var evan = await s.ParticipantAsync("Evan", "Technical community", "Africa");
        await using var screen = new HubConnectionBuilder()
            .WithUrl(new Uri(_a!.Server.BaseAddress, "/hubs/sessions"), o =>
            {
                o.HttpMessageHandlerFactory = _ => _a.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        var received = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        screen.On<JsonElement>("StateChanged", state =>
        {
            if (state.GetProperty("queue").GetArrayLength() == 1)
            {
                received.TrySetResult(state);
            }
        });
        await screen.StartAsync();
        var joined = await screen.InvokeAsync<JsonElement>("Join", s.SessionId);

        await s.RaiseAsync(evan);
        var pushed = await received.Task.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(0, joined.GetProperty("queue").GetArrayLength());
        Assert.Equal("Evan", pushed.GetProperty("queue")[0].GetProperty("speaker").GetProperty("name").GetString());
        Assert.True(pushed.GetProperty("sequence").GetInt64() > joined.GetProperty("sequence").GetInt64());
    }

    private sealed class Node(string database, string redis) : AppFactory(DatabaseProvider.Postgres, database)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Redis:Configuration", redis);
        }
    }
}
