namespace MultiAgent.Observability.Tracing;

/// <summary>
/// Who called whom in a trace. There is an edge A→B for every span of agent B whose parent span belongs to another agent
/// A (an entry span of B), and an edge from <see cref="UserNode"/> to the agent of each root span, like the
/// <c>user</c> virtual node of Tempo service graphs.
/// </summary>
public sealed record AgentInteractionGraph
{
    /// <summary>The caller of root spans: <c>user</c>.</summary>
    public const string UserNode = "user";

    /// <summary>Gets the edges, sorted by caller then callee (ordinal).</summary>
    public required IReadOnlyList<AgentEdge> Edges { get; init; }
}
