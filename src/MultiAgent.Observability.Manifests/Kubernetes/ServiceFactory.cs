using k8s.Models;

namespace MultiAgent.Observability.Manifests.Kubernetes;

/// <summary>Builds an agent's ClusterIP Service: named ports targeting container port names, each with <c>appProtocol</c>.</summary>
internal static class ServiceFactory
{
    public static V1Service Create(AgentIdentity agent)
    {
        var ports = new List<V1ServicePort>(agent.Agent.Ports.Count + 1);
        foreach (var port in agent.Agent.Ports)
        {
            ports.Add(new V1ServicePort { Name = port.Name, Port = port.Port, TargetPort = port.Name, Protocol = "TCP", AppProtocol = port.AppProtocol });
        }

        if (agent.Agent.MetricsPort is { } metrics)
        {
            ports.Add(new V1ServicePort
            {
                Name = ManifestConventions.SeparateMetricsServicePortName,
                Port = metrics.Port,
                TargetPort = metrics.Name,
                Protocol = "TCP",
                AppProtocol = metrics.AppProtocol,
            });
        }

        return new V1Service
        {
            ApiVersion = ApiVersions.Core,
            Kind = "Service",
            Metadata = agent.Metadata(),
            Spec = new V1ServiceSpec { Type = "ClusterIP", Selector = agent.CopySelector(), Ports = ports },
        };
    }
}
