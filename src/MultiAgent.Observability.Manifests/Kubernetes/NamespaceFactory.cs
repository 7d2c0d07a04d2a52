using k8s.Models;

namespace MultiAgent.Observability.Manifests.Kubernetes;

/// <summary>Builds the Namespace, enforcing Pod Security <c>restricted</c> and, with the mesh on, sidecar injection.</summary>
internal static class NamespaceFactory
{
    public static V1Namespace Create(SystemDescription system)
    {
        var labels = new List<KeyValuePair<string, string>>(WellKnownLabels.ForSystem(system.Name, "namespace"))
        {
            new("pod-security.kubernetes.io/audit", "restricted"),
            new("pod-security.kubernetes.io/audit-version", "latest"),
            new("pod-security.kubernetes.io/enforce", "restricted"),
            new("pod-security.kubernetes.io/enforce-version", "latest"),
            new("pod-security.kubernetes.io/warn", "restricted"),
            new("pod-security.kubernetes.io/warn-version", "latest"),
        };
        if (system.Mesh.Enabled)
        {
            labels.Add(new("istio-injection", "enabled"));
        }

        return new V1Namespace
        {
            ApiVersion = ApiVersions.Core,
            Kind = "Namespace",
            Metadata = new V1ObjectMeta { Name = system.Namespace, Labels = WellKnownLabels.Sorted(labels) },
        };
    }
}
