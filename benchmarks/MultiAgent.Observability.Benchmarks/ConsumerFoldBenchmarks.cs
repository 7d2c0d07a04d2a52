using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using MultiAgent.Observability.Metrics;
using PromCounter = Prometheus.Counter;
using PromMetrics = Prometheus.Metrics;

namespace MultiAgent.Observability.Benchmarks;

/// <summary>
/// What the pipeline's consumer does per sample, alone on one thread: the drain loop's fold of 512-sample batches into
/// their series (<c>PipelineConsumer.Fold</c>) and the copy into a 10,000-sample history ring, over
/// <see cref="PipelineBenchmarks"/>' workload (64 series, 16 agents x 4 names, two counters and two gauges each),
/// against prometheus-net's pre-resolved <c>Inc()</c> of as many samples in the same run.
/// </summary>
/// <remarks>
/// With one producer the consumer folds every sample on the other core while the producer records the next ones, so
/// its time per sample bounds a one-producer burst from below, whatever the record path costs. The batches are folded
/// into a real pipeline's series while nothing records into it (its own consumer stays idle, so the states keep one
/// writer); the history ring is this benchmark's own.
/// </remarks>
[MemoryDiagnoser]
public class ConsumerFoldBenchmarks
{
    private const int BatchSize = 512;
    private const int Batches = 2_000;
    private const int Samples = BatchSize * Batches;
    private const int SeriesCount = PipelineBenchmarks.SeriesCount;

    private readonly Sample[] _batch = new Sample[BatchSize];
    private readonly HistoryRing _history = new(10_000);
    private ServiceProvider? _services;
    private SeriesTable? _table;
    private MetricSeries[] _handles = [];
    private PromCounter.Child[] _promChildren = [];
    private long _timestampMs = 1_700_000_000_000;

    [GlobalSetup]
    public void Setup()
    {
        _services = new ServiceCollection().AddLogging().AddMultiAgentMonitoring().AddAgentMetrics().Services.BuildServiceProvider();
        var pipeline = (MetricPipeline)_services.GetRequiredService<IMetricRecorder>();
        _table = pipeline.Series;
        _handles = [.. Enumerable.Range(0, SeriesCount).Select(i => pipeline.GetSeries(
            PipelineBenchmarks.AgentId(i),
            PipelineBenchmarks.MetricName(i),
            PipelineBenchmarks.IsCounter(i) ? MetricKind.Counter : MetricKind.Gauge,
            KeyValuePair.Create(PipelineBenchmarks.LabelName, PipelineBenchmarks.LabelValue(i))))];

        // The samples PipelineBenchmarks records, in its order: counters add 1, gauges record i & 15.
        for (var i = 0; i < BatchSize; i++)
        {
            var index = i & (SeriesCount - 1);
            _batch[i] = PipelineBenchmarks.IsCounter(index)
                ? new Sample { Series = _handles[index].Index, Op = SampleOp.Add, Value = 1 }
                : new Sample { Series = _handles[index].Index, Op = SampleOp.Record, Value = i & 15 };
        }

        var registry = PromMetrics.NewCustomRegistry();
        var counter = PromMetrics.WithCustomRegistry(registry).CreateCounter("agent_samples_total", "Samples.", "agent_id", "metric", PipelineBenchmarks.LabelName);
        _promChildren = [.. Enumerable.Range(0, SeriesCount).Select(i => counter.WithLabels(
            PipelineBenchmarks.AgentId(i), PipelineBenchmarks.MetricName(i), PipelineBenchmarks.LabelValue(i)))];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        var folded = _handles.Sum(h => _table!.States[h.Index].Snapshot(0)?.SampleCount ?? 0);
        var counted = _promChildren.Sum(c => c.Value);
        _services?.Dispose();
        if (folded % Samples != 0 || counted % Samples != 0 || _history.Written % Samples != 0)
        {
            throw new InvalidOperationException($"Benchmark self-check failed: folded {folded}, counted {counted}, history {_history.Written}.");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Samples)]
    public void PrometheusNet()
    {
        var children = _promChildren;
        for (var i = 0; i < Samples; i++)
        {
            children[i & (SeriesCount - 1)].Inc();
        }
    }

    [Benchmark(OperationsPerInvoke = Samples)]
    public void ConsumerFold()
    {
        for (var b = 0; b < Batches; b++)
        {
            PipelineConsumer.Fold(_table!.States, _batch, ++_timestampMs, null);
            _history.Add(_batch, _timestampMs, null);
        }
    }
}
