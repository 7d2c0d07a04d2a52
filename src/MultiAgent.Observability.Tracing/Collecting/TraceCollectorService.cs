using Microsoft.Extensions.Hosting;

namespace MultiAgent.Observability.Tracing;

/// <summary>
/// Starts the <see cref="TraceCollector"/> with the host and stops (disposes its listener) when the host stops. The
/// spans still waiting for the observers are handed to them while the host is stopping, before any service stops, so
/// what they derive reaches the metrics pipeline (and its bridge) before that drains.
/// </summary>
internal sealed class TraceCollectorService(TraceCollector collector) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        collector.Start();
        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        collector.FlushObservers();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        collector.Stop();
        return Task.CompletedTask;
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
