using System.Globalization;
using System.Text.RegularExpressions;

namespace MultiAgent.Observability.Manifests;

/// <summary>The <c>routing_rules</c> section: matches, weights, fault injection and retries.</summary>
internal sealed partial class DescriptionChecker
{
    /// <summary>The Envoy <c>retryOn</c> conditions Istio passes through.</summary>
    internal static readonly string[] RetryConditions =
    [
        "5xx", "gateway-error", "reset", "reset-before-request", "connect-failure", "envoy-ratelimited",
        "retriable-4xx", "refused-stream", "retriable-status-codes", "retriable-headers", "http3-post-connect-failure",
        "cancelled", "deadline-exceeded", "internal", "resource-exhausted", "unavailable",
    ];

    private void RoutingRules(string path, IReadOnlyList<RoutingRuleDescription>? rules, IReadOnlyList<PortDescription> ports)
    {
        rules ??= [];
        var catchAll = -1;

        // Rules with the same match form one route whose destinations split the traffic by weight.
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            var rulePath = DescriptionPath.Index(path, i);
            if (rules[i] is not { } rule)
            {
                Add(rulePath, "the routing rule is missing (null)");
                continue;
            }

            Rule(rulePath, rule, ports);
            var key = MatchKey(rule);
            if (!groups.TryGetValue(key, out var group))
            {
                if (catchAll >= 0)
                {
                    Add(rulePath, $"never matches: routing_rules[{catchAll}] before it matches every request; put catch-all rules last");
                }

                group = [];
                groups.Add(key, group);
            }

            group.Add(i);
            if ((rule.Headers ?? []).Count == 0 && rule.PathPrefix is null or "/")
            {
                catchAll = catchAll < 0 ? i : catchAll;
            }
        }

