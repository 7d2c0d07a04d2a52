using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MultiAgent.Observability.Metrics;

/// <summary>
/// The metric pipeline, composed of one part per step: the <see cref="SeriesTable"/> interns series, the
/// <see cref="RecordPath"/> writes samples into per-thread batches, the <see cref="BatchQueue"/> hands full batches
/// over, the <see cref="PipelineConsumer"/> aggregates them, and the <see cref="ReadSide"/> reads the result.
/// This type checks values, routes each call to its part, and owns the lifetime.
/// </summary>
internal sealed class MetricPipeline : IMetricRecorder, IMetricSnapshotRecorder, IMetricReader, IAsyncDisposable, IDisposable
{
    private readonly SeriesTable _series;
    private readonly BatchQueue _queue;
    private readonly RecordPath _record;
    private readonly PipelineConsumer _consumer;
    private readonly ReadSide _read;
    private readonly SampleClock _clock;
    private readonly ITimer _timer;

    public MetricPipeline(IOptions<AgentMetricsOptions> options, TimeProvider timeProvider, ILogger<MetricPipeline>? logger = null)
        : this(options, timeProvider, logger, stampsEverySample: null)
    {
    }

    /// <param name="options">The options.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="stampsEverySample">Overrides <see cref="SampleClock.StampsEverySample"/>, so a test on a fake clock can check per-batch timestamps.</param>
    internal MetricPipeline(IOptions<AgentMetricsOptions> options, TimeProvider timeProvider, ILogger<MetricPipeline>? logger, bool? stampsEverySample)
    {
        var value = options.Value;
        ILogger log = logger ?? NullLogger<MetricPipeline>.Instance;
        var history = History = new HistoryRing(value.HistoryCapacity);
        _clock = new SampleClock(timeProvider, stampsEverySample);
        _series = new SeriesTable(this, value, log);
        _queue = new BatchQueue(value, log, _clock.StampsEverySample);
        _record = new RecordPath(_queue, _clock, log);
        _consumer = new PipelineConsumer(_queue, _record, _series, history, log);
        _read = new ReadSide(this, _series, history, _clock);
        _timer = timeProvider.CreateTimer(static state => ((MetricPipeline)state!).OnTick(), this, value.MaxFlushDelay, value.MaxFlushDelay);
    }

    /// <summary>Gets the allocation-free read side exporters walk.</summary>
    internal ReadSide ReadSide => _read;

    /// <summary>Gets the consumer, for tests that set its seams.</summary>
    internal PipelineConsumer Consumer => _consumer;

    /// <summary>Gets the batch queue, for tests that wait for a producer to block.</summary>
    internal BatchQueue Queue => _queue;

    /// <summary>Gets the history ring, for tests that count what the consumer wrote into it.</summary>
    internal HistoryRing History { get; }

    /// <summary>Gets the series table, for the benchmark that folds batches into its series directly.</summary>
    internal SeriesTable Series => _series;

    /// <summary>Gets the record path, for tests that hold a write open.</summary>
    internal RecordPath RecordPath => _record;

    public void Describe(MetricDescription description) => _series.Describe(description);

    public MetricSeries GetSeries(string agentId, string metricName, MetricKind kind, params ReadOnlySpan<KeyValuePair<string, string>> labels) =>
        _series.GetSeries(agentId, metricName, kind, labels);

    public void Record(in MetricSeries series, double value)
    {
        if (ReferenceEquals(series.Owner, this) && AcceptsRecord(series.Kind, value))
        {
            _record.Enqueue(series.Index, SampleOp.Record, value);
        }
        else
        {
            _record.Reject();
        }
    }

    public void Add(in MetricSeries series, double increment)
    {
        if (ReferenceEquals(series.Owner, this) && AcceptsAdd(series.Kind, increment))
        {
            _record.Enqueue(series.Index, SampleOp.Add, increment);
        }
        else
        {
            _record.Reject();
        }
    }

    public void Record(string agentId, string metricName, MetricKind kind, double value, params ReadOnlySpan<KeyValuePair<string, string>> labels)
    {
        if (!AcceptsRecord(kind, value))
        {
            throw new ArgumentOutOfRangeException(
                nameof(value),
                value,
                $"{kind} '{metricName}' of agent '{agentId}' takes finite values{(kind == MetricKind.Counter ? " that are not negative" : string.Empty)}.");
        }

        Record(GetSeries(agentId, metricName, kind, labels), value);
    }

