using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using MultiAgent.Observability.Tracing;

namespace MultiAgent.Observability.Benchmarks;

/// <summary>
/// (a) What collecting costs per span: the same instrumented code with no listener (activities are not even created),
/// with a do-nothing listener that records everything (the cost of the Activity itself, which any exporter pays), and
/// with our <see cref="TraceCollector"/> storing into the bounded <see cref="TraceStore"/>. The difference between the
/// collector and the do-nothing listener is what our listener adds; a listener that only makes the <see cref="SpanData"/>
/// copy separates the cost of the copy from the cost of the store. Both collector cases run with the store already full
/// (100,000 spans retained: 1,000 traces of 100 spans, and 10,000 traces of 10 spans), so they measure the steady
/// state, retention and eviction of the oldest trace included. (b) Analysing, serializing and exporting one 10,000-span trace of 20 agents.
/// (c) The memory of a store with the default limits filled with the largest spans they allow (every string 4 KB before
/// truncation, more attributes than fit): the fill's allocations (an upper bound on what it retains) and, printed by its
/// setup, the heap the full store retains measured with <see cref="GC.GetTotalMemory(bool)"/> against the store's estimate.
/// </summary>
[MemoryDiagnoser]
public class TraceAnalysisBenchmarks
{
    private const int SpansPerInvoke = 1000;
    private const int SpansPerTrace = 100;
    private const int SmallTraceSpans = 10;
    private const int RetainedSpans = 100_000;
    private const int TraceSpans = 10_000;
    private const int Agents = 20;
    private const int WorstCaseSpans = 20_000;
    private const int WorstCaseTraceSpans = 100;

    private readonly ActivitySource _withoutListener = new("Bench.Tracing.None");
    private readonly ActivitySource _withNoopListener = new("Bench.Tracing.Noop");
    private readonly ActivitySource _withCollector = new("Bench.Tracing.Collector");
    private readonly ActivitySource _withLargeStore = new("Bench.Tracing.LargeStore");
    private readonly ActivitySource _withSnapshotListener = new("Bench.Tracing.Snapshot");
    private readonly SpanData[] _snapshots = new SpanData[1024];
    private ActivityListener? _noopListener;
    private ActivityListener? _snapshotListener;
    private int _nextSnapshot;
    private TraceCollector? _collector;
    private TraceCollector? _largeStoreCollector;
    private TracingMetrics? _metrics;
    private SpanData[] _trace = [];
    private TraceAnalysis? _analysis;
    private SpanData[] _worstCase = [];

    [GlobalSetup]
    public void Setup()
    {
        _noopListener = new ActivityListener
        {
            ShouldListenTo = s => ReferenceEquals(s, _withNoopListener),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _ => { },
        };
        ActivitySource.AddActivityListener(_noopListener);

        // Only the copy our listener makes of each span (SpanData.FromActivity), kept in a small ring instead of the store.
        _snapshotListener = new ActivityListener
        {
            ShouldListenTo = s => ReferenceEquals(s, _withSnapshotListener),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => _snapshots[_nextSnapshot++ & 1023] = SpanData.FromActivity(a),
        };
        ActivitySource.AddActivityListener(_snapshotListener);

        // Fewer traces than the default so the store reaches its steady state (evicting the oldest) within the run
        // without holding a million spans on a shared machine; filled before measuring.
        _metrics = new TracingMetrics();
        _collector = StartCollector(_withCollector, maxTraces: RetainedSpans / SpansPerTrace);
        _largeStoreCollector = StartCollector(_withLargeStore, maxTraces: RetainedSpans / SmallTraceSpans);
        for (var i = 0; i < RetainedSpans / SpansPerInvoke; i++)
        {
            Emit(_withCollector, SpansPerTrace);
            Emit(_withLargeStore, SmallTraceSpans);
        }

        _trace = BuildTrace(new Random(42));
        _analysis = TraceAnalyzer.Analyze(_trace);
    }

