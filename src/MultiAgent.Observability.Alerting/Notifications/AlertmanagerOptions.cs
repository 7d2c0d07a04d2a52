namespace MultiAgent.Observability.Alerting;

/// <summary>Delivery of alerts to an Alertmanager through its API v2 (<c>POST /api/v2/alerts</c>).</summary>
public sealed class AlertmanagerOptions
{
    /// <summary>Gets or sets the Alertmanager base URL (as in <c>http://alertmanager:9093/</c>); null turns delivery off.</summary>
    public Uri? Url { get; set; }

    /// <summary>Gets or sets the most alerts in one POST.</summary>
    /// <value>The default value is 256 (Prometheus' batch size).</value>
    public int BatchSize { get; set; } = 256;

    /// <summary>Gets or sets how many alert updates wait for delivery; past it the oldest is dropped and counted.</summary>
    /// <value>The default value is 10,000 (Prometheus' queue capacity).</value>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Gets or sets the timeout of one POST attempt.</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how many times a POST is retried after a 5xx answer or a network error (never after a 4xx).</summary>
    /// <value>The default value is 3.</value>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Gets or sets the delay before the first retry; later ones back off exponentially with jitter.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
