namespace MultiAgent.Observability;

/// <summary>A snapshot of one registered agent.</summary>
public sealed record AgentRegistration
{
    /// <summary>Gets what the agent registered with.</summary>
    public required AgentInfo Info { get; init; }

    /// <summary>Gets when it registered.</summary>
    public required DateTimeOffset RegisteredAt { get; init; }

    /// <summary>Gets when its last heartbeat arrived (registration counts as one).</summary>
    public required DateTimeOffset LastHeartbeat { get; init; }

    /// <summary>Gets its status.</summary>
    public required AgentStatus Status { get; init; }

    /// <summary>Gets why it has that status (the failure text when unhealthy), or null.</summary>
    public string? StatusReason { get; init; }
}
