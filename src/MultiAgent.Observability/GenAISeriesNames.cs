namespace MultiAgent.Observability;

/// <summary>
/// The series names the GenAI metrics (<c>AddGenAIMetrics()</c>, meter <c>MultiAgent.Observability.GenAI</c>) take once
/// bridged into the pipeline and scraped by Prometheus, each with <see cref="MonitoringLabels.AgentId"/>. The host's
/// dashboard reads them, the budget and loop alerts evaluate them, and the generated Grafana dashboard queries them.
/// </summary>
public static class GenAISeriesNames
{
    /// <summary>Tokens per operation, a histogram: <c>gen_ai.client.token.usage</c> bridged.</summary>
    public const string TokenUsage = "gen_ai_client_token_usage";

    /// <summary>Agent invocation time in seconds, a histogram: <c>gen_ai.invoke_agent.duration</c> bridged.</summary>
    public const string InvokeAgentDuration = "gen_ai_invoke_agent_duration_seconds";

    /// <summary>Inference calls per agent invocation, a histogram (buckets 1, 2, 4, … 128): <c>gen_ai.invoke_agent.inference_calls</c> bridged.</summary>
    public const string InferenceCalls = "gen_ai_invoke_agent_inference_calls";

    /// <summary>Tool calls per agent invocation, a histogram (buckets 1, 2, 4, … 128): <c>gen_ai.invoke_agent.tool_calls</c> bridged.</summary>
    public const string ToolCalls = "gen_ai_invoke_agent_tool_calls";

    /// <summary>Estimated cost, a counter, as the pipeline names it: <c>multiagent.gen_ai.cost</c> bridged.</summary>
    public const string Cost = "multiagent_gen_ai_cost";

    /// <summary>The cost counter as the exposition writes it and PromQL reads it: <see cref="Cost"/> with <c>_total</c>.</summary>
    public const string CostTotal = Cost + "_total";

    /// <summary>Each agent's share (0 to 1) of a completed trace's critical path, a histogram: <c>multiagent.agent.critical_path.share</c> bridged.</summary>
    public const string CriticalPathShare = "multiagent_agent_critical_path_share";

    /// <summary>The label of <see cref="TokenUsage"/> that tells input from output tokens.</summary>
    public const string TokenTypeLabel = "gen_ai_token_type";

    /// <summary>The label of <see cref="Cost"/> that names the currency.</summary>
    public const string CurrencyLabel = "currency";
}
