using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultiAgent.Observability.Manifests.Grafana;
using MultiAgent.Observability.Manifests.Istio;
using MultiAgent.Observability.Manifests.Kubernetes;
using MultiAgent.Observability.Manifests.Monitoring;

namespace MultiAgent.Observability.Manifests;

/// <summary>
/// Generates the manifests of a system description: a complete <see cref="ManifestBundle"/>, rendered in memory,
/// without deploying anything, without timestamps, and without partial results.
/// </summary>
/// <remarks>
/// The description is validated first (<see cref="SystemDescriptionValidator"/>); an invalid one throws
/// <see cref="InvalidSystemDescriptionException"/> carrying every problem, and nothing is generated.
/// Generation is pure: the same description and host rules always give byte-identical output. Instances are thread-safe.
/// The rule file and <c>PrometheusRule</c> hold the built-in groups and then the groups of every
/// <see cref="IPrometheusRuleSource"/> given (registered by <c>AddAlerting()</c> when the generator comes from
/// <c>AddManifestGeneration()</c>); rules a source cannot export are listed in <see cref="ManifestBundle.UnexportedRules"/> and logged.
/// </remarks>
public sealed class ManifestGenerator
{
    private readonly IPrometheusRuleSource[] _ruleSources;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="ManifestGenerator"/> class that generates the built-in rules only.</summary>
    public ManifestGenerator()
        : this([], NullLogger.Instance)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ManifestGenerator"/> class that adds the rules of <paramref name="ruleSources"/>.</summary>
    /// <param name="ruleSources">The sources of the rules the host runs, read at each generation.</param>
    public ManifestGenerator(IEnumerable<IPrometheusRuleSource> ruleSources)
        : this(ruleSources, NullLogger.Instance)
    {
    }

    internal ManifestGenerator(IEnumerable<IPrometheusRuleSource> ruleSources, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(ruleSources);
        _ruleSources = [.. ruleSources];
        _logger = logger;
    }

    /// <summary>The folder of the plain Prometheus files inside the bundle.</summary>
    internal const string PrometheusFolder = "prometheus/";

    /// <summary>The folder of the Grafana dashboard JSON inside the bundle.</summary>
    internal const string GrafanaFolder = "grafana/";

    /// <summary>Gets how many rule sources the generator reads.</summary>
    internal int HostRuleSources => _ruleSources.Length;

    /// <summary>Validates the description and generates its bundle.</summary>
    /// <param name="description">The system to deploy.</param>
    /// <returns>The bundle, rendered in memory.</returns>
    /// <exception cref="InvalidSystemDescriptionException">The description has problems, or a host rule group has the name of the built-in group; <see cref="InvalidSystemDescriptionException.Problems"/> lists all of them.</exception>
    public ManifestBundle Generate(SystemDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var problems = SystemDescriptionValidator.Validate(description);
        if (problems.Count > 0)
        {
            throw new InvalidSystemDescriptionException(problems);
        }

        var unexported = new List<UnexportedPrometheusRule>();
        var hostGroups = HostRules.Collect(_ruleSources, unexported);
        foreach (var rule in unexported)
        {
            Log.RuleNotExported(_logger, rule.Group, rule.Rule, rule.Reason);
        }

        return Build(description, hostGroups, unexported);
    }

