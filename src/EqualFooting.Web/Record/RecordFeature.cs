namespace EqualFooting.Web.Record;

/// <summary>The record's pages and API; the record itself is written by the kernel's write path.</summary>
public static class RecordFeature
{
    public static IServiceCollection AddRecord(this IServiceCollection services) =>
        services.AddProcessSection<RecordSection>();

    public static IEndpointRouteBuilder MapRecord(this IEndpointRouteBuilder app)
    {
        app.MapRecordEndpoints();
        return app;
    }
}
