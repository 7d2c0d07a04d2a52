using System.Diagnostics.Metrics;

namespace MultiAgent.Observability.Tracing;

/// <summary>
/// The <see cref="GenAIMetricNames.MeterName"/> meter and its instruments, with the units and the histogram bucket
/// boundaries the OpenTelemetry GenAI semantic conventions advise (see the package README for the version).
/// </summary>
internal sealed class GenAIInstruments : IDisposable
{
    /// <summary>Token usage: powers of 4 from 1 to 67,108,864, as the conventions advise.</summary>
    internal static readonly long[] TokenBuckets = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];

    /// <summary>Client operation duration (seconds): 0.01 doubling to 81.92, as the conventions advise for model calls and tool executions.</summary>
    internal static readonly double[] OperationSeconds = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];

    /// <summary>Agent invocation duration (seconds): 0.1 doubling to 409.6, as the conventions advise.</summary>
    internal static readonly double[] AgentSeconds = [0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 6.4, 12.8, 25.6, 51.2, 102.4, 204.8, 409.6];

    /// <summary>Inference and tool calls per invocation: 1 doubling to 128, as the conventions advise.</summary>
    internal static readonly long[] CallBuckets = [1, 2, 4, 8, 16, 32, 64, 128];

    /// <summary>Critical-path milliseconds per agent and trace (the library's own instrument).</summary>
    internal static readonly double[] CriticalPathMilliseconds = [1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 25000, 50000, 100000, 250000, 500000];

    /// <summary>Critical-path share per agent and trace, 0 to 1 (the library's own instrument).</summary>
    internal static readonly double[] ShareBuckets = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1];

    private readonly Meter _meter;

    public GenAIInstruments(IMeterFactory? meterFactory = null)
    {
        var options = new MeterOptions(GenAIMetricNames.MeterName) { Version = AgentActivitySource.Version };
        _meter = meterFactory?.Create(options) ?? new Meter(options);
        TokenUsage = _meter.CreateHistogram<long>(
            GenAIMetricNames.ClientTokenUsage, "{token}", "Tokens used by model calls, by gen_ai.token.type.", advice: new() { HistogramBucketBoundaries = TokenBuckets });
        OperationDuration = _meter.CreateHistogram<double>(
            GenAIMetricNames.ClientOperationDuration, "s", "Duration of model calls.", advice: new() { HistogramBucketBoundaries = OperationSeconds });
        InvokeAgentDuration = _meter.CreateHistogram<double>(
            GenAIMetricNames.InvokeAgentDuration, "s", "Duration of agent invocations.", advice: new() { HistogramBucketBoundaries = AgentSeconds });
        InferenceCalls = _meter.CreateHistogram<long>(
            GenAIMetricNames.InvokeAgentInferenceCalls, "{inference_call}", "Model calls per agent invocation, sub-agents' calls excluded.", advice: new() { HistogramBucketBoundaries = CallBuckets });
        ToolCalls = _meter.CreateHistogram<long>(
            GenAIMetricNames.InvokeAgentToolCalls, "{tool_call}", "Tool calls per agent invocation, sub-agents' calls excluded.", advice: new() { HistogramBucketBoundaries = CallBuckets });
        ExecuteToolDuration = _meter.CreateHistogram<double>(
            GenAIMetricNames.ExecuteToolDuration, "s", "Duration of tool executions.", advice: new() { HistogramBucketBoundaries = OperationSeconds });
        Cost = _meter.CreateCounter<double>(GenAIMetricNames.Cost, "{currency}", "Estimated cost of model calls from tokens and the price table.");
        UnpricedTokens = _meter.CreateCounter<long>(GenAIMetricNames.UnpricedTokens, "{token}", "Tokens of models the price table has no price for.");
        InvalidUsage = _meter.CreateCounter<long>(GenAIMetricNames.InvalidUsage, "{span}", "Spans whose token usage was refused, by reason: invalid, too_large.");
        ValuesCapped = _meter.CreateCounter<long>(GenAIMetricNames.ValuesCapped, "{value}", "Attribute values recorded as _other, by attribute and reason: limit, too_long.");
        TracesSkipped = _meter.CreateCounter<long>(
            GenAIMetricNames.CriticalPathTracesSkipped, "{trace}", "Completed traces whose critical path was not recorded, by reason: pending_full, evicted.");
        CriticalPathDuration = _meter.CreateHistogram<double>(
            GenAIMetricNames.CriticalPathDuration, "ms", "Per agent and completed trace: the agent's time on the critical path.", advice: new() { HistogramBucketBoundaries = CriticalPathMilliseconds });
        CriticalPathShare = _meter.CreateHistogram<double>(
            GenAIMetricNames.CriticalPathShare, "1", "Per agent and completed trace: the agent's share of the critical path, 0 to 1.", advice: new() { HistogramBucketBoundaries = ShareBuckets });
    }

    public Histogram<long> TokenUsage { get; }

    public Histogram<double> OperationDuration { get; }

    public Histogram<double> InvokeAgentDuration { get; }

    public Histogram<long> InferenceCalls { get; }

    public Histogram<long> ToolCalls { get; }

    public Histogram<double> ExecuteToolDuration { get; }

    public Counter<double> Cost { get; }

    public Counter<long> UnpricedTokens { get; }

    public Counter<long> InvalidUsage { get; }

    public Counter<long> ValuesCapped { get; }

    public Counter<long> TracesSkipped { get; }

    public Histogram<double> CriticalPathDuration { get; }

    public Histogram<double> CriticalPathShare { get; }

    public void Dispose() => _meter.Dispose();
}
