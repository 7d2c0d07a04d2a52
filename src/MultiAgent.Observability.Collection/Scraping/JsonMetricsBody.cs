using System.Text.Json.Serialization;

namespace MultiAgent.Observability.Collection;

/// <summary>The JSON metrics body an agent may serve: <c>{"metrics": [{"name", "type", "value", "labels"}]}</c>.</summary>
internal sealed class JsonMetricsBody
{
    [JsonPropertyName("metrics")]
    public List<JsonMetric>? Metrics { get; set; }
}

/// <summary>One metric of <see cref="JsonMetricsBody"/>; <c>type</c> is counter, gauge, histogram or summary (default gauge).</summary>
internal sealed class JsonMetric
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("value")]
    public double? Value { get; set; }

    [JsonPropertyName("labels")]
    public Dictionary<string, string>? Labels { get; set; }
}

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals, MaxDepth = 8)]
[JsonSerializable(typeof(JsonMetricsBody))]
internal sealed partial class CollectionJsonContext : JsonSerializerContext;
