namespace MultiAgent.Observability.Benchmarks.Seed;

/// <summary>The original design's <c>MetricType</c> enum.</summary>
internal enum SeedMetricType
{
    Counter,
    Gauge,
    Histogram,
    Summary,
}
