using MultiAgent.Observability.Alerting;
using MultiAgent.Observability.Manifests;

namespace AgentFleet.Reporting;

/// <summary>
/// Writes what it takes to run this fleet for real: the deployment bundle generated from a description of the
/// roster (<c>deploy/</c>, apply with <c>kubectl apply -k</c>) and the fleet's alert rules as a Prometheus rule file.
/// </summary>
internal static class DeploymentOutput
{
    public const string BundleFolder = "deploy";
    public const string RuleFileName = "agentfleet.rules.yaml";

    public static OutputResult Write(string directory, IEnumerable<AlertRuleGroup> rules)
    {
        var bundleDirectory = Path.GetFullPath(Path.Combine(directory, BundleFolder));
        var ruleFile = Path.GetFullPath(Path.Combine(directory, RuleFileName));
        Directory.CreateDirectory(directory);

        new ManifestGenerator().Generate(Describe()).WriteTo(bundleDirectory);
        File.WriteAllText(ruleFile, PrometheusRuleExport.ToRuleFile(rules));
        return new OutputResult { BundleDirectory = bundleDirectory, RuleFile = ruleFile };
    }

    /// <summary>The fleet as a system description: one deployment per agent, callers from who calls whom.</summary>
    public static SystemDescription Describe() => new()
    {
        Name = "agentfleet",
        Namespace = "agentfleet",
        Agents = Roster.Members.Select(static member => new AgentDescription
        {
            Id = member.Id,
            Image = "ghcr.io/example/" + member.Id,
            Tag = "1.0.0",
            Callers = Roster.CallersOf(member.Id),
            AllowExternalEgress = member.Role is AgentRole.Researcher or AgentRole.Tool or AgentRole.Writer,
            Labels = [KeyValuePair.Create("team", member.Team)],
        }).ToList(),
    };
}
