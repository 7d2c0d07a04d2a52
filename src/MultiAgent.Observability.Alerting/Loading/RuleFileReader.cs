using System.Globalization;
using MultiAgent.Observability.Alerting.Evaluation;
using MultiAgent.Observability.Alerting.Expressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MultiAgent.Observability.Alerting.Loading;

/// <summary>
/// Reads a YAML rule file shaped like a Prometheus rule file (<c>groups:</c> of <c>name</c>, <c>interval</c>, <c>limit</c>,
/// <c>labels</c>, <c>rules:</c> of <c>alert</c>, <c>expr</c>, <c>for</c>, <c>keep_firing_for</c>, <c>labels</c>, <c>annotations</c>)
/// plus our extensions (<c>resolve_threshold</c>, <c>resolve_for</c>, <c>no_data</c>, <c>missing_evaluations_to_resolve</c>).
/// Every problem is reported with the line and field path; the severity is the <c>severity</c> label.
/// </summary>
internal static class RuleFileReader
{
    private static readonly string[] GroupFields = ["name", "interval", "limit", "labels", "rules"];
    private static readonly string[] BudgetFields = ["name", "agents", "period", "amount", "currency"];
    private static readonly string[] RuleFields =
        ["alert", "expr", "for", "keep_firing_for", "labels", "annotations", "resolve_threshold", "resolve_for", "no_data", "missing_evaluations_to_resolve"];

    /// <summary>Reads the groups of one file; problems go to <paramref name="errors"/>, field lines to <paramref name="lines"/>.</summary>
    public static List<AlertRuleGroup> Read(string source, string text, List<RuleError> errors, Dictionary<string, int> lines) =>
        Read(source, text, errors, lines, []);

    /// <summary>Reads the groups and the cost budgets (<c>budgets:</c>, our extension) of one file.</summary>
    public static List<AlertRuleGroup> Read(string source, string text, List<RuleError> errors, Dictionary<string, int> lines, List<CostBudget> budgets)
    {
        var groups = new List<AlertRuleGroup>();
        void Fail(string field, YamlNode? node, string message) => errors.Add(new RuleError
        {
            Source = source,
            Line = node is null ? (lines.TryGetValue(field, out var l) ? l : 0) : (int)node.Start.Line,
            Field = field,
            Message = message,
        });

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            errors.Add(new RuleError { Source = source, Line = (int)e.Start.Line, Field = "(file)", Message = "not valid YAML: " + (e.InnerException?.Message ?? e.Message) });
            return groups;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return groups;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            Fail("(file)", stream.Documents[0].RootNode, "a rule file is a mapping with a 'groups' list");
            return groups;
        }

        foreach (var (key, value) in root.Children)
        {
            var name = ((YamlScalarNode)key).Value;
            if (name == "budgets")
            {
                ReadBudgets(value, lines, budgets, Fail);
                continue;
            }

            if (name != "groups")
            {
                Fail(name ?? "(key)", key, $"unknown field '{name}' (a rule file has 'groups' and 'budgets')");
                continue;
            }

            if (value is not YamlSequenceNode list)
            {
                Fail("groups", value, "'groups' must be a list");
                continue;
            }

            for (var g = 0; g < list.Children.Count; g++)
            {
                var path = $"groups[{g}]";
                lines[path] = (int)list.Children[g].Start.Line;
                if (list.Children[g] is not YamlMappingNode groupNode)
                {
                    Fail(path, list.Children[g], "a group must be a mapping");
                    continue;
                }

                groups.Add(ReadGroup(groupNode, path, lines, Fail));
            }
        }

