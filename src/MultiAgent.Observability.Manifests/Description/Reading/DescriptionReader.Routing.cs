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
                Headers = Headers(rulePath, ruleKeys),
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

    /// <summary>Reads <c>headers</c>: each value a plain string (exact) or Istio's <c>{exact|prefix|regex: value}</c>.</summary>
    private List<HeaderMatchDescription> Headers(string rulePath, Dictionary<string, YamlTreeNode> keys)
    {
        var path = DescriptionPath.Key(rulePath, "headers");
        var headers = new List<HeaderMatchDescription>();
        if (!keys.TryGetValue("headers", out var node) || node is YamlTreeScalar { IsNull: true } ||
            Mapping(node, path, "a mapping of header names to values or to StringMatches ({exact|prefix|regex: value})") is not { } mapping)
        {
            return headers;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Entries)
        {
            if (keyNode is not YamlTreeScalar name)
            {
                Problem(path, $"a key must be a plain name, not {keyNode.Kind}", keyNode.Line);
                continue;
            }

            var itemPath = DescriptionPath.Key(path, name.Value);
            if (!seen.Add(name.Value))
            {
                Problem(itemPath, $"duplicate key '{name.Value}'", keyNode.Line);
                continue;
            }

            Note(itemPath, keyNode);
            if (valueNode is YamlTreeScalar value)
            {
                headers.Add(new HeaderMatchDescription { Name = name.Value, Value = value.IsNull && value.Value.Length == 0 ? "" : value.Value });
                continue;
            }

            if (valueNode is not YamlTreeMapping match)
            {
                WrongType(itemPath, valueNode, "a text value or a StringMatch ({exact|prefix|regex: value})");
                continue;
            }

            var matchKeys = Fields(match, itemPath, DescriptionKeys.StringMatch);
            if (matchKeys.Count > 1 || match.Entries.Count == 0)
            {
                Problem(itemPath, $"a StringMatch sets exactly one of exact, prefix and regex, not {(matchKeys.Count > 1 ? string.Join(" and ", matchKeys.Keys) : "none")}", valueNode.Line);
                continue;
            }

            foreach (var kind in matchKeys.Keys)
            {
                headers.Add(new HeaderMatchDescription
                {
                    Name = name.Value,
                    Kind = kind switch { "prefix" => HeaderMatchKind.Prefix, "regex" => HeaderMatchKind.Regex, _ => HeaderMatchKind.Exact },
                    Value = String(matchKeys, itemPath, kind) ?? "",
                });
            }
        }

        return headers;
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
