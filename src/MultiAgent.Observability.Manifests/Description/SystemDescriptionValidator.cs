using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace MultiAgent.Observability.Manifests;

/// <summary>
/// Checks a <see cref="SystemDescription"/> against the Kubernetes, Istio and Prometheus-operator rules the generated
/// bundle must meet, and reports every problem at once, each with the path of the field in the description file's
/// snake_case keys (such as <c>agents[2].resources.memory_limit</c>).
/// </summary>
public static class SystemDescriptionValidator
{
    /// <summary>The load-balancing algorithms Istio's <c>simple</c> load balancer accepts.</summary>
    internal static readonly string[] LoadBalancers = ["LEAST_REQUEST", "ROUND_ROBIN", "RANDOM", "PASSTHROUGH"];

    /// <summary>The mutual-TLS modes of a PeerAuthentication.</summary>
    internal static readonly string[] MtlsModes = ["STRICT", "PERMISSIVE"];

    /// <summary>The Envoy <c>retryOn</c> conditions Istio passes through.</summary>
    internal static readonly string[] RetryConditions =
    [
        "5xx", "gateway-error", "reset", "reset-before-request", "connect-failure", "envoy-ratelimited",
        "retriable-4xx", "refused-stream", "retriable-status-codes", "retriable-headers", "http3-post-connect-failure",
        "cancelled", "deadline-exceeded", "internal", "resource-exhausted", "unavailable",
    ];

    /// <summary>
    /// The names the generator derives from an agent id: <c>agent-&lt;id&gt;</c> for the Service (a DNS-1035 label),
    /// Deployment, ServiceAccount, HPA, PDB, NetworkPolicy and mesh objects; at most 63 characters.
    /// </summary>
    internal static readonly (string Prefix, string Suffix, string Kind)[] DerivedNames =
    [
        ("agent-", "", "Service"),
    ];

    /// <summary>The names the generator derives from the system name: the PrometheusRule <c>&lt;name&gt;-alerts</c>.</summary>
    internal static readonly (string Prefix, string Suffix, string Kind)[] DerivedSystemNames =
    [
        ("", "-alerts", "PrometheusRule"),
    ];

    /// <summary>The Service port name the generator gives a separate metrics port.</summary>
    internal const string MetricsServicePortName = "http-metrics";

    /// <summary>Environment variables the generator sets itself (the Deployment's first entries); a second one would be a duplicate.</summary>
    internal static readonly string[] ReservedEnvironmentNames = ["AGENT_ID", "NAMESPACE", "POD_NAME"];

    /// <summary>Label keys the generator sets itself; user labels may not override them.</summary>
    internal static readonly string[] ReservedLabelPrefixes = ["app.kubernetes.io/"];

    /// <summary>Validates <paramref name="description"/> and returns every problem found; empty when it is valid.</summary>
    /// <param name="description">The description to check.</param>
    /// <returns>The problems, in the order of the description's fields.</returns>
    public static IReadOnlyList<DescriptionProblem> Validate(SystemDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var problems = new List<DescriptionProblem>();
        new Checker(problems).System(description);
        return problems;
    }

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    private sealed class Checker(List<DescriptionProblem> problems)
    {
        public void System(SystemDescription d)
        {
            if (!KubernetesNames.IsDns1123Label(d.Name ?? ""))
            {
                Add("name", $"{Quote(d.Name)} is not a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters){DidYouMeanLabel(d.Name, false)}");
            }
            else
            {
                DerivedLength("name", d.Name!, DerivedSystemNames, "system name");
            }

            if (!KubernetesNames.IsDns1123Label(d.Namespace ?? ""))
            {
                Add("namespace", $"{Quote(d.Namespace)} is not a valid namespace name (DNS-1123 label: lower-case letters, digits and '-', at most 63 characters){DidYouMeanLabel(d.Namespace, false)}");
            }

            ClusterVersion(d.ClusterVersion);
            Mesh(d.Mesh);
            Monitoring(d.Monitoring);

            var agents = d.Agents ?? [];
            if (agents.Count == 0)
            {
                Add("agents", "at least one agent is required");
            }

            var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < agents.Count; i++)
            {
                var id = agents[i]?.Id;
                if (id is null)
                {
                    continue;
                }

                if (firstIndex.TryGetValue(id, out var first))
                {
                    Add(DescriptionPath.Key(DescriptionPath.Index("agents", i), "agent_id"), $"duplicate agent id '{id}'; agents[{first}] already uses it");
                }
                else
                {
                    firstIndex.Add(id, i);
                }
            }

            for (var i = 0; i < agents.Count; i++)
            {
                var path = DescriptionPath.Index("agents", i);
                if (agents[i] is not { } agent)
                {
                    Add(path, "the agent is missing (null)");
                    continue;
                }

                Agent(path, agent, firstIndex.Keys);
                if (d.Mesh is { Enabled: false } && agent.RoutingRules is { Count: > 0 })
                {
                    // The routes become an Istio VirtualService; without the mesh they would be dropped silently.
                    Add(DescriptionPath.Key(path, "routing_rules"), "routing rules need the service mesh, but mesh.enabled is false; enable the mesh or remove them");
                }
            }
        }

