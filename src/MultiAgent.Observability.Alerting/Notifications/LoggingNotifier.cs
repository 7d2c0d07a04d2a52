using Microsoft.Extensions.Logging;

namespace MultiAgent.Observability.Alerting.Notifications;

/// <summary>Writes each notification to the log: a warning (3010) while alerts fire, information (3011) once all resolved.</summary>
internal sealed class LoggingNotifier(ILogger logger) : IAlertNotifier
{
    public Task NotifyAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        var alerts = string.Join("; ", notification.Firing.Select(static a => Describe("firing", a))
            .Concat(notification.Resolved.Select(static a => Describe("resolved", a))));
        if (notification.AllResolved)
        {
            Log.NotificationResolved(logger, notification.GroupKey, notification.Resolved.Count, alerts);
        }
        else
        {
            Log.NotificationFiring(logger, notification.GroupKey, notification.Firing.Count, notification.Resolved.Count, alerts);
        }

        return Task.CompletedTask;
    }

    private static string Describe(string state, Alert alert) =>
        $"{state} {alert.Name}{(alert.AgentId is { } agent ? " agent " + agent : string.Empty)}" +
        (alert.Annotations.TryGetValue("summary", out var summary) ? ": " + summary : string.Empty);
}