    [GlobalSetup(Target = nameof(Store_DefaultLimits_FillWithLargestSpans))]
    public void SetupWorstCase()
    {
        _metrics = new TracingMetrics();
        _worstCase = BuildWorstCase();

        // One fill outside the measurement, for the heap it retains (the benchmark itself reports what a fill allocates).
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var store = Fill();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var counters = store.GetCounters();
        Console.WriteLine(
            $"// TraceStore memory, default limits, largest spans: retained {after - before:N0} bytes; estimate {store.EstimatedBytes:N0} bytes; "
            + $"budget {new AgentTracingOptions().MaxStoreBytes:N0} bytes; {store.SpanCount:N0} spans in {store.TraceCount:N0} traces held; "
            + $"{counters.TracesEvicted:N0} traces evicted; {counters.ValuesTruncated:N0} values truncated; {counters.AttributesDropped:N0} attributes dropped");
        GC.KeepAlive(store);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _collector?.Dispose();
        _largeStoreCollector?.Dispose();
        _noopListener?.Dispose();
        _snapshotListener?.Dispose();
        _withSnapshotListener.Dispose();
        _metrics?.Dispose();
        _withoutListener.Dispose();
        _withNoopListener.Dispose();
        _withCollector.Dispose();
        _withLargeStore.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = SpansPerInvoke)]
    public void Span_NoListener() => Emit(_withoutListener, SpansPerTrace);

    [Benchmark(OperationsPerInvoke = SpansPerInvoke)]
    public void Span_NoopListener() => Emit(_withNoopListener, SpansPerTrace);

    [Benchmark(OperationsPerInvoke = SpansPerInvoke)]
    public void Span_SnapshotOnlyListener() => Emit(_withSnapshotListener, SpansPerTrace);

    /// <summary>The collector, its store holding 1,000 traces of 100 spans.</summary>
    [Benchmark(OperationsPerInvoke = SpansPerInvoke)]
    public void Span_TraceCollector() => Emit(_withCollector, SpansPerTrace);

    /// <summary>The collector, its store holding 10,000 traces of 10 spans (the default MaxTraces): a trace evicted every 10 spans.</summary>
    [Benchmark(OperationsPerInvoke = SpansPerInvoke)]
    public void Span_TraceCollector_10000TracesOf10() => Emit(_withLargeStore, SmallTraceSpans);

    [Benchmark]
    public TraceAnalysis Analyze_10000Spans20Agents() => TraceAnalyzer.Analyze(_trace);

    [Benchmark]
    public string SerializeAnalysis_10000Spans() => TraceAnalysisJson.Serialize(_analysis!);

    [Benchmark]
    public long ChromeExport_10000Spans()
    {
        using var stream = new MemoryStream();
        ChromeTraceExporter.Write(_trace, stream);
        return stream.Length;
    }

    /// <summary>
    /// Fills a store with the default limits with 20,000 of the largest spans they allow; the byte budget holds about
    /// 12,000 of them, so the oldest traces are evicted on the way. Allocated is an upper bound on the memory it retains.
    /// </summary>
    [Benchmark]
    public ITraceStore Store_DefaultLimits_FillWithLargestSpans() => Fill();

    private TraceStore Fill()
    {
        var store = new TraceStore(Options.Create(new AgentTracingOptions()), TimeProvider.System, _metrics!);
        foreach (var span in _worstCase)
        {
            store.Add(span);
        }

        return store;
    }

    /// <summary>
    /// Spans at the default limits' worst case: name, source name and status description of 4,096 characters, and 32
    /// attributes of 4,096-character values (each cut to 1,024; 7 fit the 16 KB attribute budget). The inputs share their
    /// strings; what the store keeps is its own truncated copies.
    /// </summary>
    private static SpanData[] BuildWorstCase()
    {
        var text = new string('w', 4096);
        var attributes = new KeyValuePair<string, object?>[32];
        for (var a = 0; a < attributes.Length; a++)
        {
            attributes[a] = new("attribute." + a.ToString(CultureInfo.InvariantCulture), text);
        }

        var start = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
        var spans = new SpanData[WorstCaseSpans];
        var traceId = default(ActivityTraceId);
        for (var i = 0; i < spans.Length; i++)
        {
            if (i % WorstCaseTraceSpans == 0)
            {
                traceId = ActivityTraceId.CreateRandom();
            }

            spans[i] = new SpanData
            {
                TraceId = traceId,
                SpanId = ActivitySpanId.CreateRandom(),
                Name = text,
                SourceName = text,
                StartTime = start,
                EndTime = start.AddMilliseconds(1),
                StatusDescription = text,
                Attributes = attributes,
            };
        }

        return spans;
    }

    /// <summary>Agent-shaped spans: an invoke_agent root and chat children with two tags each, as instrumentation emits them.</summary>
    private static void Emit(ActivitySource source, int spansPerTrace)
    {
        for (var t = 0; t < SpansPerInvoke / spansPerTrace; t++)
        {
            using var root = source.StartActivity("invoke_agent Planner", ActivityKind.Internal);
            root?.SetTag(GenAIAttributes.OperationName, GenAIOperations.InvokeAgent);
            root?.SetTag(GenAIAttributes.AgentName, "Planner");
            for (var i = 1; i < spansPerTrace; i++)
            {
                using var child = source.StartActivity("chat model", ActivityKind.Client);
                child?.SetTag(GenAIAttributes.OperationName, GenAIOperations.Chat);
                child?.SetTag(GenAIAttributes.UsageInputTokens, 10L);
            }
        }
    }

    private TraceCollector StartCollector(ActivitySource source, int maxTraces)
    {
        var options = new AgentTracingOptions { IncludeDefaultSources = false, MaxTraces = maxTraces };
        options.Sources.Add(source.Name);
        var store = new TraceStore(Options.Create(options), TimeProvider.System, _metrics!);
        var collector = new TraceCollector(store, Options.Create(options));
        collector.Start();
        return collector;
    }

    /// <summary>
    /// A 10,000-span trace of 20 agents: agents invoking agents through tools, each invocation with chat and tool spans,
    /// children placed inside their parents (some overlapping, as parallel tool calls do). Deterministic.
    /// </summary>
    private static SpanData[] BuildTrace(Random random)
    {
        var traceId = ActivityTraceId.CreateFromString("4bf92f3577b34da6a3ce929d0e0e4736");
        var t0 = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        var spans = new SpanData[TraceSpans];
        var starts = new long[TraceSpans];
        var ends = new long[TraceSpans];
        starts[0] = 0;
        ends[0] = TimeSpan.TicksPerMinute;
        spans[0] = Make(0, -1, "invoke_agent", "agent00");
        for (var i = 1; i < TraceSpans; i++)
        {
            // Prefer recent spans as parents, which gives depth as well as breadth.
            var parent = Math.Max(0, i - 1 - (int)Math.Abs(random.NextDouble() * random.NextDouble() * i));
            var length = ends[parent] - starts[parent];
            var offset = (long)(random.NextDouble() * length * 0.9);
            starts[i] = starts[parent] + offset;
            ends[i] = starts[i] + Math.Max(1, (long)(random.NextDouble() * (length - offset)));
            var roll = random.Next(10);
            spans[i] = roll switch
            {
                0 => Make(i, parent, "invoke_agent", "agent" + random.Next(Agents).ToString("00", CultureInfo.InvariantCulture)),
                < 6 => Make(i, parent, "chat", null),
                _ => Make(i, parent, "execute_tool", null),
            };
        }

        return spans;

        SpanData Make(int i, int parent, string operation, string? agent)
        {
            var attributes = new List<KeyValuePair<string, object?>> { new(GenAIAttributes.OperationName, operation) };
            if (agent is not null)
            {
                attributes.Add(new(GenAIAttributes.AgentName, agent));
            }

            if (operation == "chat")
            {
                attributes.Add(new(GenAIAttributes.UsageInputTokens, 100L));
                attributes.Add(new(GenAIAttributes.UsageOutputTokens, 20L));
            }

            return new SpanData
            {
                TraceId = traceId,
                SpanId = ActivitySpanId.CreateFromString((i + 1).ToString("x16", CultureInfo.InvariantCulture)),
                ParentSpanId = parent < 0 ? default : ActivitySpanId.CreateFromString((parent + 1).ToString("x16", CultureInfo.InvariantCulture)),
                Name = operation,
                SourceName = "bench",
                StartTime = t0.AddTicks(starts[i]),
                EndTime = t0.AddTicks(ends[i]),
                Attributes = attributes,
            };
        }
    }
}