        private void ClusterVersion(string? version)
        {
            var parts = (version ?? "").Split('.');
            if (parts.Length != 2 || parts[0] != "1" || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
            {
                Add("cluster_version", $"{Quote(version)} is not a Kubernetes minor version such as '1.31'");
            }
            else if (minor < 25)
            {
                // autoscaling/v2 and policy/v1 are served from 1.23/1.21; Pod Security admission is GA from 1.25.
                Add("cluster_version", $"Kubernetes {version} is not supported; the bundle needs 1.25 or later (Pod Security admission, autoscaling/v2, policy/v1)");
            }
        }

        private void Mesh(MeshDescription? mesh)
        {
            if (mesh is null)
            {
                Add("mesh", "the mesh settings are missing (null)");
                return;
            }

            if (Array.IndexOf(MtlsModes, mesh.MtlsMode) < 0)
            {
                Add("mesh.mtls_mode", $"{Quote(mesh.MtlsMode)} is not an mTLS mode; use STRICT or PERMISSIVE{Suggestions.DidYouMean(Suggestions.Closest(mesh.MtlsMode ?? "", MtlsModes))}");
            }

            if (!KubernetesNames.IsDns1123Subdomain(mesh.TrustDomain ?? ""))
            {
                Add("mesh.trust_domain", $"{Quote(mesh.TrustDomain)} is not a trust domain (a DNS name such as 'cluster.local')");
            }
        }

        private void Monitoring(MonitoringDescription? monitoring)
        {
            if (monitoring is null)
            {
                Add("monitoring", "the monitoring settings are missing (null)");
                return;
            }

            if (!KubernetesNames.IsDns1123Label(monitoring.Namespace ?? ""))
            {
                Add("monitoring.namespace", $"{Quote(monitoring.Namespace)} is not a valid namespace name (DNS-1123 label){DidYouMeanLabel(monitoring.Namespace, false)}");
            }

            if (monitoring.GrafanaNamespace is { } grafana && !KubernetesNames.IsDns1123Label(grafana))
            {
                Add("monitoring.grafana_namespace", $"{Quote(grafana)} is not a valid namespace name (DNS-1123 label){DidYouMeanLabel(grafana, false)}");
            }

            if (monitoring.ReleaseLabel is not { Length: > 0 } release || !KubernetesNames.IsLabelValue(release))
            {
                Add("monitoring.release_label", $"{Quote(monitoring.ReleaseLabel)} is not a label value (at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)");
            }

            if (monitoring.ScrapeInterval <= TimeSpan.Zero)
            {
                Add("monitoring.scrape_interval", "must be positive");
            }
            else if (monitoring.ScrapeInterval.Ticks % TimeSpan.TicksPerMillisecond != 0)
            {
                Add("monitoring.scrape_interval", "must be a whole number of milliseconds");
            }
        }

        private void Agent(string path, AgentDescription agent, IEnumerable<string> agentIds)
        {
            AgentId(path, agent.Id);
            Image(path, agent);
            Resources(DescriptionPath.Key(path, "resources"), agent.Resources);
            Environment(DescriptionPath.Key(path, "environment"), agent.Environment);
            var ports = Ports(path, agent);
            HealthCheck(DescriptionPath.Key(path, "health_check"), agent.HealthCheck, ports);
            Scaling(DescriptionPath.Key(path, "scaling"), agent.Scaling);
            RoutingRules(DescriptionPath.Key(path, "routing_rules"), agent.RoutingRules, agent.Ports ?? []);

            if (Array.IndexOf(LoadBalancers, agent.LoadBalancer) < 0)
            {
                var suggestion = string.Equals(agent.LoadBalancer, "LEAST_CONN", StringComparison.OrdinalIgnoreCase)
                    ? "LEAST_REQUEST"
                    : Suggestions.Closest(agent.LoadBalancer ?? "", LoadBalancers);
                Add(DescriptionPath.Key(path, "load_balancer"), $"{Quote(agent.LoadBalancer)} is not a load balancer; use one of {string.Join(", ", LoadBalancers)}{Suggestions.DidYouMean(suggestion)}");
            }

            Callers(DescriptionPath.Key(path, "callers"), agent.Callers, agentIds);
            Labels(DescriptionPath.Key(path, "labels"), agent.Labels);
        }

        private void AgentId(string path, string? id)
        {
            var idPath = DescriptionPath.Key(path, "agent_id");
            if (string.IsNullOrEmpty(id))
            {
                Add(idPath, "the agent id is required");
                return;
            }

            if (!KubernetesNames.IsDns1035Label(id))
            {
                Add(idPath, $"'{id}' is not a valid agent id: object names are derived from it unchanged, so it must be a DNS-1035 label (lower-case letters, digits and '-', starting with a letter){DidYouMeanLabel(id, true)}");
                return;
            }

            DerivedLength(idPath, id, DerivedNames, "agent id");
        }

        private void DerivedLength(string path, string value, (string Prefix, string Suffix, string Kind)[] derived, string what)
        {
            foreach (var (prefix, suffix, kind) in derived)
            {
                var name = prefix + value + suffix;
                if (name.Length > KubernetesNames.MaxLabelLength)
                {
                    var room = KubernetesNames.MaxLabelLength - prefix.Length - suffix.Length;
                    Add(path, $"the {kind} name '{name}' derived from it is {N(name.Length)} characters; names are limited to 63, so the {what} can have at most {N(room)}");
                    return;
                }
            }
        }

        private void Image(string path, AgentDescription agent)
        {
            var imagePath = DescriptionPath.Key(path, "image");
            var image = agent.Image;
            if (string.IsNullOrEmpty(image))
            {
                Add(imagePath, "the image is required");
            }
            else if (image.Contains('@', StringComparison.Ordinal))
            {
                Add(imagePath, $"'{image}' contains a digest; put the repository in image and the digest in digest");
            }
            else if (HasTag(image))
            {
                var colon = image.LastIndexOf(':');
                Add(imagePath, $"'{image}' contains a tag; put the repository in image ('{image[..colon]}') and the tag in tag ('{image[(colon + 1)..]}')");
            }
            else if (!IsImageRepository(image))
            {
                Add(imagePath, $"'{image}' is not an image repository such as 'ghcr.io/acme/research-agent' (lower-case path components of letters, digits, '.', '_' and '-', an optional registry host first)");
            }

            if (agent.Tag is not { } tag || !IsTag(tag))
            {
                Add(DescriptionPath.Key(path, "tag"), $"{Quote(agent.Tag)} is not an image tag (1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-')");
            }

            if (agent.Digest is { } digest && !IsDigest(digest))
            {
                Add(DescriptionPath.Key(path, "digest"), $"'{digest}' is not an image digest; expected 'sha256:' and 64 lower-case hex digits");
            }
        }

        private void Resources(string path, ResourceDescription? resources)
        {
            if (resources is null)
            {
                Add(path, "the resources are missing (null)");
                return;
            }

            var cpuRequest = Quantity(DescriptionPath.Key(path, "cpu_request"), resources.CpuRequest, memory: false, required: true);
            var memoryRequest = Quantity(DescriptionPath.Key(path, "memory_request"), resources.MemoryRequest, memory: true, required: true);
            var cpuLimit = resources.CpuLimit is null ? null : Quantity(DescriptionPath.Key(path, "cpu_limit"), resources.CpuLimit, memory: false, required: false);
            var memoryLimit = Quantity(DescriptionPath.Key(path, "memory_limit"), resources.MemoryLimit, memory: true, required: true);

            if (cpuRequest is { } cr && cpuLimit is { } cl && cr > cl)
            {
                Add(DescriptionPath.Key(path, "cpu_request"), $"the CPU request {resources.CpuRequest} is more than the CPU limit {resources.CpuLimit}");
            }

            if (memoryRequest is { } mr && memoryLimit is { } ml && mr > ml)
            {
                Add(DescriptionPath.Key(path, "memory_request"), $"the memory request {resources.MemoryRequest} is more than the memory limit {resources.MemoryLimit}");
            }
        }

        private decimal? Quantity(string path, string? text, bool memory, bool required)
        {
            if (string.IsNullOrEmpty(text))
            {
                if (required)
                {
                    Add(path, "a quantity is required");
                }

                return null;
            }

            if (!KubernetesQuantity.TryParse(text, out var value))
            {
                Add(path, $"'{text}' is not a Kubernetes quantity{Suggestions.DidYouMean(Suggestions.Quantity(text, memory))}");
                return null;
            }

            if (value <= 0)
            {
                Add(path, $"'{text}' must be more than zero");
                return null;
            }

            if (memory && decimal.Truncate(value) != value)
            {
                // "512m" parses, but means 0.512 bytes: the classic slip for megabytes.
                Add(path, $"'{text}' is {value.ToString(CultureInfo.InvariantCulture)} bytes, not a whole number of bytes ('m' means milli){Suggestions.DidYouMean(Suggestions.Quantity(text, memory: true))}");
                return null;
            }

            if (!memory && value < 0.001m)
            {
                Add(path, $"'{text}' is less than the smallest CPU amount, 1m");
                return null;
            }

            return value;
        }

        private void Environment(string path, IReadOnlyList<KeyValuePair<string, string>>? environment)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, value) in environment ?? [])
            {
                var itemPath = DescriptionPath.Key(path, name ?? "");
                if (!IsEnvironmentName(name))
                {
                    Add(itemPath, $"{Quote(name)} is not an environment variable name (letters, digits, '_', '-' and '.', not starting with a digit)");
                }
                else if (Array.IndexOf(ReservedEnvironmentNames, name) >= 0)
                {
                    Add(itemPath, $"'{name}' is set by the generator (AGENT_ID is the agent id, NAMESPACE and POD_NAME come from the pod); choose another name");
                }
                else if (!seen.Add(name))
                {
                    Add(itemPath, $"duplicate environment variable '{name}'");
                }

                if (value is null)
                {
                    Add(itemPath, "the value is missing (null); use an empty string for an empty value");
                }
            }
        }

        private HashSet<string> Ports(string path, AgentDescription agent)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            var portsPath = DescriptionPath.Key(path, "ports");
            var ports = agent.Ports ?? [];
            if (ports.Count == 0)
            {
                Add(portsPath, "at least one port is required (a Service needs a port)");
            }

            var numbers = new Dictionary<int, string>();
            for (var i = 0; i < ports.Count; i++)
            {
                Port(DescriptionPath.Index(portsPath, i), ports[i], names, numbers);
            }

            if (agent.MetricsPort is { } metrics)
            {
                Port(DescriptionPath.Key(path, "metrics_port"), metrics, names, numbers);
                for (var i = 0; i < ports.Count; i++)
                {
                    if (ports[i]?.Name == MetricsServicePortName)
                    {
                        Add(DescriptionPath.Key(DescriptionPath.Index(portsPath, i), "name"), $"'{MetricsServicePortName}' is the Service port name of the separate metrics port; choose another name");
                    }
                }
            }

            if (agent.MetricsPath is not { Length: > 0 } metricsPath || metricsPath[0] != '/' || metricsPath.Any(char.IsWhiteSpace))
            {
                Add(DescriptionPath.Key(path, "metrics_path"), $"{Quote(agent.MetricsPath)} is not an HTTP path starting with '/'");
            }

            return names;
        }

        private void Port(string path, PortDescription? port, HashSet<string> names, Dictionary<int, string> numbers)
        {
            if (port is null)
            {
                Add(path, "the port is missing (null)");
                return;
            }

            if (port.Port is < 1 or > 65535)
            {
                Add(DescriptionPath.Key(path, "port"), $"{port.Port.ToString(CultureInfo.InvariantCulture)} is not a port number (1 to 65535)");
            }
            else if (!numbers.TryAdd(port.Port, path))
            {
                Add(DescriptionPath.Key(path, "port"), $"duplicate port {port.Port.ToString(CultureInfo.InvariantCulture)}; {numbers[port.Port]} already declares it");
            }

            if (!KubernetesNames.IsIanaServiceName(port.Name ?? ""))
            {
                var suggestion = Suggestions.DnsLabel(port.Name ?? "", mustStartWithLetter: false, KubernetesNames.MaxPortNameLength);
                Add(DescriptionPath.Key(path, "name"), $"{Quote(port.Name)} is not a port name (IANA service name: at most 15 lower-case letters, digits and '-', at least one letter){Suggestions.DidYouMean(suggestion is not null && KubernetesNames.IsIanaServiceName(suggestion) ? suggestion : null)}");
            }
            else if (!names.Add(port.Name!))
            {
                Add(DescriptionPath.Key(path, "name"), $"duplicate port name '{port.Name}'");
            }

            if (port.AppProtocol is not { } protocol || !(KubernetesNames.IsIanaServiceName(protocol) || KubernetesNames.IsQualifiedName(protocol)))
            {
                Add(DescriptionPath.Key(path, "app_protocol"), $"{Quote(port.AppProtocol)} is not an application protocol such as 'http', 'http2' or 'grpc'");
            }
        }

        private void HealthCheck(string path, HealthCheckDescription? health, HashSet<string> portNames)
        {
            if (health is null)
            {
                Add(path, "the health check settings are missing (null)");
                return;
            }

            HttpPath(DescriptionPath.Key(path, "path"), health.Path);
            HttpPath(DescriptionPath.Key(path, "readiness_path"), health.ReadinessPath);
            if (health.StartupPath is { } startup)
            {
                HttpPath(DescriptionPath.Key(path, "startup_path"), startup);
            }

            if (health.Path is not null && string.Equals(health.Path, health.ReadinessPath, StringComparison.Ordinal))
            {
                // Liveness restarts the pod; readiness only takes it out of the Service. One endpoint for both
                // turns a slow downstream (an LLM API) into restarts.
                Add(DescriptionPath.Key(path, "readiness_path"), $"the readiness path must differ from the liveness path '{health.Path}': liveness must not fail when a downstream is slow");
            }

            var portName = health.PortName;
            if (string.IsNullOrEmpty(portName))
            {
                Add(DescriptionPath.Key(path, "port"), "the probe port is required");
            }
            else if (!portNames.Contains(portName))
            {
                var declared = portNames.Count == 0 ? "none" : string.Join(", ", portNames.Order(StringComparer.Ordinal));
                var what = portName.All(char.IsAsciiDigit) ? $"port {portName}" : $"'{portName}'";
                Add(DescriptionPath.Key(path, "port"), $"{what} is not a declared port, so the probes would fail; declared ports: {declared}{Suggestions.DidYouMean(Suggestions.Closest(portName, portNames))}");
            }
        }

        private void HttpPath(string path, string? value)
        {
            if (value is not { Length: > 0 } || value[0] != '/' || value.Any(char.IsWhiteSpace))
            {
                Add(path, $"{Quote(value)} is not an HTTP path starting with '/'");
            }
        }

        private void Scaling(string path, ScalingDescription? scaling)
        {
            if (scaling is null)
            {
                Add(path, "the scaling settings are missing (null)");
                return;
            }

            if (scaling.InitialReplicas < 0)
            {
                Add(DescriptionPath.Key(path, "initial_replicas"), $"{N(scaling.InitialReplicas)} must not be negative");
            }

            if (scaling.MinReplicas < 1)
            {
                Add(DescriptionPath.Key(path, "min_replicas"), $"{N(scaling.MinReplicas)} must be at least 1");
            }

            if (scaling.MaxReplicas < 1)
            {
                Add(DescriptionPath.Key(path, "max_replicas"), $"{N(scaling.MaxReplicas)} must be at least 1");
            }
            else if (scaling.MaxReplicas < scaling.MinReplicas)
            {
                Add(DescriptionPath.Key(path, "max_replicas"), $"{N(scaling.MaxReplicas)} is less than min_replicas {N(scaling.MinReplicas)}");
            }

            if (scaling.TargetCpu is < 1 or > 100)
            {
                Add(DescriptionPath.Key(path, "target_cpu"), $"{N(scaling.TargetCpu)} is not a CPU utilisation percent (1 to 100)");
            }
        }

        private void RoutingRules(string path, IReadOnlyList<RoutingRuleDescription>? rules, IReadOnlyList<PortDescription> ports)
        {
            rules ??= [];
            var catchAll = -1;

            // Rules with the same match form one route whose destinations split the traffic by weight.
            var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var i = 0; i < rules.Count; i++)
            {
                var rulePath = DescriptionPath.Index(path, i);
                if (rules[i] is not { } rule)
                {
                    Add(rulePath, "the routing rule is missing (null)");
                    continue;
                }

                Rule(rulePath, rule, ports);
                var key = MatchKey(rule);
                if (!groups.TryGetValue(key, out var group))
                {
                    if (catchAll >= 0)
                    {
                        Add(rulePath, $"never matches: routing_rules[{catchAll}] before it matches every request; put catch-all rules last");
                    }

                    group = [];
                    groups.Add(key, group);
                }

                group.Add(i);
                if ((rule.Headers ?? []).Count == 0 && rule.PathPrefix is null or "/")
                {
                    catchAll = catchAll < 0 ? i : catchAll;
                }
            }

            foreach (var group in groups.Values)
            {
                var sum = 0;
                foreach (var i in group)
                {
                    sum += rules[i].Weight;
                }

                var first = DescriptionPath.Index(path, group[0]);
                if (group.Count > 1 && sum != 100)
                {
                    var members = string.Join(", ", group.Select(i => $"routing_rules[{N(i)}]"));
                    Add(DescriptionPath.Key(first, "weight"), $"the weights of the rules with the same match ({members}) add up to {N(sum)}; they must add up to 100");
                }
                else if (group.Count == 1 && rules[group[0]].Weight != 100 && rules[group[0]].Weight is >= 0 and <= 100)
                {
                    Add(DescriptionPath.Key(first, "weight"), $"{N(rules[group[0]].Weight)} splits nothing: no other rule has the same match; weights of rules with the same match must add up to 100");
                }

                var fault = group.FirstOrDefault(i => rules[i].FaultInjection is not null, -1);
                var retry = group.FirstOrDefault(i => rules[i].RetryPolicy is not null, -1);
                if (fault >= 0 && retry >= 0 && fault != retry)
                {
                    Add(DescriptionPath.Index(path, retry), $"routing_rules[{N(fault)}] injects faults into the same route; Istio disables retries when faults are injected, so put them on separate routes");
                }
            }
        }

        private void Rule(string path, RoutingRuleDescription rule, IReadOnlyList<PortDescription> ports)
        {
            var headers = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, value) in rule.Headers ?? [])
            {
                var headerPath = DescriptionPath.Key(DescriptionPath.Key(path, "headers"), name ?? "");
                if (string.IsNullOrEmpty(name) || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.'))
                {
                    var lower = name?.ToLowerInvariant();
                    var suggestion = lower is { Length: > 0 } && lower.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.') ? lower : null;
                    Add(headerPath, $"{Quote(name)} is not a header name Istio matches (lower-case letters, digits, '-', '_' and '.'){Suggestions.DidYouMean(suggestion)}");
                }
                else if (!headers.Add(name))
                {
                    Add(headerPath, $"duplicate header '{name}'");
                }

                if (value is null)
                {
                    Add(headerPath, "the header value is missing (null)");
                }
            }

            if (rule.PathPrefix is { } prefix)
            {
                HttpPath(DescriptionPath.Key(path, "path_prefix"), prefix);
            }

            if (rule.Port is { } port && !ports.Any(p => p?.Port == port))
            {
                var declared = string.Join(", ", ports.Where(p => p is not null).Select(p => N(p.Port)));
                Add(DescriptionPath.Key(path, "port"), $"port {N(port)} is not declared in ports ({declared})");
            }

            if (rule.Weight is < 0 or > 100)
            {
                Add(DescriptionPath.Key(path, "weight"), $"{N(rule.Weight)} is not a weight percent (0 to 100)");
            }

            if (rule.Timeout <= TimeSpan.Zero)
            {
                Add(DescriptionPath.Key(path, "timeout"), "must be positive");
            }

            if (rule.FaultInjection is not null && rule.RetryPolicy is not null)
            {
                Add(path, "fault_injection and retry_policy on one route: Istio disables retries and timeouts when it injects faults; put the fault injection on a separate route");
            }

            if (rule.FaultInjection is { } fault)
            {
                Fault(DescriptionPath.Key(path, "fault_injection"), fault);
            }

            if (rule.RetryPolicy is { } retry)
            {
                Retry(DescriptionPath.Key(path, "retry_policy"), retry, rule.Timeout);
            }
        }

        private void Fault(string path, FaultInjectionDescription fault)
        {
            if (fault.Delay is null && fault.AbortHttpStatus is null)
            {
                Add(path, "a fault injection needs a delay, an abort_http_status, or both");
            }

            if (fault.Delay is { } delay && delay <= TimeSpan.Zero)
            {
                Add(DescriptionPath.Key(path, "delay"), "must be positive");
            }

            if (fault.AbortHttpStatus is { } status && status is < 200 or > 599)
            {
                Add(DescriptionPath.Key(path, "abort_http_status"), $"{N(status)} is not an HTTP status (200 to 599)");
            }

            Percent(DescriptionPath.Key(path, "delay_percent"), fault.DelayPercent);
            Percent(DescriptionPath.Key(path, "abort_percent"), fault.AbortPercent);
            if (fault.Delay is not null && fault.DelayPercent == 0)
            {
                Add(DescriptionPath.Key(path, "delay_percent"), "0 delays no request; give the percent of requests to delay");
            }

            if (fault.AbortHttpStatus is not null && fault.AbortPercent == 0)
            {
                Add(DescriptionPath.Key(path, "abort_percent"), "0 aborts no request; give the percent of requests to abort");
            }
        }

        private void Percent(string path, double value)
        {
            if (double.IsNaN(value) || value is < 0 or > 100)
            {
                Add(path, $"{value.ToString(CultureInfo.InvariantCulture)} is not a percent (0 to 100)");
            }
        }

        private void Retry(string path, RetryPolicyDescription retry, TimeSpan routeTimeout)
        {
            if (retry.Attempts is < 1 or > 10)
            {
                Add(DescriptionPath.Key(path, "attempts"), $"{N(retry.Attempts)} is not a number of attempts (1 to 10)");
            }

            if (retry.PerTryTimeout <= TimeSpan.Zero)
            {
                Add(DescriptionPath.Key(path, "per_try_timeout"), "must be positive");
            }
            else if (routeTimeout > TimeSpan.Zero && retry.PerTryTimeout > routeTimeout)
            {
                Add(DescriptionPath.Key(path, "per_try_timeout"), $"{Durations.Format(retry.PerTryTimeout)} is longer than the route timeout {Durations.Format(routeTimeout)}, so no retry would ever happen");
            }

            var conditions = (retry.RetryOn ?? "").Split(',');
            foreach (var condition in conditions)
            {
                var c = condition.Trim();
                if (Array.IndexOf(RetryConditions, c) < 0 && !(c.Length == 3 && c.All(char.IsAsciiDigit)))
                {
                    Add(DescriptionPath.Key(path, "retry_on"), $"'{c}' is not a retry condition; use a comma-separated list of {string.Join(", ", RetryConditions)} or status codes{Suggestions.DidYouMean(Suggestions.Closest(c, RetryConditions))}");
                }
            }
        }

        private void Callers(string path, IReadOnlyList<string>? callers, IEnumerable<string> agentIds)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            callers ??= [];
            for (var i = 0; i < callers.Count; i++)
            {
                var callerPath = DescriptionPath.Index(path, i);
                var caller = callers[i];

                // agentIds is the id dictionary's key set: Contains is a lookup, so this stays linear in agents.
                if (string.IsNullOrEmpty(caller) || !agentIds.Contains(caller))
                {
                    Add(callerPath, $"{Quote(caller)} is not an agent of this system{Suggestions.DidYouMean(Suggestions.Closest(caller ?? "", agentIds.Where(id => id.Length > 0)))}");
                }
                else if (!seen.Add(caller))
                {
                    Add(callerPath, $"duplicate caller '{caller}'");
                }
            }
        }

        private void Labels(string path, IReadOnlyList<KeyValuePair<string, string>>? labels)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (key, value) in labels ?? [])
            {
                var labelPath = DescriptionPath.Key(path, key ?? "");
                if (!KubernetesNames.IsQualifiedName(key ?? ""))
                {
                    Add(labelPath, $"{Quote(key)} is not a label key (an optional DNS prefix and '/', then at most 63 letters, digits, '-', '_' or '.')");
                }
                else if (ReservedLabelPrefixes.Any(p => key!.StartsWith(p, StringComparison.Ordinal)))
                {
                    Add(labelPath, $"'{key}' is set by the generator; choose a label key outside app.kubernetes.io/");
                }
                else if (!seen.Add(key!))
                {
                    Add(labelPath, $"duplicate label '{key}'");
                }

                if (value is null || !KubernetesNames.IsLabelValue(value))
                {
                    Add(labelPath, $"{Quote(value)} is not a label value (at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)");
                }
            }
        }

        private void Add(string path, string message) => problems.Add(new DescriptionProblem(path, message));

        private static string MatchKey(RoutingRuleDescription rule)
        {
            var headers = (rule.Headers ?? []).Select(h => h.Key + "\u0001" + h.Value).Order(StringComparer.Ordinal);
            return (rule.PathPrefix ?? "/") + "\u0000" + string.Join("\u0000", headers);
        }

        private static string DidYouMeanLabel(string? text, bool mustStartWithLetter)
        {
            if (string.IsNullOrEmpty(text))
            {
                return "";
            }

            var suggestion = Suggestions.DnsLabel(text, mustStartWithLetter);
            return suggestion is not null && suggestion != text ? Suggestions.DidYouMean(suggestion) : "";
        }

        private static bool HasTag(string image)
        {
            var colon = image.LastIndexOf(':');
            return colon > image.LastIndexOf('/');
        }

        private static bool IsImageRepository(string image)
        {
            var parts = image.Split('/');
            for (var i = 0; i < parts.Length; i++)
            {
                var part = parts[i];

                // The first component may be a registry host, with dots, a port, or upper case.
                var isHost = i == 0 && parts.Length > 1 && (part.Contains('.', StringComparison.Ordinal) || part.Contains(':', StringComparison.Ordinal) || part == "localhost");
                if (isHost ? !IsRegistryHost(part) : !IsPathComponent(part))
                {
                    return false;
                }
            }

            return image.Length <= 255;
        }

        private static bool IsRegistryHost(string host)
        {
            var colon = host.IndexOf(':', StringComparison.Ordinal);
            var name = colon < 0 ? host : host[..colon];
            if (colon >= 0 && !(host.Length > colon + 1 && host[(colon + 1)..].All(char.IsAsciiDigit)))
            {
                return false;
            }

            return KubernetesNames.IsDns1123Subdomain(name.ToLowerInvariant());
        }

        private static bool IsPathComponent(string part)
        {
            // [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*
            if (part.Length == 0 || !IsLowerAlnum(part[0]) || !IsLowerAlnum(part[^1]))
            {
                return false;
            }

            for (var i = 1; i < part.Length; i++)
            {
                var c = part[i];
                if (IsLowerAlnum(c) || c == '-')
                {
                    continue;
                }

                if (c is '.' or '_' && (IsLowerAlnum(part[i - 1]) || (c == '_' && part[i - 1] == '_' && i >= 2 && IsLowerAlnum(part[i - 2]))))
                {
                    continue;
                }

                return false;
            }

            return true;

            static bool IsLowerAlnum(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
        }

        private static bool IsTag(string tag) =>
            tag.Length is >= 1 and <= 128
            && (char.IsAsciiLetterOrDigit(tag[0]) || tag[0] == '_')
            && tag.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');

        private static bool IsDigest(string digest) =>
            digest.StartsWith("sha256:", StringComparison.Ordinal)
            && digest.Length == 7 + 64
            && digest.AsSpan(7).IndexOfAnyExcept(LowerHex) < 0;

        private static bool IsEnvironmentName([NotNullWhen(true)] string? name) =>
            name is { Length: > 0 }
            && !char.IsAsciiDigit(name[0])
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

        private static string Quote(string? text) => text is null ? "null" : $"'{text}'";

        private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
