using System.Text.Json.Serialization;

namespace MultiAgent.Observability.Manifests;

/// <summary>The <c>kustomization.yaml</c> listing the bundle's Kubernetes files in apply order, so <c>kubectl apply -k DIR</c> deploys it.</summary>
internal sealed record Kustomization(
    [property: JsonPropertyName("apiVersion")] string ApiVersion,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("resources")] IReadOnlyList<string> Resources);
