namespace MultiAgent.Observability;

/// <summary>The agents being monitored, with their heartbeats and status. Thread-safe.</summary>
public interface IAgentRegistry
{
    /// <summary>Raised after an agent's status changes (registration, failure, recovery, staleness, removal), outside any lock.</summary>
    /// <remarks>A handler that throws is logged and does not stop other handlers or the registry.</remarks>
    event EventHandler<AgentStatusChangedEventArgs>? StatusChanged;

    /// <summary>Gets the number of registered agents.</summary>
    int Count { get; }

    /// <summary>Registers an agent, or updates its info when it is already registered (a re-registration is a heartbeat).</summary>
    /// <param name="info">The agent's info.</param>
    /// <returns>The registration.</returns>
    /// <exception cref="ArgumentException">The info carries an invalid label, or too many labels.</exception>
    /// <exception cref="InvalidOperationException">The registry already holds <see cref="MultiAgentMonitoringOptions.MaxAgents"/> agents.</exception>
    AgentRegistration Register(AgentInfo info);

    /// <summary>Removes an agent.</summary>
    /// <param name="id">The agent id.</param>
    /// <returns><see langword="true"/> when the agent was registered.</returns>
    bool Unregister(AgentId id);

    /// <summary>Records a heartbeat: the agent is alive and, if it was unhealthy or stale, active again.</summary>
    /// <param name="id">The agent id.</param>
    /// <returns><see langword="false"/> when the agent is not registered.</returns>
    bool Heartbeat(AgentId id);

    /// <summary>Marks an agent unhealthy until its next heartbeat.</summary>
    /// <param name="id">The agent id.</param>
    /// <param name="reason">What failed.</param>
    /// <returns><see langword="false"/> when the agent is not registered.</returns>
    bool ReportUnhealthy(AgentId id, string reason);

    /// <summary>Gets one agent.</summary>
    /// <param name="id">The agent id.</param>
    /// <param name="registration">The agent, when registered.</param>
    /// <returns>Whether the agent is registered.</returns>
    bool TryGet(AgentId id, out AgentRegistration registration);

    /// <summary>Gets every registered agent, sorted by id.</summary>
    /// <returns>A snapshot.</returns>
    IReadOnlyList<AgentRegistration> GetAll();

    /// <summary>Marks agents whose last heartbeat is older than <see cref="MultiAgentMonitoringOptions.StaleAfter"/> as stale. The host runs this periodically.</summary>
    /// <returns>The number of agents that became stale.</returns>
    int CheckStaleness();
}