    public void Add(string agentId, string metricName, double increment, params ReadOnlySpan<KeyValuePair<string, string>> labels)
    {
        if (!AcceptsAdd(MetricKind.Counter, increment))
        {
            throw new ArgumentOutOfRangeException(
                nameof(increment),
                increment,
                $"Counter '{metricName}' of agent '{agentId}' takes finite, non-negative increments.");
        }

        Add(GetSeries(agentId, metricName, MetricKind.Counter, labels), increment);
    }

    public bool RecordHistogram(in MetricSeries series, ReadOnlySpan<double> upperBounds, ReadOnlySpan<double> cumulativeCounts, double sum, double count)
    {
        if (!ReferenceEquals(series.Owner, this)
            || series.Kind != MetricKind.Histogram
            || _series[series.Index] is not { IsRetired: false } state
            || !upperBounds.SequenceEqual(state.Family.Buckets)
            || !SnapshotValues.IsCumulativeHistogram(cumulativeCounts, upperBounds.Length + 1, sum, count))
        {
            _record.Reject();
            return false;
        }

        state.Stage.Put(cumulativeCounts, sum, count);
        _record.Enqueue(series.Index, SampleOp.Snapshot, count);
        return true;
    }

    public bool RecordSummary(in MetricSeries series, ReadOnlySpan<double> quantiles, ReadOnlySpan<double> quantileValues, double sum, double count)
    {
        if (!ReferenceEquals(series.Owner, this)
            || series.Kind != MetricKind.Summary
            || _series[series.Index] is not { IsRetired: false } state
            || !quantiles.SequenceEqual(state.Family.Quantiles)
            || quantileValues.Length != quantiles.Length
            || !double.IsFinite(sum)
            || !(double.IsFinite(count) && count >= 0))
        {
            _record.Reject();
            return false;
        }

        state.Stage.Put(quantileValues, sum, count);
        _record.Enqueue(series.Index, SampleOp.Snapshot, count);
        return true;
    }

    public bool Retire(in MetricSeries series) => _series.Retire(series);

    public MetricSeriesInfo GetInfo(in MetricSeries series) => _read.GetInfo(series);

    public MetricAggregate? GetAggregate(in MetricSeries series) => _read.GetAggregate(series);

    public IReadOnlyList<MetricPoint> GetRecentValues(in MetricSeries series, DateTimeOffset windowStart, DateTimeOffset windowEnd) =>
        _read.GetRecentValues(series, windowStart, windowEnd);

    public IReadOnlyList<MetricSeriesInfo> ListSeries() => _read.ListSeries();

    public IReadOnlyList<MetricDescription> ListFamilies() => _read.ListFamilies();

    public IReadOnlyList<MetricSample> GetHistory() => _read.GetHistory();

    public MetricPipelineStatistics GetStatistics()
    {
        // Aggregated and dropped are read before accepted, so a concurrent sample can only make the
        // snapshot show it in flight, never as more accounted-for than accepted.
        var aggregated = _consumer.Aggregated;
        var dropped = _queue.Dropped;
        return new MetricPipelineStatistics(_record.Accepted, aggregated, dropped, _record.Rejected, _series.LiveCount, _series.Refused)
        {
            SeriesRetired = _series.RetiredCount,
        };
    }

    public Task FlushAsync(CancellationToken cancellationToken = default) => _consumer.FlushAsync(cancellationToken);

    /// <summary>Stops accepting samples, aggregates every sample accepted so far, and ends the consumer.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        _record.Stop();
        _consumer.RequestScan();
        await _consumer.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _timer.DisposeAsync().ConfigureAwait(false);
        _record.Dispose();
    }

    /// <summary>Drains and stops synchronously, for containers disposed with <see cref="IDisposable"/>; the consumer runs on the thread pool, so blocking here cannot deadlock it.</summary>
    public void Dispose()
    {
        StopAsync().GetAwaiter().GetResult();
        _timer.Dispose();
        _record.Dispose();
    }

    /// <summary>The values <see cref="Record(in MetricSeries, double)"/> takes: anything for a gauge, finite values otherwise, and not negative for a counter's cumulative total.</summary>
    private static bool AcceptsRecord(MetricKind kind, double value) =>
        kind == MetricKind.Gauge || (double.IsFinite(value) && (kind != MetricKind.Counter || value >= 0));

    /// <summary>The increments <see cref="Add(in MetricSeries, double)"/> takes: finite, and not negative for a counter; histograms and summaries take none.</summary>
    private static bool AcceptsAdd(MetricKind kind, double increment) =>
        double.IsFinite(increment) && (kind == MetricKind.Gauge || (kind == MetricKind.Counter && increment >= 0));

    private void OnTick()
    {
        _clock.Reanchor();
        _consumer.RequestScan();
    }
}
