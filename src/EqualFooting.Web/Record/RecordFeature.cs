namespace EqualFooting.Web.Record;

/// <summary>The record's pages and API; the record itself is written by the kernel's write path.</summary>
public static class RecordFeature
{
    /// <summary>Record:Log=off turns the verifiable log off; only the record-append benchmark's reference run sets it.</summary>
    public static void ConfigureLog(IConfiguration configuration) =>
        EqualFooting.Persistence.RecordPlaces.LogEnabled = !string.Equals(configuration["Record:Log"], "off", StringComparison.OrdinalIgnoreCase);

    public static IServiceCollection AddRecord(this IServiceCollection services)
    {
        // The key loads (or is generated) when the publisher is built at start, so a bad key path stops the start with its reason.
        services.AddSingleton<RecordSigningKey>();
        services.AddScoped<RecordLog>();
        services.AddSingleton<TreeHeadPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<TreeHeadPublisher>());
        return services.AddProcessSection<RecordSection>();
    }

    public static IEndpointRouteBuilder MapRecord(this IEndpointRouteBuilder app)
    {
        app.MapRecordEndpoints();
        app.MapRecordLogEndpoints();
        app.MapRecordFeed();
        return app;
    }
}
