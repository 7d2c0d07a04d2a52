namespace MultiAgent.Observability.Manifests;

/// <summary>Reads an agent's routing rules, with Istio's own fault and retry shapes accepted too.</summary>
internal sealed partial class DescriptionReader
{

    private List<RoutingRuleDescription> RoutingRules(string path, Dictionary<string, YamlTreeNode> keys)
    {
        var rules = new List<RoutingRuleDescription>();
        if (!Sequence(keys, "routing_rules", out var items, path))
        {
            return rules;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var rulePath = DescriptionPath.Index(path, i);
            Note(rulePath, items[i]);
            if (Mapping(items[i], rulePath) is not { } mapping)
            {
                // A placeholder that matches nothing else keeps the later rules at their own index.
                rules.Add(new RoutingRuleDescription { PathPrefix = "/\u0000" + Suggestions.Number(i) });
                continue;
            }

            var ruleKeys = Fields(mapping, rulePath, DescriptionKeys.RoutingRule);
            var rule = new RoutingRuleDescription();
            rules.Add(rule with
            {
                Headers = Pairs(rulePath, ruleKeys, "headers", allowList: false),
                PathPrefix = String(ruleKeys, rulePath, "path_prefix"),
                Port = Int(ruleKeys, rulePath, "port"),
                Weight = Int(ruleKeys, rulePath, "weight") ?? rule.Weight,
                FaultInjection = Fault(DescriptionPath.Key(rulePath, "fault_injection"), ruleKeys),
                RetryPolicy = Retry(DescriptionPath.Key(rulePath, "retry_policy"), ruleKeys),
                Timeout = Duration(ruleKeys, rulePath, "timeout") ?? rule.Timeout,
            });
        }

        return rules;
    }

    private FaultInjectionDescription? Fault(string path, Dictionary<string, YamlTreeNode> parent)
    {
        if (Child(parent, path, DescriptionKeys.Fault) is not { } keys)
        {
            return null;
        }

        var fault = new FaultInjectionDescription
        {
            DelayPercent = Double(keys, path, "delay_percent") ?? 0,
            AbortHttpStatus = Int(keys, path, "abort_http_status"),
            AbortPercent = Double(keys, path, "abort_percent") ?? 0,
        };

        // Also accept Istio's own shape: delay {fixedDelay, percentage {value}}.
        var delayPath = DescriptionPath.Key(path, "delay");
        if (keys.TryGetValue("delay", out var delayNode) && delayNode is YamlTreeMapping delayMapping)
        {
            var delayKeys = Fields(delayMapping, delayPath, DescriptionKeys.IstioDelay);
            fault = fault with
            {
                Delay = Duration(delayKeys, delayPath, "fixed_delay") ?? Duration(delayKeys, delayPath, "fixedDelay"),
                DelayPercent = IstioPercent(delayPath, delayKeys) ?? fault.DelayPercent,
            };
        }
        else
        {
            fault = fault with { Delay = Duration(keys, path, "delay") };
        }

        var abortPath = DescriptionPath.Key(path, "abort");
        if (Child(keys, abortPath, DescriptionKeys.IstioAbortFields) is { } abortKeys)
        {
            fault = fault with
            {
                AbortHttpStatus = Int(abortKeys, abortPath, "http_status") ?? Int(abortKeys, abortPath, "httpStatus") ?? fault.AbortHttpStatus,
                AbortPercent = IstioPercent(abortPath, abortKeys) ?? fault.AbortPercent,
            };
        }

        return fault;
    }

    private double? IstioPercent(string path, Dictionary<string, YamlTreeNode> keys)
    {
        var percentagePath = DescriptionPath.Key(path, "percentage");
        if (Child(keys, percentagePath, DescriptionKeys.IstioPercentageFields) is { } percentage)
        {
            return Double(percentage, percentagePath, "value");
        }

        return Double(keys, path, "percent");
    }

    private RetryPolicyDescription? Retry(string path, Dictionary<string, YamlTreeNode> parent)
    {
        if (Child(parent, path, DescriptionKeys.Retry) is not { } keys)
        {
            return null;
        }

        var retry = new RetryPolicyDescription();
        return retry with
        {
            Attempts = Int(keys, path, "attempts") ?? retry.Attempts,
            PerTryTimeout = Duration(keys, path, "per_try_timeout") ?? Duration(keys, path, "perTryTimeout") ?? retry.PerTryTimeout,
            RetryOn = String(keys, path, "retry_on") ?? String(keys, path, "retryOn") ?? retry.RetryOn,
        };
    }
}
