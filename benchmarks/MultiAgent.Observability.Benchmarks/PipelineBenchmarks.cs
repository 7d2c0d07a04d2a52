using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;
using MultiAgent.Observability.Benchmarks.Seed;
using MultiAgent.Observability.Metrics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using PromCounter = Prometheus.Counter;
using PromMetrics = Prometheus.Metrics;

namespace MultiAgent.Observability.Benchmarks;

/// <summary>
/// The cost per sample of recording into the metric pipeline, against the seed port and two peers, in two workloads
/// over 64 series (16 agents x 4 metric names, one label) split evenly across <see cref="Producers"/> long-lived
/// threads released together; figures are per sample, and each category has its own baseline (the seed port).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>Burst</c>: 1,000,000 samples per invocation into a buffer with room for all of them, so backpressure
/// never happens: what a host pays for a spike.</item>
/// <item><c>Sustained</c>: 40,000,000 samples per invocation (20,000,000 per producer at 2 producers), default options
/// except <see cref="FullBufferPolicy.Wait"/>, so the buffer (262,144 samples) fills and producers are throttled by
/// the consumer: what a host running for an hour pays.</item>
/// <item><see cref="SeedBuffer"/> / <see cref="SeedSustained"/>: a port of the seed's <c>_process_metric</c> (<see cref="SeedMetricsCollector"/>).</item>
/// <item><see cref="ChannelPipeline"/> / <see cref="PipelineSustained"/>: the library through its public API, built by
/// DI, with <see cref="FullBufferPolicy.Wait"/> so nothing is lost; timed until <see cref="IMetricReader.FlushAsync"/>
/// says the consumer has aggregated every sample, so the figure includes aggregation.</item>
/// <item><see cref="ThreadStaticAppend"/> / <see cref="OwnBufferAppend"/>: the floor of any per-thread buffer, with no
/// hand-off, no consumer and no checks: a 16-byte append to the thread's own buffer, found through a <c>[ThreadStatic]</c>
/// read (as the record path finds its slot) or passed in (what the append alone costs). The same loop and branches as
/// the pipeline's, so the JIT keeps the thread-static read in the loop, as it does there.</item>
/// <item><see cref="OpenTelemetrySdk"/>: <c>Counter&lt;long&gt;.Add</c> with three tags under a MeterProvider that
/// aggregates (a reader with a do-nothing exporter), and <see cref="PrometheusNet"/>: a pre-resolved labelled
/// child's <c>Inc()</c>. Both aggregate synchronously on the recording thread.</item>
/// </list>
/// Each method checks what it aggregated in its cleanup, and the pipeline after every invocation, so a run that
/// loses samples throws instead of producing a number.
/// </remarks>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
public class PipelineBenchmarks
{
    private const int Samples = 1_000_000;
    private const int SustainedSamples = 40_000_000;
    private const string Burst = "Burst";
    private const string Sustained = "Sustained";
    private const int Agents = 16;
    internal const int SeriesCount = 64;
    internal const string LabelName = "route";
    private static readonly string[] MetricNames = ["agent_requests", "agent_tokens", "agent_queue_depth", "agent_active_tasks"];

    private ProducerGroup? _producers;
    private int _samples;

    private SeedMetricsCollector? _seed;
    private SeedSeries[] _seedSeries = [];

    private ServiceProvider? _services;
    private IMetricRecorder? _recorder;
    private IMetricReader? _reader;
    private MetricSeries[] _handles = [];

    private Meter? _meter;
    private Counter<long>? _otelCounter;
    private MeterProvider? _meterProvider;
    private BaseExportingMetricReader? _otelReader;
    private SummingExporter? _otelExporter;
    private OtelTags[] _otelTags = [];

    private PromCounter? _promCounter;
    private PromCounter.Child[] _promChildren = [];

    [ThreadStatic]
    private static AppendBuffer? t_buffer;
    private AppendBuffer[] _buffers = [];

    [Params(1, 2)]
    public int Producers { get; set; }

    [GlobalSetup(Target = nameof(SeedBuffer))]
    public void SetupSeed() => InitSeed(Samples);

    [GlobalSetup(Target = nameof(SeedSustained))]
    public void SetupSeedSustained() => InitSeed(SustainedSamples);

    [GlobalSetup(Target = nameof(ChannelPipeline))]
    public void SetupPipeline() => InitPipeline(Samples);

    [GlobalSetup(Target = nameof(PipelineSustained))]
    public void SetupPipelineSustained() => InitPipeline(SustainedSamples);

