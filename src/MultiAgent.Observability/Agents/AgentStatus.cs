namespace MultiAgent.Observability;

/// <summary>The monitoring status of a registered agent.</summary>
public enum AgentStatus
{
    /// <summary>The agent sent a heartbeat within <see cref="MultiAgentMonitoringOptions.StaleAfter"/> and reported no failure since.</summary>
    Active,

    /// <summary>A health check or collection from the agent failed; the next heartbeat makes it active again.</summary>
    Unhealthy,

    /// <summary>No heartbeat for longer than <see cref="MultiAgentMonitoringOptions.StaleAfter"/>.</summary>
    Stale,

    /// <summary>The agent was unregistered; reported once, in the change event.</summary>
    Unregistered,
}
