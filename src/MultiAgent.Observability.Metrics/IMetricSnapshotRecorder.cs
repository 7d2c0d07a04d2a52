namespace MultiAgent.Observability.Metrics;

/// <summary>
/// What a collector needs beyond <see cref="IMetricRecorder"/> to mirror another process's metrics: a histogram or
/// summary arrives there as a whole cumulative snapshot (buckets or quantiles, sum and count), and a series the
/// process stops serving must leave the pipeline. Implemented by the same pipeline as <see cref="IMetricRecorder"/>;
/// thread-safe; like the handle path of <see cref="IMetricRecorder"/>, never throws on bad values and counts what it
/// refuses (<see cref="MetricPipelineStatistics.Rejected"/>).
/// </summary>
public interface IMetricSnapshotRecorder
{
    /// <summary>
    /// Records a cumulative histogram snapshot. The series' family must have exactly these bucket bounds
    /// (<see cref="MetricDescription.Buckets"/>). The histogram adds the increase over the previous snapshot; a lower
    /// count, or any bucket whose own count went down, means the source restarted and the whole snapshot is the increase.
    /// </summary>
    /// <param name="series">A histogram series.</param>
    /// <param name="upperBounds">The finite bucket bounds, increasing (<c>+Inf</c> is implied).</param>
    /// <param name="cumulativeCounts">The cumulative count of each bound, then of <c>+Inf</c>: one more than the bounds, non-decreasing.</param>
    /// <param name="sum">The sum of observations; finite.</param>
    /// <param name="count">The number of observations: the <c>+Inf</c> bucket's count.</param>
    /// <returns>False when refused (counted): not a histogram of this pipeline, other bounds, or values that are not a cumulative histogram.</returns>
    bool RecordHistogram(in MetricSeries series, ReadOnlySpan<double> upperBounds, ReadOnlySpan<double> cumulativeCounts, double sum, double count);

    /// <summary>
    /// Records a cumulative summary snapshot. The series' family must have exactly these quantiles
    /// (<see cref="MetricDescription.Quantiles"/>). Count and sum add their increase over the previous snapshot (a lower
    /// count means the source restarted); the quantile values are reported as given.
    /// </summary>
    /// <param name="series">A summary series.</param>
    /// <param name="quantiles">The quantiles, in the family's order.</param>
    /// <param name="quantileValues">The value of each quantile (NaN allowed: no observation in the source's window).</param>
    /// <param name="sum">The sum of observations; finite.</param>
    /// <param name="count">The number of observations; finite, not negative.</param>
    /// <returns>False when refused (counted): not a summary of this pipeline, other quantiles, or invalid values.</returns>
    bool RecordSummary(in MetricSeries series, ReadOnlySpan<double> quantiles, ReadOnlySpan<double> quantileValues, double sum, double count);

    /// <summary>
    /// Retires a series of any kind at once: it leaves the exposition, <see cref="IMetricReader.ListSeries"/> and the
    /// statistics' series count, its memory is released and it no longer counts against
    /// <see cref="AgentMetricsOptions.MaxSeries"/>. The handle is dead afterwards: samples recorded through it are
    /// aggregated into nothing, and <see cref="IMetricRecorder.GetSeries"/> with the same identity creates a new series.
    /// A collector waits for its own stale period before it retires a series that disappeared.
    /// </summary>
    /// <param name="series">The series.</param>
    /// <returns>False when the handle is not this pipeline's or the series was already retired.</returns>
    bool Retire(in MetricSeries series);
}
