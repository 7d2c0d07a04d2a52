using MultiAgent.Observability.Alerting.Expressions;
using MultiAgent.Observability.Alerting.Templates;

namespace MultiAgent.Observability.Alerting.Evaluation;

/// <summary>
/// Validates rule groups and compiles them for evaluation, collecting every problem (source, line, field)
/// instead of stopping at the first. The same checks apply to rules from code, configuration and files.
/// </summary>
internal static class RuleCompiler
{
    /// <summary>The label that carries the alert name.</summary>
    public const string AlertNameLabel = "alertname";

    /// <summary>The label that carries the severity.</summary>
    public const string SeverityLabel = "severity";

    /// <summary>Compiles <paramref name="groups"/>; problems are added to <paramref name="errors"/>.</summary>
    /// <param name="groups">The groups, indexed as in their source.</param>
    /// <param name="source">The file name, or <c>code</c> / <c>configuration</c>.</param>
    /// <param name="lineOf">The line of a field path, or null when the source has no lines.</param>
    /// <param name="defaultInterval">The interval of groups that set none.</param>
    /// <param name="errors">Receives every problem.</param>
    /// <returns>The compiled groups (only meaningful when no error was added).</returns>
    public static List<CompiledGroup> Compile(
        IReadOnlyList<AlertRuleGroup> groups,
        string source,
        Func<string, int>? lineOf,
        TimeSpan defaultInterval,
        List<RuleError> errors)
    {
        var compiled = new List<CompiledGroup>(groups.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var path = $"groups[{g}]";
            void Fail(string field, string message) => errors.Add(new RuleError
            {
                Source = source,
                Line = lineOf?.Invoke(field) ?? 0,
                Field = field,
                Message = message,
            });

            if (group is null)
            {
                Fail(path, "a group is null");
                continue;
            }

            if (string.IsNullOrWhiteSpace(group.Name))
            {
                Fail(path + ".name", "a group needs a name");
            }
            else if (!names.Add(group.Name))
            {
                Fail(path + ".name", $"group '{group.Name}' is defined twice");
            }

            var interval = group.Interval ?? defaultInterval;
            if (interval <= TimeSpan.Zero)
            {
                Fail(path + ".interval", "the interval must be positive");
            }

            if (group.Limit < 0)
            {
                Fail(path + ".limit", "the limit cannot be negative");
            }

            CheckLabelNames(group.Labels, path + ".labels", Fail);
            var rules = new List<CompiledRule>();
            for (var r = 0; r < (group.Rules?.Count ?? 0); r++)
            {
                if (CompileRule(group, interval, group.Rules![r], $"{path}.rules[{r}]", Fail) is { } rule)
                {
                    rules.Add(rule);
                }
            }

            compiled.Add(new CompiledGroup { Name = group.Name ?? string.Empty, Interval = interval, Rules = rules, Source = group });
        }

        return compiled;
    }

    /// <summary>Builds a rule's label templates: group labels, rule labels (winning), severity and alertname; sorted by name.</summary>
    public static (string Name, AlertTemplate Value)[] BuildLabels(
        IEnumerable<KeyValuePair<string, string>> groupLabels,
        IEnumerable<KeyValuePair<string, string>> ruleLabels,
        string alertName,
        Severity severity,
        Action<string, string>? fail,
        string path)
    {
        var merged = new SortedDictionary<string, AlertTemplate>(StringComparer.Ordinal);
        foreach (var (origin, labels) in new[] { ("labels", groupLabels), ("labels", ruleLabels) })
        {
            foreach (var (name, value) in labels)
            {
                var template = AlertTemplate.Parse(value ?? string.Empty, out var error);
                if (template is null)
                {
                    fail?.Invoke($"{path}.{origin}.{name}", $"template does not parse: {error}");
                    continue;
                }

                if (value!.Contains("$value", StringComparison.Ordinal) || value.Contains(".Value", StringComparison.Ordinal))
                {
                    fail?.Invoke($"{path}.{origin}.{name}", "a label may not use $value: the alert's identity would change with every value (use an annotation)");
                    continue;
                }

                merged[name] = template;
            }
        }

        merged[SeverityLabel] = AlertTemplate.Parse(SeverityName(severity), out _)!;
        merged[AlertNameLabel] = AlertTemplate.Parse(alertName, out _)!;
        return [.. merged.Select(static p => (p.Key, p.Value))];
    }

    /// <summary>The label value of a severity: <c>info</c>, <c>warning</c>, <c>critical</c>, <c>emergency</c>.</summary>
    public static string SeverityName(Severity severity) => severity switch
    {
        Severity.Info => "info",
        Severity.Warning => "warning",
        Severity.Critical => "critical",
        _ => "emergency",
    };

    /// <summary>Parses a severity label value; null when unknown.</summary>
    public static Severity? ParseSeverity(string value) => value switch
    {
        "info" => Severity.Info,
        "warning" => Severity.Warning,
        "critical" => Severity.Critical,
        "emergency" => Severity.Emergency,
        _ => null,
    };

