using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using MultiAgent.Observability.Tracing;

namespace MultiAgent.Observability.Benchmarks;

/// <summary>
/// What deriving the GenAI metrics adds per span: the same agent-shaped spans (an <c>invoke_agent</c> span with five
/// <c>chat</c> spans carrying token usage and four <c>execute_tool</c> spans, ten agents, ten spans per trace) collected
/// by the <see cref="TraceCollector"/> alone, and by the collector with <see cref="GenAISpanMetrics"/> as its observer,
/// a listener enabled on every GenAI instrument (measurements delivered, as to the Metrics bridge) and a price table.
/// The collector hands each span to the metrics off the thread that stopped it (a thread-pool drain once 256 spans wait);
/// both cases flush what waits at the end of each invocation, so the time is until every span's metrics are derived.
/// <see cref="Derive_GenAIMetricsOnly"/> is what deriving costs the draining thread: the same spans, already stopped,
/// handed to the metrics on one thread.
/// The per-trace critical-path recording (an analysis per completed trace, on a timer) is not part of the span path and
/// is left out.
/// Both stores are full before measuring (steady state, a trace evicted every ten spans); the agents' series exist
/// after the first round, so the allocation column is the per-span cost once they do.
/// </summary>
[MemoryDiagnoser]
public class GenAIMetricsBenchmarks
{
    private const int SpansPerInvoke = 1000;
    private const int SpansPerTrace = 10;
    private const int MaxTraces = 1000;

    private static readonly string[] s_agents = [.. Enumerable.Range(0, 10).Select(i => "agent" + i.ToString("00", CultureInfo.InvariantCulture))];

    private readonly ActivitySource _collectorOnly = new("Bench.GenAI.CollectorOnly");
    private readonly ActivitySource _withMetrics = new("Bench.GenAI.WithMetrics");
    private TracingMetrics? _tracingMetrics;
    private TraceCollector? _collector;
    private TraceCollector? _metricsCollector;
    private GenAIInstruments? _instruments;
    private MeterListener? _meterListener;
    private long _measurements;
    private GenAISpanMetrics? _deriveOnly;
    private Activity[] _stopped = [];

    [GlobalSetup]
    public void Setup()
    {
        _tracingMetrics = new TracingMetrics();
        _collector = Start(_collectorOnly, []);

        _instruments = new GenAIInstruments();
        var options = Options.Create(new GenAIMetricsOptions { LatestExperimentalConventions = false });
        var caps = new GenAIAttributeCaps(_instruments, options);
        var store = NewStore(_withMetrics, out var tracingOptions);
        var prices = GenAIPriceTable.Create([new ModelPrice { Provider = "openai", Model = "gpt-4o", InputPerMillion = 2.5m, OutputPerMillion = 10m, Currency = "USD" }]);
        // Per span only: the critical path is recorded once per completed trace, on a timer thread, not on the span's path.
        var metrics = new GenAISpanMetrics(_instruments, caps, options, prices);
        _metricsCollector = new TraceCollector(store, tracingOptions, null, [metrics]);
        _metricsCollector.Start();

        _meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == GenAIMetricNames.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meterListener.SetMeasurementEventCallback<long>((_, _, _, _) => _measurements++);
        _meterListener.SetMeasurementEventCallback<double>((_, _, _, _) => _measurements++);
        _meterListener.Start();

        for (var i = 0; i < MaxTraces * SpansPerTrace / SpansPerInvoke; i++)
        {
            Emit(_collectorOnly);
            Emit(_withMetrics);
        }

        // One invocation's spans as they stopped, for the derivation alone; its agents' series exist after the first pass.
        using var recordedSource = new ActivitySource("Bench.GenAI.Recorded");
        var recorder = new Recorder();
        using (var recording = new TraceCollector(NewStore(recordedSource, out var recordingOptions), recordingOptions, null, [recorder]))
        {
            recording.Start();
            Emit(recordedSource);
            recording.FlushObservers();
        }

        _stopped = [.. recorder.Spans];
        _deriveOnly = new GenAISpanMetrics(_instruments, caps, options, prices);
        Derive_GenAIMetricsOnly();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _meterListener?.Dispose();
        _collector?.Dispose();
        _metricsCollector?.Dispose();
        _instruments?.Dispose();
        _tracingMetrics?.Dispose();
        _collectorOnly.Dispose();
        _withMetrics.Dispose();
    }

    /// <summary>The collector alone.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = SpansPerInvoke)]
    public void Span_Collector()
    {
        Emit(_collectorOnly);
        _collector!.FlushObservers();
    }

    /// <summary>The collector deriving the GenAI metrics.</summary>
    [Benchmark(OperationsPerInvoke = SpansPerInvoke)]
    public void Span_CollectorWithGenAIMetrics()
    {
        Emit(_withMetrics);
        _metricsCollector!.FlushObservers();
    }

    /// <summary>Deriving the metrics alone, on one thread, from spans already stopped: what the collector's drain spends per span.</summary>
    [Benchmark(OperationsPerInvoke = SpansPerInvoke)]
    public void Derive_GenAIMetricsOnly()
    {
        foreach (var span in _stopped)
        {
            _deriveOnly!.OnSpanStopped(span);
        }
    }

    private static void Emit(ActivitySource source)
    {
        Activity.Current = null;
        for (var trace = 0; trace < SpansPerInvoke / SpansPerTrace; trace++)
        {
            using var agent = source.StartActivity("invoke_agent", ActivityKind.Internal);
            agent?.SetTag(GenAIAttributes.OperationName, GenAIOperations.InvokeAgent);
            agent?.SetTag(GenAIAttributes.AgentName, s_agents[trace % s_agents.Length]);
            agent?.SetTag(GenAIAttributes.RequestModel, "gpt-4o");
            for (var i = 0; i < SpansPerTrace - 1; i++)
            {
                using var child = source.StartActivity(i % 2 == 0 ? "chat gpt-4o" : "execute_tool search", ActivityKind.Internal);
                if (i % 2 == 0)
                {
                    child?.SetTag(GenAIAttributes.OperationName, GenAIOperations.Chat);
                    child?.SetTag(GenAIAttributes.ProviderName, "openai");
                    child?.SetTag(GenAIAttributes.RequestModel, "gpt-4o");
                    child?.SetTag(GenAIAttributes.ResponseModel, "gpt-4o");
                    child?.SetTag(GenAIAttributes.UsageInputTokens, 120);
                    child?.SetTag(GenAIAttributes.UsageOutputTokens, 40);
                }
                else
                {
                    child?.SetTag(GenAIAttributes.OperationName, GenAIOperations.ExecuteTool);
                    child?.SetTag(GenAIAttributes.ToolName, "search");
                    child?.SetTag(GenAIAttributes.ToolType, "function");
                }
            }
        }
    }

    private TraceCollector Start(ActivitySource source, ISpanStoppedObserver[] observers)
    {
        var store = NewStore(source, out var options);
        var collector = new TraceCollector(store, options, null, observers);
        collector.Start();
        return collector;
    }

    private TraceStore NewStore(ActivitySource source, out IOptions<AgentTracingOptions> options)
    {
        var value = new AgentTracingOptions { IncludeDefaultSources = false, MaxTraces = MaxTraces };
        value.Sources.Add(source.Name);
        options = Options.Create(value);
        return new TraceStore(options, TimeProvider.System, _tracingMetrics!);
    }

    private sealed class Recorder : ISpanStoppedObserver
    {
        public List<Activity> Spans { get; } = [];

        public void OnSpanStopped(Activity activity) => Spans.Add(activity);
    }
}
