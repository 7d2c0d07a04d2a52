namespace MultiAgent.Observability.Tracing;

/// <summary>Well-known values of <see cref="GenAIAttributes.OperationName"/> in the OpenTelemetry GenAI semantic conventions.</summary>
public static class GenAIOperations
{
    /// <summary>A chat completion request to a model.</summary>
    public const string Chat = "chat";

    /// <summary>Creation of an agent (a CLIENT span).</summary>
    public const string CreateAgent = "create_agent";

    /// <summary>An embeddings request.</summary>
    public const string Embeddings = "embeddings";

    /// <summary>Execution of a tool (an INTERNAL span named <c>execute_tool {gen_ai.tool.name}</c>).</summary>
    public const string ExecuteTool = "execute_tool";

    /// <summary>A multimodal content generation request.</summary>
    public const string GenerateContent = "generate_content";

    /// <summary>Invocation of an agent (named <c>invoke_agent {gen_ai.agent.name}</c>; INTERNAL when the agent runs in process).</summary>
    public const string InvokeAgent = "invoke_agent";

    /// <summary>Invocation of a workflow, for frameworks with a distinct workflow concept.</summary>
    public const string InvokeWorkflow = "invoke_workflow";

    /// <summary>A retrieval (search) operation.</summary>
    public const string Retrieval = "retrieval";

    /// <summary>A legacy text completion request.</summary>
    public const string TextCompletion = "text_completion";
}
