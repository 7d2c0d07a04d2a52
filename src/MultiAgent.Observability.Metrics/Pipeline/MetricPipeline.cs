using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MultiAgent.Observability.Metrics;

/// <summary>
/// The metric pipeline: producers write samples into per-thread batches with plain stores; full batches
/// go to one aggregating consumer through a bounded <see cref="Channel{T}"/> (one channel write per batch);
/// the consumer also takes idle producers' partial batches at least every <see cref="AgentMetricsOptions.MaxFlushDelay"/>.
/// </summary>
internal sealed partial class MetricPipeline : IMetricRecorder, IMetricReader, IAsyncDisposable, IDisposable
{
    [ThreadStatic]
    private static SlotCache? t_cache;

    private readonly AgentMetricsOptions _options;
    private readonly ILogger _logger;
    private readonly SampleClock _clock;
    private readonly Channel<Batch> _channel;
    private readonly ConcurrentQueue<Batch> _pool = new();
    private readonly ThreadLocal<ProducerSlot> _threadSlots;
    private readonly Lock _slotsLock = new();
    private ProducerSlot[] _slots = [];
    private long _retiredAccepted;
    private int _stopping;
    private long _dropped;
    private long _rejected;
    private int _dropLogged;

    public MetricPipeline(IOptions<AgentMetricsOptions> options, TimeProvider timeProvider, ILogger<MetricPipeline>? logger = null)
    {
        _options = options.Value;
        _logger = logger ?? NullLogger<MetricPipeline>.Instance;
        _clock = new SampleClock(timeProvider);
        _history = new HistoryRing(_options.HistoryCapacity);
        _threadSlots = new ThreadLocal<ProducerSlot>(RegisterSlot);
        var batches = Math.Max(1, _options.Capacity / _options.BatchSize);
        _channel = Channel.CreateBounded<Batch>(
            new BoundedChannelOptions(batches)
            {
                SingleReader = true,
                FullMode = _options.FullBufferPolicy switch
                {
                    FullBufferPolicy.DropNewest => BoundedChannelFullMode.DropWrite,
                    FullBufferPolicy.Wait => BoundedChannelFullMode.Wait,
                    _ => BoundedChannelFullMode.DropOldest,
                },
            },
            OnBatchDropped);
        _index = new ConcurrentDictionary<SeriesKey, int>(SeriesKeyComparer.Instance);
        _lookup = _index.GetAlternateLookup<SeriesLookup>();
        _timer = timeProvider.CreateTimer(static state => ((MetricPipeline)state!).OnTick(), this, _options.MaxFlushDelay, _options.MaxFlushDelay);
        _consumer = Task.Run(RunConsumerAsync);
    }

    public void Record(in MetricSeries series, double value)
    {
        if (ReferenceEquals(series.Owner, this) && AcceptsRecord(series.Kind, value))
        {
            Enqueue(series.Index, SampleOp.Record, value);
        }
        else
        {
            Interlocked.Increment(ref _rejected);
        }
    }

