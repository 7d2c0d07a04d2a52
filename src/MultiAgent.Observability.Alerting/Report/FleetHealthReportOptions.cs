namespace MultiAgent.Observability.Alerting;

/// <summary>Which series the fleet health report reads, and its thresholds.</summary>
public sealed class FleetHealthReportOptions
{
    /// <summary>Gets or sets the per-agent gauge of CPU use as a ratio (0..1).</summary>
    /// <value>The default value is <c>process_cpu_utilization_ratio</c>.</value>
    public string CpuMetric { get; set; } = "process_cpu_utilization_ratio";

    /// <summary>Gets or sets the per-agent gauge of memory use as a ratio (0..1).</summary>
    /// <value>The default value is <c>process_memory_utilization_ratio</c>.</value>
    public string MemoryMetric { get; set; } = "process_memory_utilization_ratio";
}
