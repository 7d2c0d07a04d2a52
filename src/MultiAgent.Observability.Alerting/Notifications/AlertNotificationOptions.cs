namespace MultiAgent.Observability.Alerting;

/// <summary>How alerts are grouped into notifications for <see cref="IAlertNotifier"/>s, as Alertmanager's route does.</summary>
public sealed class AlertNotificationOptions
{
    /// <summary>Gets or sets the labels that group alerts into one notification.</summary>
    /// <value>The default value is <c>["alertname"]</c>: 50 agents failing the same rule make one notification.</value>
    public IList<string> GroupBy { get; set; } = ["alertname"];

    /// <summary>Gets or sets how long a new group waits for more alerts before its first notification; an alert resolved within it is never notified.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan GroupWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how often a group is checked for new or resolved alerts after its first notification.</summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan GroupInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets after how long an unchanged group is notified again (effectively rounded up to a multiple of <see cref="GroupInterval"/>).</summary>
    /// <value>The default value is 4 hours.</value>
    public TimeSpan RepeatInterval { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Gets or sets a value indicating whether newly resolved alerts trigger a notification (a group whose alerts all resolved is always notified).</summary>
    /// <value>The default value is true.</value>
    public bool SendResolved { get; set; } = true;

    /// <summary>Gets or sets how many notifications wait per notifier; past it the oldest is dropped and counted.</summary>
    /// <value>The default value is 1,000.</value>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>Gets or sets how long one notifier call may take before it is abandoned and counted as failed.</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan NotifierTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets a value indicating whether notifications are logged (event 3010, warning for firing, information for resolved).</summary>
    /// <value>The default value is true.</value>
    public bool LogNotifications { get; set; } = true;
}
