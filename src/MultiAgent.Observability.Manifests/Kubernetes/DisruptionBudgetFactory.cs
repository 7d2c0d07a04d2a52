using k8s.Models;

namespace MultiAgent.Observability.Manifests.Kubernetes;

/// <summary>Builds a <c>policy/v1</c> PodDisruptionBudget; only for agents that keep at least two replicas (one would block node drains).</summary>
internal static class DisruptionBudgetFactory
{
    public static bool Applies(AgentIdentity agent) => agent.MinimumReplicas >= 2;

    public static V1PodDisruptionBudget Create(AgentIdentity agent) => new()
    {
        ApiVersion = ApiVersions.Policy,
        Kind = "PodDisruptionBudget",
        Metadata = agent.Metadata(),
        Spec = new V1PodDisruptionBudgetSpec
        {
            MaxUnavailable = 1,
            Selector = new V1LabelSelector { MatchLabels = agent.CopySelector() },
            UnhealthyPodEvictionPolicy = "AlwaysAllow",
        },
    };
}
