namespace MultiAgent.Observability.Metrics;

/// <summary>Wakes the consumer. A set that lands while the consumer is busy is kept for its next wait; the consumer re-checks every reason after waking, so a set folded into an earlier one loses nothing.</summary>
internal sealed class AsyncSignal
{
    private TaskCompletionSource _source = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Set() => Volatile.Read(ref _source).TrySetResult();

    public Task WaitAsync()
    {
        var source = Volatile.Read(ref _source);
        if (!source.Task.IsCompleted)
        {
            return source.Task;
        }

        Interlocked.CompareExchange(ref _source, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), source);
        return Task.CompletedTask;
    }
}
