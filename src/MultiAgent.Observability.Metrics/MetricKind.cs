namespace MultiAgent.Observability.Metrics;

/// <summary>The type of a metric, as in Prometheus.</summary>
public enum MetricKind
{
    /// <summary>A monotonic total. Takes increments (<see cref="IMetricRecorder.Add(in MetricSeries, double)"/>) or observed cumulative values with reset detection (<see cref="IMetricRecorder.Record(in MetricSeries, double)"/>).</summary>
    Counter,

    /// <summary>A value that goes up and down: last, min and max are kept.</summary>
    Gauge,

    /// <summary>Observations counted into cumulative buckets, with sum and count.</summary>
    Histogram,

    /// <summary>Observations with count, sum and quantiles over a sliding window.</summary>
    Summary,
}
