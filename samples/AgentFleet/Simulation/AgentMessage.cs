namespace AgentFleet.Simulation;

/// <summary>
/// A task handed from one agent to another over an in-process channel. The headers carry the sender's W3C trace
/// context (<c>traceparent</c>, <c>tracestate</c>) exactly as an HTTP or queue message would.
/// </summary>
internal sealed class AgentMessage
{
    public required string ConversationId { get; init; }

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Completed by the receiver: true when it handled the task without error.</summary>
    public TaskCompletionSource<bool> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
