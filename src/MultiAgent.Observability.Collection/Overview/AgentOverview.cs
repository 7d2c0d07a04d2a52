namespace MultiAgent.Observability.Collection;

/// <summary>One agent in the <see cref="FleetOverview"/>: in-process agents (which record and heartbeat directly) and remote agents (which are scraped) alike.</summary>
public sealed class AgentOverview
{
    /// <summary>Gets the agent id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the status.</summary>
    public AgentStatus Status { get; init; }

    /// <summary>Gets why the agent has its status, or null.</summary>
    public string? StatusReason { get; init; }

    /// <summary>Gets when the agent registered.</summary>
    public DateTimeOffset RegisteredAt { get; init; }

    /// <summary>Gets when the last heartbeat (or successful collection) arrived.</summary>
    public DateTimeOffset LastHeartbeat { get; init; }

    /// <summary>Gets how old the last heartbeat is.</summary>
    public TimeSpan HeartbeatAge { get; init; }

    /// <summary>Gets a value indicating whether the agent is collected over HTTP (it has a metrics or health endpoint) rather than recording in process.</summary>
    public bool Remote { get; init; }

    /// <summary>Gets the metrics endpoint, or null.</summary>
    public Uri? MetricsEndpoint { get; init; }

    /// <summary>Gets the health endpoint, or null.</summary>
    public Uri? HealthEndpoint { get; init; }

    /// <summary>Gets how collection of a remote agent is going, or null for in-process agents.</summary>
    public AgentCollectionSnapshot? Collection { get; init; }
}