        return groups;
    }

    private static void ReadBudgets(YamlNode value, Dictionary<string, int> lines, List<CostBudget> budgets, Action<string, YamlNode?, string> fail)
    {
        if (value is not YamlSequenceNode list)
        {
            fail("budgets", value, "'budgets' must be a list");
            return;
        }

        for (var b = 0; b < list.Children.Count; b++)
        {
            var path = $"budgets[{b}]";
            lines[path] = (int)list.Children[b].Start.Line;
            var budget = new CostBudget();
            budgets.Add(budget);
            if (list.Children[b] is not YamlMappingNode node)
            {
                fail(path, list.Children[b], "a budget must be a mapping");
                continue;
            }

            foreach (var (keyNode, field) in node.Children)
            {
                var key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
                var fieldPath = $"{path}.{key}";
                lines[fieldPath] = (int)field.Start.Line;
                switch (key)
                {
                    case "name":
                        budget.Name = Scalar(field, fieldPath, fail) ?? string.Empty;
                        break;
                    case "currency":
                        budget.Currency = Scalar(field, fieldPath, fail) ?? string.Empty;
                        break;
                    case "period":
                        budget.Period = Duration(field, fieldPath, fail) ?? budget.Period;
                        break;
                    case "amount":
                        budget.Amount = Scalar(field, fieldPath, fail) is { } a && double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
                            ? amount
                            : Invalid(fieldPath, field, fail, "the amount must be a number", double.NaN);
                        break;
                    case "agents":
                        if (field is not YamlSequenceNode agents)
                        {
                            fail(fieldPath, field, "'agents' must be a list of agent ids");
                            break;
                        }

                        for (var i = 0; i < agents.Children.Count; i++)
                        {
                            lines[$"{fieldPath}[{i}]"] = (int)agents.Children[i].Start.Line;
                            budget.Agents.Add(Scalar(agents.Children[i], $"{fieldPath}[{i}]", fail) ?? string.Empty);
                        }

                        break;
                    default:
                        fail(fieldPath, keyNode, $"unknown field '{key}' (a budget has {string.Join(", ", BudgetFields)})");
                        break;
                }
            }
        }
    }

    private static AlertRuleGroup ReadGroup(YamlMappingNode node, string path, Dictionary<string, int> lines, Action<string, YamlNode?, string> fail)
    {
        var group = new AlertRuleGroup { Name = string.Empty };
        foreach (var (keyNode, value) in node.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            var field = $"{path}.{key}";
            lines[field] = (int)keyNode.Start.Line;
            switch (key)
            {
                case "name":
                    group.Name = Scalar(value, field, fail) ?? string.Empty;
                    break;
                case "interval":
                    group.Interval = Duration(value, field, fail);
                    break;
                case "limit":
                    group.Limit = Scalar(value, field, fail) is { } limit && int.TryParse(limit, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
                        ? n
                        : Invalid(field, value, fail, "the limit must be a whole number", 0);
                    break;
                case "labels":
                    group.Labels = Map(value, field, lines, fail);
                    break;
                case "rules":
                    if (value is not YamlSequenceNode rules)
                    {
                        fail(field, value, "'rules' must be a list");
                        break;
                    }

                    for (var r = 0; r < rules.Children.Count; r++)
                    {
                        var rulePath = $"{path}.rules[{r}]";
                        lines[rulePath] = (int)rules.Children[r].Start.Line;
                        if (rules.Children[r] is YamlMappingNode ruleNode)
                        {
                            group.Rules.Add(ReadRule(ruleNode, rulePath, lines, fail));
                        }
                        else
                        {
                            fail(rulePath, rules.Children[r], "a rule must be a mapping");
                        }
                    }

                    break;
                default:
                    fail(field, keyNode, $"unknown field '{key}' (a group has {string.Join(", ", GroupFields)})");
                    break;
            }
        }

        return group;
    }

    private static AlertRule ReadRule(YamlMappingNode node, string path, Dictionary<string, int> lines, Action<string, YamlNode?, string> fail)
    {
        var rule = new AlertRule();
        foreach (var (keyNode, value) in node.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            var field = $"{path}.{key}";
            lines[field] = (int)value.Start.Line;
            switch (key)
            {
                case "alert":
                    rule.Name = Scalar(value, field, fail) ?? string.Empty;
                    break;
                case "record":
                    fail(field, keyNode, "recording rules are not supported; only alerting rules ('alert')");
                    break;
                case "expr":
                    rule.Expression = Scalar(value, field, fail) ?? string.Empty;
                    break;
                case "for":
                    rule.For = Duration(value, field, fail) ?? TimeSpan.Zero;
                    break;
                case "keep_firing_for":
                    rule.KeepFiringFor = Duration(value, field, fail) ?? TimeSpan.Zero;
                    break;
                case "resolve_for":
                    rule.ResolveFor = Duration(value, field, fail) ?? TimeSpan.Zero;
                    break;
                case "resolve_threshold":
                    rule.ResolveThreshold = Scalar(value, field, fail) is { } t && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var threshold)
                        ? threshold
                        : Invalid<double?>(field, value, fail, "the resolve threshold must be a number", null);
                    break;
                case "missing_evaluations_to_resolve":
                    rule.MissingEvaluationsToResolve = Scalar(value, field, fail) is { } m && int.TryParse(m, NumberStyles.Integer, CultureInfo.InvariantCulture, out var evaluations)
                        ? evaluations
                        : Invalid(field, value, fail, "must be a whole number", 1);
                    break;
                case "no_data":
                    rule.NoData = Scalar(value, field, fail) switch
                    {
                        "resolve" => NoDataPolicy.Resolve,
                        "keep_state" => NoDataPolicy.KeepState,
                        "alerting" => NoDataPolicy.Alerting,
                        var other => Invalid(field, value, fail, $"unknown missing-data policy '{other}' (resolve, keep_state, alerting)", NoDataPolicy.Resolve),
                    };
                    break;
                case "labels":
                    rule.Labels = Map(value, field, lines, fail);
                    if (rule.Labels.Remove(RuleCompiler.SeverityLabel, out var severity))
                    {
                        rule.Severity = RuleCompiler.ParseSeverity(severity) ?? Invalid(field + ".severity", null, fail, $"unknown severity '{severity}' (info, warning, critical, emergency)", Severity.Warning);
                    }

                    break;
                case "annotations":
                    rule.Annotations = Map(value, field, lines, fail);
                    break;
                default:
                    fail(field, keyNode, $"unknown field '{key}' (a rule has {string.Join(", ", RuleFields)})");
                    break;
            }
        }

        return rule;
    }

    private static T Invalid<T>(string field, YamlNode? node, Action<string, YamlNode?, string> fail, string message, T fallback)
    {
        fail(field, node, message);
        return fallback;
    }

    private static string? Scalar(YamlNode node, string field, Action<string, YamlNode?, string> fail)
    {
        if (node is YamlScalarNode scalar)
        {
            return scalar.Value;
        }

        fail(field, node, "expected a single value");
        return null;
    }

    private static TimeSpan? Duration(YamlNode node, string field, Action<string, YamlNode?, string> fail)
    {
        if (Scalar(node, field, fail) is not { } text)
        {
            return null;
        }

        var duration = PromDuration.Parse(text, out var error);
        if (duration is null)
        {
            fail(field, node, error!);
        }

        return duration;
    }

    private static Dictionary<string, string> Map(YamlNode node, string field, Dictionary<string, int> lines, Action<string, YamlNode?, string> fail)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is YamlScalarNode { Value: null or "" })
        {
            return map;
        }

        if (node is not YamlMappingNode mapping)
        {
            fail(field, node, "expected a mapping of names to values");
            return map;
        }

        foreach (var (key, value) in mapping.Children)
        {
            var name = ((YamlScalarNode)key).Value ?? string.Empty;
            lines[$"{field}.{name}"] = (int)key.Start.Line;
            if (Scalar(value, $"{field}.{name}", fail) is { } text)
            {
                map[name] = text;
            }
        }

        return map;
    }
}
