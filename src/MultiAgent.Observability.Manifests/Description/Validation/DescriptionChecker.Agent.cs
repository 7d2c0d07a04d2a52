using System.Diagnostics.CodeAnalysis;

namespace MultiAgent.Observability.Manifests;

/// <summary>The agent section: id, image, environment, scaling, load balancer, callers and labels.</summary>
internal sealed partial class DescriptionChecker
{
    /// <summary>The load-balancing algorithms Istio's <c>simple</c> load balancer accepts.</summary>
    internal static readonly string[] LoadBalancers = ["LEAST_REQUEST", "ROUND_ROBIN", "RANDOM", "PASSTHROUGH"];

    private void Agent(string path, AgentDescription agent, IEnumerable<string> agentIds)
    {
        AgentId(path, agent.Id);
        Image(path, agent);
        Resources(DescriptionPath.Key(path, "resources"), agent.Resources);
        Environment(DescriptionPath.Key(path, "environment"), agent.Environment);
        var ports = Ports(path, agent);
        HealthCheck(DescriptionPath.Key(path, "health_check"), agent.HealthCheck, ports);
        Scaling(DescriptionPath.Key(path, "scaling"), agent.Scaling);
        RoutingRules(DescriptionPath.Key(path, "routing_rules"), agent.RoutingRules, agent.Ports ?? []);

        if (Array.IndexOf(LoadBalancers, agent.LoadBalancer) < 0)
        {
            var suggestion = string.Equals(agent.LoadBalancer, "LEAST_CONN", StringComparison.OrdinalIgnoreCase)
                ? "LEAST_REQUEST"
                : Suggestions.Closest(agent.LoadBalancer ?? "", LoadBalancers);
            Add(DescriptionPath.Key(path, "load_balancer"), $"{Quote(agent.LoadBalancer)} is not a load balancer; use one of {string.Join(", ", LoadBalancers)}{Suggestions.DidYouMean(suggestion)}");
        }

        Callers(DescriptionPath.Key(path, "callers"), agent.Callers, agentIds);
        Labels(DescriptionPath.Key(path, "labels"), agent.Labels);
    }

    private void AgentId(string path, string? id)
    {
        var idPath = DescriptionPath.Key(path, "agent_id");
        if (string.IsNullOrEmpty(id))
        {
            Add(idPath, "the agent id is required");
            return;
        }

        if (!KubernetesNames.IsDns1035Label(id))
        {
            Add(idPath, $"'{id}' is not a valid agent id: object names are derived from it unchanged, so it must be a DNS-1035 label (lower-case letters, digits and '-', starting with a letter){DidYouMeanLabel(id, true)}");
            return;
        }

        DerivedLength(idPath, id, ManifestConventions.AgentObjectName(id), "Service", "agent id");
    }

    private void Image(string path, AgentDescription agent)
    {
        var imagePath = DescriptionPath.Key(path, "image");
        var image = agent.Image;
        if (string.IsNullOrEmpty(image))
        {
            Add(imagePath, "the image is required");
        }
        else if (image.Contains('@', StringComparison.Ordinal))
        {
            Add(imagePath, $"'{image}' contains a digest; put the repository in image and the digest in digest");
        }
        else if (ImageReference.HasTag(image))
        {
            var colon = image.LastIndexOf(':');
            Add(imagePath, $"'{image}' contains a tag; put the repository in image ('{image[..colon]}') and the tag in tag ('{image[(colon + 1)..]}')");
        }
        else if (!ImageReference.IsRepository(image))
        {
            Add(imagePath, $"'{image}' is not an image repository such as 'ghcr.io/acme/research-agent' (lower-case path components of letters, digits, '.', '_' and '-', an optional registry host first)");
        }

        if (agent.Tag is not { } tag || !ImageReference.IsTag(tag))
        {
            Add(DescriptionPath.Key(path, "tag"), $"{Quote(agent.Tag)} is not an image tag (1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-')");
        }

        if (agent.Digest is { } digest && !ImageReference.IsDigest(digest))
        {
            Add(DescriptionPath.Key(path, "digest"), $"'{digest}' is not an image digest; expected 'sha256:' and 64 lower-case hex digits");
        }
    }

