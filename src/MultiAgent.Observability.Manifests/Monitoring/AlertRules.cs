using System.Globalization;
using MultiAgent.Observability.Manifests.Kubernetes;

namespace MultiAgent.Observability.Manifests.Monitoring;

/// <summary>
/// The default alerts (AgentDown, HighCpuUsage, HighMemoryUsage) on series a scraped agent really exposes, plus
/// AgentMetricsAbsent for a scrape that was never set up. Severities are core's <see cref="Severity"/>; every series
/// carries the agent id as <see cref="MonitoringLabels.AgentId"/>.
/// </summary>
/// <remarks>
/// <para>Host-wide percentages (<c>system_cpu_usage</c>) are not exported in the Prometheus format, so every expression
/// uses the series a scraped agent exposes itself, and the same rules work under Kubernetes (ServiceMonitor) and on
/// plain hosts (file discovery):</para>
/// <list type="bullet">
/// <item><c>up{job="&lt;system&gt;"}</c>: the job label is the system name in both scrape setups (ServiceMonitor
/// <c>jobLabel: app.kubernetes.io/part-of</c>; the raw job is named after the system).</item>
/// <item>CPU: <c>rate(process_cpu_seconds_total[5m])</c> (Prometheus client libraries, prometheus-net) or, for .NET 9+
/// runtime metrics exported by this library and OpenTelemetry, <c>rate(dotnet_process_cpu_time_seconds_total[5m])</c>
/// summed over <c>cpu_mode</c>; per pod (<c>instance</c>), divided by the agent's CPU limit (its request when unlimited).</item>
/// <item>Memory: the process working set (<c>dotnet_process_memory_working_set_bytes</c>, else
/// <c>process_working_set_bytes</c>, else <c>process_resident_memory_bytes</c>) divided by the agent's memory limit.
/// In a one-process container the process working set is the container's, which the OOM killer compares with the limit.</item>
/// </list>
/// <para>The limits come from the description itself as recording rules (<c>multi_agent:agent_cpu_limit:cores</c>,
/// <c>multi_agent:agent_memory_limit:bytes</c>, one constant series per agent), so the alerts need neither
/// kube-state-metrics nor cAdvisor and stay in step with the Deployments generated from the same description.</para>
/// </remarks>
internal static class AlertRules
{
    public const string CpuLimitRecord = "multi_agent:agent_cpu_limit:cores";
    public const string MemoryLimitRecord = "multi_agent:agent_memory_limit:bytes";

    /// <summary>The label that carries an alert's severity, as Alertmanager routes expect it.</summary>
    public const string SeverityLabel = "severity";

    private const string AgentId = MonitoringLabels.AgentId;

    public static IReadOnlyList<RuleGroup> Create(SystemDescription system, IReadOnlyList<AgentIdentity> agents)
    {
        var job = "job=\"" + system.Name + "\"";
        var rules = new List<Rule>((agents.Count * 2) + 4);
        foreach (var agent in agents)
        {
            var resources = agent.Agent.Resources;
            rules.Add(Constant(CpuLimitRecord, Number(resources.CpuLimit ?? resources.CpuRequest), system.Name, agent.Id));
        }

        foreach (var agent in agents)
        {
            rules.Add(Constant(MemoryLimitRecord, Number(agent.Agent.Resources.MemoryLimit), system.Name, agent.Id));
        }

        const string ByPod = $"by (job, {AgentId}, instance)";
        const string OnAgent = $"/ on (job, {AgentId}) group_left ()";
        const string Agent = $"agent {{{{ $labels.{AgentId} }}}}";
        const string Pod = $"{{{{ $labels.instance }}}} of {Agent}";
        rules.Add(Alert("AgentDown", $"up{{{job}}} == 0", "5m", Severity.Critical,
            $"Agent {{{{ $labels.{AgentId} }}}} is down",
            $"Prometheus could not scrape {Pod} for 5 minutes."));
        rules.Add(Alert("AgentMetricsAbsent", $"absent(up{{{job}}})", "10m", Severity.Warning,
            "No agent of " + system.Name + " is scraped",
            "Prometheus has no target with " + job + ": the ServiceMonitor or scrape configuration is not picked up."));
        rules.Add(Alert("HighCpuUsage", $"({AgentSeries.CpuCores(ByPod, job)}) {OnAgent} {CpuLimitRecord}{{{job}}} > 0.85", "5m", Severity.Warning,
            $"High CPU usage on {Agent}",
            $"{Pod} uses {{{{ $value | humanizePercentage }}}} of its CPU limit."));
        rules.Add(Alert("HighMemoryUsage", $"({AgentSeries.MemoryBytes(ByPod, job)}) {OnAgent} {MemoryLimitRecord}{{{job}}} > 0.9", "5m", Severity.Warning,
            $"High memory usage on {Agent}",
            $"{Pod} uses {{{{ $value | humanizePercentage }}}} of its memory limit."));

        return [new RuleGroup { Name = system.Name, Rules = rules }];
    }

    private static Rule Constant(string record, string value, string job, string agentId) => new()
    {
        Record = record,
        Expr = "vector(" + value + ")",
        Labels = WellKnownLabels.Sorted([new(AgentId, agentId), new("job", job)]),
    };

    private static string Number(string quantity) =>
        KubernetesQuantity.Value(quantity).ToString("0.###", CultureInfo.InvariantCulture);

    private static Rule Alert(string name, string expr, string @for, Severity severity, string summary, string description) => new()
    {
        Alert = name,
        Expr = expr,
        For = @for,
        Labels = new Dictionary<string, string>(StringComparer.Ordinal) { [SeverityLabel] = LabelValue(severity) },
        Annotations = new Dictionary<string, string>(StringComparer.Ordinal) { ["description"] = description, ["summary"] = summary },
    };

    /// <summary>The severity as the lower-case label value Alertmanager routes and the common alert rule sets use.</summary>
    internal static string LabelValue(Severity severity) => severity switch
    {
        Severity.Info => "info",
        Severity.Warning => "warning",
        Severity.Critical => "critical",
        Severity.Emergency => "emergency",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "unknown severity"),
    };
}
