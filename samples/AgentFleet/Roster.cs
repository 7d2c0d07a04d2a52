namespace AgentFleet;

/// <summary>What a member of the fleet does.</summary>
internal enum AgentRole
{
    Planner,
    Researcher,
    Tool,
    Writer,
    Reviewer,
    Remote,
}

/// <summary>How a remote agent serves its metrics.</summary>
internal enum RemoteFormat
{
    None,
    PrometheusText,
    Json,
}

/// <summary>One agent of the simulated fleet.</summary>
internal sealed class FleetMember
{
    public required string Id { get; init; }

    public required AgentRole Role { get; init; }

    public required string Team { get; init; }

    /// <summary>Agents this one calls for every message, in parallel; then <see cref="Next"/>.</summary>
    public IReadOnlyList<string> FanOut { get; init; } = [];

    /// <summary>The agent this one hands its result to after <see cref="FanOut"/>, or null.</summary>
    public string? Next { get; init; }

    /// <summary>The tool an agent with <see cref="AgentRole.Tool"/> executes.</summary>
    public string? Tool { get; init; }

    /// <summary>Typical time one message takes this agent, before the scenario's slow-down.</summary>
    public TimeSpan WorkTime { get; init; } = TimeSpan.FromMilliseconds(30);

    public RemoteFormat Remote { get; init; }

    public bool IsRemote => Remote != RemoteFormat.None;
}

/// <summary>The fleet: one place for its agents, who calls whom, and which agents misbehave.</summary>
internal static class Roster
{
    /// <summary>The agent whose latency rises for a while (and fires <c>AgentLatencyHigh</c>).</summary>
    public const string DegradingAgent = "researcher-2";

    /// <summary>The agent that stops heartbeating for a while (and fires <c>AgentDown</c>).</summary>
    public const string PausingAgent = "reviewer";

    public static IReadOnlyList<FleetMember> Members { get; } =
    [
        new() { Id = "planner", Role = AgentRole.Planner, Team = "orchestration", FanOut = ["researcher-1", "researcher-2", "researcher-3"], Next = "summarizer", WorkTime = TimeSpan.FromMilliseconds(10) },
        new() { Id = "researcher-1", Role = AgentRole.Researcher, Team = "research", FanOut = ["tool-search"], WorkTime = TimeSpan.FromMilliseconds(60) },
        new() { Id = "researcher-2", Role = AgentRole.Researcher, Team = "research", FanOut = ["tool-fetch"], WorkTime = TimeSpan.FromMilliseconds(60) },
        new() { Id = "researcher-3", Role = AgentRole.Researcher, Team = "research", FanOut = ["tool-code"], WorkTime = TimeSpan.FromMilliseconds(60) },
        new() { Id = "tool-search", Role = AgentRole.Tool, Team = "tools", Tool = "web_search", WorkTime = TimeSpan.FromMilliseconds(25) },
        new() { Id = "tool-fetch", Role = AgentRole.Tool, Team = "tools", Tool = "fetch_page", WorkTime = TimeSpan.FromMilliseconds(35) },
        new() { Id = "tool-code", Role = AgentRole.Tool, Team = "tools", Tool = "run_code", WorkTime = TimeSpan.FromMilliseconds(45) },
        new() { Id = "summarizer", Role = AgentRole.Writer, Team = "content", Next = "writer", WorkTime = TimeSpan.FromMilliseconds(40) },
        new() { Id = "writer", Role = AgentRole.Writer, Team = "content", Next = "reviewer", WorkTime = TimeSpan.FromMilliseconds(50) },
        new() { Id = "reviewer", Role = AgentRole.Reviewer, Team = "content", WorkTime = TimeSpan.FromMilliseconds(20) },
        new() { Id = "remote-translator", Role = AgentRole.Remote, Team = "edge", Remote = RemoteFormat.PrometheusText },
        new() { Id = "remote-guardrail", Role = AgentRole.Remote, Team = "edge", Remote = RemoteFormat.Json },
    ];

    /// <summary>The agents that call <paramref name="id"/> (for the deployment's network policy).</summary>
    public static IReadOnlyList<string> CallersOf(string id)
    {
        var callers = new List<string>();
        foreach (var member in Members)
        {
            if (member.Next == id || member.FanOut.Contains(id))
            {
                callers.Add(member.Id);
            }
        }

        return callers;
    }
}
