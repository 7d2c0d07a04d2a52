using System.Text.Json.Serialization;
using k8s.Models;

namespace MultiAgent.Observability.Manifests.Istio;

// The Istio object model: only the fields the generator emits, typed so that a misspelt field
// (the deprecated consecutiveErrors) cannot be written. Null members are omitted by KubernetesYaml.

internal sealed record IstioObject<TSpec>(
    [property: JsonPropertyName("apiVersion")] string ApiVersion,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("metadata")] V1ObjectMeta Metadata,
    [property: JsonPropertyName("spec")] TSpec Spec);

internal sealed record VirtualServiceSpec(
    [property: JsonPropertyName("hosts")] IReadOnlyList<string> Hosts,
    [property: JsonPropertyName("http")] IReadOnlyList<HttpRoute> Http);

internal sealed record HttpRoute
{
    [JsonPropertyName("name")] public required string Name { get; init; }

    [JsonPropertyName("match")] public IReadOnlyList<HttpMatchRequest>? Match { get; init; }

    [JsonPropertyName("route")] public required IReadOnlyList<HttpRouteDestination> Route { get; init; }

    [JsonPropertyName("timeout")] public string? Timeout { get; init; }

    [JsonPropertyName("retries")] public HttpRetry? Retries { get; init; }

    [JsonPropertyName("fault")] public HttpFaultInjection? Fault { get; init; }
}

internal sealed record HttpMatchRequest
{
    [JsonPropertyName("uri")] public StringMatch? Uri { get; init; }

    [JsonPropertyName("headers")] public IReadOnlyDictionary<string, StringMatch>? Headers { get; init; }
}

internal sealed record StringMatch
{
    [JsonPropertyName("exact")] public string? Exact { get; init; }

    [JsonPropertyName("prefix")] public string? Prefix { get; init; }

    [JsonPropertyName("regex")] public string? Regex { get; init; }
}

internal sealed record HttpRouteDestination(
    [property: JsonPropertyName("destination")] Destination Destination,
    [property: JsonPropertyName("weight")] int? Weight);

internal sealed record Destination(
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("port")] PortSelector Port);

internal sealed record PortSelector([property: JsonPropertyName("number")] int Number);

internal sealed record HttpRetry(
    [property: JsonPropertyName("attempts")] int Attempts,
    [property: JsonPropertyName("perTryTimeout")] string PerTryTimeout,
    [property: JsonPropertyName("retryOn")] string RetryOn);

internal sealed record HttpFaultInjection
{
    [JsonPropertyName("delay")] public FaultDelay? Delay { get; init; }

    [JsonPropertyName("abort")] public FaultAbort? Abort { get; init; }
}

internal sealed record FaultDelay(
    [property: JsonPropertyName("fixedDelay")] string FixedDelay,
    [property: JsonPropertyName("percentage")] Percent Percentage);

internal sealed record FaultAbort(
    [property: JsonPropertyName("httpStatus")] int HttpStatus,
    [property: JsonPropertyName("percentage")] Percent Percentage);

internal sealed record Percent([property: JsonPropertyName("value")] double Value);

internal sealed record DestinationRuleSpec(
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("trafficPolicy")] TrafficPolicy TrafficPolicy);

internal sealed record TrafficPolicy(
    [property: JsonPropertyName("loadBalancer")] LoadBalancerSettings LoadBalancer,
    [property: JsonPropertyName("connectionPool")] ConnectionPoolSettings ConnectionPool,
    [property: JsonPropertyName("outlierDetection")] OutlierDetection OutlierDetection);

internal sealed record LoadBalancerSettings([property: JsonPropertyName("simple")] string Simple);

internal sealed record ConnectionPoolSettings(
    [property: JsonPropertyName("tcp")] TcpSettings Tcp,
    [property: JsonPropertyName("http")] HttpSettings Http);

internal sealed record TcpSettings(
    [property: JsonPropertyName("maxConnections")] int MaxConnections,
    [property: JsonPropertyName("connectTimeout")] string ConnectTimeout);

internal sealed record HttpSettings(
    [property: JsonPropertyName("http1MaxPendingRequests")] int Http1MaxPendingRequests,
    [property: JsonPropertyName("http2MaxRequests")] int Http2MaxRequests);

internal sealed record OutlierDetection(
    [property: JsonPropertyName("consecutive5xxErrors")] int Consecutive5xxErrors,
    [property: JsonPropertyName("interval")] string Interval,
    [property: JsonPropertyName("baseEjectionTime")] string BaseEjectionTime,
    [property: JsonPropertyName("maxEjectionPercent")] int MaxEjectionPercent);

internal sealed record PeerAuthenticationSpec
{
    [JsonPropertyName("selector")] public WorkloadSelector? Selector { get; init; }

    [JsonPropertyName("mtls")] public required MtlsSettings Mtls { get; init; }

    [JsonPropertyName("portLevelMtls")] public IReadOnlyDictionary<string, MtlsSettings>? PortLevelMtls { get; init; }
}

internal sealed record MtlsSettings([property: JsonPropertyName("mode")] string Mode);

internal sealed record WorkloadSelector([property: JsonPropertyName("matchLabels")] IReadOnlyDictionary<string, string> MatchLabels);

internal sealed record AuthorizationPolicySpec
{
    [JsonPropertyName("selector")] public WorkloadSelector? Selector { get; init; }

    [JsonPropertyName("action")] public string? Action { get; init; }

    [JsonPropertyName("rules")] public IReadOnlyList<AuthorizationRule>? Rules { get; init; }
}

internal sealed record AuthorizationRule
{
    [JsonPropertyName("from")] public IReadOnlyList<RuleFrom>? From { get; init; }

    [JsonPropertyName("to")] public IReadOnlyList<RuleTo>? To { get; init; }
}

internal sealed record RuleFrom([property: JsonPropertyName("source")] RuleSource Source);

internal sealed record RuleSource([property: JsonPropertyName("principals")] IReadOnlyList<string> Principals);

internal sealed record RuleTo([property: JsonPropertyName("operation")] RuleOperation Operation);

internal sealed record RuleOperation
{
    [JsonPropertyName("ports")] public IReadOnlyList<string>? Ports { get; init; }

    [JsonPropertyName("methods")] public IReadOnlyList<string>? Methods { get; init; }

    [JsonPropertyName("paths")] public IReadOnlyList<string>? Paths { get; init; }
}
