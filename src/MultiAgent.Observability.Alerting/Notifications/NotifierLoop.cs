using Microsoft.Extensions.Logging;
using MultiAgent.Observability.Alerting.Evaluation;

namespace MultiAgent.Observability.Alerting.Notifications;

/// <summary>
/// Delivers notifications to one notifier from its own bounded queue on its own loop, one at a time. A call that
/// throws is logged and counted; a call that exceeds the timeout is abandoned (its token canceled), logged and counted.
/// </summary>
internal sealed class NotifierLoop
{
    private readonly IAlertNotifier _notifier;
    private readonly BoundedQueue<AlertNotification> _queue;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _timeout;
    private readonly AlertingCounters _counters;
    private readonly ILogger _logger;
    private readonly string _name;
    private Task _loop = Task.CompletedTask;

    public NotifierLoop(IAlertNotifier notifier, AlertNotificationOptions options, TimeProvider timeProvider, AlertingCounters counters, ILogger logger)
    {
        _notifier = notifier;
        _name = notifier.GetType().Name;
        _queue = new BoundedQueue<AlertNotification>("notifier " + _name, options.QueueCapacity, counters, logger);
        _timeProvider = timeProvider;
        _timeout = options.NotifierTimeout;
        _counters = counters;
        _logger = logger;
    }

    public void Enqueue(AlertNotification notification) => _queue.Enqueue(notification);

    public void Start(CancellationToken stopping) => _loop = Task.Run(() => RunAsync(stopping), CancellationToken.None);

    /// <summary>Stops taking notifications and waits (up to <paramref name="cancellationToken"/>) for the queued ones.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Complete();
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stopping).ConfigureAwait(false))
            {
                while (_queue.Reader.TryRead(out var notification))
                {
                    await DeliverAsync(notification, stopping).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverAsync(AlertNotification notification, CancellationToken stopping)
    {
        using var call = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        try
        {
            await _notifier.NotifyAsync(notification, call.Token).WaitAsync(_timeout, _timeProvider, stopping).ConfigureAwait(false);
            Interlocked.Increment(ref _counters.NotificationsDelivered);
        }
        catch (TimeoutException)
        {
            await call.CancelAsync().ConfigureAwait(false);

            // Logged before counted: whoever sees the count finds the log entry.
            Log.NotifierTimedOut(_logger, _name, _timeout, notification.GroupKey);
            Interlocked.Increment(ref _counters.NotifierFailures);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            Log.NotifierFailed(_logger, e, _name, notification.GroupKey);
            Interlocked.Increment(ref _counters.NotifierFailures);
        }
    }
}
