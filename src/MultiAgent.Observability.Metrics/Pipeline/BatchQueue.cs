using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace MultiAgent.Observability.Metrics;

/// <summary>
/// The hand-off between producers and the consumer: full batches go through a bounded <see cref="Channel{T}"/>
/// (one channel write per batch), empty ones come back through a pool. The consumer is woken when a batch lands
/// and the queue holds at least <see cref="_wakeDepth"/> batches: waking costs a thread-pool dispatch, so waking
/// it for every batch made the hand-off, not the samples, the sustained cost. Batches below that depth are taken
/// on the consumer's next pass (a tick, a flush, or the next wake), within <see cref="AgentMetricsOptions.MaxFlushDelay"/>.
/// </summary>
/// <remarks>
/// Under <see cref="FullBufferPolicy.Wait"/> a producer on a thread of its own blocks on a monitor (never on an
/// async wait) until the consumer has drained the queue to half, so a blocked producer and the consumer do not
/// trade one wake-up per batch. A thread-pool producer never blocks: its batch is dropped and counted, as
/// <see cref="FullBufferPolicy.DropNewest"/> would, and the first such drop is logged.
/// </remarks>
internal sealed class BatchQueue
{
    private const int SpinsBeforePark = 20;

    private readonly Channel<Batch> _channel;
    private readonly BatchPool _pool;
    private readonly AsyncSignal _signal = new();
    private readonly object _room = new();
    private readonly AgentMetricsOptions _options;
    private readonly ILogger _logger;
    private readonly int _wakeDepth;
    private readonly int _resumeDepth;
    private long _handedOff;
    private long _taken;
    private long _dropped;
    private int _blocked;
    private bool _completed;
    private int _dropLogged;
    private int _poolDropLogged;

    /// <param name="options">Capacity, batch size and full-buffer policy.</param>
    /// <param name="logger">Logs drops, once per cause.</param>
    /// <param name="timed">Whether batches keep a time per sample (<see cref="SampleClock.StampsEverySample"/>).</param>
    public BatchQueue(AgentMetricsOptions options, ILogger logger, bool timed)
    {
        _options = options;
        _logger = logger;
        _pool = new BatchPool(options.BatchSize, timed);
        var batches = Math.Max(1, options.Capacity / options.BatchSize);
        _wakeDepth = Math.Clamp(batches / 8, 1, 64);
        _resumeDepth = batches / 2;
        _channel = Channel.CreateBounded<Batch>(
            new BoundedChannelOptions(batches)
            {
                SingleReader = true,
                FullMode = options.FullBufferPolicy switch
                {
                    FullBufferPolicy.DropNewest => BoundedChannelFullMode.DropWrite,
                    FullBufferPolicy.Wait => BoundedChannelFullMode.Wait,
                    _ => BoundedChannelFullMode.DropOldest,
                },
            },
            DroppedByChannel);
    }

    /// <summary>Gets or sets the test seam run when a producer is about to block for room; null in production.</summary>
    internal Action? Blocked { get; set; }

    /// <summary>Gets the accepted samples dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>
    /// Gets how many samples wait in the queue: a lower bound while producers hand batches over, since only full
    /// batches go through it and a batch is counted once its write has succeeded.
    /// </summary>
    public long QueuedSamples => Depth() * _options.BatchSize;

    public Batch Rent() => _pool.Rent();

    public void Return(Batch batch) => _pool.Return(batch);

    /// <summary>Hands a full batch to the consumer; false only under <see cref="FullBufferPolicy.Wait"/> when the queue is full.</summary>
    public bool TryHandOff(Batch full)
    {
        if (!_channel.Writer.TryWrite(full))
        {
            return false;
        }

        if (Interlocked.Increment(ref _handedOff) - Volatile.Read(ref _taken) >= _wakeDepth)
        {
            _signal.Set();
        }

        return true;
    }

