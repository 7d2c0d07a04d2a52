namespace MultiAgent.Observability.Alerting;

/// <summary>
/// Receives grouped alert notifications. Register implementations as <c>IAlertNotifier</c> services. Each notifier has its
/// own bounded queue and is called from its own loop, one notification at a time: a slow, hanging or throwing notifier
/// delays only itself; a call that exceeds <see cref="AlertNotificationOptions.NotifierTimeout"/> is abandoned and counted.
/// </summary>
public interface IAlertNotifier
{
    /// <summary>Delivers one notification.</summary>
    /// <param name="notification">The group's alerts.</param>
    /// <param name="cancellationToken">Canceled when the call times out or the host stops.</param>
    /// <returns>A task that completes when the notification is delivered.</returns>
    Task NotifyAsync(AlertNotification notification, CancellationToken cancellationToken);
}
