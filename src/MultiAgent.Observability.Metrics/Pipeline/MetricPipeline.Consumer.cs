using Microsoft.Extensions.Logging;

namespace MultiAgent.Observability.Metrics;

/// <content>The single consumer: drains batches, takes idle producers' partial batches, answers flushes, drains on stop.</content>
internal sealed partial class MetricPipeline
{
    private readonly AsyncSignal _signal = new();
    private readonly List<FlushRequest> _flushes = [];
    private readonly List<Batch> _stolen = [];
    private readonly HistoryRing _history;
    private readonly ITimer _timer;
    private readonly Task _consumer;
    private PauseRequest? _pause;
    private int _scanRequested;
    private long _aggregated;

    /// <summary>Holds the consumer before its next pass until <paramref name="until"/> completes, so tests can fill the buffer deterministically.</summary>
    /// <returns>A task that completes once the consumer is held.</returns>
    internal Task PauseConsumer(Task until)
    {
        var request = new PauseRequest(until, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Volatile.Write(ref _pause, request);
        _signal.Set();
        return request.Paused.Task;
    }

    private void OnTick()
    {
        _clock.Reanchor();
        RequestScan();
    }

    private void RequestScan()
    {
        Volatile.Write(ref _scanRequested, 1);
        _signal.Set();
    }

    private async Task RunConsumerAsync()
    {
        var reader = _channel.Reader;
        while (true)
        {
            if (Interlocked.Exchange(ref _pause, null) is { } pause)
            {
                pause.Paused.TrySetResult();
                await pause.Until.ConfigureAwait(false);
            }

            try
            {
                Drain();
                var stopping = Volatile.Read(ref _stopping) != 0;
                if (Interlocked.Exchange(ref _scanRequested, 0) != 0 || stopping)
                {
                    TakePartialBatches();
                    CompleteFlushes();
                    if (stopping && Volatile.Read(ref _aggregated) + Interlocked.Read(ref _dropped) >= TotalAccepted())
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

            // Producers set the signal after every batch they hand over, so one reusable wait covers data,
            // ticks, flushes and stop without allocating.
            if (!reader.TryPeek(out _))
            {
                await _signal.WaitAsync().ConfigureAwait(false);
            }
        }

        _channel.Writer.TryComplete();
        CompleteFlushes(all: true);
    }

    private void Drain()
    {
        while (_channel.Reader.TryRead(out var batch))
        {
            Aggregate(batch);
        }
    }

    /// <summary>
    /// Takes every producer's partial batch. Raising the seal on all slots, then one process-wide barrier,
    /// guarantees each producer either sees the seal before writing or has finished its write.
    /// </summary>
    private void TakePartialBatches()
    {
        var slots = Volatile.Read(ref _slots);
        var any = false;
        foreach (var slot in slots)
        {
            any |= Volatile.Read(ref slot.Current.Count) > 0 || !slot.Owner.IsAlive;
        }

        if (!any)
        {
            return;
        }

        foreach (var slot in slots)
        {
            Volatile.Write(ref slot.SealRequested, 1);
        }

        Interlocked.MemoryBarrierProcessWide();
        foreach (var slot in slots)
        {
            var spinner = default(SpinWait);
            while (Volatile.Read(ref slot.InRecord) != 0)
            {
                spinner.SpinOnce();
            }

            if (slot.Current.Count > 0 && Volatile.Read(ref slot.PendingHandoff) == 0)
            {
                _stolen.Add(slot.Current);
                slot.Current = RentBatch();
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
            Aggregate(batch);
        }

        _stolen.Clear();
        RetireDeadSlots(slots);
    }

    private void RetireDeadSlots(ProducerSlot[] slots)
    {
        foreach (var slot in slots)
        {
            if (!slot.Owner.IsAlive && slot.Current.Count == 0 && Volatile.Read(ref slot.PendingHandoff) == 0)
            {
                lock (_slotsLock)
                {
                    _retiredAccepted += slot.Accepted;
                    _slots = Array.FindAll(_slots, s => !ReferenceEquals(s, slot));
                }
            }
        }
    }

    private void Aggregate(Batch batch)
    {
        var series = Volatile.Read(ref _series);
        var items = batch.Items;
        var count = batch.Count;
        for (var i = 0; i < count; i++)
        {
            ref readonly var sample = ref items[i];
            series[sample.Series].Apply(sample.Op, sample.Value, sample.TimestampMs);
            _history.Add(sample.Series, sample.Value, sample.TimestampMs);
        }

        Volatile.Write(ref _aggregated, _aggregated + count);
        ReturnBatch(batch);
    }

    private void CompleteFlushes(bool all = false)
    {
        lock (_flushes)
        {
            if (_flushes.Count == 0)
            {
                return;
            }

            var done = Volatile.Read(ref _aggregated) + Interlocked.Read(ref _dropped);
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

    private sealed record PauseRequest(Task Until, TaskCompletionSource Paused);
}
