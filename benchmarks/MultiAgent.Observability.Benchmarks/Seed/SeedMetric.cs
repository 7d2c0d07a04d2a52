namespace MultiAgent.Observability.Benchmarks.Seed;

/// <summary>
/// The original design's <c>AgentMetric</c> dataclass: one object per sample, its timestamp taken with
/// <c>datetime.now()</c> (here <see cref="DateTime.Now"/>, local time like the original) when it is created.
/// </summary>
internal sealed class SeedMetric(string agentId, string metricName, SeedMetricType metricType, double value, Dictionary<string, string> labels)
{
    public string AgentId { get; } = agentId;

    public string MetricName { get; } = metricName;

    public SeedMetricType MetricType { get; } = metricType;

    public double Value { get; } = value;

    public DateTime Timestamp { get; } = DateTime.Now;

    public Dictionary<string, string> Labels { get; } = labels;
}
