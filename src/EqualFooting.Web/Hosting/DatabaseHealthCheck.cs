using EqualFooting.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EqualFooting.Web.Hosting;

/// <summary>Healthy once the database answers; migrations ran before the server started listening.</summary>
internal sealed class DatabaseHealthCheck(EqualFootingDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database does not answer.");
}
