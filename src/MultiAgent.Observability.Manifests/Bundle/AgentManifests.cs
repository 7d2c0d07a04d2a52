namespace MultiAgent.Observability.Manifests;

/// <summary>The objects generated for one agent.</summary>
public sealed class AgentManifests
{
    internal AgentManifests(string agentId, IReadOnlyList<ManifestDocument> documents)
    {
        AgentId = agentId;
        Documents = documents;
    }

    /// <summary>Gets the agent id.</summary>
    public string AgentId { get; }

    /// <summary>Gets the agent's Kubernetes objects in apply order: ServiceAccount, Service, Deployment, PodDisruptionBudget, HorizontalPodAutoscaler, NetworkPolicy.</summary>
    public IReadOnlyList<ManifestDocument> Documents { get; }
}
