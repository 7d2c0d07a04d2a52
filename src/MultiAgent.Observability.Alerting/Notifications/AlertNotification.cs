namespace MultiAgent.Observability.Alerting;

/// <summary>One notification: the alerts of one group (alerts sharing the values of <see cref="AlertNotificationOptions.GroupBy"/>).</summary>
public sealed class AlertNotification
{
    /// <summary>Gets the group key, as in <c>{alertname="HighErrorRate"}</c>.</summary>
    public required string GroupKey { get; init; }

    /// <summary>Gets the grouping labels with the group's values.</summary>
    public required IReadOnlyDictionary<string, string> GroupLabels { get; init; }

    /// <summary>Gets the group's firing alerts, sorted by fingerprint.</summary>
    public required IReadOnlyList<Alert> Firing { get; init; }

    /// <summary>Gets the group's resolved alerts (resolved, or firing ones whose <see cref="Alert.EndsAt"/> passed without an update), sorted by fingerprint.</summary>
    public required IReadOnlyList<Alert> Resolved { get; init; }

    /// <summary>Gets when the notification was made.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets a value indicating whether every alert of the group is resolved.</summary>
    public bool AllResolved => Firing.Count == 0;
}