    public void Add(in MetricSeries series, double increment)
    {
        if (ReferenceEquals(series.Owner, this) && AcceptsAdd(series.Kind, increment))
        {
            Enqueue(series.Index, SampleOp.Add, increment);
        }
        else
        {
            Interlocked.Increment(ref _rejected);
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

    public MetricPipelineStatistics GetStatistics()
    {
        // Aggregated and dropped are read before accepted, so a concurrent sample can only make the
        // snapshot show it in flight, never as more accounted-for than accepted.
        var aggregated = Volatile.Read(ref _aggregated);
        var dropped = Interlocked.Read(ref _dropped);
        return new MetricPipelineStatistics(
            TotalAccepted(),
            aggregated,
            dropped,
            Interlocked.Read(ref _rejected),
            Volatile.Read(ref _seriesCount),
            Interlocked.Read(ref _seriesRefused));
    }

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        if (_consumer.IsCompleted)
        {
            return;
        }

        var request = new FlushRequest(TotalAccepted());
        lock (_flushes)
        {
            _flushes.Add(request);
        }

        RequestScan();
        await request.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops accepting samples, aggregates every sample accepted so far, and ends the consumer.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        Volatile.Write(ref _stopping, 1);
        RequestScan();
        await _consumer.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _timer.DisposeAsync().ConfigureAwait(false);
        _threadSlots.Dispose();
    }

    /// <summary>Drains and stops synchronously, for containers disposed with <see cref="IDisposable"/>; the consumer runs on the thread pool, so blocking here cannot deadlock it.</summary>
    public void Dispose()
    {
        StopAsync().GetAwaiter().GetResult();
        _timer.Dispose();
        _threadSlots.Dispose();
    }

    /// <summary>The values <see cref="Record(in MetricSeries, double)"/> takes: anything for a gauge, finite values otherwise, and not negative for a counter's cumulative total.</summary>
    private static bool AcceptsRecord(MetricKind kind, double value) =>
        kind == MetricKind.Gauge || (double.IsFinite(value) && (kind != MetricKind.Counter || value >= 0));

    /// <summary>The increments <see cref="Add(in MetricSeries, double)"/> takes: finite, and not negative for a counter; histograms and summaries take none.</summary>
    private static bool AcceptsAdd(MetricKind kind, double increment) =>
        double.IsFinite(increment) && (kind == MetricKind.Gauge || (kind == MetricKind.Counter && increment >= 0));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Enqueue(int series, SampleOp op, double value)
    {
        var cache = t_cache;
        var slot = cache is not null && ReferenceEquals(cache.Owner, this) ? cache.Slot! : CurrentSlot();
        Volatile.Write(ref slot.InRecord, 1);
        if ((Volatile.Read(ref slot.SealRequested) | Volatile.Read(ref _stopping)) != 0)
        {
            EnqueueContended(slot, series, op, value);
            return;
        }

        var batch = slot.Current;
        var n = batch.Count;
        ref var item = ref batch.Items[n];
        item.Series = series;
        item.Op = op;
        item.Value = value;
        item.TimestampMs = _clock.NowMs();
        batch.Count = n + 1;
        slot.Accepted++;
        if (n + 1 == batch.Items.Length)
        {
            HandOff(slot, batch);
        }
        else
        {
            Volatile.Write(ref slot.InRecord, 0);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EnqueueContended(ProducerSlot slot, int series, SampleOp op, double value)
    {
        Volatile.Write(ref slot.InRecord, 0);
        if (Volatile.Read(ref _stopping) != 0)
        {
            Interlocked.Increment(ref _rejected);
            return;
        }

        // The consumer is swapping this slot's batch out; it holds the seal for a few instructions.
        var spinner = default(SpinWait);
        while (Volatile.Read(ref slot.SealRequested) != 0)
        {
            spinner.SpinOnce();
        }

        Enqueue(series, op, value);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void HandOff(ProducerSlot slot, Batch full)
    {
        slot.Current = RentBatch();
        if (_channel.Writer.TryWrite(full))
        {
            Volatile.Write(ref slot.InRecord, 0);
            _signal.Set();
            return;
        }

        // Only FullBufferPolicy.Wait refuses a write. Block outside the handshake window so the
        // consumer can still take other slots' batches; the pending mark keeps this slot's order.
        Volatile.Write(ref slot.PendingHandoff, 1);
        Volatile.Write(ref slot.InRecord, 0);
        try
        {
            while (!_channel.Writer.TryWrite(full))
            {
                if (!_channel.Writer.WaitToWriteAsync().AsTask().GetAwaiter().GetResult())
                {
                    OnBatchDropped(full);
                    break;
                }
            }

            _signal.Set();
        }
        finally
        {
            Volatile.Write(ref slot.PendingHandoff, 0);
        }
    }

    private ProducerSlot CurrentSlot()
    {
        var slot = _threadSlots.Value!;
        var cache = t_cache ??= new SlotCache();
        cache.Owner = this;
        cache.Slot = slot;
        return slot;
    }

    private ProducerSlot RegisterSlot()
    {
        var slot = new ProducerSlot(RentBatch(), Thread.CurrentThread);
        lock (_slotsLock)
        {
            _slots = [.. _slots, slot];
        }

        return slot;
    }

    private Batch RentBatch()
    {
        if (_pool.TryDequeue(out var batch))
        {
            return batch;
        }

        return new Batch(_options.BatchSize);
    }

    private void ReturnBatch(Batch batch)
    {
        batch.Count = 0;
        _pool.Enqueue(batch);
    }

    private void OnBatchDropped(Batch batch)
    {
        Interlocked.Add(ref _dropped, batch.Count);
        if (Interlocked.Exchange(ref _dropLogged, 1) == 0)
        {
            Log.SamplesDropped(_logger, _options.Capacity, _options.FullBufferPolicy);
        }

        ReturnBatch(batch);
    }

    private long TotalAccepted()
    {
        lock (_slotsLock)
        {
            var total = _retiredAccepted;
            foreach (var slot in _slots)
            {
                total += Volatile.Read(ref slot.Accepted);
            }

            return total;
        }
    }

    private sealed class FlushRequest(long target)
    {
        public long Target { get; } = target;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
