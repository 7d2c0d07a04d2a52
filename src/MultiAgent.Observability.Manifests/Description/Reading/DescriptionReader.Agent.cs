namespace MultiAgent.Observability.Manifests;

/// <summary>Reads an agent: its resources, ports, probes and scaling.</summary>
internal sealed partial class DescriptionReader
{

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
        if (Child(parent, path, DescriptionKeys.Resources) is not { } keys)
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

            // Ports may be bare numbers; the first is the http port, the others http-<number>.
            ports.Add(Port(itemPath, items[i], i == 0 ? ManifestConventions.HttpPortName : null) ?? new PortDescription { Name = "", Port = 0 });
        }

        return ports;
    }

    private PortDescription? MetricsPort(string path, Dictionary<string, YamlTreeNode> keys)
    {
        if (!keys.TryGetValue("metrics_port", out var node) || node is YamlTreeScalar { IsNull: true })
        {
            return null;
        }

        return Port(DescriptionPath.Key(path, "metrics_port"), node, ManifestConventions.MetricsPortName);
    }

    /// <summary>Reads a port; without a name it is <paramref name="defaultName"/>, or <c>http-&lt;number&gt;</c> when that is null.</summary>
    private PortDescription? Port(string path, YamlTreeNode node, string? defaultName)
    {
        if (node is YamlTreeScalar)
        {
            return Int(node, path) is { } number
                ? new PortDescription { Name = defaultName ?? ManifestConventions.AdditionalPortName(number), Port = number }
                : null;
        }

        if (Mapping(node, path, "a port number or a mapping with name, port and app_protocol") is not { } mapping)
        {
            return null;
        }

        var keys = Fields(mapping, path, DescriptionKeys.Port);
        var port = Int(keys, path, "port");
        if (port is null && !keys.ContainsKey("port"))
        {
            Problem(DescriptionPath.Key(path, "port"), "the port number is required");
        }

        var result = new PortDescription { Name = String(keys, path, "name") ?? defaultName ?? ManifestConventions.AdditionalPortName(port ?? 0), Port = port ?? 0 };
        return result with { AppProtocol = String(keys, path, "app_protocol") ?? result.AppProtocol };
    }

    private HealthCheckDescription HealthCheck(string path, Dictionary<string, YamlTreeNode> parent, IReadOnlyList<PortDescription> ports, PortDescription? metricsPort)
    {
        var health = new HealthCheckDescription();

        // Probes default to the first port, whatever it is named; a port already reported as wrong has no name.
        var firstPortName = ports.Count > 0 && ports[0] is { } first ? first.Name : health.PortName;
        if (firstPortName.Length == 0)
        {
            _reported.Add(DescriptionPath.Key(path, "port"));
        }

        if (Child(parent, path, DescriptionKeys.HealthCheck) is not { } keys)
        {
            return health with { PortName = firstPortName };
        }

        var portName = firstPortName;
        var portPath = DescriptionPath.Key(path, "port");
        if (keys.TryGetValue("port", out var portNode) && portNode is YamlTreeScalar { IsNull: false } scalar)
        {
            if (scalar.Plain && IsInteger(scalar.Value))
            {
                // The probe port may be a number; probes use the declared port's name.
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
        if (Child(parent, path, DescriptionKeys.Scaling) is not { } keys)
        {
            return scaling;
        }

        return scaling with
        {
            InitialReplicas = Int(keys, path, "initial_replicas") ?? scaling.InitialReplicas,
            MinReplicas = Int(keys, path, "min_replicas") ?? scaling.MinReplicas,
            MaxReplicas = Int(keys, path, "max_replicas") ?? scaling.MaxReplicas,
            TargetCpu = Int(keys, path, "target_cpu") ?? scaling.TargetCpu,
            TargetMemory = Int(keys, path, "target_memory"),
            Autoscale = Bool(keys, path, "autoscale") ?? scaling.Autoscale,
        };
    }
}
