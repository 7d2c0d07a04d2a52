using Microsoft.Extensions.Logging;
using MultiAgent.Observability.Alerting.Evaluation;

namespace MultiAgent.Observability.Alerting.Notifications;

/// <summary>
/// Takes the engine's alert updates off the evaluation path: each goes to Alertmanager's queue (raw, Alertmanager groups
/// itself) and into the in-process grouper, whose notifications go to each notifier's own queue and loop.
/// </summary>
internal sealed class NotificationDispatcher : IAlertSink, IDisposable
{
    private readonly AlertGrouper _grouper;
    private readonly NotifierLoop[] _loops;
    private readonly AlertmanagerClient? _alertmanager;

    public NotificationDispatcher(
        IEnumerable<IAlertNotifier> notifiers,
        AlertmanagerClient? alertmanager,
        AlertNotificationOptions options,
        TimeProvider timeProvider,
        AlertingCounters counters,
        ILogger logger)
    {
        _alertmanager = alertmanager;
        _loops = [.. notifiers.Select(n => new NotifierLoop(n, options, timeProvider, counters, logger))];
        _grouper = new AlertGrouper(timeProvider, options, Deliver);
    }

    public void Publish(Alert alert)
    {
        _alertmanager?.Enqueue(alert);
        _grouper.Add(alert);
    }

    public void Start(CancellationToken stopping)
    {
        foreach (var loop in _loops)
        {
            loop.Start(stopping);
        }

        _alertmanager?.Start(stopping);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _grouper.Dispose();
        foreach (var loop in _loops)
        {
            await loop.StopAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_alertmanager is not null)
        {
            await _alertmanager.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _grouper.Dispose();

    private void Deliver(AlertNotification notification)
    {
        foreach (var loop in _loops)
        {
            loop.Enqueue(notification);
        }
    }
}
