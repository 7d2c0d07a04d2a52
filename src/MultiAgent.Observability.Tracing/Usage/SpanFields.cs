using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace MultiAgent.Observability.Tracing;

/// <summary>
/// What the GenAI metrics read from one activity, filled by a single pass over its tags through
/// <see cref="GenAIAttributeAliases"/> (a current name wins over an alias, the first of several aliases wins). A struct
/// on the stack: reading a span allocates nothing.
/// </summary>
internal struct SpanFields
{
    // Indexed by field, so a tag is stored with two range checks rather than a jump through a switch of every field:
    // a model-call span of six tags read in about 37 ns instead of 64 (a throwaway harness, same process).
    private const int FirstText = (int)GenAIField.OperationName;
    private const int FirstToken = (int)GenAIField.InputTokens;

    private Texts _texts;
    private Tokens _tokens;

    public readonly string? Operation => _texts[(int)GenAIField.OperationName - FirstText];

    public readonly string? Provider => _texts[(int)GenAIField.ProviderName - FirstText];

    public readonly string? AgentName => _texts[(int)GenAIField.AgentName - FirstText];

    public readonly string? AgentId => _texts[(int)GenAIField.AgentId - FirstText];

    public readonly string? ServiceName => _texts[(int)GenAIField.ServiceName - FirstText];

    public readonly string? RequestModel => _texts[(int)GenAIField.RequestModel - FirstText];

    public readonly string? ResponseModel => _texts[(int)GenAIField.ResponseModel - FirstText];

    public readonly string? ToolName => _texts[(int)GenAIField.ToolName - FirstText];

    public readonly string? ToolType => _texts[(int)GenAIField.ToolType - FirstText];

    public readonly string? ErrorType => _texts[(int)GenAIField.ErrorType - FirstText];

    public readonly TokenField Input => _tokens[(int)GenAIField.InputTokens - FirstToken];

    public readonly TokenField Output => _tokens[(int)GenAIField.OutputTokens - FirstToken];

    public readonly TokenField CacheRead => _tokens[(int)GenAIField.CacheReadInputTokens - FirstToken];

    public readonly TokenField CacheWrite => _tokens[(int)GenAIField.CacheWriteInputTokens - FirstToken];

    public readonly TokenField Reasoning => _tokens[(int)GenAIField.ReasoningOutputTokens - FirstToken];

    /// <summary>Gets the agent identity the analysis would give the span by itself: name, then id, then service name.</summary>
    public readonly string? Agent => AgentName ?? AgentId ?? ServiceName;

    /// <summary>Gets whether any token count is present, valid or not.</summary>
    public readonly bool HasUsage => Input.IsPresent || Output.IsPresent;

    public static SpanFields Read(Activity activity)
    {
        var fields = default(SpanFields);
        foreach (ref readonly var tag in activity.EnumerateTagObjects())
        {
            var field = (int)GenAIAttributeAliases.FieldOf(tag.Key, out var current);
            if ((uint)(field - FirstText) < Texts.Length)
            {
                Set(ref fields._texts[field - FirstText], tag.Value, current);
            }
            else if ((uint)(field - FirstToken) < Tokens.Length)
            {
                fields._tokens[field - FirstToken].Set(tag.Value, current);
            }
        }

        if (fields.ErrorType is null && activity.Status == ActivityStatusCode.Error)
        {
            // The conventions' fallback when the instrumentation set no error.type.
            fields._texts[(int)GenAIField.ErrorType - FirstText] = "_OTHER";
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

            // The common case (an int or a long, not negative) without the general conversion.
            if (value is int small && small >= 0)
            {
                Store(small, current);
                return;
            }

            if (value is long large && large >= 0)
            {
                Store(large, current);
                return;
            }

            var count = SpanAttributes.TokenCountOf(value, out var invalid);
            IsPresent = count is not null || invalid;
            IsInvalid = invalid;
            Value = count ?? 0;
            _fromCurrent = current;
        }

        private void Store(long count, bool current)
        {
            IsPresent = true;
            IsInvalid = false;
            Value = count;
            _fromCurrent = current;
        }
    }

    /// <summary>The text fields, <see cref="GenAIField.OperationName"/> to <see cref="GenAIField.ErrorType"/> in order.</summary>
    [InlineArray(Length)]
    private struct Texts
    {
        public const int Length = GenAIField.ErrorType - GenAIField.OperationName + 1;

        private string? _element;
    }

    /// <summary>The token counts, <see cref="GenAIField.InputTokens"/> to <see cref="GenAIField.ReasoningOutputTokens"/> in order.</summary>
    [InlineArray(Length)]
    private struct Tokens
    {
        public const int Length = GenAIField.ReasoningOutputTokens - GenAIField.InputTokens + 1;

        private TokenField _element;
    }
}
