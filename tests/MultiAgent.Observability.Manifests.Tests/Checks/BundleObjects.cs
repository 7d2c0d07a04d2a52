using k8s;
using k8s.Models;

namespace MultiAgent.Observability.Manifests.Tests.Checks;

/// <summary>The core objects of a bundle read back from their YAML (what a cluster would receive, not the generator's models).</summary>
internal sealed class BundleObjects
{
    public List<V1Namespace> Namespaces { get; } = [];

    public List<V1Deployment> Deployments { get; } = [];

    public List<V1Service> Services { get; } = [];

    public List<V1ServiceAccount> ServiceAccounts { get; } = [];

    public List<V2HorizontalPodAutoscaler> Autoscalers { get; } = [];

    public List<V1PodDisruptionBudget> DisruptionBudgets { get; } = [];

    public List<V1NetworkPolicy> NetworkPolicies { get; } = [];

    public List<V1ConfigMap> ConfigMaps { get; } = [];

    public static BundleObjects From(ManifestBundle bundle)
    {
        var objects = new BundleObjects();
        foreach (var document in bundle.Documents)
        {
            switch (document.Kind)
            {
                case "Namespace": objects.Namespaces.Add(KubernetesYaml.Deserialize<V1Namespace>(document.Yaml)); break;
                case "Deployment": objects.Deployments.Add(KubernetesYaml.Deserialize<V1Deployment>(document.Yaml)); break;
                case "Service": objects.Services.Add(KubernetesYaml.Deserialize<V1Service>(document.Yaml)); break;
                case "ServiceAccount": objects.ServiceAccounts.Add(KubernetesYaml.Deserialize<V1ServiceAccount>(document.Yaml)); break;
                case "HorizontalPodAutoscaler": objects.Autoscalers.Add(KubernetesYaml.Deserialize<V2HorizontalPodAutoscaler>(document.Yaml)); break;
                case "PodDisruptionBudget": objects.DisruptionBudgets.Add(KubernetesYaml.Deserialize<V1PodDisruptionBudget>(document.Yaml)); break;
                case "NetworkPolicy": objects.NetworkPolicies.Add(KubernetesYaml.Deserialize<V1NetworkPolicy>(document.Yaml)); break;
                case "ConfigMap": objects.ConfigMaps.Add(KubernetesYaml.Deserialize<V1ConfigMap>(document.Yaml)); break;
                default: break;
            }
        }

        return objects;
    }
}
