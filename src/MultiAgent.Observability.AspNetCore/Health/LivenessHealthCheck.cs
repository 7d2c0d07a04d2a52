using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MultiAgent.Observability.AspNetCore.Health;

/// <summary>Liveness: if this runs, the process answers. Anything more belongs in readiness, or a restart would not help.</summary>
internal sealed class LivenessHealthCheck : IHealthCheck
{
    private static readonly Task<HealthCheckResult> Healthy = Task.FromResult(HealthCheckResult.Healthy("The process answers."));

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) => Healthy;
}
