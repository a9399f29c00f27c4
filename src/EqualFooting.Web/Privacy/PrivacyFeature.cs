namespace EqualFooting.Web.Privacy;

/// <summary>Privacy of participants: settings per process, each participant's stricter choice, names resolved at read time, personal data export and erasure.</summary>
public static class PrivacyFeature
{
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddScoped<PublicNames>();
        services.AddScoped<PrivacyCommands>();
        services.AddScoped<PrivacyQueries>();
        services.AddScoped<MyPrivacy>();
        services.AddRecordActions(PrivacyRecord.All);
        return services;
    }

    public static IEndpointRouteBuilder MapPrivacy(this IEndpointRouteBuilder app)
    {
        app.MapPrivacyEndpoints();
        return app;
    }
}
