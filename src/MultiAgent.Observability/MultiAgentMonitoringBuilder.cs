using Microsoft.Extensions.DependencyInjection;

namespace MultiAgent.Observability;

internal sealed class MultiAgentMonitoringBuilder(IServiceCollection services) : IMultiAgentMonitoringBuilder
{
    public IServiceCollection Services { get; } = services;
}
