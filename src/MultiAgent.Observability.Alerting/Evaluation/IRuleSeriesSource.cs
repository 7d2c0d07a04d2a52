using MultiAgent.Observability.Metrics;

namespace MultiAgent.Observability.Alerting.Evaluation;

/// <summary>
/// What rule evaluation reads: series by stable index (append-only) and a series' recent values copied into
/// caller buffers, so a tick allocates nothing per series. <see cref="PipelineSeriesSource"/> reads the metric pipeline.
/// </summary>
internal interface IRuleSeriesSource
{
    /// <summary>Gets the number of series; indices <c>0..count-1</c> are valid and never move.</summary>
    int SeriesCount { get; }

    /// <summary>Gets the most values one <see cref="ReadRecent"/> can return.</summary>
    int RecentCapacity { get; }

    /// <summary>Gets what a series is.</summary>
    MetricSeriesInfo GetInfo(int index);

    /// <summary>Reads a series' newest value (for counters the cumulative value); false when it has none.</summary>
    bool ReadLast(int index, out long timestampMs, out double value);

    /// <summary>Copies the values with <paramref name="afterMs"/> &lt; t &lt;= <paramref name="untilMs"/>, oldest first; for counters the cumulative value.</summary>
    /// <returns>The number copied.</returns>
    int ReadRecent(int index, long afterMs, long untilMs, Span<long> times, Span<double> values);

    /// <summary>Gets a histogram series' bucket bounds (without <c>+Inf</c>); empty for other kinds.</summary>
    ReadOnlySpan<double> GetBuckets(int index);

    /// <summary>
    /// Copies, for each recent observation of a histogram with <paramref name="afterMs"/> &lt; t &lt;= <paramref name="untilMs"/>
    /// (oldest first), the cumulative value of one exposed part just after it: the count of bucket <paramref name="bucket"/>
    /// (<c>_bucket</c>), the observation count (<c>_count</c>) or the sum (<c>_sum</c>), as Prometheus would have scraped it then.
    /// </summary>
    /// <returns>The number copied.</returns>
    int ReadHistogram(int index, SeriesPart part, int bucket, long afterMs, long untilMs, Span<long> times, Span<double> values);
}
