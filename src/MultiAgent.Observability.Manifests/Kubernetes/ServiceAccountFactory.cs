using k8s.Models;

namespace MultiAgent.Observability.Manifests.Kubernetes;

/// <summary>Builds an agent's own ServiceAccount: its mesh identity, with the API token not mounted.</summary>
internal static class ServiceAccountFactory
{
    public static V1ServiceAccount Create(AgentIdentity agent) => new()
    {
        ApiVersion = ApiVersions.Core,
        Kind = "ServiceAccount",
        Metadata = agent.Metadata(),
        AutomountServiceAccountToken = false,
    };
}
