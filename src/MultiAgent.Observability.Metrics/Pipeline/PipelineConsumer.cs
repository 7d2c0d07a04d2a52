using Microsoft.Extensions.Logging;

namespace MultiAgent.Observability.Metrics;

/// <summary>
/// The single consumer: drains full batches from the <see cref="BatchQueue"/>, takes idle producers' partial batches
/// when asked (a tick, a flush, a stop), folds every sample into its series and the history ring, answers flushes,
/// and on stop drains every accepted sample before it ends.
/// </summary>
internal sealed class PipelineConsumer
{
    private readonly BatchQueue _queue;
    private readonly RecordPath _producers;
    private readonly SeriesTable _series;
    private readonly HistoryRing _history;
    private readonly ILogger _logger;
    private readonly List<FlushRequest> _flushes = [];
    private readonly List<Batch> _stolen = [];
    private readonly Task _run;
    private ConsumerHooks? _hooks;
    private int _scanRequested;
    private long _aggregated;
    private bool _finished;

    public PipelineConsumer(BatchQueue queue, RecordPath producers, SeriesTable series, HistoryRing history, ILogger logger)
    {
        _queue = queue;
        _producers = producers;
        _series = series;
        _history = history;
        _logger = logger;
        _run = Task.Run(RunAsync);
    }

    /// <summary>Gets the samples folded into their series.</summary>
    public long Aggregated => Volatile.Read(ref _aggregated);

    /// <summary>Gets a task that completes when the consumer has ended (after a stop and a full drain).</summary>
    public Task Completion => _run;

    /// <summary>Sets the test seam; production code never sets it.</summary>
    internal ConsumerHooks? Hooks
    {
        set
        {
            Volatile.Write(ref _hooks, value);
            _queue.Wake();
        }
    }

    /// <summary>Asks for a pass that also takes idle producers' partial batches.</summary>
    public void RequestScan()
    {
        Volatile.Write(ref _scanRequested, 1);
        _queue.Wake();
    }

    /// <summary>Completes once every sample accepted before the call is aggregated or dropped, or at once when the consumer has ended.</summary>
    public Task FlushAsync(CancellationToken cancellationToken)
    {
        var request = new FlushRequest(_producers.Accepted);
        lock (_flushes)
        {
            // Checked under the lock the consumer's final pass takes: a flush either sees the end or is completed by it.
            if (_finished)
            {
                return Task.CompletedTask;
            }

            _flushes.Add(request);
        }

        RequestScan();
        return request.Completion.Task.WaitAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        while (true)
        {
            if (Volatile.Read(ref _hooks)?.BeforePass is { } beforePass)
            {
                await beforePass().ConfigureAwait(false);
            }

            try
            {
                Drain();
                var stopping = _producers.IsStopping;
                if (Interlocked.Exchange(ref _scanRequested, 0) != 0 || stopping)
                {
                    var slots = TakePartialBatches(always: stopping);
                    CompleteFlushes();
                    Volatile.Read(ref _hooks)?.Scanned?.Invoke();
                    if (stopping && !ReferenceEquals(slots, _producers.Slots))
                    {
                        // A thread registered (or a dead one retired) during the pass: look at every slot again, now.
                        continue;
                    }

                    if (stopping && Aggregated + _queue.Dropped >= _producers.Accepted)
                    {
                        break;
                    }
                }
            }
#pragma warning disable CA1031 // The consumer must outlive any one bad batch: log, count and go on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.ConsumerFailed(_logger, ex);
            }

            if (!_queue.SpinForBatch())
            {
                await _queue.WaitAsync().ConfigureAwait(false);
            }
        }

        _queue.Complete();
        lock (_flushes)
        {
            _finished = true;
            CompleteFlushes(all: true);
        }

