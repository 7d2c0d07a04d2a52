using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultiAgent.Observability.Alerting;

/// <summary>The fleet health report over a time window: per-agent resource use and health score, fleet trends, active alerts and recommendations.</summary>
public sealed class FleetHealthReport
{
    /// <summary>Gets when the report was made.</summary>
    public DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Gets the window the figures cover (ending at <see cref="GeneratedAt"/>).</summary>
    public TimeSpan Window { get; init; }

    /// <summary>Gets one entry per agent (registered, or seen in the CPU or memory series), sorted by id.</summary>
    public required IReadOnlyList<AgentHealthReport> Agents { get; init; }

    /// <summary>Gets the fleet-wide figures.</summary>
    public required FleetTrends Trends { get; init; }

    /// <summary>Gets the firing alerts by severity.</summary>
    public required AlertCounts Alerts { get; init; }

    /// <summary>Gets the recommendations, per agent then fleet-wide.</summary>
    public required IReadOnlyList<string> Recommendations { get; init; }

    /// <summary>Writes the report as indented JSON (source-generated; camelCase).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, FleetHealthReportJsonContext.Default.FleetHealthReport);
}

/// <summary>One agent in the fleet health report. Percentages are the ratio series times 100.</summary>
public sealed class AgentHealthReport
{
    /// <summary>Gets the agent id.</summary>
    public required string AgentId { get; init; }

    /// <summary>Gets the registry status, or null when the agent is not registered.</summary>
    public AgentStatus? Status { get; init; }

    /// <summary>Gets how many CPU and memory samples the figures come from.</summary>
    public int Samples { get; init; }

    /// <summary>Gets the average CPU use in percent, or null without samples.</summary>
    public double? AverageCpuPercent { get; init; }

    /// <summary>Gets the highest CPU use in percent, or null without samples.</summary>
    public double? MaxCpuPercent { get; init; }

    /// <summary>Gets the average memory use in percent, or null without samples.</summary>
    public double? AverageMemoryPercent { get; init; }

    /// <summary>Gets the highest memory use in percent, or null without samples.</summary>
    public double? MaxMemoryPercent { get; init; }

    /// <summary>Gets the firing alerts about the agent.</summary>
    public int FiringAlerts { get; init; }

    /// <summary>Gets the health score: 100 minus <see cref="Deductions"/>, clamped to 0..100.</summary>
    public double HealthScore { get; init; }

    /// <summary>Gets each deduction from 100 and why.</summary>
    public required IReadOnlyList<HealthDeduction> Deductions { get; init; }
}

/// <summary>One deduction from an agent's health score.</summary>
public sealed class HealthDeduction
{
    /// <summary>Gets the points deducted.</summary>
    public double Points { get; init; }

    /// <summary>Gets why, as in <c>average CPU 85.0% &gt; 80%</c>.</summary>
    public required string Reason { get; init; }
}

/// <summary>Fleet-wide figures over the window.</summary>
public sealed class FleetTrends
{
    /// <summary>Gets the CPU and memory samples in the window.</summary>
    public int Samples { get; init; }

    /// <summary>Gets the average CPU use over every agent's samples, in percent, or null.</summary>
    public double? AverageCpuPercent { get; init; }

    /// <summary>Gets the average memory use over every agent's samples, in percent, or null.</summary>
    public double? AverageMemoryPercent { get; init; }

    /// <summary>Gets the change of average CPU from the window's first half to its second, in percentage points, or null.</summary>
    public double? CpuChangePoints { get; init; }

    /// <summary>Gets the change of average memory from the window's first half to its second, in percentage points, or null.</summary>
    public double? MemoryChangePoints { get; init; }

    /// <summary>Gets the agents scoring below 70.</summary>
    public int UnhealthyAgents { get; init; }
}

/// <summary>Firing alerts by severity.</summary>
public sealed class AlertCounts
{
    /// <summary>Gets the firing alerts.</summary>
    public int Total { get; init; }

    /// <summary>Gets the firing info alerts.</summary>
    public int Info { get; init; }

    /// <summary>Gets the firing warning alerts.</summary>
    public int Warning { get; init; }

    /// <summary>Gets the firing critical alerts.</summary>
    public int Critical { get; init; }

    /// <summary>Gets the firing emergency alerts.</summary>
    public int Emergency { get; init; }
}

/// <summary>Source-generated JSON for the fleet health report.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(FleetHealthReport))]
internal sealed partial class FleetHealthReportJsonContext : JsonSerializerContext;
