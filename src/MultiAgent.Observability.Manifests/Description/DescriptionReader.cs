using System.Globalization;

namespace MultiAgent.Observability.Manifests;

/// <summary>
/// Maps the YAML tree's snake_case keys to the model. Structural problems (unknown keys, duplicate keys, wrong
/// types) are reported here; the rules are <see cref="SystemDescriptionValidator"/>'s. Every path read is recorded
/// with its line so the validator's problems can be placed in the file too.
/// </summary>
internal sealed class DescriptionReader(string? fileName)
{
    private static readonly string[] RootKeys = ["name", "namespace", "cluster_version", "agents", "mesh", "monitoring"];

    private static readonly string[] AgentKeys =
    [
        "agent_id", "image", "tag", "digest", "resources", "environment", "ports", "metrics_port", "metrics_path",
        "health_check", "scaling", "routing_rules", "load_balancer", "callers", "allow_external_egress", "labels",
    ];

    private static readonly string[] ResourceKeys = ["cpu_request", "memory_request", "cpu_limit", "memory_limit"];
    private static readonly string[] PortKeys = ["name", "port", "app_protocol"];
    private static readonly string[] HealthCheckKeys = ["path", "readiness_path", "startup_path", "port"];
    private static readonly string[] ScalingKeys = ["initial_replicas", "min_replicas", "max_replicas", "target_cpu", "autoscale"];
    private static readonly string[] RuleKeys = ["headers", "path_prefix", "port", "weight", "fault_injection", "retry_policy", "timeout"];
    private static readonly string[] FaultKeys = ["delay", "delay_percent", "abort", "abort_http_status", "abort_percent"];
    private static readonly string[] IstioDelayKeys = ["fixed_delay", "fixedDelay", "percentage", "percent"];
    private static readonly string[] IstioAbortKeys = ["http_status", "httpStatus", "percentage", "percent"];
    private static readonly string[] PercentageKeys = ["value"];
    private static readonly string[] RetryKeys = ["attempts", "per_try_timeout", "perTryTimeout", "retry_on", "retryOn"];
    private static readonly string[] MeshKeys = ["enabled", "mtls_mode", "trust_domain"];
    private static readonly string[] MonitoringKeys = ["namespace", "release_label", "scrape_interval", "grafana_namespace"];
    private static readonly string[] EnvironmentItemKeys = ["name", "value"];

    private readonly List<DescriptionProblem> _problems = [];
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    // Paths whose validator problems only follow from a problem already reported elsewhere.
    private readonly List<string> _consequential = [];

    public SystemDescriptionLoadResult Read(string text)
    {
        var root = YamlTree.Read(text, out var error);
        if (error is { } e)
        {
            return Result(null, [new DescriptionProblem("", e.Message) { File = fileName, Line = e.Line }]);
        }

        if (root is null or YamlTreeScalar { IsNull: true })
        {
            return Result(null, [new DescriptionProblem("", "the description is empty; expected a mapping with at least 'agents'") { File = fileName, Line = root?.Line ?? 1 }]);
        }

        _lines[""] = root.Line;
        var description = System(root);
        if (description is null)
        {
            return Result(null, Placed(_problems));
        }

        // The validator's problems at or under a path already reported here would only repeat it.
        var reported = new HashSet<string>(_problems.Select(p => p.Path).Concat(_consequential), StringComparer.Ordinal);
        var validation = SystemDescriptionValidator.Validate(description)
            .Where(p => !IsAtOrUnderAny(p.Path, reported));
        var all = Placed(_problems.Concat(validation));
        return Result(description, all);
    }

    private static SystemDescriptionLoadResult Result(SystemDescription? description, IReadOnlyList<DescriptionProblem> problems) => new(description, problems);

    // Walks up the path (a set lookup per level) rather than testing every reported path: linear, not quadratic, in problems.
    private static bool IsAtOrUnderAny(string path, HashSet<string> ancestors)
    {
        for (var p = path; p is not null && (p.Length > 0 || path.Length == 0); p = DescriptionPath.Parent(p))
        {
            if (ancestors.Contains(p))
            {
                return true;
            }
        }

        return false;
    }

