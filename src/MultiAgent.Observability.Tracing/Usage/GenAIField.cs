namespace MultiAgent.Observability.Tracing;

/// <summary>The span attributes the GenAI metrics and the cost read, whatever spelling the instrumentation used.</summary>
internal enum GenAIField : byte
{
    None,
    OperationName,
    ProviderName,
    AgentName,
    AgentId,
    ServiceName,
    RequestModel,
    ResponseModel,
    ToolName,
    ToolType,
    ErrorType,
    InputTokens,
    OutputTokens,
    CacheReadInputTokens,
    CacheWriteInputTokens,
    ReasoningOutputTokens,
    TotalTokens,
}
