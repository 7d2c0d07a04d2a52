namespace MultiAgent.Observability.Tracing;

/// <summary>An edge of the agent interaction graph: <see cref="Caller"/> called <see cref="Callee"/>.</summary>
public sealed record AgentEdge
{
    /// <summary>Gets the calling agent, or <see cref="AgentInteractionGraph.UserNode"/> for a call from outside the trace.</summary>
    public required string Caller { get; init; }

    /// <summary>Gets the called agent.</summary>
    public required string Callee { get; init; }

    /// <summary>Gets the number of the callee's entry spans (spans whose parent belongs to the caller).</summary>
    public required int Calls { get; init; }

    /// <summary>Gets how many of those entry spans ended in error.</summary>
    public required int Errors { get; init; }
}
