using System.Globalization;
using System.Text.Json.Serialization;

namespace MultiAgent.Observability.Alerting.Notifications;

/// <summary>One <c>postableAlert</c> of Alertmanager's API v2 (<c>api/v2/openapi.yaml</c>).</summary>
internal sealed class PostableAlert
{
    [JsonPropertyName("labels")]
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    [JsonPropertyName("annotations")]
    public required IReadOnlyDictionary<string, string> Annotations { get; init; }

    [JsonPropertyName("startsAt")]
    public required string StartsAt { get; init; }

    [JsonPropertyName("endsAt")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? EndsAt { get; init; }

    [JsonPropertyName("generatorURL")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? GeneratorUrl { get; init; }

    /// <summary>Maps an alert as Prometheus' <c>SendAlerts</c> does: startsAt is when it fired, endsAt the resolution or the validity end.</summary>
    public static PostableAlert From(Alert alert, Uri? externalUrl) => new()
    {
        Labels = alert.Labels,
        Annotations = alert.Annotations,
        StartsAt = Rfc3339(alert.FiredAt ?? alert.ActiveAt),
        EndsAt = alert.EndsAt is { } ends ? Rfc3339(ends) : null,
        GeneratorUrl = externalUrl is null ? null : GraphLink(externalUrl, alert.Expression),
    };

    /// <summary>Prometheus' graph link for an expression: <c>{external}/graph?g0.expr=…&amp;g0.tab=1</c>.</summary>
    public static string GraphLink(Uri externalUrl, string expression) =>
        externalUrl.ToString().TrimEnd('/') + "/graph?g0.expr=" + Uri.EscapeDataString(expression) + "&g0.tab=1";

    private static string Rfc3339(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

/// <summary>Source-generated JSON for the Alertmanager payload.</summary>
[JsonSerializable(typeof(List<PostableAlert>))]
internal sealed partial class AlertmanagerJsonContext : JsonSerializerContext;
