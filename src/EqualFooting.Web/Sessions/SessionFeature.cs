using System.Text.Json.Serialization;
using EqualFooting.Web.Sessions.Breakouts;

namespace EqualFooting.Web.Sessions;

/// <summary>Live sessions, breakouts and transcripts: services, the SignalR hub (with the Redis backplane when configured), endpoints.</summary>
public static class SessionFeature
{
    public static IServiceCollection AddSessions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<SessionCommands>();
        services.AddScoped<SessionQueries>();
        services.AddScoped<SessionBroadcaster>();
        services.AddScoped<TranscriptImports>();
        services.AddScoped<BreakoutCommands>();
        services.AddScoped<BreakoutQueries>();
        services.AddSingleton<BreakoutBroadcaster>();
        services.AddSingleton<HubWrites>();
        services.AddRecordActions(SessionRecord.All);
        services.AddRecordActions(BreakoutRecord.All);
        services.AddProcessSection<SessionsSection>();

        var signalR = services.AddSignalR()
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        // With several web nodes behind a load balancer, Redis carries each node's hub messages to the clients
        // connected to the others; a single node needs nothing.
        if (configuration["Redis:Configuration"] is { Length: > 0 } redis)
        {
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("equalfooting"));
        }

        return services;
    }

    public static IEndpointRouteBuilder MapSessions(this IEndpointRouteBuilder app)
    {
        app.MapSessionEndpoints();
        app.MapBreakoutEndpoints();
        app.MapHub<SessionHub>(SessionHub.Path);
        return app;
    }
}
