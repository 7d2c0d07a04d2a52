namespace MultiAgent.Observability.Tracing;

/// <summary>The kinds of span the GenAI metrics record, each with its own tags.</summary>
internal enum SeriesKind : byte
{
    /// <summary>A model call (or an agent span's own usage): operation, agent, provider, models, error.</summary>
    ModelCall,

    /// <summary>A tool execution: agent, tool name and type, error.</summary>
    Tool,

    /// <summary>An agent invocation: agent, request model, error.</summary>
    Invocation,
}
