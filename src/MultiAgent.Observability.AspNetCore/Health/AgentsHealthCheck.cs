using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MultiAgent.Observability.AspNetCore.Health;

/// <summary>The registered agents' status: healthy when all are active, degraded when some are not, unhealthy when none is.</summary>
internal sealed class AgentsHealthCheck(IAgentRegistry registry) : IHealthCheck
{
    /// <summary>How many agents that are not active are named in the result, so a large fleet does not make a large body.</summary>
    private const int MaxNamed = 20;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var agents = registry.GetAll();
        var active = 0;
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var named = 0;
        foreach (var agent in agents)
        {
            if (agent.Status == AgentStatus.Active)
            {
                active++;
            }
            else if (named++ < MaxNamed)
            {
                data[agent.Info.Id.ToString()] = agent.Status.ToString();
            }
        }

        data["agents"] = agents.Count;
        data["active"] = active;
        var result = agents.Count == 0 ? HealthCheckResult.Healthy("No agent is registered.", data)
            : active == agents.Count ? HealthCheckResult.Healthy($"All {active} agents are active.", data)
            : active == 0 ? HealthCheckResult.Unhealthy($"None of the {agents.Count} agents is active.", data: data)
            : HealthCheckResult.Degraded($"{agents.Count - active} of {agents.Count} agents are not active.", data: data);
        return Task.FromResult(result);
    }
}
