using System.Text.Json.Serialization;

namespace MultiAgent.Observability.Manifests.Monitoring;

// The subset of prometheus.yml the generator writes (snake_case, as Prometheus spells it).

internal sealed record PrometheusConfig
{
    [JsonPropertyName("global")] public GlobalConfig? Global { get; init; }

    [JsonPropertyName("rule_files")] public IReadOnlyList<string>? RuleFiles { get; init; }

    [JsonPropertyName("scrape_configs")] public required IReadOnlyList<ScrapeConfig> ScrapeConfigs { get; init; }
}

internal sealed record GlobalConfig(
    [property: JsonPropertyName("scrape_interval")] string ScrapeInterval,
    [property: JsonPropertyName("evaluation_interval")] string EvaluationInterval);

internal sealed record ScrapeConfig
{
    [JsonPropertyName("job_name")] public required string JobName { get; init; }

    [JsonPropertyName("scrape_interval")] public string? ScrapeInterval { get; init; }

    [JsonPropertyName("scrape_timeout")] public string? ScrapeTimeout { get; init; }

    [JsonPropertyName("kubernetes_sd_configs")] public IReadOnlyList<KubernetesSdConfig>? KubernetesSdConfigs { get; init; }

    [JsonPropertyName("file_sd_configs")] public IReadOnlyList<FileSdConfig>? FileSdConfigs { get; init; }

    [JsonPropertyName("relabel_configs")] public IReadOnlyList<RelabelConfig>? RelabelConfigs { get; init; }

    [JsonPropertyName("metric_relabel_configs")] public IReadOnlyList<RelabelConfig>? MetricRelabelConfigs { get; init; }
}

internal sealed record KubernetesSdConfig(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("namespaces")] NamespaceNames Namespaces);

internal sealed record NamespaceNames([property: JsonPropertyName("names")] IReadOnlyList<string> Names);

internal sealed record FileSdConfig(
    [property: JsonPropertyName("files")] IReadOnlyList<string> Files,
    [property: JsonPropertyName("refresh_interval")] string RefreshInterval);

internal sealed record RelabelConfig
{
    [JsonPropertyName("source_labels")] public IReadOnlyList<string>? SourceLabels { get; init; }

    [JsonPropertyName("separator")] public string? Separator { get; init; }

    [JsonPropertyName("regex")] public string? Regex { get; init; }

    [JsonPropertyName("target_label")] public string? TargetLabel { get; init; }

    [JsonPropertyName("replacement")] public string? Replacement { get; init; }

    [JsonPropertyName("action")] public required string Action { get; init; }
}
