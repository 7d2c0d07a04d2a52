namespace MultiAgent.Observability.Metrics;

/// <summary>
/// Records samples into the metric pipeline. Two shapes: by strings (agent id, metric name, labels), which
/// validates and throws on bad input, and by a pre-resolved <see cref="MetricSeries"/> handle, which takes
/// no lock, allocates nothing, never throws and counts what it refuses. Thread-safe.
/// </summary>
public interface IMetricRecorder
{
    /// <summary>Declares a metric family's kind, help, buckets or quantiles before its first sample. Optional: the first sample declares it otherwise.</summary>
    /// <param name="description">The family.</param>
    /// <exception cref="ArgumentException">The name is invalid, the buckets or quantiles are invalid, or the family exists with another kind.</exception>
    void Describe(MetricDescription description);

    /// <summary>Resolves (and creates on first use) the series for an agent, metric and label set.</summary>
    /// <param name="agentId">The agent id.</param>
    /// <param name="metricName">The metric name.</param>
    /// <param name="kind">The metric kind; must match the family's kind.</param>
    /// <param name="labels">The labels, in any order; <c>agent_id</c> is added by the pipeline and may not be given.</param>
    /// <returns>The handle; <see cref="MetricSeries.IsValid"/> is false when the cardinality cap refused a new series (counted and logged once).</returns>
    /// <exception cref="ArgumentException">An id, name or label is invalid, a label repeats, or the kind conflicts with the family's.</exception>
    MetricSeries GetSeries(string agentId, string metricName, MetricKind kind, params ReadOnlySpan<KeyValuePair<string, string>> labels);

    /// <summary>Records a value: a gauge's value, a histogram or summary observation, or a counter's observed cumulative total (a decrease is a reset).</summary>
    /// <param name="series">The series.</param>
    /// <param name="value">The value; NaN is refused (counted) except for gauges.</param>
    void Record(in MetricSeries series, double value);

    /// <summary>Adds to a counter (the increment must be finite and non-negative) or to a gauge (any finite delta).</summary>
    /// <param name="series">The series.</param>
    /// <param name="increment">The amount; refused values are counted.</param>
    void Add(in MetricSeries series, double increment);

    /// <summary>Records a value by strings; see <see cref="Record(in MetricSeries, double)"/>.</summary>
    /// <param name="agentId">The agent id.</param>
    /// <param name="metricName">The metric name.</param>
    /// <param name="kind">The metric kind.</param>
    /// <param name="value">The value.</param>
    /// <param name="labels">The labels.</param>
    /// <exception cref="ArgumentException">An id, name or label is invalid, or the kind conflicts.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN for a counter, histogram or summary.</exception>
    void Record(string agentId, string metricName, MetricKind kind, double value, params ReadOnlySpan<KeyValuePair<string, string>> labels);

    /// <summary>Adds to a counter by strings; see <see cref="Add(in MetricSeries, double)"/>.</summary>
    /// <param name="agentId">The agent id.</param>
    /// <param name="metricName">The counter name.</param>
    /// <param name="increment">The amount, finite and non-negative.</param>
    /// <param name="labels">The labels.</param>
    /// <exception cref="ArgumentException">An id, name or label is invalid, or the family is not a counter.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The increment is negative, NaN or infinite.</exception>
    void Add(string agentId, string metricName, double increment, params ReadOnlySpan<KeyValuePair<string, string>> labels);
}
