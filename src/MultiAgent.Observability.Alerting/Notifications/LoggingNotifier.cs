using Microsoft.Extensions.Logging;

namespace MultiAgent.Observability.Alerting.Notifications;

/// <summary>Writes each notification to the log: a warning (3010) while alerts fire, information (3011) once all resolved.</summary>
internal sealed class LoggingNotifier(ILogger logger) : IAlertNotifier
{
    public Task NotifyAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        var alerts = string.Join("; ", notification.Alerts.Select(static a =>
            $"{a.State} {a.Name}{(a.AgentId is { } agent ? " agent " + agent : string.Empty)}" +
            (a.Annotations.TryGetValue("summary", out var summary) ? ": " + summary : string.Empty)));
        var resolved = notification.Alerts.Count(static a => a.State == AlertState.Resolved);
        if (notification.AllResolved)
        {
            Log.NotificationResolved(logger, notification.GroupKey, resolved, alerts);
        }
        else
        {
            Log.NotificationFiring(logger, notification.GroupKey, notification.Alerts.Count - resolved, resolved, alerts);
        }

        return Task.CompletedTask;
    }
}
