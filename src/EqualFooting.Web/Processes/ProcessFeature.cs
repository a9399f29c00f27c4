namespace EqualFooting.Web.Processes;

/// <summary>Processes, their stakeholder groups, regions and roles: services, record actions, page sections, endpoints.</summary>
public static class ProcessFeature
{
    public static IServiceCollection AddProcesses(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ProcessSettings>(configuration.GetSection("Processes"));
        services.AddScoped<ProcessCommands>();
        services.AddRecordActions(ProcessRecord.All);
        services.AddProcessSection<RolesSection>();
        return services;
    }

    public static IEndpointRouteBuilder MapProcesses(this IEndpointRouteBuilder app)
    {
        app.MapProcessEndpoints();
        return app;
    }
}
