namespace MultiAgent.Observability.Tracing;

/// <summary>
/// The names of the meter and instruments <c>AddGenAIMetrics()</c> publishes: the OpenTelemetry GenAI semantic
/// conventions' metrics (with <c>gen_ai.agent.name</c> on every instrument) and the library's own cost, unpriced-token
/// and critical-path instruments under the <c>multiagent.</c> prefix.
/// </summary>
public static class GenAIMetricNames
{
    /// <summary>The meter name, <c>MultiAgent.Observability.GenAI</c>: bridge it with <c>AddMeterBridge(o =&gt; o.Meters.Add(GenAIMetricNames.MeterName))</c>.</summary>
    public const string MeterName = "MultiAgent.Observability.GenAI";

    /// <summary>Histogram of tokens per operation and token type (<c>{token}</c>).</summary>
    public const string ClientTokenUsage = "gen_ai.client.token.usage";

    /// <summary>Histogram of the duration of model calls, in seconds.</summary>
    public const string ClientOperationDuration = "gen_ai.client.operation.duration";

    /// <summary>Histogram of the duration of agent invocations, in seconds.</summary>
    public const string InvokeAgentDuration = "gen_ai.invoke_agent.duration";

    /// <summary>Histogram of model calls per agent invocation, sub-agents' calls excluded (<c>{inference_call}</c>).</summary>
    public const string InvokeAgentInferenceCalls = "gen_ai.invoke_agent.inference_calls";

    /// <summary>Histogram of tool calls per agent invocation, sub-agents' calls excluded (<c>{tool_call}</c>).</summary>
    public const string InvokeAgentToolCalls = "gen_ai.invoke_agent.tool_calls";

    /// <summary>Histogram of the duration of tool executions, in seconds.</summary>
    public const string ExecuteToolDuration = "gen_ai.execute_tool.duration";

    /// <summary>Counter of the estimated cost of model calls, in units of the price table's currency (<c>{currency}</c>).</summary>
    public const string Cost = "multiagent.gen_ai.cost";

    /// <summary>Counter of tokens of models the price table has no price for (<c>{token}</c>): never priced at zero.</summary>
    public const string UnpricedTokens = "multiagent.gen_ai.unpriced_tokens";

    /// <summary>Counter of spans whose usage was refused (negative, unreadable or absurd token counts), by <c>reason</c>.</summary>
    public const string InvalidUsage = "multiagent.gen_ai.invalid_usage";

    /// <summary>Counter of attribute values replaced by <see cref="OtherValue"/> because of a cardinality or length cap, by <c>attribute</c> and <c>reason</c>.</summary>
    public const string ValuesCapped = "multiagent.gen_ai.values_capped";

    /// <summary>Histogram, per agent and completed trace, of the agent's critical-path time in milliseconds.</summary>
    public const string CriticalPathDuration = "multiagent.agent.critical_path.duration";

    /// <summary>Histogram, per agent and completed trace, of the agent's share (0 to 1) of the trace's critical path.</summary>
    public const string CriticalPathShare = "multiagent.agent.critical_path.share";

    /// <summary>Counter of completed traces whose critical path was not recorded, by <c>reason</c>: <c>pending_full</c> (past <see cref="GenAIMetricsOptions.MaxPendingTraces"/>) or <c>evicted</c> (gone from the store).</summary>
    public const string CriticalPathTracesSkipped = "multiagent.agent.critical_path.traces_skipped";

    /// <summary>The value that replaces an agent name, model, provider, tool or error type past its cap: <c>_other</c>.</summary>
    public const string OtherValue = "_other";

    /// <summary>The <c>gen_ai.token.type</c> attribute.</summary>
    public const string TokenTypeAttribute = "gen_ai.token.type";

    /// <summary>The cost counter's <c>currency</c> attribute (an ISO 4217 code, as the price table gives it).</summary>
    public const string CurrencyAttribute = "currency";

    /// <summary>The cost counter's <c>source</c> attribute; always <see cref="EstimatedSource"/>.</summary>
    public const string SourceAttribute = "source";

    /// <summary>The value of <see cref="SourceAttribute"/>: <c>estimated</c> (computed from tokens and the price table, not billed).</summary>
    public const string EstimatedSource = "estimated";
}
