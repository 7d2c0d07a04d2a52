using Microsoft.Extensions.Hosting;

namespace MultiAgent.Observability.Metrics.Bridge;

/// <summary>Starts the meter bridge with the host and disposes its listener on stop, before the pipeline drains.</summary>
internal sealed class MeterBridgeService(MeterBridge bridge) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        bridge.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        bridge.Stop();
        return Task.CompletedTask;
    }
}
