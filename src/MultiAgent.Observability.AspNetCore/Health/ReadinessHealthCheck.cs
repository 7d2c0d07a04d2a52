using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace MultiAgent.Observability.AspNetCore.Health;

/// <summary>
/// Readiness: the host has started and is not stopping, and no MultiAgent.Observability background service has
/// failed. The pipeline, the rule engine and the trace collector start with the host (a failed start fails the host) and
/// stop only when it stops, so the host's lifetime covers them; the background loops can end on their own, so each is
/// checked.
/// </summary>
internal sealed class ReadinessHealthCheck(IHostApplicationLifetime lifetime, IEnumerable<IHostedService> services) : IHealthCheck
{
    private const string OwnNamespace = "MultiAgent.Observability";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The host has not started yet."));
        }

        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The host is stopping."));
        }

        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var stopped = 0;
        foreach (var service in services)
        {
            var type = service.GetType();
            if (service is not BackgroundService background || type.Namespace?.StartsWith(OwnNamespace, StringComparison.Ordinal) != true)
            {
                continue;
            }

            // A loop that returned on its own was turned off (host metrics disabled, say); one that threw or was
            // cancelled before the host stopped has died.
            var state = background.ExecuteTask switch
            {
                null => "not started",
                { IsFaulted: true } => "failed",
                { IsCanceled: true } => "cancelled",
                { IsCompleted: true } => "finished",
                _ => "running",
            };
            if (state is not ("running" or "finished"))
            {
                stopped++;
            }

            data[type.Name] = state;
        }

        return Task.FromResult(stopped == 0
            ? HealthCheckResult.Healthy("Monitoring is running.", data)
            : HealthCheckResult.Unhealthy($"{stopped} monitoring background service(s) are not running.", data: data));
    }
}
