using System.Globalization;
using k8s.Models;

namespace MultiAgent.Observability.Manifests.Kubernetes;

/// <summary>
/// Everything derived from one agent's description that several generators share: object names,
/// labels, selector, ports, mesh identity. Computed once per agent so every object agrees.
/// </summary>
internal sealed class AgentIdentity
{
    public AgentIdentity(SystemDescription system, AgentDescription agent)
    {
        Agent = agent;
        System = system;
        ObjectName = ManifestConventions.AgentObjectName(agent.Id);
        Namespace = system.Namespace;
        HttpPort = agent.Ports[0];
        MetricsContainerPort = agent.MetricsPort ?? HttpPort;
        MetricsServicePortName = agent.MetricsPort is null ? HttpPort.Name : ManifestConventions.SeparateMetricsServicePortName;
        Fqdn = string.Create(CultureInfo.InvariantCulture, $"{ObjectName}.{Namespace}.svc.cluster.local");
        Selector = WellKnownLabels.Sorted(
        [
            new(WellKnownLabels.Instance, ObjectName),
            new(WellKnownLabels.Name, agent.Id),
        ]);

        var labels = new List<KeyValuePair<string, string>>(agent.Labels.Count + 6);
        foreach (var pair in agent.Labels)
        {
            // The recommended labels are ours: a user label may not redefine the selector or identity.
            if (!ManifestConventions.IsReservedLabel(pair.Key))
            {
                labels.Add(pair);
            }
        }

        labels.Add(new(WellKnownLabels.Component, WellKnownLabels.AgentComponent));
        labels.Add(new(WellKnownLabels.Instance, ObjectName));
        labels.Add(new(WellKnownLabels.ManagedBy, WellKnownLabels.ManagedByValue));
        labels.Add(new(WellKnownLabels.Name, agent.Id));
        labels.Add(new(WellKnownLabels.PartOf, system.Name));
        if (agent.Digest is null && KubernetesNames.IsLabelValue(agent.Tag))
        {
            labels.Add(new(WellKnownLabels.Version, agent.Tag));
        }

        Labels = WellKnownLabels.Sorted(labels);
    }

    public AgentDescription Agent { get; }

    public SystemDescription System { get; }

    public string Id => Agent.Id;

    /// <summary>The name shared by the agent's Deployment, Service, ServiceAccount, HPA, PDB and policies.</summary>
    public string ObjectName { get; }

    public string Namespace { get; }

    public PortDescription HttpPort { get; }

    /// <summary>The container port that serves metrics (the http port when no separate one is declared).</summary>
    public PortDescription MetricsContainerPort { get; }

    public bool HasSeparateMetricsPort => Agent.MetricsPort is not null;

    /// <summary>The Service port name the ServiceMonitor scrapes.</summary>
    public string MetricsServicePortName { get; }

    public string Fqdn { get; }

    /// <summary>The stable selector: name and instance only, never the version (selectors are immutable).</summary>
    public IReadOnlyDictionary<string, string> Selector { get; }

    public IReadOnlyDictionary<string, string> Labels { get; }

    public string Image => Agent.Digest is { } digest ? Agent.Image + "@" + digest : Agent.Image + ":" + Agent.Tag;

    /// <summary>The replica floor the cluster keeps: the HPA minimum when autoscaled, else the fixed count.</summary>
    public int MinimumReplicas => Agent.Scaling.Autoscale ? Agent.Scaling.MinReplicas : Agent.Scaling.InitialReplicas;

    /// <summary>The SPIFFE principal of the agent's ServiceAccount, as Istio AuthorizationPolicy expects it.</summary>
    public string Principal => string.Create(
        CultureInfo.InvariantCulture, $"{System.Mesh.TrustDomain}/ns/{Namespace}/sa/{ObjectName}");

    /// <summary>Returns a fresh copy of the labels (models own their maps).</summary>
    public Dictionary<string, string> CopyLabels() => new(Labels, StringComparer.Ordinal);

    /// <summary>Returns the metadata every per-agent object carries: the agent's object name, namespace and labels.</summary>
    public V1ObjectMeta Metadata() => new() { Name = ObjectName, NamespaceProperty = Namespace, Labels = CopyLabels() };

    /// <summary>Returns a fresh copy of the selector.</summary>
    public Dictionary<string, string> CopySelector() => new(Selector, StringComparer.Ordinal);
}
