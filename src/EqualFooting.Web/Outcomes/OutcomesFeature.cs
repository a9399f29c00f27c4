namespace EqualFooting.Web.Outcomes;

/// <summary>Outcomes and follow-up: session reports, messages, commitments with milestones, indicators and the advice register.</summary>
public static class OutcomesFeature
{
    public static IServiceCollection AddOutcomes(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ReminderSettings>(configuration.GetSection("Outcomes:Reminders"));
        services.AddSingleton<OutcomeReminderSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<OutcomeReminderSweep>());
        services.AddScoped<OutcomeCommands>();
        services.AddScoped<OutcomeQueries>();
        services.AddScoped<SourceChoices>();
        services.AddScoped<AdviceRegisterQueries>();
        services.AddRecordActions(OutcomeRecord.All);
        services.AddProcessSection<OutcomesSection>();
        return services;
    }

    public static IEndpointRouteBuilder MapOutcomes(this IEndpointRouteBuilder app)
    {
        app.MapOutcomeEndpoints();
        return app;
    }
}
