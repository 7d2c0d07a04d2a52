using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace MultiAgent.Observability.Metrics;

/// <summary>
/// The record path: each producer thread owns a slot whose current batch it fills with plain stores; a full batch
/// goes to the <see cref="BatchQueue"/> and is replaced from its pool. Counts what it accepts (per slot, without an
/// interlocked instruction) and what it refuses.
/// </summary>
internal sealed class RecordPath : IDisposable
{
    [ThreadStatic]
    private static ProducerSlot? t_slot;

    private readonly BatchQueue _queue;
    private readonly SampleClock _clock;
    private readonly ILogger _logger;
    private readonly ThreadLocal<ProducerSlot> _threadSlots;

    // 0 when the clock stamps every sample (every count stamps), -1 when only a batch's first sample reads it (count 0).
    private readonly int _stampMask;
    private readonly Lock _slotsLock = new();
    private ProducerSlot[] _slots = [];
    private long _retiredAccepted;
    private long _rejected;
    private int _stopping;
    private int _stopLogged;

    public RecordPath(BatchQueue queue, SampleClock clock, ILogger logger)
    {
        _queue = queue;
        _clock = clock;
        _logger = logger;
        _stampMask = clock.StampsEverySample ? 0 : -1;
        _threadSlots = new ThreadLocal<ProducerSlot>(RegisterSlot);
    }

    /// <summary>Gets whether <see cref="Stop"/> was called: every sample offered from then on is rejected.</summary>
    public bool IsStopping => Volatile.Read(ref _stopping) != 0;

    /// <summary>Gets the live producer slots; the array is replaced, never changed, when a slot comes or goes.</summary>
    public ProducerSlot[] Slots => Volatile.Read(ref _slots);

    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Gets every sample accepted so far, by live and retired slots.</summary>
    public long Accepted
    {
        get
        {
            lock (_slotsLock)
            {
                var total = _retiredAccepted;
                foreach (var slot in _slots)
                {
                    total += slot.Accepted;
                }

                return total;
            }
        }
    }

    public void Reject() => Interlocked.Increment(ref _rejected);

    /// <summary>Records one sample: one thread-static read and a 16-byte write into the thread's batch (the clock is read once per batch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Enqueue(int series, SampleOp op, double value)
    {
        var slot = t_slot;
        if (slot is null || !ReferenceEquals(slot.Path, this))
        {
            slot = CurrentSlot();
        }

        if (slot is null)
        {
            RejectStopped();
            return;
        }

        Volatile.Write(ref slot.InRecord, 1);
        if ((Volatile.Read(ref slot.SealRequested) | Volatile.Read(ref _stopping)) != 0)
        {
            EnqueueContended(slot, series, op, value);
            return;
        }

        Write(slot, series, op, value);
    }

    /// <summary>
    /// The write itself, once the handshake let it through (<see cref="ProducerSlot.InRecord"/> set, no seal, not
    /// stopping): appends (which counts it), hands a full batch over, and clears <see cref="ProducerSlot.InRecord"/>.
    /// Tests call it directly to finish a write they held open.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Write(ProducerSlot slot, int series, SampleOp op, double value)
    {
        var n = slot.Count;
        if ((n & _stampMask) == 0)
        {
            Stamp(slot, n);
        }

        var items = slot.Items;
        ref var item = ref items[n];
        item.Value = value;
        item.Series = series;
        item.Op = op;
        slot.Count = n + 1;
        if (n + 1 == items.Length)
        {
            HandOff(slot);
        }
        else
        {
            Volatile.Write(ref slot.InRecord, 0);
        }
    }

    /// <summary>Gets the calling thread's slot, registering it on first use; null once stopped.</summary>
    internal ProducerSlot? CurrentSlot()
    {
        if (IsStopping)
        {
            return null;
        }

        ProducerSlot slot;
        try
        {
            slot = _threadSlots.Value!;
        }
        catch (ObjectDisposedException)
        {
            // Disposed between the check above and here: the sample is refused like any other after stop.
            return null;
        }

        t_slot = slot;
        return slot;
    }

    public void Stop() => Volatile.Write(ref _stopping, 1);

    /// <summary>Removes a slot whose thread has ended and whose batch the consumer has taken, keeping its count.</summary>
    public void Retire(ProducerSlot slot)
    {
        lock (_slotsLock)
        {
            _retiredAccepted += slot.Accepted;
            _slots = Array.FindAll(_slots, s => !ReferenceEquals(s, slot));
        }
    }

    public void Dispose() => _threadSlots.Dispose();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EnqueueContended(ProducerSlot slot, int series, SampleOp op, double value)
    {
        Volatile.Write(ref slot.InRecord, 0);
        if (IsStopping)
        {
            RejectStopped();
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

    private void RejectStopped()
    {
        Reject();
        if (Interlocked.Exchange(ref _stopLogged, 1) == 0)
        {
            Log.RecordAfterStop(_logger);
        }
    }

    /// <summary>
    /// Reads the clock for a batch's first sample, which every sample of the batch then carries, or for every sample
    /// when the clock stamps every sample (<see cref="SampleClock.StampsEverySample"/>: the batch keeps their times).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Stamp(ProducerSlot slot, int index)
    {
        var now = _clock.NowMs();
        var batch = slot.Current;
        if (index == 0)
        {
            batch.TimestampMs = now;
        }

        if (batch.Times is { } times)
        {
            times[index] = now;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void HandOff(ProducerSlot slot)
    {
        var full = slot.Swap(_queue.Rent());
        if (_queue.TryHandOff(full))
        {
            Volatile.Write(ref slot.InRecord, 0);
            return;
        }

        // Only FullBufferPolicy.Wait refuses a write. Wait outside the handshake window so the consumer can still
        // take other slots' batches; the pending mark keeps this slot's partial batch behind the full one.
        Volatile.Write(ref slot.PendingHandoff, 1);
        Volatile.Write(ref slot.InRecord, 0);
        try
        {
            _queue.HandOffWhenRoom(full);
        }
        finally
        {
            Volatile.Write(ref slot.PendingHandoff, 0);
        }
    }

    private ProducerSlot RegisterSlot()
    {
        var slot = new ProducerSlot(this, _queue.Rent(), Thread.CurrentThread);
        lock (_slotsLock)
        {
            _slots = [.. _slots, slot];
        }

        return slot;
    }
}
