using System.Diagnostics;

namespace MultiAgent.Observability.Tracing;

/// <summary>
/// The <see cref="ActivitySource"/> for agent work, following the OpenTelemetry GenAI agent conventions:
/// <c>invoke_agent {name}</c> and <c>execute_tool {tool}</c> INTERNAL spans. The spans are plain
/// <see cref="Activity"/> objects, so an application that also uses OpenTelemetry exports them by adding
/// <see cref="Name"/> as a source.
/// </summary>
public static class AgentActivitySource
{
    /// <summary>The name of the source: <c>MultiAgent.Observability.Agents</c>.</summary>
    public const string Name = "MultiAgent.Observability.Agents";

    /// <summary>Gets the version of the source: the version of this assembly.</summary>
    public static string Version { get; } = typeof(AgentActivitySource).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    /// <summary>Gets the source itself, for callers that start other spans on it.</summary>
    public static ActivitySource Source { get; } = new(Name, Version);

    /// <summary>
    /// Starts an <c>invoke_agent {agentName}</c> INTERNAL span (an agent running in this process) and makes it current.
    /// </summary>
    /// <param name="agentName">The agent's name (<c>gen_ai.agent.name</c>); when empty the span is named <c>invoke_agent</c>.</param>
    /// <param name="agentId">
    /// The agent's id (<c>gen_ai.agent.id</c>), as the registry and the metrics name it, if known; <see langword="null"/>
    /// or an empty <see cref="AgentId"/> sets no id.
    /// </param>
    /// <param name="conversationId">The conversation, session or thread (<c>gen_ai.conversation.id</c>), if known.</param>
    /// <param name="parentContext">
    /// The parent, for example one extracted from a message with <see cref="AgentTraceContext"/>;
    /// <see langword="default"/> uses <see cref="Activity.Current"/>.
    /// </param>
    /// <returns>The started span, or <see langword="null"/> when no listener samples it.</returns>
    public static Activity? StartInvokeAgent(string agentName, AgentId? agentId = null, string? conversationId = null, ActivityContext parentContext = default)
    {
        ArgumentNullException.ThrowIfNull(agentName);
        var name = agentName.Length == 0 ? GenAIOperations.InvokeAgent : GenAIOperations.InvokeAgent + " " + agentName;
        var activity = Source.StartActivity(name, ActivityKind.Internal, parentContext);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(GenAIAttributes.OperationName, GenAIOperations.InvokeAgent);
            if (agentName.Length != 0)
            {
                activity.SetTag(GenAIAttributes.AgentName, agentName);
            }

            if (agentId is { Value.Length: > 0 } id)
            {
                activity.SetTag(GenAIAttributes.AgentId, id.Value);
            }

            if (conversationId is not null)
            {
                activity.SetTag(GenAIAttributes.ConversationId, conversationId);
            }
        }

        return activity;
    }

    /// <summary>Starts an <c>execute_tool {toolName}</c> INTERNAL span and makes it current.</summary>
    /// <param name="toolName">The tool's name (<c>gen_ai.tool.name</c>, required by the conventions).</param>
    /// <param name="toolCallId">The id of the call as the model gave it (<c>gen_ai.tool.call.id</c>), if known.</param>
    /// <param name="toolType">The tool type (<c>gen_ai.tool.type</c>): <c>function</c>, <c>extension</c> or <c>datastore</c>, if known.</param>
    /// <param name="parentContext">The parent; <see langword="default"/> uses <see cref="Activity.Current"/>.</param>
    /// <returns>The started span, or <see langword="null"/> when no listener samples it.</returns>
    public static Activity? StartExecuteTool(string toolName, string? toolCallId = null, string? toolType = null, ActivityContext parentContext = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(toolName);
        var activity = Source.StartActivity(GenAIOperations.ExecuteTool + " " + toolName, ActivityKind.Internal, parentContext);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(GenAIAttributes.OperationName, GenAIOperations.ExecuteTool);
            activity.SetTag(GenAIAttributes.ToolName, toolName);
            if (toolCallId is not null)
            {
                activity.SetTag(GenAIAttributes.ToolCallId, toolCallId);
            }

            if (toolType is not null)
            {
                activity.SetTag(GenAIAttributes.ToolType, toolType);
            }
        }

        return activity;
    }
}
