namespace AgentFleet;

/// <summary>The command line's choices.</summary>
internal sealed class FleetRunOptions
{
    /// <summary>The port of the monitoring endpoints on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>How long the fleet runs before it drains and reports.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Print machine-readable JSON instead of the live view.</summary>
    public bool Json { get; init; }

    /// <summary>Where the deployment bundle and the rule file go.</summary>
    public string OutputDirectory { get; init; } = "out";
}
