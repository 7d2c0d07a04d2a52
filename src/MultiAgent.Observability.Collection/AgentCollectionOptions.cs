using System.ComponentModel.DataAnnotations;

namespace MultiAgent.Observability.Collection;

/// <summary>Options of agent collection: how often, how long, how much, and from where. Every limit has a default; invalid values fail at host start.</summary>
public sealed class AgentCollectionOptions
{
    /// <summary>Gets or sets how often each agent is scraped and probed.</summary>
    /// <value>The default value is 30 seconds. At least 100 milliseconds.</value>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets the intervals of agents that differ from <see cref="Interval"/>, by agent id.</summary>
    /// <value>The default value is an empty dictionary.</value>
    public IDictionary<string, TimeSpan> AgentIntervals { get; } = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);

    /// <summary>Gets or sets a value indicating whether each agent's scrapes are offset by a fixed share of the interval derived from its id, so that many agents are not scraped at the same instant.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool SpreadScrapes { get; set; } = true;

    /// <summary>Gets or sets how long one request (scrape or health probe, body included) may take.</summary>
    /// <value>The default value is 10 seconds. More than zero.</value>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the largest response body read, in bytes; the read stops there and the scrape fails.</summary>
    /// <value>The default value is 16 MiB.</value>
    [Range(1024, long.MaxValue)]
    public long MaxBodyBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>Gets or sets the most samples one scrape may return; more fails the scrape (as Prometheus' <c>sample_limit</c>).</summary>
    /// <value>The default value is 50,000.</value>
    [Range(1, 100_000_000)]
    public int MaxSamplesPerScrape { get; set; } = 50_000;

    /// <summary>Gets or sets the longest scraped label value, in characters; a sample with a longer one is refused and counted.</summary>
    /// <value>The default value is 1,024.</value>
    [Range(1, 1_048_576)]
    public int MaxLabelLength { get; set; } = 1_024;

    /// <summary>Gets the URL schemes collection may call.</summary>
    /// <value>The default value is <c>http</c> and <c>https</c>; no other scheme is allowed.</value>
    public IList<string> AllowedSchemes { get; } = ["http", "https"];

    /// <summary>Gets the hosts collection may call (exact names or addresses, compared ignoring case); empty allows any host. Redirects are checked too.</summary>
    /// <value>The default value is an empty list.</value>
    public IList<string> AllowedHosts { get; } = [];

    /// <summary>Gets or sets how many redirects one request follows.</summary>
    /// <value>The default value is 5.</value>
    [Range(0, 20)]
    public int MaxRedirects { get; set; } = 5;

    /// <summary>Gets or sets how many scrapes and probes run at once across all agents.</summary>
    /// <value>The default value is 64.</value>
    [Range(1, 10_000)]
    public int MaxConcurrentRequests { get; set; } = 64;

    /// <summary>Gets or sets after how many intervals without a successful scrape and probe an agent becomes <see cref="AgentStatus.Stale"/> (it is <see cref="AgentStatus.Unhealthy"/> before).</summary>
    /// <value>The default value is 3.</value>
    [Range(1, 1_000)]
    public int StaleAfterIntervals { get; set; } = 3;

    /// <summary>
    /// Gets or sets how long a series a target stopped serving (or every series of a target whose scrapes fail) stays in
    /// the pipeline before it is retired (<see cref="Metrics.IMetricSnapshotRecorder.Retire"/>); a gauge gets the stale
    /// marker at once. A series that comes back within the period keeps its identity.
    /// </summary>
    /// <value>The default value is 5 minutes, Prometheus' lookback delta.</value>
    public TimeSpan RetireStaleSeriesAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets a value indicating whether host and container metrics are read from <c>/proc</c> and cgroup v2 on Linux.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool HostMetrics { get; set; } = true;

    /// <summary>Gets or sets how often host and container metrics are read.</summary>
    /// <value>The default value is 15 seconds. At least 100 milliseconds.</value>
    public TimeSpan HostMetricsInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Gets or sets the agent id host and process metrics are recorded under.</summary>
    /// <value>The default value is <c>host</c>.</value>
    [Required]
    public string HostAgentId { get; set; } = "host";

    /// <summary>Gets the interval of one agent.</summary>
    /// <param name="agentId">The agent id.</param>
    /// <returns>Its interval from <see cref="AgentIntervals"/>, else <see cref="Interval"/>.</returns>
    public TimeSpan GetInterval(string agentId) =>
        agentId is not null && AgentIntervals.TryGetValue(agentId, out var interval) ? interval : Interval;
}