    /// <summary>
    /// Hands a full batch over when <see cref="TryHandOff"/> found the queue full under <see cref="FullBufferPolicy.Wait"/>:
    /// blocks this (non-pool) thread until the consumer makes room, or drops the batch on a thread-pool thread.
    /// </summary>
    public void HandOffWhenRoom(Batch full)
    {
        try
        {
            if (Thread.CurrentThread.IsThreadPoolThread)
            {
                if (Interlocked.Exchange(ref _poolDropLogged, 1) == 0)
                {
                    Log.PoolProducerDropped(_logger, _options.Capacity);
                }

                Drop(full);
                return;
            }

            WaitForRoom(full);
        }
        finally
        {
            // The batch is in the queue or counted as dropped: a consumer draining for a stop or a flush may be waiting for it.
            _signal.Set();
        }
    }

    /// <summary>Takes the oldest batch; the consumer's side.</summary>
    public bool TryTake(out Batch batch)
    {
        if (!_channel.Reader.TryRead(out batch!))
        {
            return false;
        }

        // The full fence orders the taken count before the blocked-producer check, which a producer makes in the
        // opposite order: one of the two sees the other, so no producer waits for a wake that never comes.
        Interlocked.Increment(ref _taken);
        if (Volatile.Read(ref _blocked) != 0 && Depth() <= _resumeDepth)
        {
            ReleaseBlocked();
        }

        return true;
    }

    /// <summary>Wakes the consumer now, whatever the queue holds.</summary>
    public void Wake() => _signal.Set();

    /// <summary>
    /// Spins briefly for the next batch before the consumer parks. Under steady recording a batch lands every few
    /// microseconds while waking a parked consumer costs a thread-pool dispatch, and a consumer that runs right
    /// behind the producers reads batches still in cache; an idle pipeline pays the spin once per tick.
    /// </summary>
    /// <returns>True when a batch is waiting.</returns>
    public bool SpinForBatch()
    {
        var spinner = default(SpinWait);
        for (var i = 0; i < SpinsBeforePark; i++)
        {
            if (Depth() > 0)
            {
                return true;
            }

            // Without sleeping: the first spins busy-wait, the later ones yield the core to other runnable threads.
            spinner.SpinOnce(sleep1Threshold: -1);
        }

        return Depth() > 0;
    }

    /// <summary>Waits until a producer, a tick, a flush or a stop wakes the consumer; only the consumer calls it.</summary>
    public ValueTask WaitAsync() => _signal.WaitAsync();

    /// <summary>Refuses further batches and releases blocked producers (their batches are dropped and counted).</summary>
    public void Complete()
    {
        _channel.Writer.TryComplete();
        lock (_room)
        {
            _completed = true;
            Monitor.PulseAll(_room);
        }
    }

    private void WaitForRoom(Batch full)
    {
        _signal.Set();
        Interlocked.Increment(ref _blocked);
        try
        {
            while (!TryHandOff(full))
            {
                lock (_room)
                {
                    if (_completed)
                    {
                        Drop(full);
                        return;
                    }

                    if (Depth() > _resumeDepth)
                    {
                        Blocked?.Invoke();
                        Monitor.Wait(_room);
                    }
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref _blocked);
        }
    }

    private long Depth() => Volatile.Read(ref _handedOff) - Volatile.Read(ref _taken);

    private void ReleaseBlocked()
    {
        lock (_room)
        {
            Monitor.PulseAll(_room);
        }
    }

    /// <summary>A batch the channel dropped under <see cref="FullBufferPolicy.DropOldest"/> or <see cref="FullBufferPolicy.DropNewest"/>: it leaves the queue as if taken, so the depth stays exact.</summary>
    private void DroppedByChannel(Batch batch)
    {
        Interlocked.Increment(ref _taken);
        Drop(batch);
    }

    private void Drop(Batch batch)
    {
        Interlocked.Add(ref _dropped, batch.Count);
        if (Interlocked.Exchange(ref _dropLogged, 1) == 0)
        {
            Log.SamplesDropped(_logger, _options.Capacity, _options.FullBufferPolicy);
        }

        Return(batch);
    }
}
