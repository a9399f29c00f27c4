using EqualFooting.Web.Sessions;

namespace EqualFooting.Web.Polls;

/// <summary>Polls: use cases, read models, the live results hub and its broadcaster, endpoints and the process page's section.</summary>
public static class PollFeature
{
    public static IServiceCollection AddPolls(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PollSettings>(configuration.GetSection(PollSettings.Section));
        services.AddScoped<PollCommands>();
        services.AddScoped<PollQueries>();
        services.AddSingleton<PollBroadcaster>();
        services.AddSingleton<BallotIntake>();
        services.AddHostedService(sp => sp.GetRequiredService<BallotIntake>());
        services.AddSingleton<PollDeadlines>();
        services.AddHostedService(sp => sp.GetRequiredService<PollDeadlines>());
        services.AddRecordActions(PollRecord.All);
        services.AddProcessSection<PollsSection>();
        return services;
    }

    public static IEndpointRouteBuilder MapPolls(this IEndpointRouteBuilder app)
    {
        app.MapPollEndpoints();
        app.MapHub<PollHub>(PollHub.Path);
        return app;
    }
}
