using System.Globalization;
using System.Text;
using k8s.Models;
using MultiAgent.Observability.Manifests.Kubernetes;

namespace MultiAgent.Observability.Manifests.Monitoring;

/// <summary>
/// Builds the Prometheus side: one ServiceMonitor per agent (its port is the agent Service's metrics port name, so
/// it can never point at a port that does not exist), the PrometheusRule, and the raw Prometheus configurations
/// (Kubernetes pod discovery, and file discovery for hosts without Kubernetes).
/// </summary>
internal static class MonitoringFactory
{
    public static OperatorObject<ServiceMonitorSpec> ServiceMonitor(AgentIdentity agent)
    {
        var monitoring = agent.System.Monitoring;
        var labels = agent.CopyLabels();
        labels["release"] = monitoring.ReleaseLabel;
        return new OperatorObject<ServiceMonitorSpec>(
            ApiVersions.Monitoring,
            "ServiceMonitor",
            new V1ObjectMeta { Name = agent.ObjectName, NamespaceProperty = agent.Namespace, Labels = WellKnownLabels.Sorted(labels) },
            new ServiceMonitorSpec(
                // job = the system name for every agent, which the alerts and the dashboard select on.
                JobLabel: WellKnownLabels.PartOf,
                Selector: new V1LabelSelector { MatchLabels = agent.CopySelector() },
                NamespaceSelector: new NamespaceSelector([agent.Namespace]),
                Endpoints:
                [
                    new MonitorEndpoint(
                        agent.MetricsServicePortName,
                        agent.Agent.MetricsPath,
                        "http",
                        Durations.Format(monitoring.ScrapeInterval),
                        Durations.Format(ScrapeTimeout(monitoring.ScrapeInterval)),
                        [new OperatorRelabeling { Action = "replace", TargetLabel = MonitoringLabels.AgentId, Replacement = agent.Id }],
                        [.. AgentIdFromHost.Select(r => new OperatorRelabeling { SourceLabels = r.SourceLabels, Regex = r.Regex, TargetLabel = r.TargetLabel, Replacement = r.Replacement, Action = r.Action })]),
                ]));
    }

    public static OperatorObject<PrometheusRuleSpec> PrometheusRule(SystemDescription system, IReadOnlyList<RuleGroup> groups)
    {
        var labels = WellKnownLabels.ForSystem(system.Name, "monitoring");
        labels["release"] = system.Monitoring.ReleaseLabel;
        return new OperatorObject<PrometheusRuleSpec>(
            ApiVersions.Monitoring,
            "PrometheusRule",
            new V1ObjectMeta { Name = ManifestConventions.PrometheusRuleName(system.Name), NamespaceProperty = system.Namespace, Labels = WellKnownLabels.Sorted(labels) },
            new PrometheusRuleSpec(groups));
    }

    /// <summary>A scrape configuration with Kubernetes pod discovery, for a Prometheus not run by the operator.</summary>
    public static PrometheusConfig KubernetesScrapeConfig(SystemDescription system, IReadOnlyList<AgentIdentity> agents, string ruleFile)
    {
        // Pod discovery yields one target per declared container port: keep exactly each agent's metrics port.
        var keep = new StringBuilder();
        foreach (var agent in agents)
        {
            keep.Append(keep.Length == 0 ? string.Empty : "|")
                .Append(agent.ObjectName).Append(';').Append(agent.MetricsContainerPort.Port.ToString(CultureInfo.InvariantCulture));
        }

        return new PrometheusConfig
        {
            Global = Global(system),
            RuleFiles = [ruleFile],
            ScrapeConfigs =
            [
                Job(system) with
                {
                    KubernetesSdConfigs = [new KubernetesSdConfig("pod", new NamespaceNames([system.Namespace]))],
                    RelabelConfigs =
                    [
                        new RelabelConfig { SourceLabels = ["__meta_kubernetes_pod_annotation_prometheus_io_scrape"], Regex = "true", Action = "keep" },
                        new RelabelConfig { SourceLabels = ["__meta_kubernetes_pod_label_app_kubernetes_io_part_of"], Regex = system.Name, Action = "keep" },
                        new RelabelConfig { SourceLabels = ["__meta_kubernetes_pod_phase"], Regex = "Pending|Succeeded|Failed", Action = "drop" },
                        new RelabelConfig
                        {
                            SourceLabels = ["__meta_kubernetes_pod_label_app_kubernetes_io_instance", "__meta_kubernetes_pod_container_port_number"],
                            Separator = ";",
                            Regex = keep.ToString(),
                            Action = "keep",
                        },
                        new RelabelConfig { SourceLabels = ["__meta_kubernetes_pod_annotation_prometheus_io_path"], Regex = "(.+)", TargetLabel = "__metrics_path__", Replacement = "$1", Action = "replace" },
                        new RelabelConfig { SourceLabels = ["__meta_kubernetes_pod_label_app_kubernetes_io_instance"], Regex = ManifestConventions.AgentObjectPrefix + "(.+)", TargetLabel = MonitoringLabels.AgentId, Replacement = "$1", Action = "replace" },
                        new RelabelConfig { SourceLabels = ["__meta_kubernetes_namespace"], TargetLabel = "namespace", Action = "replace" },
                        new RelabelConfig { SourceLabels = ["__meta_kubernetes_pod_name"], TargetLabel = "pod", Action = "replace" },
                    ],
                },
            ],
        };
    }

