namespace MultiAgent.Observability.Manifests;

/// <summary>
/// A multi-agent system to deploy: its agents, the service mesh and the monitoring stack. Build one in code, or load and validate one with <see cref="SystemDescriptionLoader"/>.
/// </summary>
public sealed record SystemDescription
{
    /// <summary>Gets the system name, used for the <c>app.kubernetes.io/part-of</c> label and bundle names.</summary>
    /// <value>The default value is <c>multi-agent-system</c>.</value>
    public string Name { get; init; } = "multi-agent-system";

    /// <summary>Gets the namespace every object is created in (a DNS-1123 label).</summary>
    /// <value>The default value is <c>multi-agents</c>.</value>
    public string Namespace { get; init; } = "multi-agents";

    /// <summary>Gets the agents of the system, in the order given.</summary>
    public IReadOnlyList<AgentDescription> Agents { get; init; } = [];

    /// <summary>Gets the service mesh settings.</summary>
    public MeshDescription Mesh { get; init; } = new();

    /// <summary>Gets the monitoring settings (Prometheus operator and Grafana).</summary>
    public MonitoringDescription Monitoring { get; init; } = new();

    /// <summary>Gets the Kubernetes minor version the bundle targets, such as <c>1.31</c>.</summary>
    /// <value>The default value is <c>1.31</c>.</value>
    public string ClusterVersion { get; init; } = "1.31";
}

/// <summary>One agent: its container, resources, probes, scaling, routing and allowed callers.</summary>
public sealed record AgentDescription
{
    /// <summary>Gets the agent id (<c>agent_id</c>); must be a DNS-1123 label so object names derive from it unchanged.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the container image repository (<c>image</c>).</summary>
    public required string Image { get; init; }

    /// <summary>Gets the image tag (<c>tag</c>).</summary>
    /// <value>The default value is <c>latest</c>; prefer a version tag or <see cref="Digest"/>.</value>
    public string Tag { get; init; } = "latest";

    /// <summary>Gets the image digest (<c>sha256:…</c>); when set it pins the image instead of the tag.</summary>
    public string? Digest { get; init; }

    /// <summary>Gets the resource requests and limits (<c>resources</c>).</summary>
    public ResourceDescription Resources { get; init; } = new();

    /// <summary>
    /// Gets the environment variables (<c>environment</c>), emitted in the order given. Values are text exactly as
    /// written (<c>on</c> stays "on"); <c>AGENT_ID</c>, <c>NAMESPACE</c> and <c>POD_NAME</c> are set by the generator.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; } = [];

    /// <summary>Gets the container ports (<c>ports</c>); the first is the <c>http</c> port.</summary>
    /// <value>The default value is one port, 8080, named <c>http</c>.</value>
    public IReadOnlyList<PortDescription> Ports { get; init; } = [new PortDescription { Name = ManifestConventions.HttpPortName, Port = 8080 }];

    /// <summary>Gets the port that serves <c>/metrics</c>; null when it is the <c>http</c> port.</summary>
    public PortDescription? MetricsPort { get; init; }

    /// <summary>Gets the metrics path.</summary>
    /// <value>The default value is <c>/metrics</c>.</value>
    public string MetricsPath { get; init; } = "/metrics";

    /// <summary>Gets the probe settings (<c>health_check</c>).</summary>
    public HealthCheckDescription HealthCheck { get; init; } = new();

    /// <summary>Gets the scaling settings (<c>scaling</c>).</summary>
    public ScalingDescription Scaling { get; init; } = new();

    /// <summary>Gets the routing rules for the mesh (<c>routing_rules</c>), in match order.</summary>
    public IReadOnlyList<RoutingRuleDescription> RoutingRules { get; init; } = [];

    /// <summary>Gets the load-balancing algorithm (<c>load_balancer</c>): LEAST_REQUEST, ROUND_ROBIN, RANDOM or PASSTHROUGH.</summary>
    /// <value>The default value is <c>LEAST_REQUEST</c>.</value>
    public string LoadBalancer { get; init; } = "LEAST_REQUEST";