    private List<DescriptionProblem> Placed(IEnumerable<DescriptionProblem> problems) =>
        [.. problems.Select(p => p with { File = fileName, Line = p.Line ?? LineOf(p.Path) }).OrderBy(p => p.Line ?? 0)];

    private int? LineOf(string path)
    {
        for (string? p = path; p is not null; p = DescriptionPath.Parent(p))
        {
            if (_lines.TryGetValue(p, out var line))
            {
                return line;
            }
        }

        return null;
    }

    private SystemDescription? System(YamlTreeNode root)
    {
        if (Mapping(root, "") is not { } fields)
        {
            return null;
        }

        var keys = Fields(fields, "", RootKeys);
        var description = new SystemDescription();
        description = description with
        {
            Name = String(keys, "", "name") ?? description.Name,
            Namespace = String(keys, "", "namespace") ?? description.Namespace,
            ClusterVersion = String(keys, "", "cluster_version") ?? description.ClusterVersion,
            Agents = Agents(keys),
            Mesh = Mesh(keys),
            Monitoring = Monitoring(keys),
        };
        return description;
    }

    private List<AgentDescription> Agents(Dictionary<string, YamlTreeNode> keys)
    {
        var agents = new List<AgentDescription>();
        if (Sequence(keys, "agents", out var items, "agents"))
        {
            for (var i = 0; i < items.Count; i++)
            {
                var path = DescriptionPath.Index("agents", i);
                Note(path, items[i]);
                // A placeholder keeps the later agents at their own index; its problems are already reported.
                agents.Add(Mapping(items[i], path) is { } mapping
                    ? Agent(path, Fields(mapping, path, AgentKeys))
                    : new AgentDescription { Id = "", Image = "" });
            }
        }
        else if (!keys.ContainsKey("agents"))
        {
            Problem("agents", "at least one agent is required: add 'agents:' with a list of agents");
        }

        return agents;
    }

    private AgentDescription Agent(string path, Dictionary<string, YamlTreeNode> keys)
    {
        var agent = new AgentDescription
        {
            Id = String(keys, path, "agent_id") ?? "",
            Image = String(keys, path, "image") ?? "",
        };

        var ports = Ports(path, keys) ?? agent.Ports;
        var metricsPort = MetricsPort(path, keys);
        return agent with
        {
            Tag = String(keys, path, "tag") ?? agent.Tag,
            Digest = String(keys, path, "digest"),
            Resources = Resources(DescriptionPath.Key(path, "resources"), keys),
            Environment = Pairs(path, keys, "environment", allowList: true),
            Ports = ports,
            MetricsPort = metricsPort,
            MetricsPath = String(keys, path, "metrics_path") ?? agent.MetricsPath,
            HealthCheck = HealthCheck(DescriptionPath.Key(path, "health_check"), keys, ports, metricsPort),
            Scaling = Scaling(DescriptionPath.Key(path, "scaling"), keys),
            RoutingRules = RoutingRules(DescriptionPath.Key(path, "routing_rules"), keys),
            LoadBalancer = String(keys, path, "load_balancer") ?? agent.LoadBalancer,
            Callers = Strings(path, keys, "callers"),
            AllowExternalEgress = Bool(keys, path, "allow_external_egress") ?? agent.AllowExternalEgress,
            Labels = Pairs(path, keys, "labels", allowList: false),
        };
    }

    private ResourceDescription Resources(string path, Dictionary<string, YamlTreeNode> parent)
    {
        var resources = new ResourceDescription();
        if (Child(parent, path, ResourceKeys) is not { } keys)
        {
            return resources;
        }

        // An explicit null CPU limit means "no CPU limit" (no CFS throttling); absent keeps the default.
        var cpuLimit = resources.CpuLimit;
        if (keys.TryGetValue("cpu_limit", out var limitNode))
        {
            cpuLimit = limitNode is YamlTreeScalar { IsNull: true } ? null : String(keys, path, "cpu_limit");
        }

        return resources with
        {
            CpuRequest = String(keys, path, "cpu_request") ?? resources.CpuRequest,
            MemoryRequest = String(keys, path, "memory_request") ?? resources.MemoryRequest,
            CpuLimit = cpuLimit,
            MemoryLimit = String(keys, path, "memory_limit") ?? resources.MemoryLimit,
        };
    }

