namespace MultiAgent.Observability.Tracing;

/// <summary>Rate, errors and duration percentiles of one operation of one agent, across the traces seen.</summary>
public sealed record OperationStatistics
{
    /// <summary>Gets the agent (see <see cref="AnalyzedSpan.Agent"/>), or <see cref="TraceStatistics.OverflowAgent"/>.</summary>
    public required string Agent { get; init; }

    /// <summary>Gets the operation (see <see cref="AnalyzedSpan.Operation"/>).</summary>
    public required string Operation { get; init; }

    /// <summary>Gets the number of finished spans.</summary>
    public required long Count { get; init; }

    /// <summary>Gets the number of those spans in error.</summary>
    public required long Errors { get; init; }

    /// <summary>Gets <see cref="Count"/> per second over the observed window (first span start to last span end over all traces added); 0 when the window is empty.</summary>
    public required double RatePerSecond { get; init; }

    /// <summary>Gets the median duration, within <see cref="TraceStatistics.RelativeError"/>.</summary>
    public required double P50Ms { get; init; }

    /// <summary>Gets the 95th percentile duration, within <see cref="TraceStatistics.RelativeError"/>.</summary>
    public required double P95Ms { get; init; }

    /// <summary>Gets the 99th percentile duration, within <see cref="TraceStatistics.RelativeError"/>.</summary>
    public required double P99Ms { get; init; }

    /// <summary>Gets the shortest duration (exact).</summary>
    public required double MinMs { get; init; }

    /// <summary>Gets the longest duration (exact).</summary>
    public required double MaxMs { get; init; }
}
