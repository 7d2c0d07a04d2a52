using Microsoft.Extensions.Options;

namespace MultiAgent.Observability.Tracing;

/// <summary>The cardinality caps of every attribute the GenAI metrics record, shared by all their instruments so one agent name is one series everywhere.</summary>
internal sealed class GenAIAttributeCaps
{
    public const string AttributeTag = "attribute";

    public GenAIAttributeCaps(GenAIInstruments instruments, IOptions<GenAIMetricsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        Agents = Cap(instruments, GenAIAttributes.AgentName, value.MaxAgentNames, value.MaxValueLength);
        Providers = Cap(instruments, GenAIAttributes.ProviderName, value.MaxAttributeValues, value.MaxValueLength);
        Models = Cap(instruments, GenAIAttributes.RequestModel, value.MaxAttributeValues, value.MaxValueLength);
        Tools = Cap(instruments, GenAIAttributes.ToolName, value.MaxAttributeValues, value.MaxValueLength);
        ToolTypes = Cap(instruments, GenAIAttributes.ToolType, value.MaxAttributeValues, value.MaxValueLength);
        Errors = Cap(instruments, GenAIAttributes.ErrorType, value.MaxAttributeValues, value.MaxValueLength);
    }

    public BoundedValues Agents { get; }

    public BoundedValues Providers { get; }

    /// <summary>Gets the cap of request and response models together: both name the same models.</summary>
    public BoundedValues Models { get; }

    public BoundedValues Tools { get; }

    public BoundedValues ToolTypes { get; }

    public BoundedValues Errors { get; }

    public static void Capped(GenAIInstruments instruments, string attribute, string reason) =>
        instruments.ValuesCapped.Add(1, new KeyValuePair<string, object?>(AttributeTag, attribute), new KeyValuePair<string, object?>(TracingMetrics.ReasonTag, reason));

    private static BoundedValues Cap(GenAIInstruments instruments, string attribute, int limit, int maxLength) =>
        new(limit, maxLength, reason => Capped(instruments, attribute, reason));
}
