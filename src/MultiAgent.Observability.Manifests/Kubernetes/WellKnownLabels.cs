namespace MultiAgent.Observability.Manifests.Kubernetes;

/// <summary>Label keys and fixed values shared by every generated object.</summary>
internal static class WellKnownLabels
{
    public const string Name = ManifestConventions.RecommendedLabelPrefix + "name";
    public const string Instance = ManifestConventions.RecommendedLabelPrefix + "instance";
    public const string Version = ManifestConventions.RecommendedLabelPrefix + "version";
    public const string Component = ManifestConventions.RecommendedLabelPrefix + "component";
    public const string PartOf = ManifestConventions.RecommendedLabelPrefix + "part-of";
    public const string ManagedBy = ManifestConventions.RecommendedLabelPrefix + "managed-by";
    public const string ManagedByValue = "multiagent-observability";
    public const string AgentComponent = "agent";
    public const string NamespaceName = "kubernetes.io/metadata.name";

    /// <summary>The agent container's name; fixed so alerts and dashboards can select <c>container="agent"</c>.</summary>
    public const string ContainerName = "agent";

    /// <summary>Returns a copy of the pairs ordered by key (ordinal), so maps serialise identically whatever the input order.</summary>
    public static Dictionary<string, string> Sorted(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var list = new List<KeyValuePair<string, string>>(pairs);
        list.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var result = new Dictionary<string, string>(list.Count, StringComparer.Ordinal);
        foreach (var pair in list)
        {
            result[pair.Key] = pair.Value;
        }

        return result;
    }

    /// <summary>The labels of an object that belongs to the system rather than to one agent.</summary>
    public static Dictionary<string, string> ForSystem(string systemName, string component) => Sorted(
    [
        new(Component, component),
        new(Instance, systemName),
        new(ManagedBy, ManagedByValue),
        new(Name, systemName),
        new(PartOf, systemName),
    ]);
}