    private void InitSeed(int samples)
    {
        _samples = samples;
        SeedMetricsCollector.SelfCheck();
        _seed = new SeedMetricsCollector();

        // One labels dict per series, shared by its samples, as the original's callers would pass the same dict.
        _seedSeries = [.. Enumerable.Range(0, SeriesCount).Select(i => new SeedSeries(
            AgentId(i),
            MetricName(i),
            IsCounter(i) ? SeedMetricType.Counter : SeedMetricType.Gauge,
            new Dictionary<string, string> { [LabelName] = LabelValue(i) }))];
        Start(RunSeed);
    }

    private void InitPipeline(int samples)
    {
        var sustained = samples == SustainedSamples;
        _samples = samples;
        _services = new ServiceCollection()
            .AddLogging()
            .AddMultiAgentMonitoring()
            .AddAgentMetrics(o =>
            {
                // Wait: producers block rather than drop, so every sample is aggregated and timed. A burst has room
                // for a whole invocation; sustained keeps the default capacity, so producers are throttled.
                o.FullBufferPolicy = FullBufferPolicy.Wait;
                if (!sustained)
                {
                    o.Capacity = 1 << 20;
                }
            })
            .Services
            .BuildServiceProvider();
        _recorder = _services.GetRequiredService<IMetricRecorder>();
        _reader = _services.GetRequiredService<IMetricReader>();
        _handles = [.. Enumerable.Range(0, SeriesCount).Select(i => _recorder.GetSeries(
            AgentId(i),
            MetricName(i),
            IsCounter(i) ? MetricKind.Counter : MetricKind.Gauge,
            KeyValuePair.Create(LabelName, LabelValue(i))))];
        Start(RunPipeline);
    }

    [GlobalSetup(Target = nameof(OpenTelemetrySdk))]
    public void SetupOpenTelemetry()
    {
        _samples = Samples;
        _meter = new Meter("Bench.Pipeline.OpenTelemetry");
        _otelCounter = _meter.CreateCounter<long>("agent_samples");

        // Without a reader the SDK has nothing to aggregate for; a do-nothing exporter keeps export out of the figure.
        _otelExporter = new SummingExporter();
        _otelReader = new BaseExportingMetricReader(_otelExporter);
        _meterProvider = Sdk.CreateMeterProviderBuilder().AddMeter(_meter.Name).AddReader(_otelReader).Build();
        _otelTags = [.. Enumerable.Range(0, SeriesCount).Select(i => new OtelTags(
            new("agent_id", AgentId(i)),
            new("metric", MetricName(i)),
            new(LabelName, LabelValue(i))))];
        Start(RunOpenTelemetry);
    }

    [GlobalSetup(Target = nameof(ThreadStaticAppend))]
    public void SetupThreadStaticAppend() => InitAppend(RunThreadStaticAppend);

    [GlobalSetup(Target = nameof(OwnBufferAppend))]
    public void SetupOwnBufferAppend() => InitAppend(RunOwnBufferAppend);

    private void InitAppend(Action<int> work)
    {
        _samples = Samples;
        _buffers = [.. Enumerable.Range(0, Producers).Select(_ => new AppendBuffer())];
        Start(work);
    }

    [GlobalSetup(Target = nameof(PrometheusNet))]
    public void SetupPrometheus()
    {
        _samples = Samples;
        var registry = PromMetrics.NewCustomRegistry();
        _promCounter = PromMetrics.WithCustomRegistry(registry).CreateCounter("agent_samples_total", "Samples.", "agent_id", "metric", LabelName);
        _promChildren = [.. Enumerable.Range(0, SeriesCount).Select(i => _promCounter.WithLabels(AgentId(i), MetricName(i), LabelValue(i)))];
        Start(RunPrometheus);
    }

    [BenchmarkCategory(Burst)]
    [Benchmark(Baseline = true, OperationsPerInvoke = Samples)]
    public void SeedBuffer() => _producers!.Run();

    [BenchmarkCategory(Burst)]
    [Benchmark(OperationsPerInvoke = Samples)]
    public void ChannelPipeline() => RunPipelineToAggregated();

    [BenchmarkCategory(Burst)]
    [Benchmark(OperationsPerInvoke = Samples)]
    public void OpenTelemetrySdk() => _producers!.Run();

    [BenchmarkCategory(Burst)]
    [Benchmark(OperationsPerInvoke = Samples)]
    public void PrometheusNet() => _producers!.Run();

    [BenchmarkCategory(Burst)]
    [Benchmark(OperationsPerInvoke = Samples)]
    public void ThreadStaticAppend() => _producers!.Run();

    [BenchmarkCategory(Burst)]
    [Benchmark(OperationsPerInvoke = Samples)]
    public void OwnBufferAppend() => _producers!.Run();

    [BenchmarkCategory(Sustained)]
    [Benchmark(Baseline = true, OperationsPerInvoke = SustainedSamples)]
    public void SeedSustained() => _producers!.Run();

