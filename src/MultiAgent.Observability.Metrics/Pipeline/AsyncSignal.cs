using System.Threading.Tasks.Sources;

namespace MultiAgent.Observability.Metrics;

/// <summary>
/// Wakes the single consumer: an auto-reset signal whose one awaitable is reused, so waking allocates nothing.
/// A set that lands while the consumer is busy is kept for its next wait; the consumer re-checks every reason
/// to run after waking, so sets folded together lose nothing. Only one waiter (the consumer) may wait at a time.
/// </summary>
/// <remarks>
/// The setter is a producer that must not run the consumer inline, nor allocate to hand it to the thread pool
/// (queuing a delegate continuation allocates a work item): the signal is its own preallocated work item, whose
/// execution completes the awaitable and so runs the consumer's continuation on a pool thread.
/// </remarks>
internal sealed class AsyncSignal : IValueTaskSource, IThreadPoolWorkItem
{
    private const int Idle = 0;
    private const int Signaled = 1;
    private const int Waiting = 2;

    private ManualResetValueTaskSourceCore<bool> _core;
    private int _state;

    public void Set()
    {
        while (true)
        {
            switch (Volatile.Read(ref _state))
            {
                case Signaled:
                    return;
                case Idle when Interlocked.CompareExchange(ref _state, Signaled, Idle) == Idle:
                    return;
                case Waiting when Interlocked.CompareExchange(ref _state, Idle, Waiting) == Waiting:
                    ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                    return;
            }
        }
    }

    public ValueTask WaitAsync()
    {
        if (Interlocked.CompareExchange(ref _state, Idle, Signaled) == Signaled)
        {
            return default;
        }

        _core.Reset();
        if (Interlocked.CompareExchange(ref _state, Waiting, Idle) != Idle)
        {
            // Signaled between the two steps: consume it and go on without waiting.
            Volatile.Write(ref _state, Idle);
            return default;
        }

        return new ValueTask(this, _core.Version);
    }

    void IThreadPoolWorkItem.Execute() => _core.SetResult(true);

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
