namespace MultiAgent.Observability;

/// <summary>A snapshot of one registered agent.</summary>
/// <param name="Info">What the agent registered with.</param>
/// <param name="RegisteredAt">When it registered.</param>
/// <param name="LastHeartbeat">When its last heartbeat arrived (registration counts as one).</param>
/// <param name="Status">Its status.</param>
/// <param name="StatusReason">Why it has that status (the failure text when unhealthy), or null.</param>
public sealed record AgentRegistration(
    AgentInfo Info,
    DateTimeOffset RegisteredAt,
    DateTimeOffset LastHeartbeat,
    AgentStatus Status,
    string? StatusReason);
