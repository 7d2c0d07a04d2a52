namespace MultiAgent.Observability.Manifests.Monitoring;

/// <summary>
/// The PromQL for what a scraped agent exposes about itself, shared by the alert rules and the dashboard so both
/// read the same series: CPU from <c>process_cpu_seconds_total</c> (Prometheus client libraries) or
/// <c>dotnet_process_cpu_time_seconds_total</c> (.NET runtime metrics), memory from the process working set.
/// </summary>
internal static class AgentSeries
{
    /// <summary>CPU cores used per group: <c>sum by (...) (rate(...[5m]))</c> over whichever CPU counter the agent exports.</summary>
    /// <param name="grouping">The grouping clause, such as <c>by (agent_id, instance)</c>.</param>
    /// <param name="selector">The label matchers inside the braces, such as <c>job="x"</c>.</param>
    public static string CpuCores(string grouping, string selector) =>
        $"sum {grouping} (rate(process_cpu_seconds_total{{{selector}}}[5m])) or sum {grouping} (rate(dotnet_process_cpu_time_seconds_total{{{selector}}}[5m]))";

    /// <summary>Working-set bytes per group, from the first memory gauge the agent exports.</summary>
    /// <param name="grouping">The grouping clause.</param>
    /// <param name="selector">The label matchers inside the braces.</param>
    public static string MemoryBytes(string grouping, string selector) =>
        $"max {grouping} (dotnet_process_memory_working_set_bytes{{{selector}}}) or max {grouping} (process_working_set_bytes{{{selector}}}) or max {grouping} (process_resident_memory_bytes{{{selector}}})";
}
