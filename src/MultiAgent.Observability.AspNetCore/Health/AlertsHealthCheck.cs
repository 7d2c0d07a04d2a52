using Microsoft.Extensions.Diagnostics.HealthChecks;
using MultiAgent.Observability.Alerting;

namespace MultiAgent.Observability.AspNetCore.Health;

/// <summary>The firing alerts: healthy with none, degraded with info or warning ones only, unhealthy with a critical or emergency one. Healthy when alerting is not added.</summary>
internal sealed class AlertsHealthCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService(typeof(IAlertEngine)) is not IAlertEngine engine)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Alerting is not added to this host."));
        }

        var firing = 0;
        var critical = 0;
        foreach (var alert in engine.GetAlerts())
        {
            if (alert.State == AlertState.Firing)
            {
                firing++;
                if (alert.Severity >= Severity.Critical)
                {
                    critical++;
                }
            }
        }

        var data = new Dictionary<string, object>(StringComparer.Ordinal) { ["firing"] = firing, ["critical"] = critical };
        var result = critical > 0 ? HealthCheckResult.Unhealthy($"{critical} critical alert(s) firing.", data: data)
            : firing > 0 ? HealthCheckResult.Degraded($"{firing} alert(s) firing.", data: data)
            : HealthCheckResult.Healthy("No alert is firing.", data);
        return Task.FromResult(result);
    }
}
