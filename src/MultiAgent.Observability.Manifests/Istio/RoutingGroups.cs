namespace MultiAgent.Observability.Manifests.Istio;

/// <summary>
/// Groups routing rules with the same match (same headers and path prefix), in order of first appearance: Istio
/// expresses a weighted split as one route with several destinations, not as several routes of which only the first
/// ever matches. The validator checks that the weights of a group add up to 100.
/// </summary>
internal sealed class RoutingGroups
{
    private RoutingGroups(int index, List<RoutingRuleDescription> rules)
    {
        Index = index;
        Rules = rules;
    }

    /// <summary>The position of the group's first rule in the description.</summary>
    public int Index { get; }

    public IReadOnlyList<RoutingRuleDescription> Rules { get; }

    public static List<RoutingGroups> Of(AgentDescription agent)
    {
        var groups = new List<RoutingGroups>(agent.RoutingRules.Count);
        var byKey = new Dictionary<string, List<RoutingRuleDescription>>(StringComparer.Ordinal);
        for (var i = 0; i < agent.RoutingRules.Count; i++)
        {
            var rule = agent.RoutingRules[i];
            var key = MatchKey(rule);
            if (byKey.TryGetValue(key, out var members))
            {
                members.Add(rule);
            }
            else
            {
                members = [rule];
                byKey.Add(key, members);
                groups.Add(new RoutingGroups(i, members));
            }
        }

        return groups;
    }

    /// <summary>A canonical text of a rule's match, for comparing matches.</summary>
    public static string MatchKey(RoutingRuleDescription rule)
    {
        var prefix = string.IsNullOrEmpty(rule.PathPrefix) ? "/" : rule.PathPrefix;
        var headers = new List<string>(rule.Headers.Count);
        foreach (var header in rule.Headers)
        {
            headers.Add(header.Name.ToLowerInvariant() + "\u0000" + header.Kind + "\u0000" + header.Value);
        }

        headers.Sort(StringComparer.Ordinal);
        return prefix + "\u0001" + string.Join('\u0001', headers);
    }

    /// <summary>The group's fault injection: the first one declared by any of its rules.</summary>
    public FaultInjectionDescription? Fault => First(static r => r.FaultInjection);

    /// <summary>The group's retry policy: the first one declared by any of its rules.</summary>
    public RetryPolicyDescription? Retry => First(static r => r.RetryPolicy);

    /// <summary>The group's timeout: the longest of its rules, so no destination is cut short.</summary>
    public TimeSpan Timeout
    {
        get
        {
            var longest = TimeSpan.Zero;
            foreach (var rule in Rules)
            {
                longest = rule.Timeout > longest ? rule.Timeout : longest;
            }

            return longest;
        }
    }

    private T? First<T>(Func<RoutingRuleDescription, T?> select)
        where T : class
    {
        foreach (var rule in Rules)
        {
            if (select(rule) is { } value)
            {
                return value;
            }
        }

        return null;
    }
}
