namespace EqualFooting.Web.FloorQuestions;

/// <summary>Questions from the floor: use cases, lists and endpoints.</summary>
public static class FloorQuestionFeature
{
    public static IServiceCollection AddFloorQuestions(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddScoped<FloorQuestionCommands>();
        services.AddScoped<FloorQuestionQueries>();
        services.AddRecordActions(FloorQuestionRecord.All);
        return services;
    }

    public static IEndpointRouteBuilder MapFloorQuestions(this IEndpointRouteBuilder app)
    {
        app.MapFloorQuestionEndpoints();
        return app;
    }
}
