using System.Threading.Channels;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using MultiAgent.Observability.Alerting.Evaluation;
using MultiAgent.Observability.Alerting.Notifications;

namespace MultiAgent.Observability.Alerting.Tests.Notifications;

/// <summary>Notifiers run off the evaluation path: one that throws or hangs delays only itself.</summary>
public sealed class NotificationDispatcherTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Publish_ThrowingAndHangingNotifiers_OthersStillDelivered_FailuresCounted()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var counters = new AlertingCounters();
        var logger = new FakeLogger();
        var good = new RecordingNotifier();
        var hanging = new HangingNotifier();
        var options = new AlertNotificationOptions { NotifierTimeout = TimeSpan.FromSeconds(10) };
        using var dispatcher = new NotificationDispatcher([new ThrowingNotifier(), hanging, good], null, options, time, counters, logger);
        using var stop = new CancellationTokenSource();
        dispatcher.Start(stop.Token);

        dispatcher.Publish(TestAlerts.Make("High", "a1"));
        time.Advance(options.GroupWait);

        var delivered = await good.Received.Reader.ReadAsync().AsTask().WaitAsync(Guard);
        Assert.Equal("High", delivered.Firing.Single().Name);
        await hanging.Started.Task.WaitAsync(Guard);

        // The hanging call is abandoned once the (fake) timeout passes, and the next notification reaches it again.
        await WaitUntil(() =>
        {
            time.Advance(TimeSpan.FromSeconds(1));
            return Interlocked.Read(ref counters.NotifierFailures) == 2;
        });
        Assert.True(hanging.Canceled.Task.IsCompleted || await hanging.Canceled.Task.WaitAsync(Guard));
        Assert.Contains(logger.Collector.GetSnapshot(), r => r.Id.Id == 3012);
        Assert.Contains(logger.Collector.GetSnapshot(), r => r.Id.Id == 3013);
        await WaitUntil(() => Interlocked.Read(ref counters.NotificationsDelivered) == 1);
        Assert.Equal(2, Interlocked.Read(ref counters.NotifierFailures));

        await stop.CancelAsync();
        await dispatcher.StopAsync(CancellationToken.None).WaitAsync(Guard);
    }

    [Fact]
    public async Task Enqueue_QueueFull_OldestDroppedAndCounted()
    {
        var counters = new AlertingCounters();
        var queue = new BoundedQueue<int>("test", 2, counters, new FakeLogger());
        queue.Enqueue(1);
        queue.Enqueue(2);
        queue.Enqueue(3);

        Assert.Equal(1, counters.Dropped);
        Assert.Equal(2, await queue.Reader.ReadAsync());
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        // Waits for other threads' progress (not for time to pass): bounded by the guard.
        using var timeout = new CancellationTokenSource(Guard);
        while (!condition())
        {
            timeout.Token.ThrowIfCancellationRequested();
            await Task.Yield();
        }
    }

    private sealed class RecordingNotifier : IAlertNotifier
    {
        public Channel<AlertNotification> Received { get; } = Channel.CreateUnbounded<AlertNotification>();

        public Task NotifyAsync(AlertNotification notification, CancellationToken cancellationToken) =>
            Received.Writer.WriteAsync(notification, cancellationToken).AsTask();
    }

    private sealed class ThrowingNotifier : IAlertNotifier
    {
        public Task NotifyAsync(AlertNotification notification, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("notifier bug");
    }

    private sealed class HangingNotifier : IAlertNotifier
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<bool> Canceled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task NotifyAsync(AlertNotification notification, CancellationToken cancellationToken)
        {
            cancellationToken.Register(() => Canceled.TrySetResult(true));
            Started.TrySetResult();
            return new TaskCompletionSource().Task;
        }
    }
}