    [BenchmarkCategory(Sustained)]
    [Benchmark(OperationsPerInvoke = SustainedSamples)]
    public void PipelineSustained() => RunPipelineToAggregated();

    private void RunPipelineToAggregated()
    {
        _producers!.Run();
        _reader!.FlushAsync().GetAwaiter().GetResult();

        // Once per million samples: cheap enough not to show, and a lossy run fails instead of producing a number.
        var stats = _reader.GetStatistics();
        if (stats.Accepted != stats.Aggregated || stats.Dropped != 0 || stats.Rejected != 0)
        {
            throw new InvalidOperationException($"The pipeline lost samples: {stats}.");
        }
    }

    [GlobalCleanup(Targets = [nameof(SeedBuffer), nameof(SeedSustained)])]
    public void CleanupSeed()
    {
        Stop();
        var seed = _seed!;
        Check(seed.BufferedCount == SeedMetricsCollector.BufferSize, $"seed buffer holds {seed.BufferedCount}");
        Check(seed.KeyCount == SeriesCount, $"seed has {seed.KeyCount} keys");
        Check(
            _seedSeries.All(s => seed.GetAggregation($"{s.AgentId}:{s.MetricName}").Length is > 0 and <= SeedMetricsCollector.TrimAbove),
            "seed lists stay within 100 values");
    }

    [GlobalCleanup(Targets = [nameof(ChannelPipeline), nameof(PipelineSustained)])]
    public void CleanupPipeline()
    {
        Stop();
        var reader = _reader!;
        reader.FlushAsync().GetAwaiter().GetResult();
        var stats = reader.GetStatistics();
        var samples = _handles.Sum(h => reader.GetAggregate(h)?.SampleCount ?? 0);
        Check(stats.Accepted == stats.Aggregated && stats.Dropped == 0 && stats.Rejected == 0, $"pipeline accounting {stats}");
        Check(samples == stats.Aggregated && samples > 0 && samples % _samples == 0, $"pipeline aggregated {samples} samples over its series");
        _services!.Dispose();
    }

    [GlobalCleanup(Target = nameof(OpenTelemetrySdk))]
    public void CleanupOpenTelemetry()
    {
        Stop();
        Check(_otelReader!.Collect(), "OpenTelemetry collect");
        Check(_otelExporter!.Sum > 0 && _otelExporter.Sum % Samples == 0 && _otelExporter.Points == SeriesCount, $"OpenTelemetry aggregated {_otelExporter.Sum} over {_otelExporter.Points} points");
        _meterProvider!.Dispose();
        _meter!.Dispose();
    }

    [GlobalCleanup(Target = nameof(PrometheusNet))]
    public void CleanupPrometheus()
    {
        Stop();
        var sum = _promChildren.Sum(c => c.Value);
        Check(sum > 0 && sum % Samples == 0, $"prometheus-net counted {sum}");
    }

    [GlobalCleanup(Targets = [nameof(ThreadStaticAppend), nameof(OwnBufferAppend)])]
    public void CleanupAppend()
    {
        Stop();
        var appended = _buffers.Sum(b => b.Appended);
        Check(appended > 0 && appended % Samples == 0, $"the buffers took {appended} samples");
    }

    internal static string AgentId(int series) => $"agent-{series / MetricNames.Length:D2}";

    internal static string MetricName(int series) => MetricNames[series % MetricNames.Length];

    internal static string LabelValue(int series) => $"route-{series / MetricNames.Length % 4}";

