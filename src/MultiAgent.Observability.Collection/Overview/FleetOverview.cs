using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultiAgent.Observability.Collection;

/// <summary>The state of the whole fleet at one instant: agents by status with their collection results, and the metric totals.</summary>
public sealed class FleetOverview
{
    /// <summary>Gets when the overview was taken.</summary>
    public DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Gets the number of agents by status.</summary>
    public required IReadOnlyDictionary<AgentStatus, int> AgentsByStatus { get; init; }

    /// <summary>Gets every registered agent, sorted by id.</summary>
    public required IReadOnlyList<AgentOverview> Agents { get; init; }

    /// <summary>Gets the metric pipeline's totals.</summary>
    public required MetricTotals Metrics { get; init; }

    /// <summary>Writes the overview as JSON (camelCase names, statuses and outcomes as strings) with source-generated serialization.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, FleetOverviewJsonContext.Default.FleetOverview);

    /// <summary>Writes the overview as JSON to a stream.</summary>
    /// <param name="stream">The destination, left open.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the JSON is written.</returns>
    public Task WriteJsonAsync(Stream stream, CancellationToken cancellationToken = default) =>
        JsonSerializer.SerializeAsync(stream, this, FleetOverviewJsonContext.Default.FleetOverview, cancellationToken);
}

/// <summary>Source-generated JSON for <see cref="FleetOverview"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true, WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FleetOverview))]
internal sealed partial class FleetOverviewJsonContext : JsonSerializerContext;