        foreach (var group in groups.Values)
        {
            var sum = 0;
            foreach (var i in group)
            {
                sum += rules[i].Weight;
            }

            var first = DescriptionPath.Index(path, group[0]);
            if (group.Count > 1 && sum != 100)
            {
                var members = string.Join(", ", group.Select(i => $"routing_rules[{N(i)}]"));
                Add(DescriptionPath.Key(first, "weight"), $"the weights of the rules with the same match ({members}) add up to {N(sum)}; they must add up to 100");
            }
            else if (group.Count == 1 && rules[group[0]].Weight != 100 && rules[group[0]].Weight is >= 0 and <= 100)
            {
                Add(DescriptionPath.Key(first, "weight"), $"{N(rules[group[0]].Weight)} splits nothing: no other rule has the same match; weights of rules with the same match must add up to 100");
            }

            var fault = group.FirstOrDefault(i => rules[i].FaultInjection is not null, -1);
            var retry = group.FirstOrDefault(i => rules[i].RetryPolicy is not null, -1);
            if (fault >= 0 && retry >= 0 && fault != retry)
            {
                Add(DescriptionPath.Index(path, retry), $"routing_rules[{N(fault)}] injects faults into the same route; Istio disables retries when faults are injected, so put them on separate routes");
            }
        }
    }

    private void Rule(string path, RoutingRuleDescription rule, IReadOnlyList<PortDescription> ports)
    {
        var headers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var header in rule.Headers ?? [])
        {
            if (header is null)
            {
                Add(DescriptionPath.Key(path, "headers"), "a header match is missing (null)");
                continue;
            }

            var name = header.Name;
            var headerPath = DescriptionPath.Key(DescriptionPath.Key(path, "headers"), name ?? "");
            if (string.IsNullOrEmpty(name) || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.'))
            {
                var lower = name?.ToLowerInvariant();
                var suggestion = lower is { Length: > 0 } && lower.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.') ? lower : null;
                Add(headerPath, $"{Quote(name)} is not a header name Istio matches (lower-case letters, digits, '-', '_' and '.'){Suggestions.DidYouMean(suggestion)}");
            }
            else if (!headers.Add(name))
            {
                Add(headerPath, $"duplicate header '{name}'");
            }

            HeaderValue(headerPath, header);
        }

        if (rule.PathPrefix is { } prefix)
        {
            HttpPath(DescriptionPath.Key(path, "path_prefix"), prefix);
        }

        if (rule.Port is { } port && !ports.Any(p => p?.Port == port))
        {
            var declared = string.Join(", ", ports.Where(p => p is not null).Select(p => N(p.Port)));
            Add(DescriptionPath.Key(path, "port"), $"port {N(port)} is not declared in ports ({declared})");
        }

        if (rule.Weight is < 0 or > 100)
        {
            Add(DescriptionPath.Key(path, "weight"), $"{N(rule.Weight)} is not a weight percent (0 to 100)");
        }

        if (rule.Timeout <= TimeSpan.Zero)
        {
            Add(DescriptionPath.Key(path, "timeout"), "must be positive");
        }

        if (rule.FaultInjection is not null && rule.RetryPolicy is not null)
        {
            Add(path, "fault_injection and retry_policy on one route: Istio disables retries and timeouts when it injects faults; put the fault injection on a separate route");
        }

        if (rule.FaultInjection is { } fault)
        {
            Fault(DescriptionPath.Key(path, "fault_injection"), fault);
        }

        if (rule.RetryPolicy is { } retry)
        {
            Retry(DescriptionPath.Key(path, "retry_policy"), retry, rule.Timeout);
        }
    }

    private void Fault(string path, FaultInjectionDescription fault)
    {
        if (fault.Delay is null && fault.AbortHttpStatus is null)
        {
            Add(path, "a fault injection needs a delay, an abort_http_status, or both");
        }

        if (fault.Delay is { } delay && delay <= TimeSpan.Zero)
        {
            Add(DescriptionPath.Key(path, "delay"), "must be positive");
        }

        if (fault.AbortHttpStatus is { } status && status is < 200 or > 599)
        {
            Add(DescriptionPath.Key(path, "abort_http_status"), $"{N(status)} is not an HTTP status (200 to 599)");
        }

        Percent(DescriptionPath.Key(path, "delay_percent"), fault.DelayPercent);
        Percent(DescriptionPath.Key(path, "abort_percent"), fault.AbortPercent);
        if (fault.Delay is not null && fault.DelayPercent == 0)
        {
            Add(DescriptionPath.Key(path, "delay_percent"), "0 delays no request; give the percent of requests to delay");
        }

        if (fault.AbortHttpStatus is not null && fault.AbortPercent == 0)
        {
            Add(DescriptionPath.Key(path, "abort_percent"), "0 aborts no request; give the percent of requests to abort");
        }
    }

    private void Percent(string path, double value)
    {
        if (double.IsNaN(value) || value is < 0 or > 100)
        {
            Add(path, $"{value.ToString(CultureInfo.InvariantCulture)} is not a percent (0 to 100)");
        }
    }

    private void Retry(string path, RetryPolicyDescription retry, TimeSpan routeTimeout)
    {
        if (retry.Attempts is < 1 or > 10)
        {
            Add(DescriptionPath.Key(path, "attempts"), $"{N(retry.Attempts)} is not a number of attempts (1 to 10)");
        }

        if (retry.PerTryTimeout <= TimeSpan.Zero)
        {
            Add(DescriptionPath.Key(path, "per_try_timeout"), "must be positive");
        }
        else if (routeTimeout > TimeSpan.Zero && retry.PerTryTimeout > routeTimeout)
        {
            Add(DescriptionPath.Key(path, "per_try_timeout"), $"{Durations.Format(retry.PerTryTimeout)} is longer than the route timeout {Durations.Format(routeTimeout)}, so no retry would ever happen");
        }

        var conditions = (retry.RetryOn ?? "").Split(',');
        foreach (var condition in conditions)
        {
            var c = condition.Trim();
            if (Array.IndexOf(RetryConditions, c) < 0 && !(c.Length == 3 && c.All(char.IsAsciiDigit)))
            {
                Add(DescriptionPath.Key(path, "retry_on"), $"'{c}' is not a retry condition; use a comma-separated list of {string.Join(", ", RetryConditions)} or status codes{Suggestions.DidYouMean(Suggestions.Closest(c, RetryConditions))}");
            }
        }
    }

    /// <summary>Checks a header match's value: present, and for <see cref="HeaderMatchKind.Regex"/> a regular expression that compiles.</summary>
    private void HeaderValue(string headerPath, HeaderMatchDescription header)
    {
        if (!Enum.IsDefined(header.Kind))
        {
            Add(headerPath, $"{N((int)header.Kind)} is not a header match kind (exact, prefix or regex)");
            return;
        }

        var valuePath = header.Kind == HeaderMatchKind.Exact ? headerPath : DescriptionPath.Key(headerPath, header.Kind == HeaderMatchKind.Prefix ? "prefix" : "regex");
        if (header.Value is null)
        {
            Add(valuePath, "the header value is missing (null)");
        }
        else if (header.Kind == HeaderMatchKind.Regex)
        {
            if (header.Value.Length == 0)
            {
                Add(valuePath, "the regular expression is empty; leave the header out to match any value");
                return;
            }

            try
            {
                _ = new Regex(header.Value, RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                Add(valuePath, $"'{header.Value}' is not a regular expression Istio (RE2) accepts: {e.Message}");
            }
        }
    }

    private static string MatchKey(RoutingRuleDescription rule)
    {
        var headers = (rule.Headers ?? []).Where(h => h is not null).Select(h => h.Name + "\u0001" + h.Kind + "\u0001" + h.Value).Order(StringComparer.Ordinal);
        return (rule.PathPrefix ?? "/") + "\u0000" + string.Join("\u0000", headers);
    }
}
