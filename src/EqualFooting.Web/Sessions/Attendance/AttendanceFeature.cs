namespace EqualFooting.Web.Sessions.Attendance;

/// <summary>Attendance of sessions: check-ins, their counts on the session page, the API and live updates over the session hub.</summary>
public static class AttendanceFeature
{
    public static IServiceCollection AddAttendance(this IServiceCollection services)
    {
        services.AddScoped<AttendanceCommands>();
        services.AddScoped<AttendanceQueries>();
        services.AddScoped<AttendanceBroadcaster>();
        services.AddRecordActions(AttendanceRecord.All);
        return services;
    }

    public static IEndpointRouteBuilder MapAttendance(this IEndpointRouteBuilder app)
    {
        app.MapAttendanceEndpoints();
        return app;
    }
}
