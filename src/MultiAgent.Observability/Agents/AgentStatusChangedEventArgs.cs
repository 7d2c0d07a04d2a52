namespace MultiAgent.Observability;

/// <summary>Describes a change of an agent's status.</summary>
/// <param name="agent">The agent after the change.</param>
/// <param name="previousStatus">The status before the change, or null for a new registration.</param>
public sealed class AgentStatusChangedEventArgs(AgentRegistration agent, AgentStatus? previousStatus) : EventArgs
{
    /// <summary>Gets the agent after the change.</summary>
    public AgentRegistration Agent { get; } = agent;

    /// <summary>Gets the status before the change, or null when the agent just registered.</summary>
    public AgentStatus? PreviousStatus { get; } = previousStatus;
}
