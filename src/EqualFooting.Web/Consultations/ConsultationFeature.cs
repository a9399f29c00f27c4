using EqualFooting.Web.Consultations.Campaigns;

namespace EqualFooting.Web.Consultations;

/// <summary>Open consultations: the comment intake writer, campaign detection, services, endpoints.</summary>
public static class ConsultationFeature
{
    public static IServiceCollection AddConsultations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ConsultationCommands>();
        services.AddSingleton<CommentIntake>();
        services.AddHostedService(sp => sp.GetRequiredService<CommentIntake>());
        services.AddScoped<ConsultationQueries>();
        services.AddOptions<CampaignSettings>().Bind(configuration.GetSection(CampaignSettings.Section))
            .Validate(s => s.Problem() is null, "Consultations:CampaignSimilarity must be between 0.5 and 1, and Consultations:CampaignDetectionDelay between 0 and 1 hour.")
            .ValidateOnStart();
        services.AddSingleton(sp => GiveWay.ToRequests(() => sp.GetRequiredService<CommentIntake>().Waiting));
        services.AddScoped<CampaignCommands>();
        services.AddScoped<CampaignQueries>();
        services.AddSingleton<CampaignDetection>();
        services.AddHostedService(sp => sp.GetRequiredService<CampaignDetection>());
        services.AddRecordActions(ConsultationRecord.All);
        services.AddProcessSection<ConsultationsSection>();
        return services;
    }

    public static IEndpointRouteBuilder MapConsultations(this IEndpointRouteBuilder app)
    {
        app.MapConsultationEndpoints();
        app.MapCampaignEndpoints();
        return app;
    }
}