    private static CompiledRule? CompileRule(AlertRuleGroup group, TimeSpan interval, AlertRule? rule, string path, Action<string, string> fail)
    {
        if (rule is null)
        {
            fail(path, "a rule is null");
            return null;
        }

        var failed = false;
        void Fail(string field, string message)
        {
            failed = true;
            fail(field, message);
        }

        if (PrometheusNaming.ValidateMetricName(rule.Name) is { } nameError)
        {
            Fail(path + ".alert", nameError);
        }

        RuleExpression? expression = null;
        ExpressionNode? vector = null;
        if (string.IsNullOrWhiteSpace(rule.Expression))
        {
            Fail(path + ".expr", "a rule needs an expression");
        }
        else
        {
            expression = ExpressionParser.Parse(rule.Expression, out vector, out var exprError);
            if (expression is null && vector is null)
            {
                Fail(path + ".expr", exprError!);
            }
        }

        foreach (var (field, value) in new[] { ("for", rule.For), ("keep_firing_for", rule.KeepFiringFor), ("resolve_for", rule.ResolveFor) })
        {
            if (value < TimeSpan.Zero)
            {
                Fail($"{path}.{field}", "a duration cannot be negative");
            }
        }

        if (!Enum.IsDefined(rule.Severity))
        {
            Fail(path + ".labels.severity", $"unknown severity {rule.Severity}");
        }

        if (!Enum.IsDefined(rule.NoData))
        {
            Fail(path + ".no_data", $"unknown missing-data policy {rule.NoData}");
        }

        if (rule.MissingEvaluationsToResolve < 1)
        {
            Fail(path + ".missing_evaluations_to_resolve", "must be at least 1");
        }

        if (expression is not null)
        {
            if (rule.ResolveThreshold is { } resolve)
            {
                if (expression.Comparison is not (Comparison.Greater or Comparison.GreaterOrEqual or Comparison.Less or Comparison.LessOrEqual))
                {
                    Fail(path + ".resolve_threshold", "a resolve threshold needs a >, >=, < or <= condition");
                }
                else if (double.IsNaN(resolve) ||
                    (expression.Comparison is Comparison.Greater or Comparison.GreaterOrEqual ? resolve > expression.Threshold : resolve < expression.Threshold))
                {
                    Fail(path + ".resolve_threshold", $"the resolve threshold {resolve} must be on the other side of the fire threshold {expression.Threshold}");
                }
            }

            if (expression.IsAbsence && rule.NoData != NoDataPolicy.Resolve)
            {
                Fail(path + ".no_data", "an absence rule is about missing data; it takes no missing-data policy");
            }
        }

        if (vector is not null)
        {
            if (rule.ResolveThreshold is not null)
            {
                Fail(path + ".resolve_threshold", "a resolve threshold needs a single selector compared with a number");
            }

            if (rule.NoData != NoDataPolicy.Resolve)
            {
                Fail(path + ".no_data", "a combined expression has no per-series data to miss; it takes no missing-data policy");
            }
        }

        CheckLabelNames(rule.Labels, path + ".labels", Fail);
        foreach (var reserved in new[] { AlertNameLabel, SeverityLabel })
        {
            if (rule.Labels?.ContainsKey(reserved) == true || group.Labels?.ContainsKey(reserved) == true)
            {
                Fail($"{path}.labels.{reserved}", reserved == SeverityLabel ? "set the severity with Severity (severity: in a rule file)" : "alertname is the rule name");
            }
        }

        var labels = BuildLabels(group.Labels ?? EmptyLabels, rule.Labels ?? EmptyLabels, rule.Name ?? string.Empty, rule.Severity, Fail, path);
        var annotations = new List<(string, AlertTemplate)>();
        foreach (var (name, value) in (rule.Annotations ?? EmptyLabels).OrderBy(static a => a.Key, StringComparer.Ordinal))
        {
            if (PrometheusNaming.ValidateLabelName(name) is { } annotationError)
            {
                Fail($"{path}.annotations.{name}", annotationError);
                continue;
            }

            var template = AlertTemplate.Parse(value ?? string.Empty, out var templateError);
            if (template is null)
            {
                Fail($"{path}.annotations.{name}", $"template does not parse: {templateError}");
                continue;
            }

            annotations.Add((name, template));
        }

        if (failed || (expression is null && vector is null))
        {
            return null;
        }

        return new CompiledRule
        {
            Name = rule.Name!,
            GroupName = group.Name,
            Kind = vector is not null ? RuleKind.Vector : expression!.IsAbsence ? RuleKind.Absence : RuleKind.Series,
            Expression = expression,
            Vector = vector,
            ExpressionText = vector is not null ? ExpressionParser.Print(vector) : ExpressionParser.Print(expression!),
            Severity = rule.Severity,
            For = rule.For,
            KeepFiringFor = rule.KeepFiringFor,
            ResolveThreshold = rule.ResolveThreshold,
            ResolveFor = rule.ResolveFor,
            NoData = rule.NoData,
            MissingEvaluationsToResolve = rule.MissingEvaluationsToResolve,
            Limit = group.Limit,
            Interval = interval,
            Labels = labels,
            Annotations = [.. annotations],
            Source = rule,
        };
    }

    private static readonly Dictionary<string, string> EmptyLabels = [];

    private static void CheckLabelNames(IDictionary<string, string>? labels, string path, Action<string, string> fail)
    {
        foreach (var (name, value) in labels ?? EmptyLabels)
        {
            if (PrometheusNaming.ValidateLabelName(name) is { } error)
            {
                fail($"{path}.{name}", error);
            }
            else if (name == MonitoringLabels.AgentId || name.StartsWith("__", StringComparison.Ordinal))
            {
                fail($"{path}.{name}", $"'{name}' is reserved");
            }
            else if (value is null)
            {
                fail($"{path}.{name}", "a label value is null");
            }
        }
    }
}
