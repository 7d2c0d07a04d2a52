namespace MultiAgent.Observability.Manifests.Monitoring;

/// <summary>
/// The PromQL for inter-agent traffic, over Istio's standard <c>istio_requests_total</c>: the one series that names both
/// the calling and the called workload (<c>source_workload</c>, <c>destination_workload</c>). The agents' own metrics carry
/// one <c>agent_id</c> only, so they cannot say who called whom. Counted by the receiving sidecar
/// (<c>reporter="destination"</c>) so each request is counted once.
/// </summary>
/// <remarks>The series exists when the mesh is on and Prometheus scrapes the sidecars (Istio's merged metrics or its PodMonitor).</remarks>
internal static class MeshSeries
{
    public const string Requests = "istio_requests_total";

    private const string ByEdge = "by (source_workload, destination_workload)";

    /// <summary>The matchers of requests received by the agents the dashboard's <c>$agent</c> variable selects.</summary>
    public static string Selector(SystemDescription system) =>
        $"reporter=\"destination\",destination_workload_namespace=\"{system.Namespace}\",destination_workload=~\"{ManifestConventions.AgentObjectPrefix}$agent\"";

    /// <summary>Requests per second from each workload to each agent.</summary>
    public static string RequestRate(string selector) => $"sum {ByEdge} (rate({Requests}{{{selector}}}[5m]))";

    /// <summary>The share of those requests answered with a 5xx status.</summary>
    public static string ErrorRatio(string selector) =>
        $"sum {ByEdge} (rate({Requests}{{{selector},response_code=~\"5..\"}}[5m])) / {RequestRate(selector)}";
}
