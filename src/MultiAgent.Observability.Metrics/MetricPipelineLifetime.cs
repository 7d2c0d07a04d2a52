using Microsoft.Extensions.Hosting;

namespace MultiAgent.Observability.Metrics;

/// <summary>Ties the pipeline to the host: on graceful stop it aggregates every accepted sample before returning.</summary>
internal sealed class MetricPipelineLifetime(MetricPipeline pipeline, PipelineTelemetry telemetry) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolving the telemetry here registers the meter's instruments at start.
        GC.KeepAlive(telemetry);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => pipeline.StopAsync(cancellationToken);
}
