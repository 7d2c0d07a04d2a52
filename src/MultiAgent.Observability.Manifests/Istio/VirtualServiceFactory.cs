using MultiAgent.Observability.Manifests.Kubernetes;

namespace MultiAgent.Observability.Manifests.Istio;

/// <summary>
/// Builds an agent's VirtualService from its routing rules. Header matches become typed <c>exact</c> StringMatches,
/// path prefixes become <c>uri.prefix</c>, rules with the same match share one route whose destinations
/// carry the weights, and a route never has both a fault and retries (Istio disables retries and timeouts when a
/// client-side fault is set). A final catch-all route keeps unmatched traffic flowing.
/// </summary>
internal static class VirtualServiceFactory
{
    public static IstioObject<VirtualServiceSpec> Create(AgentIdentity agent)
    {
        var routes = new List<HttpRoute>(agent.Agent.RoutingRules.Count + 1);
        var hasCatchAll = false;
        foreach (var group in RoutingGroups.Of(agent.Agent))
        {
            var first = group.Rules[0];
            var match = Match(first);
            hasCatchAll |= match is null;
            var destinations = new List<HttpRouteDestination>(group.Rules.Count);
            foreach (var rule in group.Rules)
            {
                destinations.Add(new HttpRouteDestination(
                    new Destination(agent.Fqdn, new PortSelector(rule.Port ?? agent.HttpPort.Port)),
                    group.Rules.Count > 1 ? rule.Weight : null));
            }

            routes.Add(new HttpRoute
            {
                Name = "rule-" + (group.Index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Match = match is null ? null : [match],
                Route = destinations,
                Timeout = group.Fault is null ? Durations.Format(group.Timeout) : null,
                Retries = group.Fault is null && group.Retry is { } retry
                    ? new HttpRetry(retry.Attempts, Durations.Format(retry.PerTryTimeout), retry.RetryOn)
                    : null,
                Fault = group.Fault is { } fault ? Fault(fault) : null,
            });
        }

        if (!hasCatchAll)
        {
            routes.Add(new HttpRoute
            {
                Name = "default",
                Route = [new HttpRouteDestination(new Destination(agent.Fqdn, new PortSelector(agent.HttpPort.Port)), null)],
                Timeout = Durations.Format(new RoutingRuleDescription().Timeout),
            });
        }

        return new IstioObject<VirtualServiceSpec>(
            ApiVersions.IstioNetworking,
            "VirtualService",
            agent.Metadata(),
            new VirtualServiceSpec([agent.Fqdn], routes));
    }

    private static HttpMatchRequest? Match(RoutingRuleDescription rule)
    {
        var prefix = string.IsNullOrEmpty(rule.PathPrefix) || rule.PathPrefix == "/" ? null : rule.PathPrefix;
        if (prefix is null && rule.Headers.Count == 0)
        {
            return null;
        }

        SortedDictionary<string, StringMatch>? headers = null;
        if (rule.Headers.Count > 0)
        {
            headers = new SortedDictionary<string, StringMatch>(StringComparer.Ordinal);
            foreach (var header in rule.Headers)
            {
                headers[header.Name] = header.Kind switch
                {
                    HeaderMatchKind.Prefix => new StringMatch { Prefix = header.Value },
                    HeaderMatchKind.Regex => new StringMatch { Regex = header.Value },
                    _ => new StringMatch { Exact = header.Value },
                };
            }
        }

        return new HttpMatchRequest { Uri = prefix is null ? null : new StringMatch { Prefix = prefix }, Headers = headers };
    }

    private static HttpFaultInjection Fault(FaultInjectionDescription fault) => new()
    {
        Delay = fault.Delay is { } delay ? new FaultDelay(Durations.Format(delay), new Percent(fault.DelayPercent)) : null,
        Abort = fault.AbortHttpStatus is { } status ? new FaultAbort(status, new Percent(fault.AbortPercent)) : null,
    };
}
