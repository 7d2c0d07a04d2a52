using Microsoft.Extensions.Hosting;

namespace MultiAgent.Observability.Tracing;

/// <summary>Starts the <see cref="TraceCollector"/> with the host and stops (disposes its listener) when the host stops.</summary>
internal sealed class TraceCollectorService(TraceCollector collector) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        collector.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        collector.Stop();
        return Task.CompletedTask;
    }
}
