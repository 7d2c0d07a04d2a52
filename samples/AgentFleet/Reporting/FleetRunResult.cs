using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentFleet.Reporting;

/// <summary>What <c>--json</c> prints when the run is over.</summary>
internal sealed class FleetRunResult
{
    public required double DurationSeconds { get; init; }

    public required string DashboardUrl { get; init; }

    public required IReadOnlyList<AgentResult> Agents { get; init; }

    public required AlertsResult Alerts { get; init; }

    /// <summary>The fleet health report as <c>FleetHealthReport.ToJson()</c> writes it.</summary>
    public required JsonElement HealthReport { get; init; }

    public required PipelineResult Pipeline { get; init; }

    public TraceResult? SlowestTrace { get; init; }

    public required OutputResult Output { get; init; }
}

internal sealed class AgentResult
{
    public required string Id { get; init; }

    public required string Role { get; init; }

    public required bool Remote { get; init; }

    public required string Status { get; init; }

    public string? StatusReason { get; init; }
}

internal sealed class AlertsResult
{
    public required int Fired { get; init; }

    public required int Resolved { get; init; }

    public required IReadOnlyList<AlertRecord> History { get; init; }
}

/// <summary>The metric pipeline's accounting after the drain: <c>accepted = aggregated + dropped</c>.</summary>
internal sealed class PipelineResult
{
    public required long Accepted { get; init; }

    public required long Aggregated { get; init; }

    public required long Dropped { get; init; }

    public required long Rejected { get; init; }

    public required int Series { get; init; }
}

internal sealed class TraceResult
{
    public required string TraceId { get; init; }

    public required double DurationMs { get; init; }

    public required int Spans { get; init; }

    public required IReadOnlyList<CriticalPathStep> CriticalPath { get; init; }
}

internal sealed class CriticalPathStep
{
    public string? Agent { get; init; }

    public string? Operation { get; init; }

    public required double DurationMs { get; init; }
}

internal sealed class OutputResult
{
    public required string BundleDirectory { get; init; }

    public required string RuleFile { get; init; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FleetRunResult))]
internal sealed partial class FleetRunJsonContext : JsonSerializerContext;
