namespace MultiAgent.Observability.Manifests.Monitoring;

/// <summary>
/// The PromQL over the per-agent GenAI series a host exposes once <c>AddGenAIMetrics()</c> (meter
/// <c>MultiAgent.Observability.GenAI</c>) is bridged into the metric pipeline: exactly the Prometheus names that meter's
/// instruments get, with the agent as <see cref="MonitoringLabels.AgentId"/> (filled from <c>gen_ai.agent.name</c>).
/// </summary>
/// <remarks>This package does not reference the tracing package, so the names are repeated here once, from its published contract.</remarks>
internal static class GenAISeries
{
    /// <summary><c>gen_ai.client.token.usage</c> (histogram, <c>{token}</c>), labelled with <see cref="TokenType"/>.</summary>
    public const string TokenUsage = "gen_ai_client_token_usage";

    /// <summary><c>gen_ai.invoke_agent.duration</c> (histogram, seconds).</summary>
    public const string InvokeAgentDuration = "gen_ai_invoke_agent_duration_seconds";

    /// <summary><c>multiagent.gen_ai.cost</c> (counter), labelled with <c>currency</c>.</summary>
    public const string Cost = "multiagent_gen_ai_cost_total";

    /// <summary><c>multiagent.agent.critical_path.share</c> (histogram, 0 to 1 per completed trace).</summary>
    public const string CriticalPathShare = "multiagent_agent_critical_path_share";

    /// <summary>The label of the token type (<c>input</c>, <c>output</c>, ...).</summary>
    public const string TokenType = "gen_ai_token_type";

    private const string AgentId = MonitoringLabels.AgentId;

    /// <summary>Tokens per second by agent and token type.</summary>
    public static string TokensPerSecond(string selector) =>
        $"sum by ({AgentId}, {TokenType}) (rate({TokenUsage}_sum{{{selector}}}[5m]))";

    /// <summary>Estimated cost over the last hour by agent and currency.</summary>
    public static string CostPerHour(string selector) =>
        $"sum by ({AgentId}, currency) (increase({Cost}{{{selector}}}[1h]))";

    /// <summary>A percentile of agent invocation latency by agent.</summary>
    /// <param name="quantile">The quantile, such as <c>0.95</c>.</param>
    /// <param name="selector">The label matchers inside the braces.</param>
    public static string InvocationLatency(string quantile, string selector) =>
        $"histogram_quantile({quantile}, sum by ({AgentId}, le) (rate({InvokeAgentDuration}_bucket{{{selector}}}[5m])))";

    /// <summary>The mean share of the critical path per completed trace over the last hour, by agent.</summary>
    public static string CriticalPathShareMean(string selector) =>
        $"sum by ({AgentId}) (rate({CriticalPathShare}_sum{{{selector}}}[1h])) / sum by ({AgentId}) (rate({CriticalPathShare}_count{{{selector}}}[1h]))";
}
