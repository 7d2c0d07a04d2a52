namespace MultiAgent.Observability.Metrics;

/// <summary>A series' aggregate at one moment.</summary>
/// <param name="SampleCount">How many samples were aggregated.</param>
/// <param name="LastSampleAt">When the last aggregated sample was recorded.</param>
public abstract record MetricAggregate(long SampleCount, DateTimeOffset LastSampleAt);

/// <summary>A counter: the cumulative total, with resets detected in observed cumulative values.</summary>
/// <param name="SampleCount">How many samples were aggregated.</param>
/// <param name="LastSampleAt">When the last sample was recorded.</param>
/// <param name="Value">The total: increments plus the increase of observed values, resets accounted.</param>
/// <param name="Resets">How many times an observed cumulative value went down (the source restarted).</param>
public sealed record CounterAggregate(long SampleCount, DateTimeOffset LastSampleAt, double Value, long Resets)
    : MetricAggregate(SampleCount, LastSampleAt);

/// <summary>A gauge: the last value and the extremes seen.</summary>
/// <param name="SampleCount">How many samples were aggregated.</param>
/// <param name="LastSampleAt">When the last sample was recorded.</param>
/// <param name="Last">The last value.</param>
/// <param name="Min">The smallest value seen.</param>
/// <param name="Max">The largest value seen.</param>
public sealed record GaugeAggregate(long SampleCount, DateTimeOffset LastSampleAt, double Last, double Min, double Max)
    : MetricAggregate(SampleCount, LastSampleAt);

/// <summary>A histogram: cumulative bucket counts (the last bound is <c>+Inf</c> and its count equals <see cref="Count"/>), sum and count.</summary>
/// <param name="SampleCount">How many samples were aggregated.</param>
/// <param name="LastSampleAt">When the last sample was recorded.</param>
/// <param name="UpperBounds">The bucket upper bounds, increasing, ending with <see cref="double.PositiveInfinity"/>.</param>
/// <param name="CumulativeCounts">The observations at or below each bound.</param>
/// <param name="Sum">The sum of observations.</param>
/// <param name="Count">The number of observations.</param>
public sealed record HistogramAggregate(
    long SampleCount,
    DateTimeOffset LastSampleAt,
    IReadOnlyList<double> UpperBounds,
    IReadOnlyList<long> CumulativeCounts,
    double Sum,
    long Count) : MetricAggregate(SampleCount, LastSampleAt);

/// <summary>A summary: all-time count and sum, and quantiles over the sliding window.</summary>
/// <param name="SampleCount">How many samples were aggregated.</param>
/// <param name="LastSampleAt">When the last sample was recorded.</param>
/// <param name="Sum">The sum of all observations.</param>
/// <param name="Count">The number of all observations.</param>
/// <param name="Quantiles">Each quantile with its value over the window (NaN when the window is empty).</param>
/// <param name="WindowCount">How many observations the quantiles were computed from.</param>
public sealed record SummaryAggregate(
    long SampleCount,
    DateTimeOffset LastSampleAt,
    double Sum,
    long Count,
    IReadOnlyList<KeyValuePair<double, double>> Quantiles,
    int WindowCount) : MetricAggregate(SampleCount, LastSampleAt);
