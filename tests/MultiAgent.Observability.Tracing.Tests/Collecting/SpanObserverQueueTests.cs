using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace MultiAgent.Observability.Tracing.Tests.Collecting;

public sealed class SpanObserverQueueTests
{
    // The recorders never throw; a failure would be told here, on whichever thread drained, and fail the test at its end.
    private readonly List<Exception> _failures = [];

    [Fact]
    public void Enqueue_FewerThanABatch_ObserversSeeNothingUntilFlushThenAllInOrder()
    {
        var seen = new Recorder();
        using var queue = new SpanObserverQueue([seen], Failed, new FakeTimeProvider());
        var spans = Spans(10);

        foreach (var span in spans)
        {
            queue.Enqueue(span);
        }

        Assert.Empty(seen.Spans);
        Assert.Equal(10, queue.Waiting);
        queue.Flush();
        Assert.Equal(spans, seen.Spans);
        Assert.Equal(0, queue.Waiting);
    }

    [Fact]
    public void Tick_SpansWaiting_DrainedEveryInterval()
    {
        var seen = new Recorder();
        var time = new FakeTimeProvider();
        using var queue = new SpanObserverQueue([seen], Failed, time);
        var spans = Spans(3);
        queue.Enqueue(spans[0]);

        time.Advance(SpanObserverQueue.DrainInterval - TimeSpan.FromTicks(1));
        Assert.Empty(seen.Spans);
        time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal([spans[0]], seen.Spans);

        queue.Enqueue(spans[1]);
        queue.Enqueue(spans[2]);
        time.Advance(SpanObserverQueue.DrainInterval);
        Assert.Equal(spans, seen.Spans);
    }

    [Fact]
    public void Enqueue_QueueFull_StoppingThreadDrainsWaitingSpansThenItsOwn()
    {
        // No batch ever sends a drain to the thread pool here, so only the full queue drains.
        var seen = new Recorder();
        using var queue = new SpanObserverQueue([seen], Failed, new FakeTimeProvider(), capacity: 4, drainBatch: int.MaxValue);
        var spans = Spans(7);

        for (var i = 0; i < 4; i++)
        {
            queue.Enqueue(spans[i]);
        }

        Assert.Empty(seen.Spans);
        queue.Enqueue(spans[4]);
        Assert.Equal(spans[..5], seen.Spans);
        Assert.Equal(0, queue.Waiting);

        queue.Enqueue(spans[5]);
        queue.Enqueue(spans[6]);
        Assert.Equal(2, queue.Waiting);
        queue.Flush();
        Assert.Equal(spans, seen.Spans);
    }

    [Fact]
    public void Enqueue_BatchFilled_DrainedOnAThreadPoolThread()
    {
        using var drained = new ManualResetEventSlim();
        var seen = new Recorder(count => count == 3, drained);
        using var queue = new SpanObserverQueue([seen], Failed, new FakeTimeProvider(), drainBatch: 3);
        var spans = Spans(3);

        queue.Enqueue(spans[0]);
        queue.Enqueue(spans[1]);
        Assert.Empty(seen.Spans);
        queue.Enqueue(spans[2]);

        Assert.True(drained.Wait(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken), "no drain within 30 s of a full batch");
        Assert.Equal(spans, seen.Spans);
        Assert.True(seen.OnThreadPool);
        Assert.Empty(_failures);
    }

    [Fact]
    public void Observe_ObserverThrows_FailureToldAndOtherObserversAndLaterSpansGoOn()
    {
        var failures = new List<(Activity Span, Exception Error)>();
        var after = new Recorder();
        using var queue = new SpanObserverQueue([new Throwing(), after], (span, ex) => failures.Add((span, ex)), new FakeTimeProvider());
        var spans = Spans(2);

        queue.Enqueue(spans[0]);
        queue.Enqueue(spans[1]);
        queue.Flush();

        Assert.Equal(spans, after.Spans);
        Assert.Equal(spans, failures.Select(f => f.Span));
        Assert.All(failures, f => Assert.IsType<InvalidOperationException>(f.Error));
    }

    [Fact]
    public void Dispose_SpansWaiting_DrainedAndTimerStopped()
    {
        var seen = new Recorder();
        var time = new FakeTimeProvider();
        var queue = new SpanObserverQueue([seen], Failed, time);
        var spans = Spans(2);
        queue.Enqueue(spans[0]);
        queue.Enqueue(spans[1]);

        queue.Dispose();

        Assert.Equal(spans, seen.Spans);
        Assert.Equal(0, queue.Waiting);
        queue.Enqueue(Spans(1)[0]);
        time.Advance(SpanObserverQueue.DrainInterval * 2);
        Assert.Equal(1, queue.Waiting);
    }

    [Fact]
    public async Task Enqueue_FourThreadsAndSmallQueue_EverySpanSeenOnceInEachThreadsOrder()
    {
        // Every path at once: full-queue drains on the stopping threads, batches drained on the pool, flushes, ticks.
        const int Threads = 4;
        const int PerThread = 5000;
        var seen = new Recorder();
        var time = new FakeTimeProvider();
        using var queue = new SpanObserverQueue([seen], Failed, time, capacity: 64, drainBatch: 16);
        var spans = Enumerable.Range(0, Threads).Select(_ => Spans(PerThread)).ToArray();

        var producers = spans.Select(own => Task.Run(() =>
        {
            for (var i = 0; i < own.Length; i++)
            {
                queue.Enqueue(own[i]);
                if (i % 1000 == 0)
                {
                    queue.Flush();
                }
            }
        })).ToArray();
        while (!producers.All(p => p.IsCompleted))
        {
            time.Advance(SpanObserverQueue.DrainInterval);
            await Task.Yield();
        }

        await Task.WhenAll(producers);
        queue.Flush();

        Assert.Equal(0, seen.Overlaps);
        Assert.Empty(_failures);
        Assert.Equal(Threads * PerThread, seen.Spans.Count);
        Assert.Equal(Threads * PerThread, seen.Spans.Distinct().Count());
        var position = seen.Spans.Select((span, index) => (span, index)).ToDictionary(p => p.span, p => p.index);
        foreach (var own in spans)
        {
            Assert.True(own.Select(span => position[span]).Order().SequenceEqual(own.Select(span => position[span])), "a thread's spans were seen out of order");
        }
    }

    private void Failed(Activity span, Exception ex)
    {
        lock (_failures)
        {
            _failures.Add(ex);
        }
    }

    private static Activity[] Spans(int count) => [.. Enumerable.Range(0, count).Select(i => new Activity("span" + i))];

    /// <summary>Records the spans it sees; its calls are never concurrent (the queue's contract), so a plain list will do.</summary>
    private sealed class Recorder(Func<int, bool>? signalWhen = null, ManualResetEventSlim? signal = null) : ISpanStoppedObserver
    {
        private int _calls;

        public List<Activity> Spans { get; } = [];

        public bool OnThreadPool { get; private set; }

        public int Overlaps { get; private set; }

        public void OnSpanStopped(Activity activity)
        {
            if (Interlocked.Increment(ref _calls) != 1)
            {
                Overlaps++;
            }

            Spans.Add(activity);
            OnThreadPool = Thread.CurrentThread.IsThreadPoolThread;
            Interlocked.Decrement(ref _calls);
            if (signalWhen?.Invoke(Spans.Count) == true)
            {
                signal?.Set();
            }
        }
    }

    private sealed class Throwing : ISpanStoppedObserver
    {
        public void OnSpanStopped(Activity activity) => throw new InvalidOperationException("broken observer");
    }
}
