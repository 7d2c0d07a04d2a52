using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Metrics.Tests.Pipeline;

/// <summary><see cref="AsyncSignal"/>: setters racing the one waiter never lose a wake-up.</summary>
public sealed class AsyncSignalTests
{
    [Fact]
    public async Task WaitAsync_SetBeforeWait_CompletesAtOnceAndOnlyOnce()
    {
        var signal = new AsyncSignal();
        signal.Set();
        signal.Set();

        Assert.True(signal.WaitAsync().AsTask().IsCompleted);
        var second = signal.WaitAsync().AsTask();
        Assert.False(second.IsCompleted);
        signal.Set();
        await second.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task WaitAsync_SettersRacingTheWaiter_EveryPublishedItemIsSeen()
    {
        // Each setter publishes an item, then sets; the waiter consumes what it sees, then waits. A lost wake-up
        // leaves the waiter asleep with items published: the bounded wait below fails instead of hanging.
        const int PerSetter = 50_000;
        const int Setters = 3;
        var signal = new AsyncSignal();
        long published = 0;
        var setters = Enumerable.Range(0, Setters).Select(_ => Task.Factory.StartNew(
            () =>
            {
                for (var i = 0; i < PerSetter; i++)
                {
                    Interlocked.Increment(ref published);
                    signal.Set();
                }
            },
            TaskCreationOptions.LongRunning)).ToArray();

        var waiter = Task.Run(async () =>
        {
            long seen = 0;
            var waits = 0;
            while (seen < PerSetter * Setters)
            {
                var now = Interlocked.Read(ref published);
                if (now == seen)
                {
                    await signal.WaitAsync();
                    waits++;
                }

                seen = now;
            }

            return waits;
        });

        await Task.WhenAll(setters);
        var waits = await waiter.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(waits >= 0);
        Assert.Equal(PerSetter * Setters, Interlocked.Read(ref published));
    }
}
