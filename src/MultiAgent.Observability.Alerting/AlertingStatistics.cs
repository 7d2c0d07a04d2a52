namespace MultiAgent.Observability.Alerting;

/// <summary>The alerting counters: what ran, what failed, what was dropped.</summary>
public sealed class AlertingStatistics
{
    /// <summary>Gets the number of rule group evaluations.</summary>
    public long Evaluations { get; init; }

    /// <summary>Gets the number of rule evaluation errors (a duplicate label set, a counter function on a gauge, a limit exceeded).</summary>
    public long EvaluationErrors { get; init; }

    /// <summary>Gets the number of template expansions that failed (each shows as error text in the alert).</summary>
    public long TemplateErrors { get; init; }

    /// <summary>Gets the number of alert updates sent to the notification queues (firing, re-sent and resolved).</summary>
    public long AlertsSent { get; init; }

    /// <summary>Gets the number of grouped notifications delivered to notifiers.</summary>
    public long NotificationsDelivered { get; init; }

    /// <summary>Gets the number of notifications or alert updates dropped because a queue was full.</summary>
    public long Dropped { get; init; }

    /// <summary>Gets the number of notifier calls that threw or timed out.</summary>
    public long NotifierFailures { get; init; }

    /// <summary>Gets the number of alerts Alertmanager accepted.</summary>
    public long AlertmanagerDelivered { get; init; }

    /// <summary>Gets the number of Alertmanager batches that failed after retries, or were refused, or answered with garbage.</summary>
    public long AlertmanagerFailures { get; init; }
}
