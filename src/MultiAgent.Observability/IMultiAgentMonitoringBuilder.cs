using Microsoft.Extensions.DependencyInjection;

namespace MultiAgent.Observability;

/// <summary>
/// The builder returned by <c>AddMultiAgentMonitoring()</c>. Each package adds its own extension
/// methods to it (<c>.AddAgentMetrics()</c>, <c>.AddAgentTracing()</c>, ...).
/// </summary>
public interface IMultiAgentMonitoringBuilder
{
    /// <summary>Gets the service collection the monitoring services are registered in.</summary>
    IServiceCollection Services { get; }
}
