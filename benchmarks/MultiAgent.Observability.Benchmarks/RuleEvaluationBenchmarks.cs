using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MultiAgent.Observability.Alerting;
using MultiAgent.Observability.Alerting.Evaluation;
using MultiAgent.Observability.Benchmarks.Seed;
using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Benchmarks;

/// <summary>What the benchmark rules compute.</summary>
public enum RuleShape
{
    /// <summary><c>name{group="gN"} &gt; 1e9</c> over gauges.</summary>
    Threshold,

    /// <summary><c>rate(name_total{group="gN"}[5m]) &gt; 1e9</c> over counters.</summary>
    Rate,

    /// <summary>A burn-rate pair over counters: <c>sum by (agent_id) (rate(…[1h])) &gt; 1e9 and sum by (agent_id) (rate(…[5m])) &gt; 1e9</c>.</summary>
    BurnRate,
}

/// <summary>
/// (a) One evaluation tick of 1,000 rules over 10,000 series of the real pipeline (100 metric names x 100 agents with a
/// <c>group</c> label g0..g9; each rule selects one name and one group, so every series is checked once per tick), in the
/// steady state where nothing changes. Target: at most 2 ms, no allocation per series checked.
/// (b) is <see cref="RuleEvaluationRecordPathBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public class RuleEvaluationBenchmarks
{
    private RuleFixture? _fixture;

    /// <summary>Gets or sets what the 1,000 rules compute.</summary>
    [ParamsAllValues]
    public RuleShape Shape { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _fixture = new RuleFixture(Shape == RuleShape.Threshold ? MetricKind.Gauge : MetricKind.Counter);
        _fixture.StartEngine(1000, Shape, ticking: false);
    }

    [GlobalCleanup]
    public void Cleanup() => _fixture?.Dispose();

    /// <summary>One tick of 1,000 rules over 10,000 series.</summary>
    [Benchmark]
    public void EvaluationTick() => _fixture!.Engine!.Evaluate("bench", _fixture.At);

    /// <summary>
    /// The peer in the same run: the same 10,000 checks through the public <see cref="IMetricReader"/> (an aggregate
    /// snapshot for a threshold, the recent values for a rate), with no rule bookkeeping at all.
    /// </summary>
    [Benchmark(Baseline = true)]
    public int PublicReaderChecks()
    {
        var reader = (IMetricReader)_fixture!.Pipeline;
        var from = _fixture.At.AddMinutes(-5);
        var over = 0;
        foreach (var handle in _fixture.Handles)
        {
            if (Shape != RuleShape.Threshold
                ? reader.GetRecentValues(handle, from, _fixture.At).Count > 1e9
                : reader.GetAggregate(handle) is GaugeAggregate { Last: > 1e9 })
            {
                over++;
            }
        }

        return over;
    }
}

/// <summary>
/// (b) The record path with <see cref="RuleCount"/> rules active, per sample (20,000 samples over the 10,000 series per
/// invocation). <see cref="PipelineRecord"/>: recording into the pipeline (and flushing) while an engine holding the rules
/// evaluates every 50 ms on a timer thread (the default interval is 1 minute: this is the pessimistic case).
/// <see cref="SeedRecord"/>: the original design, whose <c>_check_alert_rules</c> runs every rule on every sample
/// (<see cref="SeedAlertingCollector"/>). Target: ours within 10% of no rules; the original grows with the rule count.
/// </summary>
[MemoryDiagnoser]
public class RuleEvaluationRecordPathBenchmarks
{
    private const int Samples = 20_000;

    private RuleFixture? _fixture;
    private SeedAlertingCollector? _seed;
    private Dictionary<string, string> _seedLabels = [];

    /// <summary>Gets or sets the rules active.</summary>
    [Params(0, 1000)]
    public int RuleCount { get; set; }