    private List<PortDescription>? Ports(string path, Dictionary<string, YamlTreeNode> keys)
    {
        var portsPath = DescriptionPath.Key(path, "ports");
        if (!Sequence(keys, "ports", out var items, portsPath))
        {
            return null;
        }

        var ports = new List<PortDescription>();
        for (var i = 0; i < items.Count; i++)
        {
            var itemPath = DescriptionPath.Index(portsPath, i);
            Note(itemPath, items[i]);

            // The original lists bare numbers; the first is the http port, the others http-<number>.
            ports.Add(Port(itemPath, items[i], i == 0 ? "http" : null) ?? new PortDescription { Name = "", Port = 0 });
        }

        return ports;
    }

    private PortDescription? MetricsPort(string path, Dictionary<string, YamlTreeNode> keys)
    {
        if (!keys.TryGetValue("metrics_port", out var node) || node is YamlTreeScalar { IsNull: true })
        {
            return null;
        }

        return Port(DescriptionPath.Key(path, "metrics_port"), node, "metrics");
    }

    /// <summary>Reads a port; without a name it is <paramref name="defaultName"/>, or <c>http-&lt;number&gt;</c> when that is null.</summary>
    private PortDescription? Port(string path, YamlTreeNode node, string? defaultName)
    {
        if (node is YamlTreeScalar)
        {
            return Int(node, path) is { } number
                ? new PortDescription { Name = defaultName ?? "http-" + Suggestions.Number(number), Port = number }
                : null;
        }

        if (Mapping(node, path, "a port number or a mapping with name, port and app_protocol") is not { } mapping)
        {
            return null;
        }

        var keys = Fields(mapping, path, PortKeys);
        var port = Int(keys, path, "port");
        if (port is null && !keys.ContainsKey("port"))
        {
            Problem(DescriptionPath.Key(path, "port"), "the port number is required");
        }

        var result = new PortDescription { Name = String(keys, path, "name") ?? defaultName ?? "http-" + Suggestions.Number(port ?? 0), Port = port ?? 0 };
        return result with { AppProtocol = String(keys, path, "app_protocol") ?? result.AppProtocol };
    }

    private HealthCheckDescription HealthCheck(string path, Dictionary<string, YamlTreeNode> parent, IReadOnlyList<PortDescription> ports, PortDescription? metricsPort)
    {
        var health = new HealthCheckDescription();

        // Probes default to the first port, whatever it is named; a port already reported as wrong has no name.
        var firstPortName = ports.Count > 0 && ports[0] is { } first ? first.Name : health.PortName;
        if (firstPortName.Length == 0)
        {
            _consequential.Add(DescriptionPath.Key(path, "port"));
        }

        if (Child(parent, path, HealthCheckKeys) is not { } keys)
        {
            return health with { PortName = firstPortName };
        }

        var portName = firstPortName;
        var portPath = DescriptionPath.Key(path, "port");
        if (keys.TryGetValue("port", out var portNode) && portNode is YamlTreeScalar { IsNull: false } scalar)
        {
            if (scalar.Plain && IsInteger(scalar.Value))
            {
                // The original gives the probe port as a number; probes use the declared port's name.
                var number = Int(portNode, portPath);
                var declared = ports.Append(metricsPort).FirstOrDefault(p => p is not null && p.Port == number);
                portName = declared?.Name ?? scalar.Value;
            }
            else
            {
                portName = scalar.Value;
            }
        }
        else if (portNode is not null and not YamlTreeScalar)
        {
            WrongType(portPath, portNode, "a port name or number");
        }

        return health with
        {
            Path = String(keys, path, "path") ?? health.Path,
            ReadinessPath = String(keys, path, "readiness_path") ?? health.ReadinessPath,
            StartupPath = String(keys, path, "startup_path"),
            PortName = portName,
        };
    }