    private static ManifestBundle Build(SystemDescription system, List<RuleGroup> hostGroups, List<UnexportedPrometheusRule> unexported)
    {
        var agents = new List<AgentIdentity>(system.Agents.Count);
        foreach (var agent in system.Agents)
        {
            agents.Add(new AgentIdentity(system, agent));
        }

        agents.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
        var byId = new Dictionary<string, AgentIdentity>(agents.Count, StringComparer.Ordinal);
        foreach (var agent in agents)
        {
            byId.Add(agent.Id, agent);
        }

        var mesh = system.Mesh.Enabled;
        var callees = Callees(agents, byId);

        var namespaceDocuments = new List<ManifestDocument>
        {
            Document(ManifestKind.Namespace, system.Namespace, null, NamespaceFactory.Create(system)),
            Document(ManifestKind.NetworkPolicy, "allow-dns", system.Namespace, NetworkPolicyFactory.AllowDns(system)),
            Document(ManifestKind.NetworkPolicy, "default-deny", system.Namespace, NetworkPolicyFactory.DefaultDeny(system)),
        };

        var agentManifests = new List<AgentManifests>(agents.Count);
        var meshDocuments = new List<ManifestDocument>(mesh ? (agents.Count * 4) + 2 : 0);
        var monitoringDocuments = new List<ManifestDocument>(agents.Count + 2);
        foreach (var agent in agents)
        {
            string name = agent.ObjectName, ns = agent.Namespace;
            var documents = new List<ManifestDocument>(6)
            {
                Document(ManifestKind.ServiceAccount, name, ns, ServiceAccountFactory.Create(agent)),
                Document(ManifestKind.Service, name, ns, ServiceFactory.Create(agent)),
                Document(ManifestKind.Deployment, name, ns, DeploymentFactory.Create(agent)),
            };
            if (DisruptionBudgetFactory.Applies(agent))
            {
                documents.Add(Document(ManifestKind.PodDisruptionBudget, name, ns, DisruptionBudgetFactory.Create(agent)));
            }

            if (agent.Agent.Scaling.Autoscale)
            {
                documents.Add(Document(ManifestKind.HorizontalPodAutoscaler, name, ns, AutoscalerFactory.Create(agent, sidecarInjected: mesh)));
            }

            documents.Add(Document(ManifestKind.NetworkPolicy, name, ns, NetworkPolicyFactory.ForAgent(agent, callees[agent.Id], sidecarInjected: mesh)));
            agentManifests.Add(new AgentManifests(agent.Id, documents));

            if (mesh)
            {
                if (MeshSecurityFactory.NeedsPermissiveMetricsPort(system))
                {
                    meshDocuments.Add(Document(ManifestKind.PeerAuthentication, name, ns, MeshSecurityFactory.AgentPeerAuthentication(agent)));
                }

                meshDocuments.Add(Document(ManifestKind.AuthorizationPolicy, name, ns, MeshSecurityFactory.AgentAllowList(agent, byId)));
                meshDocuments.Add(Document(ManifestKind.DestinationRule, name, ns, DestinationRuleFactory.Create(agent)));
                meshDocuments.Add(Document(ManifestKind.VirtualService, name, ns, VirtualServiceFactory.Create(agent)));
            }

            monitoringDocuments.Add(Document(ManifestKind.ServiceMonitor, name, ns, MonitoringFactory.ServiceMonitor(agent)));
        }

        if (mesh)
        {
            meshDocuments.Add(Document(ManifestKind.PeerAuthentication, "default", system.Namespace, MeshSecurityFactory.NamespacePeerAuthentication(system)));
            meshDocuments.Add(Document(ManifestKind.AuthorizationPolicy, "allow-nothing", system.Namespace, MeshSecurityFactory.AllowNothing(system)));
        }

        var builtIn = AlertRules.Create(system, agents);
        var duplicates = HostRules.DuplicateNames(builtIn, hostGroups);
        if (duplicates.Count > 0)
        {
            throw new InvalidSystemDescriptionException(duplicates);
        }

        List<RuleGroup> ruleGroups = [.. builtIn, .. hostGroups];
        var prometheusRule = MonitoringFactory.PrometheusRule(system, ruleGroups);
        monitoringDocuments.Add(Document(ManifestKind.PrometheusRule, prometheusRule.Metadata.Name, system.Namespace, prometheusRule));
        var dashboard = DashboardFactory.Json(system);
        var configMap = DashboardFactory.ConfigMap(system, dashboard);
        monitoringDocuments.Add(Document(ManifestKind.ConfigMap, configMap.Metadata.Name, configMap.Metadata.NamespaceProperty, configMap));

        var ruleFile = system.Name + ".rules.yaml";
        var targetsFile = system.Name + ".targets.json";
        var extraFiles = new List<BundleFile>
        {
            new(GrafanaFolder + DashboardFactory.Uid(system) + ".json", dashboard),
            new(PrometheusFolder + ruleFile, YamlText.Header + YamlText.Render(new RuleFile(ruleGroups))),
            new(PrometheusFolder + "prometheus-file-sd.yaml", YamlText.Header + YamlText.Render(MonitoringFactory.FileScrapeConfig(system, ruleFile, targetsFile))),
            new(PrometheusFolder + "prometheus-kubernetes.yaml", YamlText.Header + YamlText.Render(MonitoringFactory.KubernetesScrapeConfig(system, agents, ruleFile))),
            new(PrometheusFolder + targetsFile, MonitoringFactory.FileTargets(agents)),
        };

        return new ManifestBundle(system.Name, namespaceDocuments, agentManifests, meshDocuments, monitoringDocuments, extraFiles, unexported);
    }

    /// <summary>For each agent, the agents it calls: those that list it among their callers.</summary>
    private static Dictionary<string, List<AgentIdentity>> Callees(List<AgentIdentity> agents, Dictionary<string, AgentIdentity> byId)
    {
        var callees = new Dictionary<string, List<AgentIdentity>>(agents.Count, StringComparer.Ordinal);
        foreach (var agent in agents)
        {
            callees.Add(agent.Id, []);
        }

        foreach (var callee in agents)
        {
            foreach (var caller in callee.Agent.Callers)
            {
                if (byId.ContainsKey(caller))
                {
                    callees[caller].Add(callee);
                }
            }
        }

        return callees;
    }

    private static ManifestDocument Document(ManifestKind kind, string name, string? ns, object model) =>
        new(kind, name, ns, YamlText.Render(model));
}
