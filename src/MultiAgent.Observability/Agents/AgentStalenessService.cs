using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MultiAgent.Observability;

/// <summary>Runs <see cref="IAgentRegistry.CheckStaleness"/> every <see cref="MultiAgentMonitoringOptions.StalenessCheckInterval"/>.</summary>
internal sealed class AgentStalenessService(
    AgentRegistry registry,
    TimeProvider timeProvider,
    IOptionsMonitor<MultiAgentMonitoringOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.CurrentValue.StalenessCheckInterval, timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            registry.CheckStaleness();
        }
    }
}
