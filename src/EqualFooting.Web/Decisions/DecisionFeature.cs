namespace EqualFooting.Web.Decisions;

/// <summary>Proposals under explicit decision rules: positions, the rule comparison, minority views and appeals.</summary>
public static class DecisionFeature
{
    public static IServiceCollection AddDecisions(this IServiceCollection services)
    {
        services.AddScoped<DecisionCommands>();
        services.AddScoped<DecisionQueries>();
        services.AddScoped<StatementCommands>();
        services.AddScoped<StatementQueries>();
        services.AddRecordActions(DecisionRecord.All);
        services.AddRecordActions(StatementRecord.All);
        services.AddProcessSection<DecisionsSection>();
        return services;
    }

    public static IEndpointRouteBuilder MapDecisions(this IEndpointRouteBuilder app)
    {
        app.MapDecisionEndpoints();
        app.MapStatementEndpoints();
        return app;
    }
}