    private ScalingDescription Scaling(string path, Dictionary<string, YamlTreeNode> parent)
    {
        var scaling = new ScalingDescription();
        if (Child(parent, path, ScalingKeys) is not { } keys)
        {
            return scaling;
        }

        return scaling with
        {
            InitialReplicas = Int(keys, path, "initial_replicas") ?? scaling.InitialReplicas,
            MinReplicas = Int(keys, path, "min_replicas") ?? scaling.MinReplicas,
            MaxReplicas = Int(keys, path, "max_replicas") ?? scaling.MaxReplicas,
            TargetCpu = Int(keys, path, "target_cpu") ?? scaling.TargetCpu,
            Autoscale = Bool(keys, path, "autoscale") ?? scaling.Autoscale,
        };
    }

    private List<RoutingRuleDescription> RoutingRules(string path, Dictionary<string, YamlTreeNode> keys)
    {
        var rules = new List<RoutingRuleDescription>();
        if (!Sequence(keys, "routing_rules", out var items, path))
        {
            return rules;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var rulePath = DescriptionPath.Index(path, i);
            Note(rulePath, items[i]);
            if (Mapping(items[i], rulePath) is not { } mapping)
            {
                // A placeholder that matches nothing else keeps the later rules at their own index.
                rules.Add(new RoutingRuleDescription { PathPrefix = "/\u0000" + Suggestions.Number(i) });
                continue;
            }

            var ruleKeys = Fields(mapping, rulePath, RuleKeys);
            var rule = new RoutingRuleDescription();
            rules.Add(rule with
            {
                Headers = Pairs(rulePath, ruleKeys, "headers", allowList: false),
                PathPrefix = String(ruleKeys, rulePath, "path_prefix"),
                Port = Int(ruleKeys, rulePath, "port"),
                Weight = Int(ruleKeys, rulePath, "weight") ?? rule.Weight,
                FaultInjection = Fault(DescriptionPath.Key(rulePath, "fault_injection"), ruleKeys),
                RetryPolicy = Retry(DescriptionPath.Key(rulePath, "retry_policy"), ruleKeys),
                Timeout = Duration(ruleKeys, rulePath, "timeout") ?? rule.Timeout,
            });
        }

        return rules;
    }

    private FaultInjectionDescription? Fault(string path, Dictionary<string, YamlTreeNode> parent)
    {
        if (Child(parent, path, FaultKeys) is not { } keys)
        {
            return null;
        }

        var fault = new FaultInjectionDescription
        {
            DelayPercent = Double(keys, path, "delay_percent") ?? 0,
            AbortHttpStatus = Int(keys, path, "abort_http_status"),
            AbortPercent = Double(keys, path, "abort_percent") ?? 0,
        };

        // Also accept Istio's own shape, which the original passed through: delay {fixedDelay, percentage {value}}.
        var delayPath = DescriptionPath.Key(path, "delay");
        if (keys.TryGetValue("delay", out var delayNode) && delayNode is YamlTreeMapping delayMapping)
        {
            var delayKeys = Fields(delayMapping, delayPath, IstioDelayKeys);
            fault = fault with
            {
                Delay = Duration(delayKeys, delayPath, "fixed_delay") ?? Duration(delayKeys, delayPath, "fixedDelay"),
                DelayPercent = IstioPercent(delayPath, delayKeys) ?? fault.DelayPercent,
            };
        }
        else
        {
            fault = fault with { Delay = Duration(keys, path, "delay") };
        }

        var abortPath = DescriptionPath.Key(path, "abort");
        if (Child(keys, abortPath, IstioAbortKeys) is { } abortKeys)
        {
            fault = fault with
            {
                AbortHttpStatus = Int(abortKeys, abortPath, "http_status") ?? Int(abortKeys, abortPath, "httpStatus") ?? fault.AbortHttpStatus,
                AbortPercent = IstioPercent(abortPath, abortKeys) ?? fault.AbortPercent,
            };
        }

        return fault;
    }

