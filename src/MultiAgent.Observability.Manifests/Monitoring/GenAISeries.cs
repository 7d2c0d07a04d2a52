namespace MultiAgent.Observability.Manifests.Monitoring;

/// <summary>
/// The PromQL over the per-agent GenAI series a host exposes once <c>AddGenAIMetrics()</c> (meter
/// <c>MultiAgent.Observability.GenAI</c>) is bridged into the metric pipeline: exactly the Prometheus names that meter's
/// instruments get (<see cref="GenAISeriesNames"/>), with the agent as <see cref="MonitoringLabels.AgentId"/> (filled
/// from <c>gen_ai.agent.name</c>).
/// </summary>
internal static class GenAISeries
{
    private const string AgentId = MonitoringLabels.AgentId;

    /// <summary>Tokens per second by agent and token type.</summary>
    public static string TokensPerSecond(string selector) =>
        $"sum by ({AgentId}, {GenAISeriesNames.TokenTypeLabel}) (rate({GenAISeriesNames.TokenUsage}_sum{{{selector}}}[5m]))";

    /// <summary>Estimated cost over the last hour by agent and currency.</summary>
    public static string CostPerHour(string selector) =>
        $"sum by ({AgentId}, {GenAISeriesNames.CurrencyLabel}) (increase({GenAISeriesNames.CostTotal}{{{selector}}}[1h]))";

    /// <summary>A percentile of agent invocation latency by agent.</summary>
    /// <param name="quantile">The quantile, such as <c>0.95</c>.</param>
    /// <param name="selector">The label matchers inside the braces.</param>
    public static string InvocationLatency(string quantile, string selector) =>
        $"histogram_quantile({quantile}, sum by ({AgentId}, le) (rate({GenAISeriesNames.InvokeAgentDuration}_bucket{{{selector}}}[5m])))";

    /// <summary>The mean share of the critical path per completed trace over the last hour, by agent.</summary>
    public static string CriticalPathShareMean(string selector) =>
        $"sum by ({AgentId}) (rate({GenAISeriesNames.CriticalPathShare}_sum{{{selector}}}[1h])) / sum by ({AgentId}) (rate({GenAISeriesNames.CriticalPathShare}_count{{{selector}}}[1h]))";
}