    private void Environment(string path, IReadOnlyList<KeyValuePair<string, string>>? environment)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in environment ?? [])
        {
            var itemPath = DescriptionPath.Key(path, name ?? "");
            if (!IsEnvironmentName(name))
            {
                Add(itemPath, $"{Quote(name)} is not an environment variable name (letters, digits, '_', '-' and '.', not starting with a digit)");
            }
            else if (ManifestConventions.IsReservedEnvironmentName(name))
            {
                Add(itemPath, $"'{name}' is set by the generator ({ManifestConventions.AgentIdVariable} is the agent id, {ManifestConventions.NamespaceVariable} and {ManifestConventions.PodNameVariable} come from the pod); choose another name");
            }
            else if (!seen.Add(name))
            {
                Add(itemPath, $"duplicate environment variable '{name}'");
            }

            if (value is null)
            {
                Add(itemPath, "the value is missing (null); use an empty string for an empty value");
            }
        }
    }

    private void Scaling(string path, ScalingDescription? scaling)
    {
        if (scaling is null)
        {
            Add(path, "the scaling settings are missing (null)");
            return;
        }

        if (scaling.InitialReplicas < 0)
        {
            Add(DescriptionPath.Key(path, "initial_replicas"), $"{N(scaling.InitialReplicas)} must not be negative");
        }

        if (scaling.MinReplicas < 1)
        {
            Add(DescriptionPath.Key(path, "min_replicas"), $"{N(scaling.MinReplicas)} must be at least 1");
        }

        if (scaling.MaxReplicas < 1)
        {
            Add(DescriptionPath.Key(path, "max_replicas"), $"{N(scaling.MaxReplicas)} must be at least 1");
        }
        else if (scaling.MaxReplicas < scaling.MinReplicas)
        {
            Add(DescriptionPath.Key(path, "max_replicas"), $"{N(scaling.MaxReplicas)} is less than min_replicas {N(scaling.MinReplicas)}");
        }

        if (scaling.TargetCpu is < 1 or > 100)
        {
            Add(DescriptionPath.Key(path, "target_cpu"), $"{N(scaling.TargetCpu)} is not a CPU utilisation percent (1 to 100)");
        }

        if (scaling.TargetMemory is < 1 or > 100)
        {
            Add(DescriptionPath.Key(path, "target_memory"), $"{N(scaling.TargetMemory.Value)} is not a memory utilisation percent of the request (1 to 100)");
        }
    }

    private void Callers(string path, IReadOnlyList<string>? callers, IEnumerable<string> agentIds)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        callers ??= [];
        for (var i = 0; i < callers.Count; i++)
        {
            var callerPath = DescriptionPath.Index(path, i);
            var caller = callers[i];

            // agentIds is the id dictionary's key set: Contains is a lookup, so this stays linear in agents.
            if (string.IsNullOrEmpty(caller) || !agentIds.Contains(caller))
            {
                Add(callerPath, $"{Quote(caller)} is not an agent of this system{Suggestions.DidYouMean(Suggestions.Closest(caller ?? "", agentIds.Where(id => id.Length > 0)))}");
            }
            else if (!seen.Add(caller))
            {
                Add(callerPath, $"duplicate caller '{caller}'");
            }
        }
    }

    private void Labels(string path, IReadOnlyList<KeyValuePair<string, string>>? labels)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in labels ?? [])
        {
            var labelPath = DescriptionPath.Key(path, key ?? "");
            if (!KubernetesNames.IsQualifiedName(key ?? ""))
            {
                Add(labelPath, $"{Quote(key)} is not a label key (an optional DNS prefix and '/', then at most 63 letters, digits, '-', '_' or '.')");
            }
            else if (ManifestConventions.IsReservedLabel(key!))
            {
                Add(labelPath, $"'{key}' is set by the generator; choose a label key outside {ManifestConventions.RecommendedLabelPrefix}");
            }
            else if (!seen.Add(key!))
            {
                Add(labelPath, $"duplicate label '{key}'");
            }

            if (value is null || !KubernetesNames.IsLabelValue(value))
            {
                Add(labelPath, $"{Quote(value)} is not a label value (at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)");
            }
        }
    }

    private static bool IsEnvironmentName([NotNullWhen(true)] string? name) =>
        name is { Length: > 0 }
        && !char.IsAsciiDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
}