    private double? IstioPercent(string path, Dictionary<string, YamlTreeNode> keys)
    {
        var percentagePath = DescriptionPath.Key(path, "percentage");
        if (Child(keys, percentagePath, PercentageKeys) is { } percentage)
        {
            return Double(percentage, percentagePath, "value");
        }

        return Double(keys, path, "percent");
    }

    private RetryPolicyDescription? Retry(string path, Dictionary<string, YamlTreeNode> parent)
    {
        if (Child(parent, path, RetryKeys) is not { } keys)
        {
            return null;
        }

        var retry = new RetryPolicyDescription();
        return retry with
        {
            Attempts = Int(keys, path, "attempts") ?? retry.Attempts,
            PerTryTimeout = Duration(keys, path, "per_try_timeout") ?? Duration(keys, path, "perTryTimeout") ?? retry.PerTryTimeout,
            RetryOn = String(keys, path, "retry_on") ?? String(keys, path, "retryOn") ?? retry.RetryOn,
        };
    }

    private MeshDescription Mesh(Dictionary<string, YamlTreeNode> parent)
    {
        var mesh = new MeshDescription();
        if (Child(parent, "mesh", MeshKeys) is not { } keys)
        {
            return mesh;
        }

        return mesh with
        {
            Enabled = Bool(keys, "mesh", "enabled") ?? mesh.Enabled,
            MtlsMode = String(keys, "mesh", "mtls_mode") ?? mesh.MtlsMode,
            TrustDomain = String(keys, "mesh", "trust_domain") ?? mesh.TrustDomain,
        };
    }

    private MonitoringDescription Monitoring(Dictionary<string, YamlTreeNode> parent)
    {
        var monitoring = new MonitoringDescription();
        if (Child(parent, "monitoring", MonitoringKeys) is not { } keys)
        {
            return monitoring;
        }

        return monitoring with
        {
            Namespace = String(keys, "monitoring", "namespace") ?? monitoring.Namespace,
            ReleaseLabel = String(keys, "monitoring", "release_label") ?? monitoring.ReleaseLabel,
            ScrapeInterval = Duration(keys, "monitoring", "scrape_interval") ?? monitoring.ScrapeInterval,
            GrafanaNamespace = String(keys, "monitoring", "grafana_namespace"),
        };
    }

    private List<KeyValuePair<string, string>> Pairs(string parentPath, Dictionary<string, YamlTreeNode> keys, string key, bool allowList)
    {
        var path = DescriptionPath.Key(parentPath, key);
        var pairs = new List<KeyValuePair<string, string>>();
        if (!keys.TryGetValue(key, out var node) || node is YamlTreeScalar { IsNull: true })
        {
            return pairs;
        }

        if (allowList && node is YamlTreeSequence sequence)
        {
            // Kubernetes' own shape: [{name: X, value: "1"}].
            for (var i = 0; i < sequence.Items.Count; i++)
            {
                var itemPath = DescriptionPath.Index(path, i);
                Note(itemPath, sequence.Items[i]);
                if (Mapping(sequence.Items[i], itemPath) is not { } item)
                {
                    continue;
                }

                var itemKeys = Fields(item, itemPath, EnvironmentItemKeys);
                var name = String(itemKeys, itemPath, "name");
                if (name is null)
                {
                    Problem(DescriptionPath.Key(itemPath, "name"), "the variable name is required");
                    continue;
                }

                _lines.TryAdd(DescriptionPath.Key(path, name), sequence.Items[i].Line);
                pairs.Add(new(name, String(itemKeys, itemPath, "value") ?? ""));
            }

            return pairs;
        }

        if (Mapping(node, path, allowList ? "a mapping of names to values, or a list of {name, value}" : "a mapping of names to values") is not { } mapping)
        {
            return pairs;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Entries)
        {
            if (keyNode is not YamlTreeScalar keyScalar)
            {
                Problem(path, $"a key must be a plain name, not {keyNode.Kind}", keyNode.Line);
                continue;
            }

            var itemPath = DescriptionPath.Key(path, keyScalar.Value);
            if (!seen.Add(keyScalar.Value))
            {
                Problem(itemPath, $"duplicate key '{keyScalar.Value}'", keyNode.Line);
                continue;
            }

            Note(itemPath, keyNode);
            if (valueNode is YamlTreeScalar value)
            {
                // Every scalar keeps its text: `FEATURE: on` is the string "on", `RETRIES: 007` is "007".
                pairs.Add(new(keyScalar.Value, value.IsNull && value.Value.Length == 0 ? "" : value.Value));
            }
            else
            {
                WrongType(itemPath, valueNode, "a text value");
            }
        }

        return pairs;
    }

