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
/// instrument nobody listens to.
/// </summary>
[MemoryDiagnoser]
public class MeterBridgeBenchmarks
{
    private const int MeasurementsPerInvoke = 1000;

    private readonly Meter _bridged = new("Bench.Bridge." + Guid.NewGuid().ToString("N"));
    private readonly Meter _openTelemetry = new("Bench.OpenTelemetry." + Guid.NewGuid().ToString("N"));
    private readonly Meter _unlistened = new("Bench.Unlistened." + Guid.NewGuid().ToString("N"));
    private MetricPipeline? _pipeline;
    private MeterBridge? _bridge;
    private MeterProvider? _meterProvider;
    private Counter<long>? _bridgedCounter;
    private Counter<long>? _openTelemetryCounter;
    private Counter<long>? _unlistenedCounter;

    [GlobalSetup]
    public void Setup()
    {
        _pipeline = new MetricPipeline(Options.Create(new AgentMetricsOptions()), TimeProvider.System);
        var options = new MeterBridgeOptions();
        options.Meters.Add(_bridged.Name);
        _bridge = new MeterBridge(_pipeline, Options.Create(options), TimeProvider.System);
        _bridge.Start();
        _meterProvider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(_openTelemetry.Name)
            .AddReader(new BaseExportingMetricReader(new NullExporter()))
            .Build();
        _bridgedCounter = _bridged.CreateCounter<long>("bench.requests");
        _openTelemetryCounter = _openTelemetry.CreateCounter<long>("bench.requests");
        _unlistenedCounter = _unlistened.CreateCounter<long>("bench.requests");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _bridge?.Dispose();
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

    private static void AddMany(Counter<long> counter)
    {
        var route = new KeyValuePair<string, object?>("route", "/a");
        var agent = new KeyValuePair<string, object?>("gen_ai.agent.name", "planner");
        for (var i = 0; i < MeasurementsPerInvoke; i++)
        {
            counter.Add(1, route, agent);
        }
    }

    /// <summary>Takes the SDK's collected metrics and drops them: only the measurement path is timed.</summary>
    private sealed class NullExporter : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch) => ExportResult.Success;
    }
}