    [GlobalSetup(Target = nameof(PipelineRecord))]
    public void SetupPipeline()
    {
        _fixture = new RuleFixture(MetricKind.Gauge);
        if (RuleCount > 0)
        {
            _fixture.StartEngine(RuleCount, RuleShape.Threshold, ticking: true);
        }
    }

    [GlobalSetup(Target = nameof(SeedRecord))]
    public void SetupSeed()
    {
        _seed = new SeedAlertingCollector();
        _seedLabels = new Dictionary<string, string> { ["group"] = "g0" };
        for (var r = 0; r < RuleCount; r++)
        {
            _seed.AddAlertRule(new Dictionary<string, object>
            {
                ["name"] = "Rule" + r.ToString(CultureInfo.InvariantCulture),
                ["description"] = "Agent {agent_id} over threshold",
                ["condition_type"] = "threshold",
                ["metric_name"] = RuleFixture.MetricName(r % RuleFixture.Metrics),
                ["operator"] = ">",
                ["threshold"] = 1e9,
                ["severity"] = "warning",
            });
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _fixture?.Dispose();
        RuleFixture.Check(_seed is null || _seed.ActiveAlerts == 0, "the seed's rules never fired");
    }

    /// <summary>Recording into the pipeline, with the rules evaluated on their own thread.</summary>
    [Benchmark(OperationsPerInvoke = Samples)]
    public void PipelineRecord()
    {
        var pipeline = _fixture!.Pipeline;
        var handles = _fixture.Handles;
        for (var i = 0; i < Samples; i++)
        {
            pipeline.Record(handles[i % handles.Length], i & 7);
        }

        pipeline.FlushAsync().GetAwaiter().GetResult();
    }

    /// <summary>The original: every sample runs every rule.</summary>
    [Benchmark(OperationsPerInvoke = Samples)]
    public void SeedRecord()
    {
        var seed = _seed!;
        for (var i = 0; i < Samples; i++)
        {
            seed.ProcessMetric(new SeedMetric(RuleFixture.AgentName(i % RuleFixture.Agents), RuleFixture.MetricName(i / RuleFixture.Agents % RuleFixture.Metrics), SeedMetricType.Gauge, i & 7, _seedLabels));
        }
    }
}

/// <summary>The shared setup: 10,000 series in a real pipeline, and an engine over them.</summary>
internal sealed class RuleFixture : IDisposable
{
    public const int Metrics = 100;
    public const int Agents = 100;
    public const int Groups = 10;

    private readonly ServiceProvider _services;
    private ITimer? _ticker;

    public RuleFixture(MetricKind kind)
    {
        var services = new ServiceCollection();
        services.AddMultiAgentMonitoring().AddAgentMetrics(o =>
        {
            o.MaxSeries = 20_000;
            o.FullBufferPolicy = FullBufferPolicy.Wait;
        });
        _services = services.BuildServiceProvider();
        Pipeline = _services.GetRequiredService<MetricPipeline>();
        var handles = new List<MetricSeries>();
        for (var m = 0; m < Metrics; m++)
        {
            for (var a = 0; a < Agents; a++)
            {
                handles.Add(Pipeline.GetSeries(AgentName(a), MetricName(m), kind, KeyValuePair.Create("group", "g" + (a % Groups).ToString(CultureInfo.InvariantCulture))));
            }
        }

        Handles = [.. handles];
        for (var round = 1; round <= 3; round++)
        {
            foreach (var handle in Handles)
            {
                Pipeline.Record(handle, round);
            }
        }

        Pipeline.FlushAsync().GetAwaiter().GetResult();
        At = TimeProvider.System.GetUtcNow().AddSeconds(1);
    }

    public MetricPipeline Pipeline { get; }

    public MetricSeries[] Handles { get; }

    public DateTimeOffset At { get; }

    public AlertEngine? Engine { get; private set; }

    public static string MetricName(int m) => "bench_m" + m.ToString(CultureInfo.InvariantCulture);

    public static string AgentName(int a) => "agent-" + a.ToString(CultureInfo.InvariantCulture);

