namespace MultiAgent.Observability.Manifests;

/// <summary>
/// Maps the YAML tree's snake_case keys to the model. Structural problems (unknown keys, duplicate keys, wrong
/// types) are reported here; the rules are <see cref="SystemDescriptionValidator"/>'s. Every path read is recorded
/// with its line so the validator's problems can be placed in the file too.
/// </summary>
internal sealed partial class DescriptionReader(string? fileName)
{
    private readonly ProblemCollector _problems = new();

    // Every path the reader reported at, kept or not: the validator's problems at or under them are left out.
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    public SystemDescriptionLoadResult Read(string text)
    {
        var root = YamlTree.Read(text, out var error);
        if (error is { } e)
        {
            return Result(null, DescriptionProblemList.Of(new DescriptionProblem("", e.Message) { File = fileName, Line = e.Line }));
        }

        if (root is null or YamlTreeScalar { IsNull: true })
        {
            return Result(null, DescriptionProblemList.Of(new DescriptionProblem("", "the description is empty; expected a mapping with at least 'agents'") { File = fileName, Line = root?.Line ?? 1 }));
        }

        _lines[""] = root.Line;
        var description = System(root);
        if (description is null)
        {
            return Result(null, Placed(_problems.Kept, _problems.Total));
        }

        // The validator's problems at or under a path already reported here would only repeat it.
        var validation = SystemDescriptionValidator.Collect(description, new ProblemCollector(_reported));
        return Result(description, Placed([.. _problems.Kept, .. validation.Kept], _problems.Total + validation.Total));
    }

    private static SystemDescriptionLoadResult Result(SystemDescription? description, DescriptionProblemList problems) => new(description, problems);

    /// <summary>
    /// Places the kept problems in the file and orders them by line. Each source keeps its first problems in the order
    /// of the file, so the first <see cref="DescriptionProblemList.MaxListed"/> of both together are the file's first.
    /// </summary>
    private DescriptionProblemList Placed(List<DescriptionProblem> kept, int total)
    {
        List<DescriptionProblem> placed = [.. kept.Select(p => p with { File = fileName, Line = p.Line ?? LineOf(p.Path) }).OrderBy(p => p.Line ?? 0)];
        if (placed.Count > DescriptionProblemList.MaxListed)
        {
            placed.RemoveRange(DescriptionProblemList.MaxListed, placed.Count - DescriptionProblemList.MaxListed);
        }

        return new DescriptionProblemList(placed, total);
    }

    private int? LineOf(string path)
    {
        for (string? p = path; p is not null; p = DescriptionPath.Parent(p))
        {
            if (_lines.TryGetValue(p, out var line))
            {
                return line;
            }
        }

        return null;
    }

    private SystemDescription? System(YamlTreeNode root)
    {
        if (Mapping(root, "") is not { } fields)
        {
            return null;
        }

        var keys = Fields(fields, "", DescriptionKeys.System);
        var description = new SystemDescription();
        description = description with
        {
            Name = String(keys, "", "name") ?? description.Name,
            Namespace = String(keys, "", "namespace") ?? description.Namespace,
            ClusterVersion = String(keys, "", "cluster_version") ?? description.ClusterVersion,
            Agents = Agents(keys),
            Mesh = Mesh(keys),
            Monitoring = Monitoring(keys),
        };
        return description;
    }

    private List<AgentDescription> Agents(Dictionary<string, YamlTreeNode> keys)
    {
        var agents = new List<AgentDescription>();
        if (Sequence(keys, "agents", out var items, "agents"))
        {
            for (var i = 0; i < items.Count; i++)
            {
                var path = DescriptionPath.Index("agents", i);
                Note(path, items[i]);
                // A placeholder keeps the later agents at their own index; its problems are already reported.
                agents.Add(Mapping(items[i], path) is { } mapping
                    ? Agent(path, Fields(mapping, path, DescriptionKeys.Agent))
                    : new AgentDescription { Id = "", Image = "" });
            }
        }
        else if (!keys.ContainsKey("agents"))
        {
            Problem("agents", "at least one agent is required: add 'agents:' with a list of agents");
        }

        return agents;
    }

    private MeshDescription Mesh(Dictionary<string, YamlTreeNode> parent)
    {
        var mesh = new MeshDescription();
        if (Child(parent, "mesh", DescriptionKeys.Mesh) is not { } keys)
        {
            return mesh;
        }

        return mesh with
        {
            Enabled = Bool(keys, "mesh", "enabled") ?? mesh.Enabled,
            MtlsMode = String(keys, "mesh", "mtls_mode") ?? mesh.MtlsMode,
            TrustDomain = String(keys, "mesh", "trust_domain") ?? mesh.TrustDomain,
        };
    }

    private MonitoringDescription Monitoring(Dictionary<string, YamlTreeNode> parent)
    {
        var monitoring = new MonitoringDescription();
        if (Child(parent, "monitoring", DescriptionKeys.Monitoring) is not { } keys)
        {
            return monitoring;
        }

        return monitoring with
        {
            Namespace = String(keys, "monitoring", "namespace") ?? monitoring.Namespace,
            ReleaseLabel = String(keys, "monitoring", "release_label") ?? monitoring.ReleaseLabel,
            ScrapeInterval = Duration(keys, "monitoring", "scrape_interval") ?? monitoring.ScrapeInterval,
            GrafanaNamespace = String(keys, "monitoring", "grafana_namespace"),
        };
    }
}
