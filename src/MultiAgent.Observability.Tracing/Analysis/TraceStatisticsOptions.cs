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
}