    /// <summary>Gets the ids of the agents allowed to call this one (<c>callers</c>); nobody else may.</summary>
    public IReadOnlyList<string> Callers { get; init; } = [];

    /// <summary>Gets a value indicating whether the agent may open HTTPS (443) connections outside the cluster, for LLM providers.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool AllowExternalEgress { get; init; }

    /// <summary>Gets extra labels for the agent's objects.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; init; } = [];
}

/// <summary>A container port.</summary>
public sealed record PortDescription
{
    /// <summary>Gets the port name (IANA service name: at most 15 characters, lower case, digits and '-').</summary>
    public required string Name { get; init; }

    /// <summary>Gets the port number, 1 to 65535.</summary>
    public required int Port { get; init; }

    /// <summary>Gets the application protocol (<c>appProtocol</c>).</summary>
    /// <value>The default value is <c>http</c>.</value>
    public string AppProtocol { get; init; } = "http";
}

/// <summary>Requests and limits, as Kubernetes quantities (<c>cpu_request</c>, <c>memory_request</c>, <c>cpu_limit</c>, <c>memory_limit</c>).</summary>
public sealed record ResourceDescription
{
    /// <summary>Gets the CPU request.</summary>
    /// <value>The default value is <c>250m</c>.</value>
    public string CpuRequest { get; init; } = "250m";

    /// <summary>Gets the memory request.</summary>
    /// <value>The default value is <c>512Mi</c>.</value>
    public string MemoryRequest { get; init; } = "512Mi";

    /// <summary>Gets the CPU limit; null leaves CPU unlimited (no throttling).</summary>
    /// <value>The default value is <c>1</c>.</value>
    public string? CpuLimit { get; init; } = "1";

    /// <summary>Gets the memory limit (always set).</summary>
    /// <value>The default value is <c>1Gi</c>.</value>
    public string MemoryLimit { get; init; } = "1Gi";
}

/// <summary>Probe endpoints (<c>health_check</c>).</summary>
public sealed record HealthCheckDescription
{
    /// <summary>Gets the liveness path (<c>path</c>); it must not touch downstream services.</summary>
    /// <value>The default value is <c>/health</c>.</value>
    public string Path { get; init; } = "/health";

    /// <summary>Gets the readiness path (<c>readiness_path</c>).</summary>
    /// <value>The default value is <c>/ready</c>.</value>
    public string ReadinessPath { get; init; } = "/ready";

    /// <summary>Gets the startup path; null uses <see cref="Path"/>.</summary>
    public string? StartupPath { get; init; }

    /// <summary>
    /// Gets the name of the port the probes use (<c>port</c>). In a description file it may also be the number of a
    /// declared port; without it the loader uses the first port's name.
    /// </summary>
    /// <value>The default value is <c>http</c>.</value>
    public string PortName { get; init; } = ManifestConventions.HttpPortName;
}

/// <summary>Scaling (<c>scaling</c>).</summary>
public sealed record ScalingDescription
{
    /// <summary>Gets the replica count when not autoscaled (<c>initial_replicas</c>).</summary>
    /// <value>The default value is 3.</value>
    public int InitialReplicas { get; init; } = 3;

    /// <summary>Gets the autoscaler minimum (<c>min_replicas</c>).</summary>
    /// <value>The default value is 2.</value>
    public int MinReplicas { get; init; } = 2;

    /// <summary>Gets the autoscaler maximum (<c>max_replicas</c>).</summary>
    /// <value>The default value is 10.</value>
    public int MaxReplicas { get; init; } = 10;

    /// <summary>Gets the target CPU utilisation percent (<c>target_cpu</c>), 1 to 100.</summary>
    /// <value>The default value is 70.</value>
    public int TargetCpu { get; init; } = 70;

    /// <summary>
    /// Gets the target memory utilisation percent of the memory request (<c>target_memory</c>), 1 to 100, or null to
    /// scale on CPU only. 80 is the usual choice: the HPA then adds pods before the working set nears the limit.
    /// </summary>
    /// <value>The default value is null.</value>
    public int? TargetMemory { get; init; }

