using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using MultiAgent.Observability.Metrics;
using MultiAgent.Observability.Metrics.Exposition;

namespace MultiAgent.Observability.Benchmarks;

/// <summary>
/// Writing one scrape of 1,000 series (40 counter, 40 gauge and 20 histogram families of 10 series each, two labels
/// plus agent_id) in both formats, against prometheus-net's text export of the same metrics (the baseline).
/// </summary>
[MemoryDiagnoser]
public class ExpositionBenchmarks
{
    private MetricPipeline? _pipeline;
    private Prometheus.CollectorRegistry? _registry;

    [GlobalSetup]
    public void Setup()
    {
        _pipeline = new MetricPipeline(Options.Create(new AgentMetricsOptions()), TimeProvider.System);
        _registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(_registry);
        for (var family = 0; family < 100; family++)
        {
            var name = "bench_family_" + family.ToString("D3", CultureInfo.InvariantCulture);
            var labelNames = new[] { "agent_id", "route", "model" };
            for (var series = 0; series < 10; series++)
            {
                var agent = "agent-" + series.ToString(CultureInfo.InvariantCulture);
                var route = "/route/" + series.ToString(CultureInfo.InvariantCulture);
                var value = (family * 10) + series + 0.5;
                if (family < 40)
                {
                    _pipeline.Add(agent, name, value, KeyValuePair.Create("route", route), KeyValuePair.Create("model", "gpt-4o"));
                    factory.CreateCounter(name + "_total", "Help.", labelNames).WithLabels(agent, route, "gpt-4o").Inc(value);
                }
                else if (family < 80)
                {
                    _pipeline.Record(agent, name, MetricKind.Gauge, value, KeyValuePair.Create("route", route), KeyValuePair.Create("model", "gpt-4o"));
                    factory.CreateGauge(name, "Help.", labelNames).WithLabels(agent, route, "gpt-4o").Set(value);
                }
                else
                {
                    _pipeline.Record(agent, name, MetricKind.Histogram, value / 100, KeyValuePair.Create("route", route), KeyValuePair.Create("model", "gpt-4o"));
                    factory.CreateHistogram(name, "Help.", labelNames).WithLabels(agent, route, "gpt-4o").Observe(value / 100);
                }
            }
        }

        _pipeline.FlushAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _pipeline?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Description = "exposition 1,000 series: ours, 0.0.4")]
    public Task OursText004() => PrometheusExpositionWriter.WriteAsync(_pipeline!, Stream.Null, ExpositionFormat.PrometheusText004);

    [Benchmark(Description = "exposition 1,000 series: ours, OpenMetrics")]
    public Task OursOpenMetrics() => PrometheusExpositionWriter.WriteAsync(_pipeline!, Stream.Null, ExpositionFormat.OpenMetrics100);

    [Benchmark(Description = "exposition 1,000 series: prometheus-net, 0.0.4", Baseline = true)]
    public Task PrometheusNetText004() => _registry!.CollectAndExportAsTextAsync(Stream.Null, Prometheus.ExpositionFormat.PrometheusText);
}