    /// <summary>A scrape configuration with file discovery, for hosts without Kubernetes (the targets file lists the agents).</summary>
    public static PrometheusConfig FileScrapeConfig(SystemDescription system, string ruleFile, string targetsFile) => new()
    {
        Global = Global(system),
        RuleFiles = [ruleFile],
        ScrapeConfigs =
        [
            Job(system) with { FileSdConfigs = [new FileSdConfig([targetsFile], "1m")] },
        ],
    };

    /// <summary>
    /// The scrape job both configurations share: named after the system (the alerts select on it), at the description's
    /// interval, with <see cref="AgentIdFromHost"/>.
    /// </summary>
    private static ScrapeConfig Job(SystemDescription system) => new()
    {
        JobName = system.Name,
        ScrapeInterval = Durations.Format(system.Monitoring.ScrapeInterval),
        ScrapeTimeout = Durations.Format(ScrapeTimeout(system.Monitoring.ScrapeInterval)),
        MetricRelabelConfigs = AgentIdFromHost,
    };

    /// <summary>
    /// Metric relabelling that lets a host name the agent of each series it exposes. A target is labelled with its
    /// deployment's <c>agent_id</c>, but one host can run several agents and labels each series with its own; on that
    /// clash Prometheus keeps the target's value and moves the series' to <c>exported_agent_id</c>. These two rules
    /// move it back, so only <c>agent_id</c> is honoured this way (<c>job</c>, <c>instance</c> and the rest stay the
    /// target's, which <c>honorLabels</c> would give up), and a series without its own keeps the target's.
    /// </summary>
    private static IReadOnlyList<RelabelConfig> AgentIdFromHost { get; } =
    [
        new RelabelConfig { SourceLabels = [MonitoringLabels.ExportedAgentId], Regex = "(.+)", TargetLabel = MonitoringLabels.AgentId, Replacement = "$1", Action = "replace" },
        new RelabelConfig { Regex = MonitoringLabels.ExportedAgentId, Action = "labeldrop" },
    ];

    /// <summary>
    /// The file-discovery targets: one group per agent at <c>agent-&lt;id&gt;:&lt;metrics port&gt;</c> (the host name a
    /// compose file or DNS would give it; edit the addresses to the real hosts), labelled with <c>agent_id</c>.
    /// </summary>
    public static string FileTargets(IReadOnlyList<AgentIdentity> agents)
    {
        using var stream = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(stream, new System.Text.Json.JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartArray();
            foreach (var agent in agents)
            {
                writer.WriteStartObject();
                writer.WriteStartArray("targets");
                writer.WriteStringValue(agent.ObjectName + ":" + agent.MetricsContainerPort.Port.ToString(CultureInfo.InvariantCulture));
                writer.WriteEndArray();
                writer.WriteStartObject("labels");
                writer.WriteString("__metrics_path__", agent.Agent.MetricsPath);
                writer.WriteString(MonitoringLabels.AgentId, agent.Id);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).ReplaceLineEndings("\n") + "\n";
    }

    /// <summary>A third of the interval, at most 10 s: a slow agent must not overlap its next scrape.</summary>
    internal static TimeSpan ScrapeTimeout(TimeSpan interval)
    {
        var third = TimeSpan.FromSeconds(Math.Max(1, Math.Floor(interval.TotalSeconds / 3)));
        return third < TimeSpan.FromSeconds(10) ? third : TimeSpan.FromSeconds(10);
    }

    private static GlobalConfig Global(SystemDescription system) =>
        new(Durations.Format(system.Monitoring.ScrapeInterval), Durations.Format(system.Monitoring.ScrapeInterval));
}
