namespace MultiAgent.Observability.Tracing;

/// <summary>Limits of <see cref="TraceStatistics"/>.</summary>
public sealed class TraceStatisticsOptions
{
    /// <summary>
    /// Gets or sets the largest number of (agent, operation) keys tracked. Spans of further keys are counted under
    /// <see cref="TraceStatistics.OverflowAgent"/>, so a flood of distinct agent names cannot grow memory without bound.
    /// Each key costs about 5 KB (its histogram).
    /// </summary>
    /// <value>The default value is 1,000.</value>
    public int MaxKeys { get; set; } = 1000;

    /// <summary>
    /// Gets or sets how long a key is kept without a new span: a key none of whose spans ended within this time of the
    /// latest span end seen is removed with its histogram and counted in <see cref="TraceStatistics.ExpiredKeys"/>, so
    /// agents and operations that stopped appearing free their place. Measured in trace time (span end times), not on a
    /// clock, so the statistics of replayed or imported traces expire the same way as live ones. At least 1 second.
    /// </summary>
    /// <value>The default value is 1 hour.</value>
    public TimeSpan KeyIdleTimeout { get; set; } = TimeSpan.FromHours(1);
}
