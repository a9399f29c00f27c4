namespace EqualFooting.Web.Moderation;

/// <summary>Moderation: reports from anyone signed in, a queue for the moderators, hiding and restoring in public.</summary>
public static class ModerationFeature
{
    public static IServiceCollection AddModeration(this IServiceCollection services)
    {
        services.AddScoped<ModerationCommands>();
        services.AddScoped<ModerationQueries>();
        services.AddRecordActions(ModerationRecord.All);
        return services;
    }

    public static IEndpointRouteBuilder MapModeration(this IEndpointRouteBuilder app)
    {
        app.MapModerationEndpoints();
        return app;
    }
}
