using System.ComponentModel.DataAnnotations;

namespace MultiAgent.Observability;

/// <summary>Options shared by every MultiAgent.Observability package: the agent registry and its limits.</summary>
public sealed class MultiAgentMonitoringOptions
{
    /// <summary>Gets or sets how long an agent may go without a heartbeat before it is marked <see cref="AgentStatus.Stale"/>.</summary>
    /// <value>The default value is 90 seconds: three 30-second collection intervals. At least 1 second and at most 365 days.</value>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Gets or sets how often the registry checks for stale agents.</summary>
    /// <value>The default value is 5 seconds. At least 10 milliseconds, at most 49.7 days (the longest .NET timer), and not longer than <see cref="StaleAfter"/>.</value>
    public TimeSpan StalenessCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the largest number of agents the registry holds; registrations past it are refused.</summary>
    /// <value>The default value is 10,000.</value>
    [Range(1, 1_000_000)]
    public int MaxAgents { get; set; } = 10_000;

    /// <summary>Gets or sets the largest number of labels one agent may carry.</summary>
    /// <value>The default value is 32.</value>
    [Range(0, 1024)]
    public int MaxAgentLabels { get; set; } = 32;
}
