namespace EqualFooting.Web.Participation;

/// <summary>Joining, affiliations and the participation table.</summary>
public static class ParticipationFeature
{
    public static IServiceCollection AddParticipation(this IServiceCollection services)
    {
        services.AddScoped<ParticipationCommands>();
        services.AddScoped<ParticipationQueries>();
        services.AddRecordActions(ParticipationRecord.All);
        services.AddProcessSection<ParticipationSection>();
        return services;
    }

    public static IEndpointRouteBuilder MapParticipation(this IEndpointRouteBuilder app)
    {
        app.MapParticipationEndpoints();
        return app;
    }
}
