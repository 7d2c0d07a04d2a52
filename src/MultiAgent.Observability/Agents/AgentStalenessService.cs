using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MultiAgent.Observability;

/// <summary>Runs <see cref="IAgentRegistry.CheckStaleness"/> every <see cref="MultiAgentMonitoringOptions.StalenessCheckInterval"/>.</summary>
internal sealed class AgentStalenessService(
    AgentRegistry registry,
    TimeProvider timeProvider,
    IOptionsMonitor<MultiAgentMonitoringOptions> options,
    ILogger<AgentStalenessService>? logger = null) : BackgroundService
{
    private readonly ILogger _logger = logger ?? NullLogger<AgentStalenessService>.Instance;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Validated at host start, so this read succeeds; later reads fail only after an invalid configuration reload.
        var interval = options.CurrentValue.StalenessCheckInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                interval = options.CurrentValue.StalenessCheckInterval;
                registry.CheckStaleness();
            }
            catch (OptionsValidationException ex)
            {
                // A bad reload must not end the loop (which stops the host): keep the last good interval and retry.
                Log.StalenessCheckSkipped(_logger, ex);
            }
        }
    }
}