    /// <summary>Gets a value indicating whether a HorizontalPodAutoscaler scales the agent (then no <c>replicas</c> is emitted).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Autoscale { get; init; } = true;
}

/// <summary>One mesh route (<c>routing_rules[]</c>).</summary>
public sealed record RoutingRuleDescription
{
    /// <summary>Gets the header matches (<c>headers</c>), all of which must hold.</summary>
    public IReadOnlyList<HeaderMatchDescription> Headers { get; init; } = [];

    /// <summary>Gets the URI prefix match (<c>path_prefix</c>).</summary>
    public string? PathPrefix { get; init; }

    /// <summary>Gets the destination port number (<c>port</c>); null uses the <c>http</c> port.</summary>
    public int? Port { get; init; }

    /// <summary>Gets the route weight percent (<c>weight</c>), 0 to 100.</summary>
    /// <value>The default value is 100.</value>
    public int Weight { get; init; } = 100;

    /// <summary>Gets the fault injection (<c>fault_injection</c>); never combined with retries on one route.</summary>
    public FaultInjectionDescription? FaultInjection { get; init; }

    /// <summary>Gets the retry policy (<c>retry_policy</c>).</summary>
    public RetryPolicyDescription? RetryPolicy { get; init; }

    /// <summary>Gets the route timeout.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>Fault injection on a route (<c>fault_injection</c>).</summary>
public sealed record FaultInjectionDescription
{
    /// <summary>Gets the delay to inject, or null.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>Gets the percent of requests delayed.</summary>
    public double DelayPercent { get; init; }

    /// <summary>Gets the HTTP status to abort with, or null.</summary>
    public int? AbortHttpStatus { get; init; }

    /// <summary>Gets the percent of requests aborted.</summary>
    public double AbortPercent { get; init; }
}

/// <summary>Retries on a route (<c>retry_policy</c>).</summary>
public sealed record RetryPolicyDescription
{
    /// <summary>Gets the number of attempts (<c>attempts</c>).</summary>
    /// <value>The default value is 2.</value>
    public int Attempts { get; init; } = 2;

    /// <summary>Gets the timeout of each try (<c>per_try_timeout</c>).</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan PerTryTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets the Envoy retry conditions (<c>retry_on</c>).</summary>
    /// <value>The default value is <c>connect-failure,refused-stream,unavailable,cancelled,reset</c> (no <c>5xx</c>: agent calls are not idempotent).</value>
    public string RetryOn { get; init; } = "connect-failure,refused-stream,unavailable,cancelled,reset";
}

/// <summary>Service-mesh settings.</summary>
public sealed record MeshDescription
{
    /// <summary>Gets a value indicating whether Istio objects are generated and sidecars injected.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Enabled { get; init; } = true;

    /// <summary>Gets the mTLS mode.</summary>
    /// <value>The default value is <c>STRICT</c>.</value>
    public string MtlsMode { get; init; } = "STRICT";

    /// <summary>Gets the cluster trust domain used in SPIFFE principals.</summary>
    /// <value>The default value is <c>cluster.local</c>.</value>
    public string TrustDomain { get; init; } = "cluster.local";
}

/// <summary>Monitoring settings.</summary>
public sealed record MonitoringDescription
{
    /// <summary>Gets the namespace Prometheus runs in (allowed to scrape agents).</summary>
    /// <value>The default value is <c>monitoring</c>.</value>
    public string Namespace { get; init; } = "monitoring";

    /// <summary>Gets the value of the <c>release</c> label the Prometheus CR selects ServiceMonitors and PrometheusRules by.</summary>
    /// <value>The default value is <c>kube-prometheus-stack</c>.</value>
    public string ReleaseLabel { get; init; } = "kube-prometheus-stack";

    /// <summary>Gets the scrape interval.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan ScrapeInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets the namespace of the Grafana dashboard ConfigMap; null uses the monitoring namespace.</summary>
    public string? GrafanaNamespace { get; init; }
}
