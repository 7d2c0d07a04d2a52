using System.Text.Json.Serialization;
using k8s.Models;

namespace MultiAgent.Observability.Manifests.Monitoring;

// The Prometheus-operator object model (monitoring.coreos.com/v1) and the plain Prometheus rule-file model:
// only the fields the generator emits. Null members are omitted by KubernetesYaml.

internal sealed record OperatorObject<TSpec>(
    [property: JsonPropertyName("apiVersion")] string ApiVersion,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("metadata")] V1ObjectMeta Metadata,
    [property: JsonPropertyName("spec")] TSpec Spec);

internal sealed record ServiceMonitorSpec(
    [property: JsonPropertyName("jobLabel")] string JobLabel,
    [property: JsonPropertyName("selector")] V1LabelSelector Selector,
    [property: JsonPropertyName("namespaceSelector")] NamespaceSelector NamespaceSelector,
    [property: JsonPropertyName("endpoints")] IReadOnlyList<MonitorEndpoint> Endpoints);

internal sealed record NamespaceSelector([property: JsonPropertyName("matchNames")] IReadOnlyList<string> MatchNames);

internal sealed record MonitorEndpoint(
    [property: JsonPropertyName("port")] string Port,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("scheme")] string Scheme,
    [property: JsonPropertyName("interval")] string Interval,
    [property: JsonPropertyName("scrapeTimeout")] string ScrapeTimeout,
    [property: JsonPropertyName("relabelings")] IReadOnlyList<OperatorRelabeling> Relabelings,
    [property: JsonPropertyName("metricRelabelings")] IReadOnlyList<OperatorRelabeling> MetricRelabelings);

internal sealed record OperatorRelabeling
{
    [JsonPropertyName("sourceLabels")] public IReadOnlyList<string>? SourceLabels { get; init; }

    [JsonPropertyName("regex")] public string? Regex { get; init; }

    [JsonPropertyName("targetLabel")] public string? TargetLabel { get; init; }

    [JsonPropertyName("replacement")] public string? Replacement { get; init; }

    [JsonPropertyName("action")] public required string Action { get; init; }
}

internal sealed record PrometheusRuleSpec([property: JsonPropertyName("groups")] IReadOnlyList<RuleGroup> Groups);

/// <summary>A rule file: the <c>groups:</c> document Prometheus and promtool load.</summary>
internal sealed record RuleFile([property: JsonPropertyName("groups")] IReadOnlyList<RuleGroup> Groups);

internal sealed record RuleGroup
{
    [JsonPropertyName("name")] public required string Name { get; init; }

    [JsonPropertyName("interval")] public string? Interval { get; init; }

    [JsonPropertyName("limit")] public int? Limit { get; init; }

    [JsonPropertyName("rules")] public required IReadOnlyList<Rule> Rules { get; init; }
}

internal sealed record Rule
{
    [JsonPropertyName("record")] public string? Record { get; init; }

    [JsonPropertyName("alert")] public string? Alert { get; init; }

    [JsonPropertyName("expr")] public required string Expr { get; init; }

    [JsonPropertyName("for")] public string? For { get; init; }

    [JsonPropertyName("keep_firing_for")] public string? KeepFiringFor { get; init; }

    [JsonPropertyName("labels")] public IReadOnlyDictionary<string, string>? Labels { get; init; }

    [JsonPropertyName("annotations")] public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}
