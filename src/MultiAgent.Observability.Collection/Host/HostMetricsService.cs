using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Collection;

/// <summary>Reads host, container and process metrics every <see cref="AgentCollectionOptions.HostMetricsInterval"/> while the host runs.</summary>
internal sealed class HostMetricsService(
    IMetricRecorder recorder,
    TimeProvider time,
    IOptions<AgentCollectionOptions> options,
    ILogger<HostMetricsService>? logger = null) : BackgroundService
{
    private readonly ILogger _logger = logger ?? NullLogger<HostMetricsService>.Instance;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.HostMetrics)
        {
            return;
        }

        var sampler = new HostMetricsSampler(recorder, new LinuxHostReader(), time, settings.HostAgentId);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                sampler.Sample();
            }
            catch (Exception ex) when (ex is ArgumentException or IOException or InvalidOperationException)
            {
                Log.HostMetricsFailed(_logger, ex);
            }

            try
            {
                await Task.Delay(settings.HostMetricsInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