    public static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("RuleEvaluationBenchmarks self-check failed: " + what);
        }
    }

    public void StartEngine(int rules, RuleShape shape, bool ticking)
    {
        var group = new AlertRuleGroup { Name = "bench" };
        for (var r = 0; r < rules; r++)
        {
            var name = MetricName(r % Metrics) + (shape == RuleShape.Threshold ? string.Empty : "_total");
            var selector = $"{name}{{group=\"g{r / Metrics % Groups}\"}}";
            group.Rules.Add(new AlertRule
            {
                Name = "Rule" + r.ToString(CultureInfo.InvariantCulture),
                Expression = shape switch
                {
                    RuleShape.Rate => $"rate({selector}[5m]) > 1e9",
                    RuleShape.BurnRate => $"sum by (agent_id) (rate({selector}[1h])) > 1e9 and sum by (agent_id) (rate({selector}[5m])) > 1e9",
                    _ => selector + " > 1e9",
                },
                Annotations = { ["summary"] = "{{ $labels.agent_id }} at {{ $value }}" },
            });
        }

        var errors = new List<RuleError>();
        var compiled = RuleCompiler.Compile([group], "benchmark", null, TimeSpan.FromMinutes(1), errors);
        Check(errors.Count == 0, "the rules compile: " + string.Join("; ", errors));
        var counters = new AlertingCounters();
        var source = new CountingSource(new PipelineSeriesSource(Pipeline, new AgentMetricsOptions().RecentValuesPerSeries));
        Engine = new AlertEngine(source, new AlertingOptions(), NullLogger.Instance, new NoSink(), counters);
        Engine.Load(compiled);
        Engine.Evaluate("bench", At);
        Check(counters.EvaluationErrors == 0, "every rule binds without error");
        Check(Engine.GetAlerts().Count == 0, "nothing fires: the tick measures the steady state");
        source.Reads = 0;
        Engine.Evaluate("bench", At);
        var leaves = shape == RuleShape.BurnRate ? 2 : 1;
        Check(source.Reads == rules * Agents / Groups * leaves, $"a tick reads each selected series once per selector ({source.Reads} reads)");
        source.Counting = false;
        if (ticking)
        {
            _ticker = TimeProvider.System.CreateTimer(static e => ((AlertEngine)e!).Evaluate("bench", TimeProvider.System.GetUtcNow()), Engine, TimeSpan.Zero, TimeSpan.FromMilliseconds(50));
        }
    }

    public void Dispose()
    {
        _ticker?.Dispose();
        _services.Dispose();
    }

    private sealed class NoSink : IAlertSink
    {
        public void Publish(Alert alert) => throw new InvalidOperationException("nothing should fire");
    }

    private sealed class CountingSource(IRuleSeriesSource inner) : IRuleSeriesSource
    {
        public int Reads;
        public bool Counting = true;

        public int SeriesCount => inner.SeriesCount;

        public int RecentCapacity => inner.RecentCapacity;

        public MetricSeriesInfo GetInfo(int index) => inner.GetInfo(index);

        public bool ReadLast(int index, out long timestampMs, out double value)
        {
            if (Counting)
            {
                Reads++;
            }

            return inner.ReadLast(index, out timestampMs, out value);
        }

        public int ReadRecent(int index, long afterMs, long untilMs, Span<long> times, Span<double> values)
        {
            if (Counting)
            {
                Reads++;
            }

            return inner.ReadRecent(index, afterMs, untilMs, times, values);
        }

        public ReadOnlySpan<double> GetBuckets(int index) => inner.GetBuckets(index);

        public int ReadHistogram(int index, SeriesPart part, int bucket, long afterMs, long untilMs, Span<long> times, Span<double> values)
        {
            if (Counting)
            {
                Reads++;
            }

            return inner.ReadHistogram(index, part, bucket, afterMs, untilMs, times, values);
        }
    }
}
