namespace MultiAgent.Observability.Tracing;

/// <summary>
/// Attribute (tag) names of the OpenTelemetry GenAI semantic conventions (status: Development) used on agent,
/// tool and inference spans. Classify spans by these tags, never by display name: frameworks name spans differently.
/// </summary>
public static class GenAIAttributes
{
    /// <summary>The operation: one of <see cref="GenAIOperations"/>. Required on every GenAI span.</summary>
    public const string OperationName = "gen_ai.operation.name";

    /// <summary>The GenAI provider (for example <c>openai</c>); replaces the deprecated <c>gen_ai.system</c>.</summary>
    public const string ProviderName = "gen_ai.provider.name";

    /// <summary>The unique identifier of the agent.</summary>
    public const string AgentId = "gen_ai.agent.id";

    /// <summary>The human-readable name of the agent.</summary>
    public const string AgentName = "gen_ai.agent.name";

    /// <summary>A free-form description of the agent.</summary>
    public const string AgentDescription = "gen_ai.agent.description";

    /// <summary>The version of the agent.</summary>
    public const string AgentVersion = "gen_ai.agent.version";

    /// <summary>The identifier of the conversation (session, thread) the operation belongs to.</summary>
    public const string ConversationId = "gen_ai.conversation.id";

    /// <summary>The name of the tool the agent executes. Required on <c>execute_tool</c> spans.</summary>
    public const string ToolName = "gen_ai.tool.name";

    /// <summary>The identifier of the tool call, as the model gave it.</summary>
    public const string ToolCallId = "gen_ai.tool.call.id";

    /// <summary>The type of the tool: <c>function</c>, <c>extension</c> or <c>datastore</c>.</summary>
    public const string ToolType = "gen_ai.tool.type";

    /// <summary>The description of the tool.</summary>
    public const string ToolDescription = "gen_ai.tool.description";

    /// <summary>The model the request asked for.</summary>
    public const string RequestModel = "gen_ai.request.model";

    /// <summary>The model that produced the response.</summary>
    public const string ResponseModel = "gen_ai.response.model";

    /// <summary>The number of tokens in the prompt (input).</summary>
    public const string UsageInputTokens = "gen_ai.usage.input_tokens";

    /// <summary>The number of tokens in the response (output).</summary>
    public const string UsageOutputTokens = "gen_ai.usage.output_tokens";

    /// <summary>The number of input tokens served from a provider cache.</summary>
    public const string UsageCacheReadInputTokens = "gen_ai.usage.cache_read.input_tokens";

    /// <summary>The number of input tokens written to a provider cache.</summary>
    public const string UsageCacheCreationInputTokens = "gen_ai.usage.cache_creation.input_tokens";

    /// <summary>The class of error the operation ended with (an exception type name or a short code). Set only on errors.</summary>
    public const string ErrorType = "error.type";

    /// <summary>The logical name of the service; the agent identity of last resort.</summary>
    public const string ServiceName = "service.name";
}
