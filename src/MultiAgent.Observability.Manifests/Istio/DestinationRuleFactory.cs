using MultiAgent.Observability.Manifests.Kubernetes;

namespace MultiAgent.Observability.Manifests.Istio;

/// <summary>
/// Builds an agent's DestinationRule: the declared load balancer (LEAST_REQUEST by default), bounded connection pools and
/// outlier detection with <c>consecutive5xxErrors</c> (not the deprecated <c>consecutiveErrors</c>). Every agent
/// gets one, with or without routing rules.
/// </summary>
internal static class DestinationRuleFactory
{
    public static IstioObject<DestinationRuleSpec> Create(AgentIdentity agent) => new(
        ApiVersions.IstioNetworking,
        "DestinationRule",
        agent.Metadata(),
        new DestinationRuleSpec(
            agent.Fqdn,
            new TrafficPolicy(
                new LoadBalancerSettings(agent.Agent.LoadBalancer),
                new ConnectionPoolSettings(new TcpSettings(100, "5s"), new HttpSettings(64, 256)),
                new OutlierDetection(Consecutive5xxErrors: 5, Interval: "10s", BaseEjectionTime: "30s", MaxEjectionPercent: 50))));
}
