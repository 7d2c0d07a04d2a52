namespace MultiAgent.Observability.Metrics;

/// <summary>
/// One series' aggregate read into a caller-owned struct by <see cref="SeriesState.ReadInto"/>, so an exporter can
/// walk thousands of series without allocating. Which fields are set depends on the kind.
/// </summary>
internal struct SeriesReading
{
    /// <summary>Samples aggregated; zero means nothing to expose yet.</summary>
    public long SampleCount;

    /// <summary>When the last aggregated sample was recorded, in Unix milliseconds.</summary>
    public long LastSampleMs;

    /// <summary>Counter: the total. Gauge: the last value. Histogram and summary: the sum of observations.</summary>
    public double Value;

    /// <summary>Gauge: the smallest value seen.</summary>
    public double Min;

    /// <summary>Gauge: the largest value seen.</summary>
    public double Max;

    /// <summary>Histogram and summary: the number of observations.</summary>
    public long Count;

    /// <summary>Counter: how many times an observed cumulative value went down.</summary>
    public long Resets;

    /// <summary>Summary: how many observations the quantiles were computed from.</summary>
    public int WindowCount;

    /// <summary>Summary fed by snapshots: the window holds the quantile values as given, not observations.</summary>
    public bool QuantilesGiven;
}
