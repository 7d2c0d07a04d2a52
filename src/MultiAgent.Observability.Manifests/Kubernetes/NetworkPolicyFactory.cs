using k8s.Models;

namespace MultiAgent.Observability.Manifests.Kubernetes;

/// <summary>
/// Builds the NetworkPolicies: the namespace's default-deny and DNS egress, and per agent an allow list — ingress from
/// its declared callers on <c>http</c> and from the monitoring namespace on the metrics port; egress to the agents it
/// calls, to istiod when sidecars are injected, and to external HTTPS only when the agent opts in.
/// </summary>
internal static class NetworkPolicyFactory
{
    private static readonly string[] s_privateRanges = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

    public static V1NetworkPolicy DefaultDeny(SystemDescription system) => new()
    {
        ApiVersion = ApiVersions.Networking,
        Kind = "NetworkPolicy",
        Metadata = new V1ObjectMeta { Name = "default-deny", NamespaceProperty = system.Namespace, Labels = WellKnownLabels.ForSystem(system.Name, "network-policy") },
        Spec = new V1NetworkPolicySpec { PodSelector = new V1LabelSelector(), PolicyTypes = ["Ingress", "Egress"] },
    };

    public static V1NetworkPolicy AllowDns(SystemDescription system) => new()
    {
        ApiVersion = ApiVersions.Networking,
        Kind = "NetworkPolicy",
        Metadata = new V1ObjectMeta { Name = "allow-dns", NamespaceProperty = system.Namespace, Labels = WellKnownLabels.ForSystem(system.Name, "network-policy") },
        Spec = new V1NetworkPolicySpec
        {
            PodSelector = new V1LabelSelector(),
            PolicyTypes = ["Egress"],
            Egress =
            [
                new V1NetworkPolicyEgressRule
                {
                    To =
                    [
                        new V1NetworkPolicyPeer
                        {
                            NamespaceSelector = Labels(WellKnownLabels.NamespaceName, "kube-system"),
                            PodSelector = Labels("k8s-app", "kube-dns"),
                        },
                    ],
                    Ports =
                    [
                        new V1NetworkPolicyPort { Protocol = "UDP", Port = 53 },
                        new V1NetworkPolicyPort { Protocol = "TCP", Port = 53 },
                    ],
                },
            ],
        },
    };

    public static V1NetworkPolicy ForAgent(AgentIdentity agent, IReadOnlyList<AgentIdentity> callees, bool sidecarInjected)
    {
        var system = agent.System;
        var ingress = new List<V1NetworkPolicyIngressRule>(2);
        var callers = new List<string>(agent.Agent.Callers);
        callers.Sort(StringComparer.Ordinal);
        if (callers.Count > 0)
        {
            var from = new List<V1NetworkPolicyPeer>(callers.Count);
            foreach (var caller in callers)
            {
                from.Add(new V1NetworkPolicyPeer { PodSelector = Labels(WellKnownLabels.Instance, ManifestConventions.AgentObjectName(caller)) });
            }

            // Every declared port, not only http: routing rules may split traffic onto the others (a canary port).
            var ports = new List<V1NetworkPolicyPort>(agent.Agent.Ports.Count);
            foreach (var port in agent.Agent.Ports)
            {
                ports.Add(Tcp(port.Name));
            }

            ingress.Add(new V1NetworkPolicyIngressRule { FromProperty = from, Ports = ports });
        }

        ingress.Add(new V1NetworkPolicyIngressRule
        {
            FromProperty = [new V1NetworkPolicyPeer { NamespaceSelector = Labels(WellKnownLabels.NamespaceName, system.Monitoring.Namespace) }],
            Ports = [Tcp(agent.MetricsContainerPort.Name)],
        });

        var egress = new List<V1NetworkPolicyEgressRule>(callees.Count + 2);
        foreach (var callee in callees)
        {
            var ports = new List<V1NetworkPolicyPort>(callee.Agent.Ports.Count);
            foreach (var port in callee.Agent.Ports)
            {
                ports.Add(new V1NetworkPolicyPort { Protocol = "TCP", Port = port.Port });
            }

            egress.Add(new V1NetworkPolicyEgressRule
            {
                To = [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = callee.CopySelector() } }],
                Ports = ports,
            });
        }

        if (sidecarInjected)
        {
            // Sidecars fetch configuration and certificates from istiod (xDS and CA on 15012).
            egress.Add(new V1NetworkPolicyEgressRule
            {
                To =
                [
                    new V1NetworkPolicyPeer
                    {
                        NamespaceSelector = Labels(WellKnownLabels.NamespaceName, "istio-system"),
                        PodSelector = Labels("app", "istiod"),
                    },
                ],
                Ports = [new V1NetworkPolicyPort { Protocol = "TCP", Port = 15012 }],
            });
        }

        if (agent.Agent.AllowExternalEgress)
        {
            egress.Add(new V1NetworkPolicyEgressRule
            {
                To = [new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = "0.0.0.0/0", Except = [.. s_privateRanges] } }],
                Ports = [new V1NetworkPolicyPort { Protocol = "TCP", Port = 443 }],
            });
        }

        return new V1NetworkPolicy
        {
            ApiVersion = ApiVersions.Networking,
            Kind = "NetworkPolicy",
            Metadata = agent.Metadata(),
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector { MatchLabels = agent.CopySelector() },
                PolicyTypes = ["Ingress", "Egress"],
                Ingress = ingress,
                Egress = egress.Count > 0 ? egress : null,
            },
        };
    }

    private static V1NetworkPolicyPort Tcp(string portName) => new() { Protocol = "TCP", Port = portName };

    private static V1LabelSelector Labels(string key, string value) =>
        new() { MatchLabels = new Dictionary<string, string>(StringComparer.Ordinal) { [key] = value } };
}
