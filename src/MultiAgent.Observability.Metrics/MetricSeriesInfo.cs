namespace MultiAgent.Observability.Metrics;

/// <summary>What a series is.</summary>
/// <param name="Series">The handle.</param>
/// <param name="AgentId">The agent id, exported as the <c>agent_id</c> label.</param>
/// <param name="Name">The metric name.</param>
/// <param name="Kind">The metric kind.</param>
/// <param name="Labels">The labels, sorted by name.</param>
public sealed record MetricSeriesInfo(
    MetricSeries Series,
    string AgentId,
    string Name,
    MetricKind Kind,
    IReadOnlyList<KeyValuePair<string, string>> Labels);
