using System.Reflection;
using System.Text.Json;

namespace MultiAgent.Observability.Manifests;

/// <summary>
/// The keys a description file may use in each mapping, derived from the model: a property's key is its name in
/// snake_case (<c>MetricsPort</c> is <c>metrics_port</c>), so a property added to the model is a key the reader knows.
/// Two keys differ from their property's name, and Istio's own shapes are accepted where the file may copy them.
/// </summary>
internal static class DescriptionKeys
{
    public static readonly string[] System = Of<SystemDescription>();
    public static readonly string[] Agent = Of<AgentDescription>();
    public static readonly string[] Resources = Of<ResourceDescription>();
    public static readonly string[] Port = Of<PortDescription>();
    public static readonly string[] HealthCheck = Of<HealthCheckDescription>();
    public static readonly string[] Scaling = Of<ScalingDescription>();
    public static readonly string[] RoutingRule = Of<RoutingRuleDescription>();
    public static readonly string[] Mesh = Of<MeshDescription>();
    public static readonly string[] Monitoring = Of<MonitoringDescription>();

    /// <summary>The fault keys, plus Istio's <c>abort: {httpStatus, percentage}</c> mapping.</summary>
    public static readonly string[] Fault = [.. Of<FaultInjectionDescription>(), IstioAbort];

    /// <summary>The retry keys, each also in Istio's camelCase (<c>perTryTimeout</c>, <c>retryOn</c>).</summary>
    public static readonly string[] Retry = Of<RetryPolicyDescription>(withCamelCase: true);

    /// <summary>Istio's <c>delay: {fixedDelay, percentage: {value}}</c>.</summary>
    public static readonly string[] IstioDelay = ["fixed_delay", "fixedDelay", IstioPercentage, IstioPercent];

    /// <summary>Istio's <c>abort: {httpStatus, percentage: {value}}</c>.</summary>
    public static readonly string[] IstioAbortFields = ["http_status", "httpStatus", IstioPercentage, IstioPercent];

    /// <summary>Istio's <c>percentage: {value}</c>.</summary>
    public static readonly string[] IstioPercentageFields = ["value"];

    /// <summary>Istio's <c>StringMatch</c>: exactly one of these keys.</summary>
    public static readonly string[] StringMatch = ["exact", "prefix", "regex"];

    /// <summary>Kubernetes' environment item <c>{name, value}</c>.</summary>
    public static readonly string[] EnvironmentItem = ["name", "value"];

    public const string IstioAbort = "abort";
    public const string IstioPercentage = "percentage";
    public const string IstioPercent = "percent";

    /// <summary>Returns the key of a model property: its name in snake_case, except the two the file spells as Python deployments did.</summary>
    public static string KeyOf(string propertyName) => propertyName switch
    {
        nameof(AgentDescription.Id) => "agent_id",
        nameof(HealthCheckDescription.PortName) => "port",
        _ => JsonNamingPolicy.SnakeCaseLower.ConvertName(propertyName),
    };

    private static string[] Of<T>(bool withCamelCase = false)
    {
        var keys = new List<string>();
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true })
            {
                continue;
            }

            var key = KeyOf(property.Name);
            keys.Add(key);
            var camel = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (withCamelCase && camel != key)
            {
                keys.Add(camel);
            }
        }

        return [.. keys];
    }
}
