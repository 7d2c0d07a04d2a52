namespace MultiAgent.Observability.Manifests;

/// <summary>
/// The names the generator chooses itself, in one place: the validator checks a description against them and the
/// factories emit them, so a rule the validator enforces is always the rule the output follows.
/// </summary>
internal static class ManifestConventions
{
    /// <summary>The prefix of every per-agent object name: the Service, Deployment, ServiceAccount, HPA, PDB, policies and mesh objects of agent <c>x</c> are all named <c>agent-x</c>.</summary>
    public const string AgentObjectPrefix = "agent-";

    /// <summary>The suffix of the system's PrometheusRule name: <c>&lt;system&gt;-alerts</c>.</summary>
    public const string PrometheusRuleSuffix = "-alerts";

    /// <summary>The name of an agent's first port when the description gives only numbers, and the default probe port.</summary>
    public const string HttpPortName = "http";

    /// <summary>The prefix of the names of further ports given only as numbers: <c>http-9000</c>.</summary>
    public const string AdditionalPortPrefix = "http-";

    /// <summary>The container port name of a separate metrics port given only as a number.</summary>
    public const string MetricsPortName = "metrics";

    /// <summary>The Service port name of a separate metrics port (the <c>http-</c> prefix selects HTTP in Istio).</summary>
    public const string SeparateMetricsServicePortName = "http-metrics";

    /// <summary>The environment variable carrying the agent id.</summary>
    public const string AgentIdVariable = "AGENT_ID";

    /// <summary>The environment variable carrying the pod's namespace (downward API).</summary>
    public const string NamespaceVariable = "NAMESPACE";

    /// <summary>The environment variable carrying the pod name (downward API).</summary>
    public const string PodNameVariable = "POD_NAME";

    /// <summary>The prefix of the recommended labels the generator sets on every object; user labels may not use it.</summary>
    public const string RecommendedLabelPrefix = "app.kubernetes.io/";

    /// <summary>The environment variables the generator sets first in every agent container, in that order.</summary>
    public static IReadOnlyList<string> ReservedEnvironmentNames { get; } = [AgentIdVariable, NamespaceVariable, PodNameVariable];

    /// <summary>Returns the name of every object generated for agent <paramref name="agentId"/>.</summary>
    public static string AgentObjectName(string agentId) => AgentObjectPrefix + agentId;

    /// <summary>Returns the name of the system's PrometheusRule.</summary>
    public static string PrometheusRuleName(string systemName) => systemName + PrometheusRuleSuffix;

    /// <summary>Returns the name of a port the description gives only as a number, other than the first.</summary>
    public static string AdditionalPortName(int number) => AdditionalPortPrefix + number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Returns whether <paramref name="key"/> is a label the generator owns.</summary>
    public static bool IsReservedLabel(string key) => key.StartsWith(RecommendedLabelPrefix, StringComparison.Ordinal);

    /// <summary>Returns whether <paramref name="name"/> is an environment variable the generator sets.</summary>
    public static bool IsReservedEnvironmentName(string name) => ReservedEnvironmentNames.Contains(name, StringComparer.Ordinal);
}
