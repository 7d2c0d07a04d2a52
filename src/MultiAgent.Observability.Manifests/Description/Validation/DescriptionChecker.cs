using System.Globalization;
using System.Runtime.CompilerServices;

namespace MultiAgent.Observability.Manifests;

/// <summary>
/// Collects the problems of one description, section by section (one file per section: agents, resources, ports and
/// probes, routing, mesh and monitoring settings), each with the path of the field in the file's snake_case keys.
/// Every problem is counted; past the first hundred their messages are not built.
/// </summary>
internal sealed partial class DescriptionChecker(ProblemCollector problems)
{
    public void System(SystemDescription d)
    {
        if (!KubernetesNames.IsDns1123Label(d.Name ?? ""))
        {
            Add("name", $"{Quote(d.Name)} is not a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters){DidYouMeanLabel(d.Name, false)}");
        }
        else
        {
            DerivedLength("name", d.Name!, ManifestConventions.PrometheusRuleName(d.Name!), "PrometheusRule", "system name");
        }

        if (!KubernetesNames.IsDns1123Label(d.Namespace ?? ""))
        {
            Add("namespace", $"{Quote(d.Namespace)} is not a valid namespace name (DNS-1123 label: lower-case letters, digits and '-', at most 63 characters){DidYouMeanLabel(d.Namespace, false)}");
        }

        ClusterVersion(d.ClusterVersion);
        Mesh(d.Mesh);
        Monitoring(d.Monitoring);

        var agents = d.Agents ?? [];
        if (agents.Count == 0)
        {
            Add("agents", "at least one agent is required");
        }

        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < agents.Count; i++)
        {
            var id = agents[i]?.Id;
            if (id is null)
            {
                continue;
            }

            if (firstIndex.TryGetValue(id, out var first))
            {
                Add(DescriptionPath.Key(DescriptionPath.Index("agents", i), "agent_id"), $"duplicate agent id '{id}'; agents[{first}] already uses it");
            }
            else
            {
                firstIndex.Add(id, i);
            }
        }

        for (var i = 0; i < agents.Count; i++)
        {
            var path = DescriptionPath.Index("agents", i);
            if (agents[i] is not { } agent)
            {
                Add(path, "the agent is missing (null)");
                continue;
            }

            Agent(path, agent, firstIndex.Keys);
            if (d.Mesh is { Enabled: false } && agent.RoutingRules is { Count: > 0 })
            {
                // The routes become an Istio VirtualService; without the mesh they would be dropped silently.
                Add(DescriptionPath.Key(path, "routing_rules"), "routing rules need the service mesh, but mesh.enabled is false; enable the mesh or remove them");
            }
        }
    }

    private void ClusterVersion(string? version)
    {
        var parts = (version ?? "").Split('.');
        if (parts.Length != 2 || parts[0] != "1" || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            Add("cluster_version", $"{Quote(version)} is not a Kubernetes minor version such as '1.31'");
        }
        else if (minor < 25)
        {
            // autoscaling/v2 and policy/v1 are served from 1.23/1.21; Pod Security admission is GA from 1.25.
            Add("cluster_version", $"Kubernetes {version} is not supported; the bundle needs 1.25 or later (Pod Security admission, autoscaling/v2, policy/v1)");
        }
    }

    /// <summary>Reports <paramref name="value"/> when the object name the generator derives from it is longer than a label allows.</summary>
    private void DerivedLength(string path, string value, string derivedName, string kind, string what)
    {
        if (derivedName.Length > KubernetesNames.MaxLabelLength)
        {
            var room = KubernetesNames.MaxLabelLength - (derivedName.Length - value.Length);
            Add(path, $"the {kind} name '{derivedName}' derived from it is {N(derivedName.Length)} characters; names are limited to 63, so the {what} can have at most {N(room)}");
        }
    }

    private void HttpPath(string path, string? value)
    {
        if (value is not { Length: > 0 } || value[0] != '/' || value.Any(char.IsWhiteSpace))
        {
            Add(path, $"{Quote(value)} is not an HTTP path starting with '/'");
        }
    }

    /// <summary>Counts a problem; true when it is kept, so its message is worth building.</summary>
    internal bool Admit(string path) => problems.Admit(path);

    private void Add(string path, string message)
    {
        if (problems.Admit(path))
        {
            problems.Keep(new DescriptionProblem(path, message));
        }
    }

    private void Add(string path, [InterpolatedStringHandlerArgument("", nameof(path))] ref ProblemMessage message)
    {
        if (message.Kept)
        {
            problems.Keep(new DescriptionProblem(path, message.ToStringAndClear()));
        }
    }

    private static string DidYouMeanLabel(string? text, bool mustStartWithLetter)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var suggestion = Suggestions.DnsLabel(text, mustStartWithLetter);
        return suggestion is not null && suggestion != text ? Suggestions.DidYouMean(suggestion) : "";
    }

    private static string Quote(string? text) => text is null ? "null" : $"'{text}'";

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