    private List<string> Strings(string parentPath, Dictionary<string, YamlTreeNode> keys, string key)
    {
        var path = DescriptionPath.Key(parentPath, key);
        var strings = new List<string>();
        if (!Sequence(keys, key, out var items, path))
        {
            return strings;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var itemPath = DescriptionPath.Index(path, i);
            Note(itemPath, items[i]);
            if (items[i] is YamlTreeScalar { IsNull: false } scalar)
            {
                strings.Add(scalar.Value);
            }
            else
            {
                WrongType(itemPath, items[i], "a text value");
                strings.Add("");
            }
        }

        return strings;
    }

    private Dictionary<string, YamlTreeNode>? Child(Dictionary<string, YamlTreeNode> parent, string path, string[] known)
    {
        var key = LastKey(path);
        if (!parent.TryGetValue(key, out var node) || node is YamlTreeScalar { IsNull: true })
        {
            return null;
        }

        return Mapping(node, path) is { } mapping ? Fields(mapping, path, known) : null;
    }

    private static string LastKey(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot < 0 ? path : path[(dot + 1)..];
    }

    private bool Sequence(Dictionary<string, YamlTreeNode> keys, string key, out List<YamlTreeNode> items, string path)
    {
        items = [];
        if (!keys.TryGetValue(key, out var node) || node is YamlTreeScalar { IsNull: true })
        {
            return false;
        }

        if (node is YamlTreeSequence sequence)
        {
            items = sequence.Items;
            return true;
        }

        WrongType(path, node, "a list");
        return false;
    }

    private YamlTreeMapping? Mapping(YamlTreeNode node, string path, string expected = "a mapping (key: value pairs)")
    {
        if (node is YamlTreeMapping mapping)
        {
            return mapping;
        }

        WrongType(path, node, expected);
        return null;
    }

    /// <summary>Checks the keys of a mapping: unknown (with did-you-mean), duplicate, or not text.</summary>
    private Dictionary<string, YamlTreeNode> Fields(YamlTreeMapping mapping, string path, string[] known)
    {
        var fields = new Dictionary<string, YamlTreeNode>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Entries)
        {
            if (keyNode is not YamlTreeScalar { IsNull: false } key)
            {
                Problem(path, $"a key must be a name, not {keyNode.Kind}", keyNode.Line);
                continue;
            }

            var keyPath = DescriptionPath.Key(path, key.Value);
            if (Array.IndexOf(known, key.Value) < 0)
            {
                var hint = key.Value switch
                {
                    "<<" => "; merge keys are not supported",

                    // The original passed its config as a dict named system_config; the file is that dict.
                    "system_config" when path.Length == 0 => "; the file is the system_config itself: move its keys (agents, ...) to the top level",
                    _ => Suggestions.DidYouMean(Suggestions.Closest(key.Value, known)),
                };
                var list = hint.Length == 0 ? $"; known keys: {string.Join(", ", known)}" : hint;
                Problem(keyPath, $"unknown key '{key.Value}'{list}", keyNode.Line);
                continue;
            }

            if (fields.ContainsKey(key.Value))
            {
                Problem(keyPath, $"duplicate key '{key.Value}' (line {Suggestions.Number(_lines.GetValueOrDefault(keyPath))} already sets it)", keyNode.Line);
                continue;
            }

            fields.Add(key.Value, valueNode);
            Note(keyPath, keyNode);
        }

