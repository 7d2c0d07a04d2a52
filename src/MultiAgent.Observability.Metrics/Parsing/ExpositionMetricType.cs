namespace MultiAgent.Observability.Metrics.Parsing;

/// <summary>The type of a metric family as declared by <c># TYPE</c> in a text exposition.</summary>
public enum ExpositionMetricType
{
    /// <summary>No <c># TYPE</c> line: <c>untyped</c> in the text format 0.0.4, <c>unknown</c> in OpenMetrics.</summary>
    Unknown,

    /// <summary>A monotonic total (<c>counter</c>).</summary>
    Counter,

    /// <summary>A value that goes up and down (<c>gauge</c>).</summary>
    Gauge,

    /// <summary>Cumulative buckets with <c>_sum</c> and <c>_count</c> (<c>histogram</c>).</summary>
    Histogram,

    /// <summary>Buckets of a gauge with <c>_gsum</c> and <c>_gcount</c> (OpenMetrics <c>gaugehistogram</c>).</summary>
    GaugeHistogram,

    /// <summary>Quantiles with <c>_sum</c> and <c>_count</c> (<c>summary</c>).</summary>
    Summary,

    /// <summary>A set of boolean states (OpenMetrics <c>stateset</c>).</summary>
    StateSet,

    /// <summary>Textual information as labels, value 1 (OpenMetrics <c>info</c>).</summary>
    Info,
}
