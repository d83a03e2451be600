using DiscoveryPortal.Indexer.Catalog;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DiscoveryPortal.SearchApi;

/// <summary>Healthy when the catalogue answers a query.</summary>
public sealed class CatalogHealthCheck(ICatalogStore catalog) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var count = await catalog.CountAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{count} assets");
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException)
        {
            return HealthCheckResult.Unhealthy("The catalogue does not answer.", e);
        }
    }
}
