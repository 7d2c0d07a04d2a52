using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MultiAgent.Observability.Metrics.Bridge;

namespace MultiAgent.Observability.Metrics.Tests.Bridge;

/// <summary>A pipeline and a started bridge on one fake clock, listening to a meter name unique to the test.</summary>
internal sealed class BridgeHarness : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    public BridgeHarness(Action<MeterBridgeOptions>? configure = null, ILogger<MeterBridge>? logger = null)
    {
        MeterName = "Tests.Bridge." + Guid.NewGuid().ToString("N");
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        Pipeline = new MetricPipeline(Options.Create(new AgentMetricsOptions()), Time);
        var options = new MeterBridgeOptions { DefaultAgentId = "host-agent", ObservableInterval = Interval };
        options.Meters.Add(MeterName);
        configure?.Invoke(options);
        Bridge = new MeterBridge(Pipeline, Options.Create(options), Time, logger);
        Meter = new Meter(MeterName);
    }

    public string MeterName { get; }

    public FakeTimeProvider Time { get; }

    public MetricPipeline Pipeline { get; }

    public MeterBridge Bridge { get; }

    public Meter Meter { get; }

    public BridgeHarness Start()
    {
        Bridge.Start();
        return this;
    }

    /// <summary>Flushes and returns every series of a metric with its aggregate.</summary>
    public async Task<IReadOnlyList<(MetricSeriesInfo Info, MetricAggregate? Aggregate)>> SeriesAsync(string metricName)
    {
        await Pipeline.FlushAsync(TestContext.Current.CancellationToken);
        var result = new List<(MetricSeriesInfo, MetricAggregate?)>();
        foreach (var info in Pipeline.ListSeries())
        {
            if (info.Name == metricName)
            {
                result.Add((info, Pipeline.GetAggregate(info.Series)));
            }
        }

        return result;
    }

    /// <summary>Flushes and returns the only series of a metric.</summary>
    public async Task<(MetricSeriesInfo Info, MetricAggregate? Aggregate)> SingleAsync(string metricName) =>
        Assert.Single(await SeriesAsync(metricName));

    public async ValueTask DisposeAsync()
    {
        Bridge.Dispose();
        Meter.Dispose();
        await Pipeline.DisposeAsync();
    }
}
