using System.ComponentModel.DataAnnotations;

namespace MultiAgent.Observability.AspNetCore;

/// <summary>
/// Options of the monitoring endpoints that <c>MapMultiAgentMonitoring()</c> maps. The route prefix is the argument of
/// <c>MapMultiAgentMonitoring(prefix)</c>; <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c> are always mapped.
/// </summary>
public sealed class MonitoringEndpointsOptions
{
    /// <summary>Gets or sets a value indicating whether the JSON endpoints under <c>/api/</c> are mapped.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool EnableJsonApi { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether the <c>/dashboard</c> page is mapped.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool EnableDashboard { get; set; } = true;

    /// <summary>Gets or sets the window the <c>/api/health-report</c> figures and the dashboard's sparklines cover.</summary>
    /// <value>The default value is 5 minutes. It must be more than zero and at most one day.</value>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets how many of the most recent traces <c>/api/traces</c> lists and the dashboard searches for the slowest.</summary>
    /// <value>The default value is 50.</value>
    [Range(1, 10_000)]
    public int MaxTraces { get; set; } = 50;

    /// <summary>Gets or sets how many resolved alerts <c>/api/alerts</c> and the dashboard show, most recent first.</summary>
    /// <value>The default value is 20.</value>
    [Range(0, 1_000)]
    public int MaxResolvedAlerts { get; set; } = 20;

    /// <summary>Gets or sets how many series the dashboard draws per agent as sparklines.</summary>
    /// <value>The default value is 3.</value>
    [Range(0, 20)]
    public int SparklinesPerAgent { get; set; } = 3;

    /// <summary>
    /// Gets the metric names the dashboard prefers for an agent's sparklines, in order; the agent's other counter and
    /// gauge series (sorted by name) fill the remaining places.
    /// </summary>
    /// <value>The default value is the process CPU and memory utilization ratios.</value>
    public IList<string> SparklineMetrics { get; } = ["process_cpu_utilization_ratio", "process_memory_utilization_ratio"];

    /// <summary>Gets or sets how often the dashboard page reloads itself, or <see cref="TimeSpan.Zero"/> for never.</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan DashboardRefresh { get; set; } = TimeSpan.FromSeconds(10);
}
