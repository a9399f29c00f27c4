namespace EqualFooting.Web.Record;

/// <summary>The record's pages and API; the record itself is written by the kernel's write path.</summary>
public static class RecordFeature
{
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