        return fields;
    }

    private string? String(Dictionary<string, YamlTreeNode> keys, string parentPath, string key)
    {
        if (!keys.TryGetValue(key, out var node) || node is YamlTreeScalar { IsNull: true })
        {
            return null;
        }

        if (node is YamlTreeScalar scalar)
        {
            return scalar.Value;
        }

        WrongType(DescriptionPath.Key(parentPath, key), node, "a text value");
        return null;
    }

    private int? Int(Dictionary<string, YamlTreeNode> keys, string parentPath, string key) =>
        keys.TryGetValue(key, out var node) && node is not YamlTreeScalar { IsNull: true }
            ? Int(node, DescriptionPath.Key(parentPath, key))
            : null;

    private int? Int(YamlTreeNode node, string path)
    {
        if (node is YamlTreeScalar { Plain: true } scalar && IsInteger(scalar.Value))
        {
            if (int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            Problem(path, $"{scalar.Value} is too large", node.Line);
            return null;
        }

        WrongType(path, node, "a whole number");
        return null;
    }

    private double? Double(Dictionary<string, YamlTreeNode> keys, string parentPath, string key)
    {
        if (!keys.TryGetValue(key, out var node) || node is YamlTreeScalar { IsNull: true })
        {
            return null;
        }

        if (node is YamlTreeScalar { Plain: true } scalar
            && double.TryParse(scalar.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value))
        {
            return value;
        }

        WrongType(DescriptionPath.Key(parentPath, key), node, "a number");
        return null;
    }

    private bool? Bool(Dictionary<string, YamlTreeNode> keys, string parentPath, string key)
    {
        if (!keys.TryGetValue(key, out var node) || node is YamlTreeScalar { IsNull: true })
        {
            return null;
        }

        var path = DescriptionPath.Key(parentPath, key);
        if (node is YamlTreeScalar { Plain: true } scalar)
        {
            switch (scalar.Value)
            {
                case "true" or "True" or "TRUE":
                    return true;
                case "false" or "False" or "FALSE":
                    return false;
                case "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "y" or "Y":
                    Problem(path, $"'{scalar.Value}' is a boolean only in YAML 1.1; did you mean 'true'?", node.Line);
                    return null;
                case "no" or "No" or "NO" or "off" or "Off" or "OFF" or "n" or "N":
                    Problem(path, $"'{scalar.Value}' is a boolean only in YAML 1.1; did you mean 'false'?", node.Line);
                    return null;
            }
        }

        WrongType(path, node, "true or false");
        return null;
    }

    private TimeSpan? Duration(Dictionary<string, YamlTreeNode> keys, string parentPath, string key)
    {
        if (!keys.TryGetValue(key, out var node) || node is YamlTreeScalar { IsNull: true })
        {
            return null;
        }

        var path = DescriptionPath.Key(parentPath, key);
        if (node is YamlTreeScalar scalar)
        {
            if (Durations.TryParse(scalar.Value, out var value))
            {
                return value;
            }

            var suggestion = IsInteger(scalar.Value) ? scalar.Value + "s" : null;
            Problem(path, $"'{scalar.Value}' is not a duration such as '500ms', '30s', '5m' or '1h'{Suggestions.DidYouMean(suggestion)}", node.Line);
            return null;
        }

        WrongType(path, node, "a duration such as '30s'");
        return null;
    }

    private static bool IsInteger(string text)
    {
        var start = text.Length > 0 && text[0] is '-' or '+' ? 1 : 0;
        return text.Length > start && text.AsSpan(start).IndexOfAnyExceptInRange('0', '9') < 0;
    }

    private void WrongType(string path, YamlTreeNode node, string expected) =>
        Problem(path, $"expected {expected}, got {node.Kind}", node.Line);

    private void Note(string path, YamlTreeNode node) => _lines.TryAdd(path, node.Line);

    private void Problem(string path, string message, int? line = null) =>
        _problems.Add(new DescriptionProblem(path, message) { Line = line });
}
