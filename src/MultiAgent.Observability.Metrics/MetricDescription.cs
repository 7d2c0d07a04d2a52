namespace MultiAgent.Observability.Metrics;

/// <summary>Describes a metric family: its kind, help text and, for histograms and summaries, buckets and quantiles.</summary>
/// <param name="Name">The metric name (Prometheus rules: <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>).</param>
/// <param name="Kind">The metric kind.</param>
public sealed record MetricDescription(string Name, MetricKind Kind)
{
    /// <summary>The default histogram bucket upper bounds, in seconds: Prometheus client defaults.</summary>
    public static IReadOnlyList<double> DefaultBuckets { get; } = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>The default summary quantiles.</summary>
    public static IReadOnlyList<double> DefaultQuantiles { get; } = [0.5, 0.9, 0.99];

    /// <summary>Gets the help text written as <c># HELP</c>; null writes a generic one.</summary>
    public string? Help { get; init; }

    /// <summary>Gets the histogram bucket upper bounds, strictly increasing and finite (<c>+Inf</c> is implied).</summary>
    /// <value>The default value is <see cref="DefaultBuckets"/>.</value>
    public IReadOnlyList<double> Buckets { get; init; } = DefaultBuckets;

    /// <summary>Gets the summary quantiles, each in [0, 1] (0 and 1 are the minimum and maximum).</summary>
    /// <value>The default value is <see cref="DefaultQuantiles"/>.</value>
    public IReadOnlyList<double> Quantiles { get; init; } = DefaultQuantiles;
}
