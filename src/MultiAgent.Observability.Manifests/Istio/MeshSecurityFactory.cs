using System.Globalization;
using k8s.Models;
using MultiAgent.Observability.Manifests.Kubernetes;

namespace MultiAgent.Observability.Manifests.Istio;

/// <summary>
/// Builds the mesh security objects: namespace-wide PeerAuthentication, an allow-nothing AuthorizationPolicy, and per agent
/// an ALLOW list of its callers' SPIFFE principals on its declared ports.
/// </summary>
/// <remarks>
/// Prometheus is outside the mesh and scrapes in plaintext, which STRICT mTLS would refuse. The scrape is handled
/// explicitly: a per-agent PeerAuthentication makes only the metrics port PERMISSIVE, and the agent's AuthorizationPolicy
/// allows only <c>GET</c> of the metrics path on that port to unauthenticated peers. When metrics share the <c>http</c>
/// port, every other path on it still requires a caller principal, so plaintext callers reach nothing but metrics; the
/// NetworkPolicy limits that plaintext ingress to the monitoring namespace.
/// </remarks>
internal static class MeshSecurityFactory
{
    public static IstioObject<PeerAuthenticationSpec> NamespacePeerAuthentication(SystemDescription system) => new(
        ApiVersions.IstioSecurity,
        "PeerAuthentication",
        new V1ObjectMeta { Name = "default", NamespaceProperty = system.Namespace, Labels = WellKnownLabels.ForSystem(system.Name, "mesh") },
        new PeerAuthenticationSpec { Mtls = new MtlsSettings(system.Mesh.MtlsMode) });

    public static bool NeedsPermissiveMetricsPort(SystemDescription system) => system.Mesh.MtlsMode == "STRICT";

    public static IstioObject<PeerAuthenticationSpec> AgentPeerAuthentication(AgentIdentity agent) => new(
        ApiVersions.IstioSecurity,
        "PeerAuthentication",
        agent.Metadata(),
        new PeerAuthenticationSpec
        {
            Selector = new WorkloadSelector(agent.CopySelector()),
            Mtls = new MtlsSettings("STRICT"),
            PortLevelMtls = new Dictionary<string, MtlsSettings>(StringComparer.Ordinal)
            {
                [agent.MetricsContainerPort.Port.ToString(CultureInfo.InvariantCulture)] = new MtlsSettings("PERMISSIVE"),
            },
        });

    public static IstioObject<AuthorizationPolicySpec> AllowNothing(SystemDescription system) => new(
        ApiVersions.IstioSecurity,
        "AuthorizationPolicy",
        new V1ObjectMeta { Name = "allow-nothing", NamespaceProperty = system.Namespace, Labels = WellKnownLabels.ForSystem(system.Name, "mesh") },
        new AuthorizationPolicySpec());

    public static IstioObject<AuthorizationPolicySpec> AgentAllowList(AgentIdentity agent, IReadOnlyDictionary<string, AgentIdentity> agentsById)
    {
        var rules = new List<AuthorizationRule>(2);
        var callers = new List<string>(agent.Agent.Callers);
        callers.Sort(StringComparer.Ordinal);
        if (callers.Count > 0)
        {
            var principals = new List<string>(callers.Count);
            foreach (var caller in callers)
            {
                principals.Add(agentsById[caller].Principal);
            }

            var ports = new List<string>(agent.Agent.Ports.Count);
            foreach (var port in agent.Agent.Ports)
            {
                ports.Add(Port(port.Port));
            }

            rules.Add(new AuthorizationRule
            {
                From = [new RuleFrom(new RuleSource(principals))],
                To = [new RuleTo(new RuleOperation { Ports = ports })],
            });
        }

        rules.Add(new AuthorizationRule
        {
            To =
            [
                new RuleTo(new RuleOperation
                {
                    Ports = [Port(agent.MetricsContainerPort.Port)],
                    Methods = ["GET"],
                    Paths = [agent.Agent.MetricsPath],
                }),
            ],
        });

        return new IstioObject<AuthorizationPolicySpec>(
            ApiVersions.IstioSecurity,
            "AuthorizationPolicy",
            agent.Metadata(),
            new AuthorizationPolicySpec { Selector = new WorkloadSelector(agent.CopySelector()), Action = "ALLOW", Rules = rules });
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
