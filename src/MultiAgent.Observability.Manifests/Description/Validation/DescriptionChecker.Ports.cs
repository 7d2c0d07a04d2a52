using System.Globalization;

namespace MultiAgent.Observability.Manifests;

/// <summary>The ports, the metrics port and path, and the probes that use them.</summary>
internal sealed partial class DescriptionChecker
{
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
                if (ports[i]?.Name == ManifestConventions.SeparateMetricsServicePortName)
                {
                    Add(DescriptionPath.Key(DescriptionPath.Index(portsPath, i), "name"), $"'{ManifestConventions.SeparateMetricsServicePortName}' is the Service port name of the separate metrics port; choose another name");
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
}
