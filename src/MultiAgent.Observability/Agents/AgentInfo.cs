namespace MultiAgent.Observability;

/// <summary>What an agent tells the registry about itself.</summary>
public sealed record AgentInfo
{
    /// <summary>Initializes a new instance of the <see cref="AgentInfo"/> class.</summary>
    /// <param name="id">The agent id.</param>
    public AgentInfo(AgentId id) => Id = id;

    /// <summary>Gets the agent id: the one name of the agent in the registry, the metrics (<see cref="MonitoringLabels.AgentId"/>) and the traces (<c>gen_ai.agent.id</c>).</summary>
    public AgentId Id { get; init; }

    /// <summary>Gets the URL that serves the agent's metrics (Prometheus text, OpenMetrics or JSON), or null for in-process agents.</summary>
    public Uri? MetricsEndpoint { get; init; }

    /// <summary>Gets the URL of the agent's health endpoint, or null.</summary>
    public Uri? HealthEndpoint { get; init; }

    /// <summary>Gets descriptive labels (team, model, version...), at most <see cref="MultiAgentMonitoringOptions.MaxAgentLabels"/>.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = EmptyLabels;

    internal static readonly IReadOnlyDictionary<string, string> EmptyLabels = new Dictionary<string, string>(0);
}