        if (Volatile.Read(ref _hooks)?.Finished is { } finished)
        {
            await finished().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Aggregates every queued batch. A batch with at least the history ring's capacity of samples queued behind it
    /// skips the ring: those newer samples overwrite it before this drain ends (a drop under
    /// <see cref="FullBufferPolicy.DropOldest"/> takes only the oldest batches of a full queue, so they still arrive).
    /// </summary>
    private void Drain()
    {
        while (_queue.TryTake(out var batch))
        {
            Aggregate(batch, toHistory: _queue.QueuedSamples < _history.Capacity);
        }
    }

    /// <summary>
    /// Takes every producer's partial batch. Raising the seal on all slots, then one process-wide barrier,
    /// guarantees each producer either sees the seal (or the stop) before writing or has finished its write.
    /// When nothing looks pending it skips the barrier, except on stop (<paramref name="always"/>): a producer
    /// that read "not stopping" may be in the middle of a write that no count shows yet.
    /// </summary>
    /// <returns>The slots it looked at.</returns>
    private ProducerSlot[] TakePartialBatches(bool always)
    {
        var slots = _producers.Slots;
        if (!always && !AnyPending(slots))
        {
            return slots;
        }

        foreach (var slot in slots)
        {
            Volatile.Write(ref slot.SealRequested, 1);
        }

        Interlocked.MemoryBarrierProcessWide();
        Volatile.Read(ref _hooks)?.SealRaised?.Invoke();
        foreach (var slot in slots)
        {
            var spinner = default(SpinWait);
            while (Volatile.Read(ref slot.InRecord) != 0)
            {
                spinner.SpinOnce();
            }

            if (slot.Count > 0 && Volatile.Read(ref slot.PendingHandoff) == 0)
            {
                _stolen.Add(slot.Swap(_queue.Rent()));
            }
        }

        foreach (var slot in slots)
        {
            Volatile.Write(ref slot.SealRequested, 0);
        }

        // Batches a producer handed over before the seal are older than its partial batch: drain them first.
        Drain();
        foreach (var batch in _stolen)
        {
            Aggregate(batch, toHistory: true);
        }

        _stolen.Clear();
        foreach (var slot in slots)
        {
            if (!slot.Thread.IsAlive && slot.Count == 0 && Volatile.Read(ref slot.PendingHandoff) == 0)
            {
                _producers.Retire(slot);
            }
        }

        return slots;
    }

    private static bool AnyPending(ProducerSlot[] slots)
    {
        foreach (var slot in slots)
        {
            if (Volatile.Read(ref slot.Count) > 0 || !slot.Thread.IsAlive)
            {
                return true;
            }
        }

        return false;
    }

    private void Aggregate(Batch batch, bool toHistory)
    {
        var timestampMs = batch.TimestampMs;
        var times = batch.Times;
        var samples = batch.Items.AsSpan(0, batch.Count);
        Fold(_series.States, samples, timestampMs, times);
        if (toHistory)
        {
            _history.Add(samples, timestampMs, times);
        }

        Volatile.Write(ref _aggregated, _aggregated + samples.Length);
        _queue.Return(batch);
    }

    /// <summary>
    /// Folds a batch's samples into their series, each at <paramref name="timestampMs"/> or, when
    /// <paramref name="times"/> is given, at its own time. Only the consumer calls it (and a benchmark, on series
    /// nothing else writes).
    /// </summary>
    internal static void Fold(ReadOnlySpan<SeriesState> states, ReadOnlySpan<Sample> samples, long timestampMs, long[]? times)
    {
        for (var i = 0; i < samples.Length; i++)
        {
            ref readonly var sample = ref samples[i];
            states[sample.Series].Apply(sample.Op, sample.Value, times is null ? timestampMs : times[i]);
        }
    }

    private void CompleteFlushes(bool all = false)
    {
        lock (_flushes)
        {
            if (_flushes.Count == 0)
            {
                return;
            }

            var done = Aggregated + _queue.Dropped;
            for (var i = _flushes.Count - 1; i >= 0; i--)
            {
                if (all || _flushes[i].Target <= done)
                {
                    _flushes[i].Completion.TrySetResult();
                    _flushes.RemoveAt(i);
                }
            }

            if (_flushes.Count > 0)
            {
                // Samples still on their way (a producer blocked under the Wait policy): look again on the next wake.
                Volatile.Write(ref _scanRequested, 1);
            }
        }
    }

    private sealed class FlushRequest(long target)
    {
        public long Target { get; } = target;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>Test seams into the consumer's loop, to force interleavings deterministically; null in production.</summary>
internal sealed class ConsumerHooks
{
    /// <summary>Gets the step awaited before every pass (a test holds the consumer here).</summary>
    public Func<Task>? BeforePass { get; init; }

    /// <summary>Gets the step run once the seal is raised and the barrier issued, before producers are waited for.</summary>
    public Action? SealRaised { get; init; }

    /// <summary>Gets the step run after every pass that took idle producers' partial batches.</summary>
    public Action? Scanned { get; init; }

    /// <summary>Gets the step awaited after the final pass, before the consumer's task completes.</summary>
    public Func<Task>? Finished { get; init; }
}
