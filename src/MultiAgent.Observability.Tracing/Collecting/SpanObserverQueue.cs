using System.Collections.Concurrent;
using System.Diagnostics;

namespace MultiAgent.Observability.Tracing;

/// <summary>
/// Takes the <see cref="ISpanStoppedObserver"/>s off the instrumented code's threads: the thread that stops a span only
/// queues it, and the observers see the queued spans later, in queue order, one span at a time, on a thread-pool thread
/// once <see cref="DrainBatch"/> spans wait, on every <see cref="DrainInterval"/> tick, and on <see cref="Flush"/>.
/// </summary>
/// <remarks>
/// Bounded and lossless: when <see cref="Capacity"/> spans wait, the stopping thread drains them itself before its own
/// span, so a slow observer slows the instrumented code instead of losing spans or growing memory. A span stopped after a
/// span it caused (a caller after its callee, even on another thread) is queued after it, so observers see children
/// before their parents, as they stop.
/// </remarks>
internal sealed class SpanObserverQueue : IThreadPoolWorkItem, IDisposable
{
    /// <summary>The most spans waiting; past it, the stopping thread drains the queue itself.</summary>
    public const int Capacity = 4096;

    /// <summary>How many waiting spans send a drain to the thread pool.</summary>
    public const int DrainBatch = 128;

    // Taken spans are subtracted from the count in groups, so the stopping threads' increments rarely meet the drain's.
    private const int CountGroup = 64;

    /// <summary>How often waiting spans are drained when fewer than <see cref="DrainBatch"/> wait.</summary>
    public static readonly TimeSpan DrainInterval = TimeSpan.FromSeconds(1);

    private readonly ISpanStoppedObserver[] _observers;
    private readonly Action<Activity, Exception> _failed;
    private readonly int _capacity;
    private readonly int _drainBatch;
    private readonly ConcurrentQueue<Activity> _queue = new();
    private readonly Lock _drainLock = new();
    private readonly ITimer _timer;

    // Spans queued and not yet taken by a drain (a drain subtracts what it took in groups, so this may run ahead).
    private int _count;

    // 1 while a drain is queued to the thread pool and has not started.
    private int _scheduled;

    /// <param name="observers">What sees each span, in this order.</param>
    /// <param name="failed">Told of what an observer threw, with the span; must not throw.</param>
    /// <param name="timeProvider">Ticks the drain every <see cref="DrainInterval"/>.</param>
    /// <param name="capacity">The most spans waiting (tests lower it): <see cref="Capacity"/> by default.</param>
    /// <param name="drainBatch">How many waiting spans send a drain to the thread pool: <see cref="DrainBatch"/> by default.</param>
    public SpanObserverQueue(
        ISpanStoppedObserver[] observers, Action<Activity, Exception> failed, TimeProvider timeProvider, int capacity = Capacity, int drainBatch = DrainBatch)
    {
        ArgumentNullException.ThrowIfNull(observers);
        ArgumentNullException.ThrowIfNull(failed);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(drainBatch, 1);
        _observers = observers;
        _failed = failed;
        _capacity = capacity;
        _drainBatch = drainBatch;
        _timer = timeProvider.CreateTimer(static state => ((SpanObserverQueue)state!).OnTick(), this, DrainInterval, DrainInterval);
    }

    /// <summary>Gets the number of spans waiting for the observers (for tests and diagnostics).</summary>
    internal int Waiting => _queue.Count;

    /// <summary>Queues a stopped span for the observers; drains the queue on this thread when it is full.</summary>
    public void Enqueue(Activity activity)
    {
        var count = Interlocked.Increment(ref _count);
        if (count > _capacity)
        {
            Interlocked.Decrement(ref _count);
            lock (_drainLock)
            {
                DrainLocked();
                Observe(activity);
            }

            return;
        }

        _queue.Enqueue(activity);
        if (count == _drainBatch)
        {
            Schedule();
        }
    }

    /// <summary>Hands every span queued so far to the observers, on this thread, and returns when they have seen them.</summary>
    public void Flush()
    {
        lock (_drainLock)
        {
            DrainLocked();
        }
    }

    /// <summary>Stops the timer and drains what is queued.</summary>
    public void Dispose()
    {
        _timer.Dispose();
        Flush();
    }

    void IThreadPoolWorkItem.Execute()
    {
        // Cleared before draining: a batch that fills while this drain runs sends another, so none waits for the timer.
        Volatile.Write(ref _scheduled, 0);
        Flush();
    }

    private void OnTick()
    {
        if (!_queue.IsEmpty)
        {
            Flush();
        }
    }

    private void Schedule()
    {
        if (Interlocked.Exchange(ref _scheduled, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    private void DrainLocked()
    {
        var taken = 0;
        while (_queue.TryDequeue(out var activity))
        {
            Observe(activity);
            if (++taken == CountGroup)
            {
                Interlocked.Add(ref _count, -taken);
                taken = 0;
            }
        }

        if (taken != 0)
        {
            Interlocked.Add(ref _count, -taken);
        }
    }

    private void Observe(Activity activity)
    {
        foreach (var observer in _observers)
        {
            try
            {
                observer.OnSpanStopped(activity);
            }
            catch (Exception ex)
            {
                _failed(activity, ex);
            }
        }
    }
}
