using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using MultiAgent.Observability.Metrics;
using MultiAgent.Observability.Metrics.Bridge;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace MultiAgent.Observability.Benchmarks;

/// <summary>
/// What one measurement costs through the <see cref="MeterListener"/> bridge into the pipeline, with cached string
/// tags, against the OpenTelemetry SDK aggregating the same counter with the same tags (the baseline) and an
/// instrument nobody listens to. Two more cases split the bridged cost: the bridge over a recorder that does nothing
/// (listener dispatch and series lookup only), and the pipeline's own <c>Add</c> on a resolved series.
/// </summary>
[MemoryDiagnoser]
public class MeterBridgeBenchmarks
{
    private const int MeasurementsPerInvoke = 1000;

    private readonly Meter _bridged = new("Bench.Bridge." + Guid.NewGuid().ToString("N"));
    private readonly Meter _openTelemetry = new("Bench.OpenTelemetry." + Guid.NewGuid().ToString("N"));
    private readonly Meter _unlistened = new("Bench.Unlistened." + Guid.NewGuid().ToString("N"));
    private readonly Meter _bridgedToNothing = new("Bench.BridgeOnly." + Guid.NewGuid().ToString("N"));
    private MetricPipeline? _pipeline;
    private MeterBridge? _bridge;
    private MeterBridge? _bridgeToNothing;
    private MetricSeries _series;
    private MeterProvider? _meterProvider;
    private Counter<long>? _bridgedCounter;
    private Counter<long>? _openTelemetryCounter;
    private Counter<long>? _unlistenedCounter;
    private Counter<long>? _bridgedToNothingCounter;

    [GlobalSetup]
    public void Setup()
    {
        _pipeline = new MetricPipeline(Options.Create(new AgentMetricsOptions()), TimeProvider.System);
        var options = new MeterBridgeOptions();
        options.Meters.Add(_bridged.Name);
        _bridge = new MeterBridge(_pipeline, Options.Create(options), TimeProvider.System);
        _bridge.Start();
        var nothingOptions = new MeterBridgeOptions();
        nothingOptions.Meters.Add(_bridgedToNothing.Name);
        _bridgeToNothing = new MeterBridge(new NullRecorder(), Options.Create(nothingOptions), TimeProvider.System);
        _bridgeToNothing.Start();
        _series = _pipeline.GetSeries("planner", "bench_direct", MetricKind.Counter, KeyValuePair.Create("route", "/a"));
        _meterProvider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(_openTelemetry.Name)
            .AddReader(new BaseExportingMetricReader(new NullExporter()))
            .Build();
        _bridgedCounter = _bridged.CreateCounter<long>("bench.requests");
        _openTelemetryCounter = _openTelemetry.CreateCounter<long>("bench.requests");
        _unlistenedCounter = _unlistened.CreateCounter<long>("bench.requests");
        _bridgedToNothingCounter = _bridgedToNothing.CreateCounter<long>("bench.requests");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _bridge?.Dispose();
        _bridgeToNothing?.Dispose();
        _bridgedToNothing.Dispose();
        _meterProvider?.Dispose();
        _bridged.Dispose();
        _openTelemetry.Dispose();
        _unlistened.Dispose();
        _pipeline?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "1,000 Counter.Add, no listener", OperationsPerInvoke = MeasurementsPerInvoke)]
    public void CounterUnlistened() => AddMany(_unlistenedCounter!);

    [Benchmark(Description = "1,000 Counter.Add, OpenTelemetry SDK", Baseline = true, OperationsPerInvoke = MeasurementsPerInvoke)]
    public void CounterOpenTelemetry() => AddMany(_openTelemetryCounter!);

    [Benchmark(Description = "1,000 Counter.Add, bridged into the pipeline", OperationsPerInvoke = MeasurementsPerInvoke)]
    public void CounterBridged() => AddMany(_bridgedCounter!);

    [Benchmark(Description = "1,000 Counter.Add, bridged into a recorder that does nothing", OperationsPerInvoke = MeasurementsPerInvoke)]
    public void CounterBridgedToNothing() => AddMany(_bridgedToNothingCounter!);

    [Benchmark(Description = "1,000 pipeline Add on a resolved series", OperationsPerInvoke = MeasurementsPerInvoke)]
    public void PipelineAdd()
    {
        for (var i = 0; i < MeasurementsPerInvoke; i++)
        {
            _pipeline!.Add(_series, 1);
        }
    }

    private static void AddMany(Counter<long> counter)
    {
        var route = new KeyValuePair<string, object?>("route", "/a");
        var agent = new KeyValuePair<string, object?>("gen_ai.agent.name", "planner");
        for (var i = 0; i < MeasurementsPerInvoke; i++)
        {
            counter.Add(1, route, agent);
        }
    }

    /// <summary>Hands out one valid series and drops every sample.</summary>
    private sealed class NullRecorder : IMetricRecorder
    {
        public void Describe(MetricDescription description)
        {
        }

        public MetricSeries GetSeries(string agentId, string metricName, MetricKind kind, params ReadOnlySpan<KeyValuePair<string, string>> labels) =>
            new(this, 0, kind);

        public void Record(in MetricSeries series, double value)
        {
        }

        public void Add(in MetricSeries series, double increment)
        {
        }

        public void Record(string agentId, string metricName, MetricKind kind, double value, params ReadOnlySpan<KeyValuePair<string, string>> labels)
        {
        }

        public void Add(string agentId, string metricName, double increment, params ReadOnlySpan<KeyValuePair<string, string>> labels)
        {
        }
    }

    /// <summary>Takes the SDK's collected metrics and drops them: only the measurement path is timed.</summary>
    private sealed class NullExporter : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch) => ExportResult.Success;
    }
}
