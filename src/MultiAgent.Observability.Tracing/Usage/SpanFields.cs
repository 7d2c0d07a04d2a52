using System.Diagnostics;

namespace MultiAgent.Observability.Tracing;

/// <summary>
/// What the GenAI metrics read from one activity, filled by a single pass over its tags through
/// <see cref="GenAIAttributeAliases"/> (a current name wins over an alias, the first of several aliases wins). A struct
/// on the stack: reading a span allocates nothing.
/// </summary>
internal struct SpanFields
{
    public string? Operation;
    public string? Provider;
    public string? AgentName;
    public string? AgentId;
    public string? ServiceName;
    public string? RequestModel;
    public string? ResponseModel;
    public string? ToolName;
    public string? ToolType;
    public string? ErrorType;
    public TokenField Input;
    public TokenField Output;
    public TokenField CacheRead;
    public TokenField CacheWrite;
    public TokenField Reasoning;

    /// <summary>Gets the agent identity the analysis would give the span by itself: name, then id, then service name.</summary>
    public readonly string? Agent => AgentName ?? AgentId ?? ServiceName;

    /// <summary>Gets whether any token count is present, valid or not.</summary>
    public readonly bool HasUsage => Input.IsPresent || Output.IsPresent;

    public static SpanFields Read(Activity activity)
    {
        var fields = default(SpanFields);
        foreach (ref readonly var tag in activity.EnumerateTagObjects())
        {
            var key = tag.Key;
            var field = GenAIAttributeAliases.FieldOf(key, out var current);
            switch (field)
            {
                case GenAIField.OperationName: Set(ref fields.Operation, tag.Value, current); break;
                case GenAIField.ProviderName: Set(ref fields.Provider, tag.Value, current); break;
                case GenAIField.AgentName: Set(ref fields.AgentName, tag.Value, current); break;
                case GenAIField.AgentId: Set(ref fields.AgentId, tag.Value, current); break;
                case GenAIField.ServiceName: Set(ref fields.ServiceName, tag.Value, current); break;
                case GenAIField.RequestModel: Set(ref fields.RequestModel, tag.Value, current); break;
                case GenAIField.ResponseModel: Set(ref fields.ResponseModel, tag.Value, current); break;
                case GenAIField.ToolName: Set(ref fields.ToolName, tag.Value, current); break;
                case GenAIField.ToolType: Set(ref fields.ToolType, tag.Value, current); break;
                case GenAIField.ErrorType: Set(ref fields.ErrorType, tag.Value, current); break;
                case GenAIField.InputTokens: fields.Input.Set(tag.Value, current); break;
                case GenAIField.OutputTokens: fields.Output.Set(tag.Value, current); break;
                case GenAIField.CacheReadInputTokens: fields.CacheRead.Set(tag.Value, current); break;
                case GenAIField.CacheWriteInputTokens: fields.CacheWrite.Set(tag.Value, current); break;
                case GenAIField.ReasoningOutputTokens: fields.Reasoning.Set(tag.Value, current); break;
                default: break;
            }
        }

        if (fields.ErrorType is null && activity.Status == ActivityStatusCode.Error)
        {
            // The conventions' fallback when the instrumentation set no error.type.
            fields.ErrorType = "_OTHER";
        }

        return fields;
    }

    private static void Set(ref string? slot, object? value, bool current)
    {
        // Strings only: every attribute read here is a string in the conventions, and anything else would have to be
        // formatted (an allocation) for a tag that would then be wrong anyway.
        if (value is string text && text.Length != 0 && (slot is null || current))
        {
            slot = text;
        }
    }

    /// <summary>A token count as read: absent, valid, or present but unusable.</summary>
    internal struct TokenField
    {
        public long Value;
        public bool IsPresent;
        public bool IsInvalid;
        private bool _fromCurrent;

        public readonly bool IsValid => IsPresent && !IsInvalid;

        public void Set(object? value, bool current)
        {
            if (IsPresent && (_fromCurrent || !current))
            {
                return;
            }

            var count = SpanAttributes.TokenCountOf(value, out var invalid);
            IsPresent = count is not null || invalid;
            IsInvalid = invalid;
            Value = count ?? 0;
            _fromCurrent = current;
        }
    }
}
