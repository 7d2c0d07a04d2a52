namespace MultiAgent.Observability.Metrics;

/// <summary>Reads what the pipeline has aggregated. Every read is a consistent snapshot; thread-safe.</summary>
public interface IMetricReader
{
    /// <summary>Gets every series, sorted by metric name, agent id, then labels.</summary>
    /// <returns>A snapshot.</returns>
    IReadOnlyList<MetricSeriesInfo> ListSeries();

    /// <summary>Gets the declared families, sorted by name.</summary>
    /// <returns>A snapshot.</returns>
    IReadOnlyList<MetricDescription> ListFamilies();

    /// <summary>Gets what a series is (agent, name, kind, labels).</summary>
    /// <param name="series">The series.</param>
    /// <returns>The info.</returns>
    /// <exception cref="ArgumentException">The handle is invalid or from another pipeline.</exception>
    MetricSeriesInfo GetInfo(in MetricSeries series);

    /// <summary>Gets a series' aggregate: a <see cref="CounterAggregate"/>, <see cref="GaugeAggregate"/>, <see cref="HistogramAggregate"/> or <see cref="SummaryAggregate"/>.</summary>
    /// <param name="series">The series.</param>
    /// <returns>The aggregate, or null when no sample has been aggregated yet.</returns>
    /// <exception cref="ArgumentException">The handle is invalid or from another pipeline.</exception>
    MetricAggregate? GetAggregate(in MetricSeries series);

    /// <summary>Gets a series' recent values in a time window, oldest first; at most <see cref="AgentMetricsOptions.RecentValuesPerSeries"/> are kept.</summary>
    /// <param name="series">The series.</param>
    /// <param name="windowStart">The window start, inclusive.</param>
    /// <param name="windowEnd">The window end, inclusive.</param>
    /// <returns>The values: for counters the cumulative total after each sample.</returns>
    IReadOnlyList<MetricPoint> GetRecentValues(in MetricSeries series, DateTimeOffset windowStart, DateTimeOffset windowEnd);

    /// <summary>Gets the history ring: the most recent samples of every series, oldest first (at most <see cref="AgentMetricsOptions.HistoryCapacity"/>).</summary>
    /// <returns>A snapshot.</returns>
    IReadOnlyList<MetricSample> GetHistory();

    /// <summary>Gets the pipeline's accounting.</summary>
    /// <returns>A snapshot; after <see cref="FlushAsync"/>, <c>Accepted == Aggregated + Dropped</c>.</returns>
    MetricPipelineStatistics GetStatistics();

    /// <summary>Waits until every sample accepted before the call is aggregated or counted as dropped, including samples still in idle producers' batches.</summary>
    /// <param name="cancellationToken">Cancels the wait (not the flush).</param>
    /// <returns>A task that completes when the flush is done.</returns>
    Task FlushAsync(CancellationToken cancellationToken = default);
}