    // Two counters and two gauges per agent.
    internal static bool IsCounter(int series) => series % MetricNames.Length < 2;

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Benchmark self-check failed: {what}.");
        }
    }

    private (int First, int Count) Share(int producer, int producers) =>
        (producer * SeriesCount / producers, _samples / producers);


    private void Start(Action<int> work)
    {
        if (Agents * MetricNames.Length != SeriesCount || _samples % Producers != 0)
        {
            throw new InvalidOperationException("The workload does not split evenly.");
        }

        _producers = new ProducerGroup(Producers, work);
    }

    private void Stop() => _producers?.Dispose();

    private void RunSeed(int producer)
    {
        var (first, count) = Share(producer, Producers);
        var seed = _seed!;
        var series = _seedSeries;
        for (var i = 0; i < count; i++)
        {
            var s = series[(first + i) & (SeriesCount - 1)];
            seed.ProcessMetric(new SeedMetric(s.AgentId, s.MetricName, s.Type, i & 15, s.Labels));
        }
    }

    private void RunPipeline(int producer)
    {
        var (first, count) = Share(producer, Producers);
        var recorder = _recorder!;
        var handles = _handles;
        for (var i = 0; i < count; i++)
        {
            var index = (first + i) & (SeriesCount - 1);
            if (IsCounter(index))
            {
                recorder.Add(handles[index], 1);
            }
            else
            {
                recorder.Record(handles[index], i & 15);
            }
        }
    }

    private void RunOpenTelemetry(int producer)
    {
        var (first, count) = Share(producer, Producers);
        var counter = _otelCounter!;
        var tags = _otelTags;
        for (var i = 0; i < count; i++)
        {
            var t = tags[(first + i) & (SeriesCount - 1)];
            counter.Add(1, t.Agent, t.Metric, t.Label);
        }
    }

    private void RunPrometheus(int producer)
    {
        var (first, count) = Share(producer, Producers);
        var children = _promChildren;
        for (var i = 0; i < count; i++)
        {
            children[(first + i) & (SeriesCount - 1)].Inc();
        }
    }

    private void RunThreadStaticAppend(int producer)
    {
        var (first, count) = Share(producer, Producers);

        // Set elsewhere, as the record path registers a thread's slot elsewhere: a store in this method would let the
        // JIT reuse its thread-static address in the loop, which the record path never gets.
        RegisterThreadBuffer(_buffers[producer]);
        for (var i = 0; i < count; i++)
        {
            var index = (first + i) & (SeriesCount - 1);
            if (IsCounter(index))
            {
                AppendToThreadBuffer(index, 1);
            }
            else
            {
                AppendToThreadBuffer(index, i & 15);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RegisterThreadBuffer(AppendBuffer buffer) => t_buffer = buffer;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AppendToThreadBuffer(int series, double value) => t_buffer!.Append(series, value);

    private void RunOwnBufferAppend(int producer)
    {
        var (first, count) = Share(producer, Producers);
        var buffer = _buffers[producer];
        for (var i = 0; i < count; i++)
        {
            var index = (first + i) & (SeriesCount - 1);
            if (IsCounter(index))
            {
                buffer.Append(index, 1);
            }
            else
            {
                buffer.Append(index, i & 15);
            }
        }
    }

    private sealed record SeedSeries(string AgentId, string MetricName, SeedMetricType Type, Dictionary<string, string> Labels);

    private sealed record OtelTags(KeyValuePair<string, object?> Agent, KeyValuePair<string, object?> Metric, KeyValuePair<string, object?> Label);

    /// <summary>One thread's wrapping buffer of 16-byte samples: the append a per-thread buffer cannot do without.</summary>
    private sealed class AppendBuffer
    {
        private readonly (double Value, int Series)[] _items = new (double, int)[512];
        private int _count;
        private long _wrapped;

        /// <summary>Gets the samples appended so far.</summary>
        public long Appended => _wrapped + _count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Append(int series, double value)
        {
            var n = _count;
            _items[n] = (value, series);
            if (++n == _items.Length)
            {
                _wrapped += n;
                n = 0;
            }

            _count = n;
        }
    }

    /// <summary>Sums what the SDK aggregated when collected; does nothing while the benchmark runs.</summary>
    private sealed class SummingExporter : BaseExporter<Metric>
    {
        public long Sum { get; private set; }

        public int Points { get; private set; }

        public override ExportResult Export(in Batch<Metric> batch)
        {
            foreach (var metric in batch)
            {
                foreach (ref readonly var point in metric.GetMetricPoints())
                {
                    Sum += point.GetSumLong();
                    Points++;
                }
            }

            return ExportResult.Success;
        }
    }

    /// <summary>
    /// Long-lived producer threads, so no thread is created inside the timed region: a barrier releases them
    /// together at the start of an invocation and the invocation returns when every one has done its share.
    /// </summary>
    private sealed class ProducerGroup : IDisposable
    {
        private readonly Barrier _barrier;
        private readonly Thread[] _threads;
        private readonly Action<int> _work;
        private volatile bool _stopping;

        public ProducerGroup(int producers, Action<int> work)
        {
            _work = work;
            _barrier = new Barrier(producers + 1);
            _threads = new Thread[producers];
            for (var p = 0; p < producers; p++)
            {
                var index = p;
                _threads[p] = new Thread(() => Loop(index)) { IsBackground = true, Name = $"producer-{p}" };
                _threads[p].Start();
            }
        }

        public void Run()
        {
            _barrier.SignalAndWait();
            _barrier.SignalAndWait();
        }

        public void Dispose()
        {
            if (_stopping)
            {
                return;
            }

            _stopping = true;
            _barrier.SignalAndWait();
            foreach (var thread in _threads)
            {
                thread.Join();
            }

            _barrier.Dispose();
        }

        private void Loop(int index)
        {
            while (true)
            {
                _barrier.SignalAndWait();
                if (_stopping)
                {
                    return;
                }

                _work(index);
                _barrier.SignalAndWait();
            }
        }
    }
}
